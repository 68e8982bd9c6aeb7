import { describe, it } from 'vitest';
import { testRule } from '../../helpers/rule-tester.js';

describe("crypto and network plugins", () => {
  it('B615 Hugging Face downloads without a pinned commit', () =>
    testRule('B615', {
      valid: [
        'from transformers import AutoModel\nAutoModel.from_pretrained("org/m", revision="5d0f2e8a7f1b9c3e")',
        'from transformers import AutoModel\nAutoModel.from_pretrained("./local/model")',
        'from huggingface_hub import hf_hub_download\nhf_hub_download(repo_id="org/m", filename="f", revision="abcdef1")',
        'model.from_pretrained("org/m")  # no Hugging Face import',
      ],
      invalid: [
        { code: 'from transformers import AutoModel\nAutoModel.from_pretrained("org/m")', errors: [{ line: 2, column: 1, message: 'Unsafe Hugging Face Hub download without revision pinning in from_pretrained()' }], severity: 'medium', confidence: 'high' },
        { code: 'from transformers import AutoTokenizer\nAutoTokenizer.from_pretrained("org/m", revision="main")', lines: [2] },
        { code: 'from datasets import load_dataset\nload_dataset("org/d", revision="v1.0")', lines: [2] },
        { code: 'import huggingface_hub\nhuggingface_hub.snapshot_download(repo_id="org/m")', lines: [2] },
      ],
    }));
});
