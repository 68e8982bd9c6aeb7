/**
 * B614, as bandit's `pytorch_load`: in a file that does `import torch`, a call whose
 * qualified name contains `torch` and ends in `load` (not `torch.jit.load`) without
 * `weights_only=True`.
 */
import { defineRule } from '../../core/rule.js';
import { isModuleImportedExact, keywordIs } from '../../python/calls.js';

export const pytorchLoad = defineRule({
  id: 'B614',
  name: 'pytorch-load',
  category: 'code',
  severity: 'medium',
  confidence: 'high',
  cwe: [502],
  docs: {
    what: 'Flags `torch.load(...)` without `weights_only=True`.',
    why: '`torch.load` unpickles the file; a model file from an untrusted source runs arbitrary code when loaded (CWE-502). Before PyTorch 2.6 `weights_only` defaults to False.',
    example: 'model.load_state_dict(torch.load("model.pt"))',
    instead: 'model.load_state_dict(torch.load("model.pt", weights_only=True))\n# or safetensors.torch.load_file("model.safetensors")',
    references: [
      'https://cwe.mitre.org/data/definitions/502.html',
      'https://pytorch.org/docs/stable/generated/torch.load.html',
      'https://bandit.readthedocs.io/en/latest/plugins/b614_pytorch_load.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      if (!q || !isModuleImportedExact(ctx.semantic, 'torch')) return;
      const parts = q.split('.');
      if (parts[parts.length - 1] !== 'load' || !parts.includes('torch') || parts.includes('jit')) return;
      if (keywordIs(node, 'weights_only', 'True')) return;
      ctx.report(node, {
        message: 'Use of unsafe PyTorch load',
        fix: 'Pass weights_only=True, or store weights with safetensors.',
      });
    },
  },
});
