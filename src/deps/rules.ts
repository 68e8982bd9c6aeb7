/**
 * The dependency and supply-chain rules (KR501–KR512): one metadata object each, with
 * the documentation `krait explain` prints. The checks themselves are in `checks.ts`
 * (supply chain), `match.ts` (advisories) and `imports.ts` (declared vs imported).
 *
 * CWE choices (MITRE CWE 4.x):
 * - Known-vulnerable component → 1395 "Dependency on Vulnerable Third-Party Component".
 * - Unpinned / open-ended requirement and no lock file → 1357 "Reliance on Insufficiently
 *   Trustworthy Component": the version that runs is chosen at install time by whoever
 *   controls the index, not reviewed by the project.
 * - Typosquat → 829 "Inclusion of Functionality from Untrusted Control Sphere": the
 *   look-alike project is published by someone else entirely (its hashes would match
 *   the attacker's files, so 494 "without integrity check" does not describe it).
 * - Missing hashes, plain-http index, VCS ref without a commit → 494 "Download of Code
 *   Without Integrity Check" (plain http also 319 "Cleartext Transmission").
 * - Extra index (dependency confusion) → 427 "Uncontrolled Search Path Element", the CWE
 *   MITRE and the dependency-confusion write-ups use for a resolver searching several indexes.
 * - Undeclared import → 1357 (the module comes from whatever happens to be installed);
 *   unused declared dependency → 1164 "Irrelevant Code" (attack surface for nothing).
 * - Obsolete (abandoned / deprecated) project → 1104 "Use of Unmaintained Third Party Components".
 */
import type { RuleMeta } from '../core/rule-meta.js';

const cwe = (n: number): string => `https://cwe.mitre.org/data/definitions/${n}.html`;

export const VULNERABLE_DEPENDENCY: RuleMeta = {
  id: 'KR501',
  name: 'vulnerable-dependency',
  category: 'dependencies',
  severity: 'high',
  confidence: 'high',
  cwe: [1395],
  docs: {
    what: 'A pinned or locked dependency version is affected by a published advisory (PyPA / OSV database).',
    why: 'Known vulnerabilities come with public details and often public exploits; the fixed version is usually a drop-in upgrade.',
    example: 'django==3.2.0',
    instead: 'django==3.2.25  # the lowest version that fixes every advisory krait lists',
    references: [cwe(1395), 'https://github.com/pypa/advisory-database', 'https://ossf.github.io/osv-schema/'],
  },
};

export const UNPINNED_REQUIREMENT: RuleMeta = {
  id: 'KR502',
  name: 'unpinned-requirement',
  category: 'dependencies',
  severity: 'medium',
  confidence: 'high',
  cwe: [1357],
  docs: {
    what: 'An application requirement has no exact version (`==`) and no lock file pins it; open-ended ones (no upper bound) are medium, bounded ranges low.',
    why: 'Each install may pull a different release, including a compromised or broken one, and audits of one environment say nothing about the next.',
    example: 'requests>=2.0',
    instead: 'requests==2.32.3  # or keep the range in pyproject.toml and commit a lock file (uv.lock, poetry.lock…)',
    references: [cwe(1357), 'https://pip.pypa.io/en/stable/topics/repeatable-installs/'],
  },
};

export const TYPOSQUAT: RuleMeta = {
  id: 'KR503',
  name: 'possible-typosquat',
  category: 'dependencies',
  severity: 'high',
  confidence: 'medium',
  cwe: [829],
  docs: {
    what: 'A requested project name is one or two edits away from a very popular project and is not popular itself.',
    why: 'Typosquatted packages on PyPI run code at install time (setup.py) or import time and have stolen credentials and tokens.',
    example: 'reqeusts==2.31.0',
    instead: 'requests==2.31.0',
    references: [cwe(829), 'https://arxiv.org/abs/2003.03471', 'https://blog.pypi.org/posts/2024-03-28-incident-report-typosquatting/'],
  },
};

export const NO_LOCK_FILE: RuleMeta = {
  id: 'KR504',
  name: 'no-lock-file',
  category: 'dependencies',
  severity: 'low',
  confidence: 'medium',
  cwe: [1357],
  docs: {
    what: 'A project declares dependencies with ranges but has no lock file and no fully pinned requirements file.',
    why: 'Without a lock, the transitive dependency tree is resolved anew on every install and cannot be audited or reproduced.',
    example: 'pyproject.toml with dependencies = ["flask>=2"] and nothing else',
    instead: 'commit uv.lock / poetry.lock / pdm.lock / Pipfile.lock, or a pip-compile --generate-hashes requirements.txt',
    references: [cwe(1357), 'https://peps.python.org/pep-0751/'],
  },
};

export const VULNERABLE_RANGE: RuleMeta = {
  id: 'KR505',
  name: 'range-admits-vulnerable-version',
  category: 'dependencies',
  severity: 'low',
  confidence: 'medium',
  cwe: [1395],
  docs: {
    what: 'A version range admits versions affected by advisories; the installed version is not known, so krait does not claim it is vulnerable.',
    why: 'A resolver constrained by other packages, a cache or an old index may pick an affected version the range still allows.',
    example: 'urllib3>=1.24',
    instead: 'urllib3>=2.2.2  # raise the lower bound to the first version that fixes every listed advisory',
    references: [cwe(1395), 'https://ossf.github.io/osv-schema/#evaluation'],
  },
};

export const MISSING_HASHES: RuleMeta = {
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
    references: [cwe(494), 'https://pip.pypa.io/en/stable/topics/secure-installs/#hash-checking-mode'],
  },
};

export const INSECURE_INDEX: RuleMeta = {
  id: 'KR507',
  name: 'insecure-package-index',
  category: 'dependencies',
  severity: 'high',
  confidence: 'high',
  cwe: [494, 319],
  docs: {
    what: 'A package index or find-links location is reached over plain http.',
    why: 'Anyone on the network path can substitute packages; pip only accepts it with --trusted-host, which turns off the check.',
    example: '--index-url http://pypi.internal/simple',
    instead: '--index-url https://pypi.internal/simple',
    references: [cwe(494), cwe(319)],
  },
};

export const EXTRA_INDEX: RuleMeta = {
  id: 'KR508',
  name: 'extra-index-dependency-confusion',
  category: 'dependencies',
  severity: 'medium',
  confidence: 'medium',
  cwe: [427],
  docs: {
    what: 'An extra package index is configured besides the primary one (`--extra-index-url`, a secondary Poetry/PDM/Pipenv/uv source).',
    why: 'pip picks the highest version across all indexes: an attacker who publishes an internal package name on PyPI with a higher version wins (dependency confusion).',
    example: '--extra-index-url https://pypi.internal/simple',
    instead: 'use one index that proxies PyPI (--index-url), or uv/Poetry explicit per-package index pinning',
    references: [cwe(427), 'https://medium.com/@alex.birsan/dependency-confusion-4a5d60fec610', 'https://docs.astral.sh/uv/configuration/indexes/'],
  },
};

export const VCS_WITHOUT_COMMIT: RuleMeta = {
  id: 'KR509',
  name: 'vcs-requirement-without-commit',
  category: 'dependencies',
  severity: 'medium',
  confidence: 'high',
  cwe: [494],
  docs: {
    what: 'A dependency is installed from a VCS URL with a branch, a tag or no ref instead of a full commit id.',
    why: 'Branches and tags move: whoever can push to the repository decides what gets installed next time.',
    example: 'git+https://github.com/org/lib.git@main#egg=lib',
    instead: 'git+https://github.com/org/lib.git@3f2c1e…(40 hex digits)#egg=lib',
    references: [cwe(494), 'https://pip.pypa.io/en/stable/topics/vcs-support/'],
  },
};

export const UNDECLARED_IMPORT: RuleMeta = {
  id: 'KR510',
  name: 'undeclared-dependency',
  category: 'dependencies',
  severity: 'low',
  confidence: 'medium',
  cwe: [1357],
  docs: {
    what: 'The code imports a third-party module whose distribution no manifest of the project declares.',
    why: 'It works only because something else installed it: its version is never audited, and a fresh install may fetch a different (or a squatted) project.',
    example: 'import yaml   # PyYAML in no requirements file',
    instead: 'declare PyYAML==6.0.2 in requirements.txt / pyproject.toml',
    references: [cwe(1357)],
  },
};

export const UNUSED_DEPENDENCY: RuleMeta = {
  id: 'KR511',
  name: 'unused-dependency',
  category: 'dependencies',
  severity: 'info',
  confidence: 'low',
  cwe: [1164],
  docs: {
    what: 'A runtime dependency is declared but none of its modules is imported by the scanned code.',
    why: 'Every installed project can run code at install and import time; unneeded ones add attack surface and advisories. Plugins, servers and drivers loaded by name are legitimate exceptions.',
    example: 'requests==2.32.3 in requirements.txt, no `import requests` anywhere',
    instead: 'remove the requirement, or move tools to a dev group',
    references: [cwe(1164)],
  },
};

export const OBSOLETE_DEPENDENCY: RuleMeta = {
  id: 'KR512',
  name: 'obsolete-dependency',
  category: 'dependencies',
  severity: 'medium',
  confidence: 'high',
  cwe: [1104],
  docs: {
    what: 'A dependency is a project its maintainers abandoned or deprecated (krait ships a short curated list with the reasons).',
    why: 'Nobody fixes its vulnerabilities any more; several on the list carry known, unfixed advisories.',
    example: 'pycrypto==2.6.1',
    instead: 'pycryptodome==3.21.0',
    references: ['https://cwe.mitre.org/data/definitions/1104.html'],
  },
};

/** Every dependency rule, by id. */
export const DEPENDENCY_RULES: readonly RuleMeta[] = [
  VULNERABLE_DEPENDENCY,
  UNPINNED_REQUIREMENT,
  TYPOSQUAT,
  NO_LOCK_FILE,
  VULNERABLE_RANGE,
  MISSING_HASHES,
  INSECURE_INDEX,
  EXTRA_INDEX,
  VCS_WITHOUT_COMMIT,
  UNDECLARED_IMPORT,
  UNUSED_DEPENDENCY,
  OBSOLETE_DEPENDENCY,
];
