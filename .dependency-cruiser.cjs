/**
 * Import boundaries of krait's layers (docs/architecture.md), checked by `npm run lint`:
 *
 *   python ← core ← analyses ← rules ← report ← pipeline ← cli / api
 *
 * python/ (parser, AST, semantic model) depends on nothing of krait's; core/ holds the
 * finding and the rule contracts, which name the AST's node types.
 * A layer imports only the layers to its left; the analyses (taint, secrets, egress, deps,
 * posture, metrics) never import one another; nothing imports in a cycle.
 */
const ANALYSES = '(taint|secrets|egress|deps|posture|metrics)';
const layer = (name, allowed) => ({
  name: `layer-${name}`,
  comment: `${name} imports only ${allowed.join(', ')}`,
  severity: 'error',
  from: { path: `^src/${LAYERS[name]}` },
  to: { path: '^src/', pathNot: [`^src/${LAYERS[name]}`, ...allowed.map((a) => `^src/${LAYERS[a]}`)] },
});
const LAYERS = {
  analyses: `${ANALYSES}/`,
  core: '(core|types)/',
  python: 'python/',
  rules: '(rules|fix)/',
  report: 'report/',
  pipeline: 'pipeline/',
};
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'no import cycles', from: {}, to: { circular: true } },
    layer('python', []),
    layer('core', ['python']),
    {
      name: 'layer-analyses',
      comment: 'an analysis imports only core, python and its own folder',
      severity: 'error',
      from: { path: `^src/${ANALYSES}/` },
      to: { path: '^src/', pathNot: ['^src/(core|types|python)/', '^src/$1/'] },
    },
    layer('rules', ['core', 'python', 'analyses']),
    layer('report', ['core', 'python', 'analyses', 'rules']),
    layer('pipeline', ['core', 'python', 'analyses', 'rules', 'report']),
    {
      name: 'no-import-of-entry-points',
      comment: 'the CLI and the library API are entry points: nothing imports them',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(cli/|api\\.ts$)' },
      to: { path: '^src/(cli/|api\\.ts$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
