import { defineProjectRule } from '../../core/rule.js';
import type { DependencyFacts } from '../../deps/facts.js';
import { cweUrl, reportDependency } from './report.js';

/**
 * KR506: pinned requirements without `--hash` values. CWE-494 "Download of Code Without
 * Integrity Check". In a requirements file that uses hash-checking mode (`--require-hashes`
 * or hashes on some lines): each line without one (medium); in a fully pinned requirements
 * file without any hash: one finding for the file; in a lock file: one finding naming the
 * entries without hashes (VCS and URL entries excepted).
 */
export const missingHashes = defineProjectRule<DependencyFacts>({
  id: 'KR506',
  name: 'missing-hashes',
  category: 'dependencies',
  severity: 'low',
  confidence: 'medium',
  cwe: [494],
  docs: {
    what: 'Pinned requirements without `--hash` values: a fully pinned requirements file, one that uses hash-checking mode for some lines but not others, or a lock entry without hashes.',
    why: 'A pin names a version, not the files: a replaced or re-uploaded artifact, or a compromised mirror, goes unnoticed without hashes.',
    example: 'flask==3.0.3',
    instead: 'flask==3.0.3 --hash=sha256:…  # pip-compile --generate-hashes; pip install --require-hashes',
    references: [cweUrl(494), 'https://pip.pypa.io/en/stable/topics/secure-installs/#hash-checking-mode'],
  },
  check(facts, ctx) {
    for (const m of facts.manifests) {
      const own = m.requirements.filter((r) => r.source.path === m.path && !r.local && !r.editable);
      if (m.format === 'requirements') {
        const anyHash = own.some((r) => r.hashes.length);
        if (m.requireHashes || anyHash) {
          for (const r of own.filter((x) => !x.hashes.length && x.role !== 'constraint')) {
            reportDependency(ctx, missingHashes, facts, r.source, {
              severity: 'medium',
              message: `${r.name} has no --hash while ${m.requireHashes ? '--require-hashes is set' : 'other lines use hash-checking mode'}: pip will refuse to install, or the line is edited by hand`,
              fix: 'regenerate with pip-compile --generate-hashes',
              properties: { package: r.name },
            });
          }
        } else if (own.length >= 1 && own.every((r) => r.version)) {
          reportDependency(ctx, missingHashes, facts, own[0].source, {
            message: `${m.path} pins all ${own.length} requirements but none has a --hash: pip cannot check the files it downloads`,
            fix: 'pip-compile --generate-hashes, then pip install --require-hashes -r ' + m.path,
            properties: { file: m.path, requirements: own.length },
          });
        }
      } else if (m.isLock) {
        const noHash = own.filter((r) => !r.hashes.length && !r.vcs && !r.url);
        const first = noHash[0];
        if (!first) continue;
        reportDependency(ctx, missingHashes, facts, first.source, {
          message: `${noHash.length} of ${own.length} entries of ${m.path} carry no file hashes (${noHash.slice(0, 5).map((r) => r.name).join(', ')}${noHash.length > 5 ? ', …' : ''})`,
          fix: 'regenerate the lock file with a tool version that records hashes',
          properties: { file: m.path, packages: noHash.map((r) => r.name) },
        });
      }
    }
  },
});
