/**
 * Project-level posture checks (KR34x environment files, KR35x containers): their
 * metadata and documentation, and the one function that turns a check's result into a
 * finding. The per-file posture checks are code rules in `rules/posture/`.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../core/finding.js';
import type { RuleMeta } from '../core/rule-meta.js';
import { snippetAt } from '../core/snippet.js';
import { maskSecret } from '../core/mask.js';

const cwe = (n: number) => `https://cwe.mitre.org/data/definitions/${n}.html`;

function meta(m: RuleMeta): RuleMeta {
  return m;
}

export const ENV_NOT_IGNORED = meta({
  id: 'KR340', name: 'env-file-not-gitignored', category: 'config', severity: 'medium', confidence: 'high', cwe: [538],
  docs: {
    what: 'Flags `.env` files (not `.env.example`-style templates) that no `.gitignore` of the repository (nor `.git/info/exclude`) ignores.',
    why: 'A `.env` file holds the real configuration of one machine: passwords, API keys, database URLs. If git does not ignore it, the next `git add .` publishes it to everyone with access to the repository and its history (CWE-538 sensitive information in an externally accessible file).',
    example: '# .gitignore\n__pycache__/\n# (no .env line)',
    instead: '# .gitignore\n.env\n.env.*\n!.env.example',
    references: [cwe(538), 'https://git-scm.com/docs/gitignore', 'https://12factor.net/config'],
  },
});

export const ENV_COMMITTED = meta({
  id: 'KR341', name: 'env-file-committed', category: 'config', severity: 'high', confidence: 'high', cwe: [540, 538],
  docs: {
    what: 'Flags `.env` files with values that are tracked by git (listed in the repository index), whether or not `.gitignore` names them now.',
    why: 'A committed `.env` file stays in the history even after it is deleted or ignored: every clone holds its secrets (CWE-540 inclusion of sensitive information in source code).',
    example: '$ git ls-files\n.env',
    instead: 'git rm --cached .env, add it to .gitignore, rotate every credential it held, and commit a .env.example with empty values.',
    references: [cwe(540), 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository'],
  },
});

export const ENV_EXAMPLE_MISSING = meta({
  id: 'KR342', name: 'env-example-missing', category: 'config', severity: 'low', confidence: 'medium', cwe: [1059],
  docs: {
    what: 'Flags a project that has a `.env` file but no `.env.example` (or `.env.sample`, `.env.template`, `.env.dist`) beside it.',
    why: 'Without a documented template, people copy a real `.env` around (chat, e-mail, commits) to share the list of settings, and nobody knows which settings production needs (CWE-1059 insufficient technical documentation).',
    example: '.env  # real values, no .env.example',
    instead: '.env.example  # every variable, empty or with placeholder values, committed\n.env          # real values, ignored',
    references: [cwe(1059), 'https://12factor.net/config'],
  },
});

export const ENV_EXAMPLE_REAL_VALUES = meta({
  id: 'KR343', name: 'env-example-real-values', category: 'config', severity: 'high', confidence: 'medium', cwe: [798],
  docs: {
    what: 'Flags `.env.example`-style templates that hold values the secrets detectors take for real credentials.',
    why: 'Templates are committed on purpose; a real key in one is published with the code (CWE-798 hard-coded credentials).',
    example: 'OPENAI_API_KEY=sk-proj-…',
    instead: 'OPENAI_API_KEY=\n# or a marked placeholder: OPENAI_API_KEY=your-key-here',
    references: [cwe(798)],
  },
});

export const NO_PER_ENV_CONFIG = meta({
  id: 'KR344', name: 'no-per-environment-config', category: 'config', severity: 'low', confidence: 'low', cwe: [1188],
  docs: {
    what: 'Flags a web project (one with HTTP routes) that shows no sign of per-environment configuration: no settings read from the environment (`os.environ`, `os.getenv`, pydantic `BaseSettings`, python-decouple, django-environ, python-dotenv), no `DevelopmentConfig`/`ProductionConfig` classes, no `settings/production.py`-style modules and no `.env.example`.',
    why: 'When the same hard-coded settings serve development and production, debug switches, test keys and permissive hosts reach production (CWE-1188 insecure default initialization).',
    example: 'app.config["DEBUG"] = True\napp.config["SECRET_KEY"] = "dev"',
    instead: 'app.config.from_object(CONFIGS[os.environ.get("APP_ENV", "production")])',
    references: [cwe(1188), 'https://12factor.net/config', 'https://flask.palletsprojects.com/en/latest/config/#development-production'],
  },
});

export const UNBOUNDED_BODY = meta({
  id: 'KR345', name: 'unbounded-request-body', category: 'input-validation', severity: 'medium', confidence: 'medium', cwe: [770, 400],
  docs: {
    what: 'Flags routes that read the whole request body or uploads (`request.get_data()`, `request.data`, `request.files`, `await request.body()`) when the project sets no size limit (`MAX_CONTENT_LENGTH` for Flask) and the handler checks no length.',
    why: 'Without a limit one client can send gigabytes that the server buffers in memory or on disk, exhausting it for everyone (CWE-770 allocation of resources without limits).',
    example: 'raw = request.get_data()',
    instead: 'app.config["MAX_CONTENT_LENGTH"] = 2 * 1024 * 1024  # 413 for larger bodies',
    references: [cwe(770), 'https://flask.palletsprojects.com/en/latest/config/#MAX_CONTENT_LENGTH'],
  },
});

export const DOCKER_ROOT = meta({
  id: 'KR350', name: 'dockerfile-runs-as-root', category: 'config', severity: 'medium', confidence: 'high', cwe: [250],
  docs: {
    what: 'Flags a Dockerfile whose final stage has no `USER` instruction, or sets `USER root` / `USER 0`.',
    why: 'A process running as root in the container turns any code execution bug into root in the container, and a container escape into root on the host (CWE-250 execution with unnecessary privileges).',
    example: 'FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "app.py"]',
    instead: 'FROM python:3.12-slim\nRUN useradd --create-home app\nCOPY --chown=app . /app\nUSER app\nCMD ["python", "app.py"]',
    references: [cwe(250), 'https://docs.docker.com/build/building/best-practices/#user'],
  },
});

export const DOCKER_SECRET = meta({
  id: 'KR351', name: 'dockerfile-secret-in-build-config', category: 'config', severity: 'high', confidence: 'medium', cwe: [538, 798],
  docs: {
    what: 'Flags `ENV` and `ARG` instructions that give a credential-named variable (`*_PASSWORD`, `*_SECRET*`, `*_TOKEN`, `*_API_KEY`…) a literal value.',
    why: 'ENV values are stored in the image configuration and ARG values in its history: anyone who can pull the image reads them with `docker inspect` or `docker history` (CWE-538).',
    example: 'ENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI…',
    instead: 'RUN --mount=type=secret,id=aws_key ...  # build secrets; runtime secrets from the orchestrator',
    references: [cwe(538), 'https://docs.docker.com/build/building/secrets/'],
  },
});

export const DOCKER_ADD_URL = meta({
  id: 'KR352', name: 'dockerfile-add-remote-url', category: 'config', severity: 'medium', confidence: 'high', cwe: [494],
  docs: {
    what: 'Flags `ADD` instructions whose source is an http(s) URL (without `--checksum`).',
    why: 'ADD downloads whatever the server returns at build time, with no integrity check; a compromised or spoofed server puts its code in your image (CWE-494 download of code without integrity check).',
    example: 'ADD https://example.com/install.sh /tmp/install.sh',
    instead: 'ADD --checksum=sha256:<digest> https://example.com/install.sh /tmp/install.sh\n# or RUN curl -fsSLo f URL && echo "<sha256>  f" | sha256sum -c -',
    references: [cwe(494), 'https://docs.docker.com/reference/dockerfile/#add---checksum'],
  },
});

export const DOCKER_UNPINNED_BASE = meta({
  id: 'KR353', name: 'dockerfile-unpinned-base-image', category: 'config', severity: 'low', confidence: 'high', cwe: [1357, 494],
  docs: {
    what: 'Flags `FROM` images with no tag or the `latest` tag (and no `@sha256:` digest).',
    why: 'An unpinned base image changes under you: builds stop being reproducible and a compromised or broken upstream image flows straight into production (CWE-1357 reliance on insufficiently trustworthy component).',
    example: 'FROM python:latest',
    instead: 'FROM python:3.12.4-slim@sha256:<digest>',
    references: [cwe(1357), 'https://docs.docker.com/build/building/best-practices/#from'],
  },
});

export const DOCKER_PIP_UNPINNED = meta({
  id: 'KR354', name: 'dockerfile-pip-install-unpinned', category: 'config', severity: 'low', confidence: 'high', cwe: [494, 1357],
  docs: {
    what: 'Flags `RUN pip install <package>` in a Dockerfile where a package has no exact version (`==`) or direct reference (`@ url`); `-r requirements.txt` is left to the dependency audit.',
    why: 'Each build installs whatever version is newest that day, including a freshly published malicious or broken release (CWE-494).',
    example: 'RUN pip install flask requests',
    instead: 'COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt  # pinned, ideally with --require-hashes',
    references: [cwe(494), 'https://pip.pypa.io/en/stable/topics/secure-installs/'],
  },
});

export const COMPOSE_SECRET = meta({
  id: 'KR355', name: 'compose-secret-in-environment', category: 'config', severity: 'high', confidence: 'medium', cwe: [260, 798],
  docs: {
    what: 'Flags compose `environment:` entries that give a credential-named variable a literal value (not `${VAR}` interpolation).',
    why: 'Compose files are committed and shared; a password written there is published with the repository and visible to `docker inspect` (CWE-260 password in configuration file).',
    example: 'environment:\n  - DB_PASSWORD=Sup3rS3cret',
    instead: 'environment:\n  - DB_PASSWORD=${DB_PASSWORD}   # from an ignored .env\n# or compose secrets: and *_FILE variables',
    references: [cwe(260), 'https://docs.docker.com/compose/how-tos/use-secrets/'],
  },
});

export const COMPOSE_PRIVILEGED = meta({
  id: 'KR356', name: 'compose-privileged', category: 'config', severity: 'high', confidence: 'high', cwe: [250],
  docs: {
    what: 'Flags compose services with `privileged: true`.',
    why: 'A privileged container has every capability and all host devices; escaping to the host is trivial (CWE-250).',
    example: 'privileged: true',
    instead: 'cap_add: [NET_ADMIN]  # only the capability the service needs',
    references: [cwe(250), 'https://docs.docker.com/reference/compose-file/services/#privileged'],
  },
});

export const COMPOSE_HOST_NETWORK = meta({
  id: 'KR357', name: 'compose-host-network', category: 'config', severity: 'medium', confidence: 'high', cwe: [668],
  docs: {
    what: 'Flags compose services with `network_mode: host` (or `pid: host`/`ipc: host`).',
    why: "The container shares the host's network stack: it can reach services bound to localhost and every port it opens is exposed (CWE-668 exposure of resource to wrong sphere).",
    example: 'network_mode: host',
    instead: 'ports:\n  - "127.0.0.1:8000:8000"',
    references: [cwe(668), 'https://docs.docker.com/engine/network/drivers/host/'],
  },
});

export const COMPOSE_DOCKER_SOCKET = meta({
  id: 'KR358', name: 'compose-docker-socket-mount', category: 'config', severity: 'high', confidence: 'high', cwe: [250, 269],
  docs: {
    what: 'Flags compose volumes that mount the Docker socket (`/var/run/docker.sock`).',
    why: 'Access to the Docker socket is root on the host: the container can start a privileged container that mounts `/` (CWE-250).',
    example: 'volumes:\n  - /var/run/docker.sock:/var/run/docker.sock',
    instead: 'Do not mount the socket; if a tool needs the Docker API, put a filtering proxy in front of it with only the calls it needs.',
    references: [cwe(250), 'https://docs.docker.com/engine/security/#docker-daemon-attack-surface'],
  },
});

/** Every project-level posture check, for `krait rules` / `krait explain` (the catalog). */
export const POSTURE_RULES: readonly RuleMeta[] = [
  ENV_NOT_IGNORED, ENV_COMMITTED, ENV_EXAMPLE_MISSING, ENV_EXAMPLE_REAL_VALUES, NO_PER_ENV_CONFIG, UNBOUNDED_BODY,
  DOCKER_ROOT, DOCKER_SECRET, DOCKER_ADD_URL, DOCKER_UNPINNED_BASE, DOCKER_PIP_UNPINNED,
  COMPOSE_SECRET, COMPOSE_PRIVILEGED, COMPOSE_HOST_NETWORK, COMPOSE_DOCKER_SOCKET,
];

/** Build a finding of a project-level check at `line` of a file whose lines are given; `secret` is masked in the snippet. */
export function postureFinding(
  rule: RuleMeta,
  path: string,
  lines: readonly string[],
  line: number,
  message: string,
  opts: { fix?: string; secret?: string; severity?: Finding['severity']; properties?: Record<string, unknown> } = {},
): Finding {
  const l = Math.max(1, line);
  let snippet = lines.length ? snippetAt(lines, l, l) : '';
  if (opts.secret) snippet = snippet.split(opts.secret).join(maskSecret(opts.secret));
  const text = (lines[l - 1] ?? '').split(opts.secret ?? '\u0000').join(opts.secret ? maskSecret(opts.secret) : '\u0000').replace(/\s+/g, ' ').trim();
  return {
    ruleId: rule.id,
    ruleName: rule.name,
    category: rule.category,
    severity: opts.severity ?? rule.severity,
    confidence: rule.confidence,
    cwe: rule.cwe,
    message,
    location: { path, startLine: l, startColumn: 0, endLine: l, endColumn: (lines[l - 1] ?? '').length },
    snippet,
    fix: opts.fix ?? rule.docs.instead,
    fingerprint: createHash('sha256').update(`${rule.id}\u0000${path}\u0000${text}\u0000${message}`).digest('hex').slice(0, 16),
    ...(opts.properties ? { properties: opts.properties } : {}),
  };
}
