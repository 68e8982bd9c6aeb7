import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("misc plugins", () => {
  it('B614 torch.load without weights_only=True', () =>
    testRule('B614', {
      valid: [
        'import torch\ntorch.load("m.pt", weights_only=True)',
        'import torch\ntorch.jit.load("m.pt")',
        'from torch import load\nload("m.pt")  # bandit needs `import torch`',
        'import pickle\npickle.load(f)',
      ],
      invalid: [
        { code: 'import torch\nm.load_state_dict(torch.load("m.pt"))', errors: [{ line: 2, column: 19, message: 'Use of unsafe PyTorch load' }], severity: 'medium', confidence: 'high' },
        { code: 'import torch\ntorch.load("m.pt",\n    map_location="cpu", weights_only=False)', lines: [2] },
      ],
    }));
});
