import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { keywordIs } from '../../python/calls.js';

const SAFE = new Set(['SafeLoader', 'CSafeLoader']);

function loaderName(e: A.Expr | undefined): string | undefined {
  if (!e) return undefined;
  if (e.type === 'Name') return e.id;
  if (e.type === 'Attribute') return e.attr;
  return undefined;
}

/** B506: `yaml.load` with a loader that can build arbitrary objects. */
export const yamlLoad = defineRule({
  id: 'B506',
  name: 'yaml-load',
  category: 'code',
  severity: 'medium',
  confidence: 'high',
  cwe: [502],
  docs: {
    what: 'Flags `yaml.load(...)` without `Loader=SafeLoader`/`CSafeLoader`.',
    why: "PyYAML's full and unsafe loaders construct arbitrary Python objects from tags such as `!!python/object/apply`, which runs code (CWE-502).",
    example: 'config = yaml.load(stream, Loader=yaml.Loader)',
    instead: 'config = yaml.safe_load(stream)',
    references: ['https://cwe.mitre.org/data/definitions/502.html', 'https://pyyaml.org/wiki/PyYAMLDocumentation', 'https://bandit.readthedocs.io/en/latest/plugins/b506_yaml_load.html'],
  },
  visit: {
    Call(node, ctx) {
      const q = ctx.callName(node);
      if (!q) return;
      const parts = q.split('.');
      if (parts[parts.length - 1] !== 'load' || !parts.includes('yaml')) return;
      if (keywordIs(node, 'Loader', 'SafeLoader') || keywordIs(node, 'Loader', 'CSafeLoader')) return;
      const pos = loaderName(node.args[1]);
      if (pos && SAFE.has(pos)) return;
      ctx.report(node, { message: 'Use of unsafe yaml load. Allows instantiation of arbitrary objects. Consider yaml.safe_load().', fix: 'Use yaml.safe_load(stream) or yaml.load(stream, Loader=yaml.SafeLoader).' });
    },
  },
});
