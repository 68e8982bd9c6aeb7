/**
 * KR147: a wheel, sdist, egg or zip that holds several entries of the same name. Reported
 * by the scan from the archive extraction (`discover/archive.ts`), which keeps the last
 * copy — the one Python's `zipfile` reads, and so the one pip installs — so the code
 * analysed is the code installed. The rule has no visitor: it is listed here so that
 * `krait rules`, `--select` and `--ignore` know it.
 */
import { defineRule } from '../../core/rule.js';

export const archiveDuplicateEntry = defineRule({
  id: 'KR147',
  name: 'archive-duplicate-entry',
  category: 'dependencies',
  severity: 'high',
  confidence: 'high',
  cwe: [434, 506],
  docs: {
    what: 'Flags package archives (wheels, sdists, eggs, zips) that contain two or more entries with the same path.',
    why: "Build tools never write the same path twice. When they occur, different readers see different files: a reviewer's unzip or a scanner that keeps the first copy sees harmless code, while Python's zipfile — and pip — take the last one. It is a known way to slip malicious code past review into an installed package (CWE-506, embedded malicious code).",
    example: 'pkg-1.0-py3-none-any.whl: pkg/__init__.py (benign) … pkg/__init__.py (malicious)',
    instead: 'Rebuild the archive from source (python -m build) and verify that every path appears once.',
    references: [
      'https://docs.python.org/3/library/zipfile.html',
      'https://packaging.python.org/en/latest/specifications/binary-distribution-format/',
      'https://cwe.mitre.org/data/definitions/506.html',
    ],
  },
  visit: {},
});
