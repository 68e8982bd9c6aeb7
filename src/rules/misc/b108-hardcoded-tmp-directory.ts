import { defineRule } from '../../core/rule.js';

/** B108: hardcoded paths in shared temporary directories. */
export const hardcodedTmpDirectory = defineRule({
  id: 'B108',
  name: 'hardcoded-tmp-directory',
  category: 'code',
  severity: 'medium',
  confidence: 'medium',
  cwe: [377],
  options: { tmp_dirs: ['/tmp', '/var/tmp', '/dev/shm'] },
  docs: {
    what: 'Flags string literals that start with a shared temporary directory (`/tmp`, `/var/tmp`, `/dev/shm`; configurable with the `hardcoded_tmp_directory` option `tmp_dirs`).',
    why: 'Any local user can create a file or symlink at a predictable path in a world-writable directory first, and so read, replace or redirect what the program writes there (CWE-377).',
    example: 'open("/tmp/report.csv", "w")',
    instead: 'with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:\n    ...',
    references: ['https://cwe.mitre.org/data/definitions/377.html', 'https://bandit.readthedocs.io/en/latest/plugins/b108_hardcoded_tmp_directory.html'],
  },
  visit: {
    Constant(node, ctx) {
      if (node.kind !== 'str') return;
      const dirs = ctx.option<string[]>('tmp_dirs');
      const v = node.value as string;
      if (dirs.some((d) => v.startsWith(d))) {
        ctx.report(node, { message: 'Probable insecure usage of temp file/directory.', fix: 'Use the tempfile module (mkstemp, NamedTemporaryFile, TemporaryDirectory) instead of a fixed path.' });
      }
    },
  },
});
