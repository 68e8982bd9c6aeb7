/**
 * B615, as bandit's `huggingface_unsafe_download`: in a file importing transformers,
 * datasets or huggingface_hub, `*.from_pretrained` (transformers), `load_dataset`
 * (datasets), `hf_hub_download` / `snapshot_download` (huggingface_hub) without a
 * `revision=` (or `commit_id=`) that looks like a commit hash (7+ hex digits). A first
 * argument that is a local path (`./`, `/`, `../`) is not flagged.
 */
import { defineRule } from '../../core/rule.js';
import { isModuleImportedLike, keywordLiteral, positionalLiteral } from '../../python/calls.js';

const PATTERNS = new Map<string, string>(Object.entries({
  from_pretrained: 'transformers',
  load_dataset: 'datasets',
  hf_hub_download: 'huggingface_hub',
  snapshot_download: 'huggingface_hub',
  repository_id: 'huggingface_hub',
}));
const HF_MODULES = ['transformers', 'datasets', 'huggingface_hub'];

export const huggingfaceUnsafeDownload = defineRule({
  id: 'B615',
  name: 'huggingface-unsafe-download',
  category: 'dependencies',
  severity: 'medium',
  confidence: 'high',
  cwe: [494],
  docs: {
    what: 'Flags Hugging Face Hub downloads (`from_pretrained`, `load_dataset`, `hf_hub_download`, `snapshot_download`) not pinned to a commit with `revision=`.',
    why: 'Branches and tags on the Hub can be moved; whoever controls the repository (or its account) can serve different weights or code later, and pickled weights run code when loaded (CWE-494).',
    example: 'model = AutoModel.from_pretrained("org/model")',
    instead: 'model = AutoModel.from_pretrained("org/model", revision="5d0f2e8a7f1b9c3e4d6a8b0c2e4f6a8b0c2d4e6f")',
    references: [
      'https://cwe.mitre.org/data/definitions/494.html',
      'https://huggingface.co/docs/huggingface_hub/en/guides/download',
      'https://bandit.readthedocs.io/en/latest/plugins/b615_huggingface_unsafe_download.html',
    ],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      if (!q) return;
      const parts = q.split('.');
      const fn = parts[parts.length - 1];
      const mod = PATTERNS.get(fn);
      if (!mod || !parts.includes(mod)) return;
      if (!HF_MODULES.some((m) => isModuleImportedLike(ctx.semantic, m))) return;
      const rev = keywordLiteral(node, 'revision') || keywordLiteral(node, 'commit_id');
      if (typeof rev === 'string') {
        const s = rev.replace(/^["']+|["']+$/g, '');
        if (s.length >= 7 && /^[0-9a-fA-F]+$/.test(s)) return;
      }
      const first = positionalLiteral(node, 0);
      if (typeof first === 'string' && (first.startsWith('./') || first.startsWith('/') || first.startsWith('../'))) return;
      ctx.report(node, {
        message: `Unsafe Hugging Face Hub download without revision pinning in ${fn}()`,
        fix: 'Pin revision= to a full commit hash (and prefer safetensors weights).',
      });
    },
  },
});
