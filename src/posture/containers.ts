/**
 * Dockerfile and compose checks (KR350–KR358). Dockerfiles are parsed with
 * `dockerfile-ast` (continuations, the escape directive, JSON forms, heredocs); compose
 * files with `yaml` (with a line counter for positions).
 */
import { withoutContent } from '../core/text.js';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node as YamlNode, type Pair } from 'yaml';
import type { Finding } from '../core/finding.js';
import type { FileDiagnostic } from '../core/file.js';
import { splitLines } from '../core/snippet.js';
import { isCredentialName } from '../core/credential-names.js';
import { maskSecret } from '../core/mask.js';
import { hasPlaceholderMarker, isTemplateOrEmpty } from '../core/placeholder.js';
import {
  COMPOSE_DOCKER_SOCKET, COMPOSE_HOST_NETWORK, COMPOSE_PRIVILEGED, COMPOSE_SECRET, DOCKER_ADD_URL, DOCKER_PIP_UNPINNED, DOCKER_ROOT,
  DOCKER_SECRET, DOCKER_UNPINNED_BASE, postureFinding,
} from './rules.js';

/** A literal credential value (not empty, not `$VAR`/`${VAR}`, not a placeholder). */
function literalSecret(name: string, value: string | null | undefined): string | undefined {
  if (!value || !isCredentialName(name)) return undefined;
  const v = value.trim().replace(/^(['"])(.*)\1$/, '$2');
  if (v.length < 4 || v.includes('$') || isTemplateOrEmpty(v) || hasPlaceholderMarker(v)) return undefined;
  if (/^\/run\/secrets\//.test(v) || /_FILE$/i.test(name)) return undefined;
  return v;
}

/** `lines` with every occurrence of each secret replaced by its mask. */
function maskAll(lines: string[], secrets: readonly string[]): string[] {
  if (!secrets.length) return lines;
  return lines.map((l) => secrets.reduce((acc, s) => acc.split(s).join(maskSecret(s)), l));
}

/** Check one Dockerfile's text; findings are appended. */
export function checkDockerfile(shownPath: string, text: string, findings: Finding[]): void {
  const doc = DockerfileParser.parse(text);
  const instructions = doc.getInstructions();
  const lines = maskAll(splitLines(text), instructions.flatMap((ins) => {
    const k = ins.getKeyword();
    if (k !== 'ENV' && k !== 'ARG') return [];
    return (ins as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties().map((p) => literalSecret(p.getName(), p.getValue())).filter((x): x is string => !!x);
  }));
  const stages = new Set<string>();
  let lastFrom: Instruction | undefined;
  let lastUser: { ins: Instruction; user: string } | undefined;
  const line = (ins: Instruction) => ins.getRange().start.line + 1;
  for (const ins of instructions) {
    const kw = ins.getKeyword();
    if (kw === 'FROM') {
      const from = ins as unknown as { getImageName(): string | null; getImageTag(): string | null; getImageDigest(): string | null; getBuildStage(): string | null };
      const image = from.getImageName() ?? '';
      const stage = from.getBuildStage();
      lastFrom = ins;
      lastUser = undefined;
      if (image && image !== 'scratch' && !stages.has(image) && !image.includes('$')) {
        const tag = from.getImageTag();
        const digest = from.getImageDigest();
        if (!digest && (!tag || tag === 'latest')) {
          findings.push(postureFinding(DOCKER_UNPINNED_BASE, shownPath, lines, line(ins), `Base image ${image}${tag ? ':' + tag : ''} is not pinned (${tag ? 'latest' : 'no tag'}): builds pull whatever is newest.`, { fix: `FROM ${image}:<version>@sha256:<digest>` }));
        }
      }
      if (stage) stages.add(stage);
    } else if (kw === 'USER') {
      lastUser = { ins, user: ins.getArgumentsContent()?.trim() ?? '' };
    } else if (kw === 'ENV' || kw === 'ARG') {
      const props = (ins as unknown as { getProperties(): { getName(): string; getValue(): string | null; getRange(): { start: { line: number } } }[] }).getProperties();
      for (const p of props) {
        const secret = literalSecret(p.getName(), p.getValue());
        if (secret) findings.push(postureFinding(DOCKER_SECRET, shownPath, lines, p.getRange().start.line + 1, `${kw} ${p.getName()} bakes a credential (${maskSecret(secret)}) into the image ${kw === 'ENV' ? 'configuration' : 'history'}.`, { secret, fix: 'Use a build secret (RUN --mount=type=secret) and pass runtime secrets from the environment or the orchestrator.' }));
      }
    } else if (kw === 'ADD') {
      const flags = (ins as unknown as { getFlags(): { getName(): string }[] }).getFlags().map((f) => f.getName());
      const args = ins.getArguments().map((a) => a.getValue());
      const url = args.slice(0, -1).find((a) => /^https?:\/\//i.test(a));
      if (url && !flags.includes('checksum')) findings.push(postureFinding(DOCKER_ADD_URL, shownPath, lines, line(ins), `ADD downloads ${url} at build time without an integrity check.`));
    } else if (kw === 'RUN') {
      const unpinned = unpinnedPipPackages(runCommand(ins));
      if (unpinned.length) findings.push(postureFinding(DOCKER_PIP_UNPINNED, shownPath, lines, line(ins), `pip install without pinned versions: ${unpinned.join(', ')}.`, { fix: `Pin exact versions (${unpinned[0]}==<version>) or install from a pinned requirements file.` }));
    }
  }
  if (lastFrom) {
    if (!lastUser) {
      const fromText = lastFrom.getArgumentsContent() ?? '';
      if (!/nonroot|distroless.*:nonroot/.test(fromText)) findings.push(postureFinding(DOCKER_ROOT, shownPath, lines, line(lastFrom), 'The final image has no USER instruction: the application runs as root.', { fix: 'RUN useradd --create-home app\nUSER app' }));
    } else if (/^(root|0)(:.*)?$/.test(lastUser.user)) {
      findings.push(postureFinding(DOCKER_ROOT, shownPath, lines, line(lastUser.ins), `The final image runs as ${lastUser.user}.`, { fix: 'USER app  # an unprivileged user created in the image' }));
    }
  }
}

/** The shell command of a RUN instruction (JSON form joined with spaces). */
function runCommand(ins: Instruction): string {
  const json = (ins as unknown as { getJSONStrings?: () => { getValue(): string }[] }).getJSONStrings?.();
  if (json && json.length) return json.map((s) => s.getValue()).join(' ');
  return ins.getArgumentsContent() ?? '';
}

const PIP_OPTS_WITH_VALUE = new Set(['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--platform', '--python-version', '--implementation', '--abi', '--trusted-host', '--cache-dir', '--src', '--progress-bar', '--log', '--timeout', '--retries', '--proxy', '--cert', '--client-cert', '-e', '--editable', '--config-settings', '-C', '--only-binary', '--no-binary']);
const TOOLING = /^(pip|setuptools|wheel|pip-tools|uv)$/i;

/** Package arguments of `pip install` commands with no `==` pin or direct reference. */
export function unpinnedPipPackages(command: string): string[] {
  const out: string[] = [];
  for (const segment of command.split(/&&|\|\||;|\|/)) {
    const tokens = segment.trim().split(/\s+/);
    // `pip install`, `pip3 install`, `python -m pip install`, `uv pip install`.
    const start = tokens.findIndex((t, i) => t === 'install' && /(^|\/)pip[\d.]*$/.test(tokens[i - 1] ?? ''));
    if (start < 0) continue;
    for (let i = start + 1; i < tokens.length; i++) {
      const t = tokens[i].replace(/^['"]|['"]$/g, '');
      if (!t) continue;
      if (t.startsWith('-')) {
        if (PIP_OPTS_WITH_VALUE.has(t)) i++;
        continue;
      }
      if (t.startsWith('.') || t.startsWith('/') || /\.(whl|tar\.gz|zip)$/.test(t) || t.includes('://') || t.includes('@') || t.includes('$')) continue;
      if (/===?/.test(t)) continue;
      const name = t.split(/[<>=!~\[;]/)[0];
      if (TOOLING.test(name)) continue; // upgrading the installer itself
      out.push(t);
    }
  }
  return out;
}

/** Check one compose file's text; findings are appended, YAML errors become diagnostics. */
export function checkCompose(shownPath: string, text: string, findings: Finding[], diagnostics: FileDiagnostic[]): void {
  let lines = splitLines(text);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false });
  if (doc.errors.length) {
    diagnostics.push({ path: shownPath, kind: 'parse-error', message: `${shownPath}: invalid YAML (${withoutContent(doc.errors[0].message)}); compose checks skipped`, line: lc.linePos(doc.errors[0].pos[0]).line });
    return;
  }
  const lineOf = (n: YamlNode | null | undefined) => (n && n.range ? lc.linePos(n.range[0]).line : 1);
  // Mask every literal credential of the file in every snippet (a finding's snippet shows neighbouring lines).
  const secrets: string[] = [];
  for (const m of text.matchAll(/^\s*-?\s*["']?([A-Za-z_][\w.-]*)["']?\s*[:=]\s*["']?([^"'\s#]+)/gm)) {
    const sv = literalSecret(m[1], m[2]);
    if (sv) secrets.push(sv);
  }
  lines = maskAll(lines, secrets);
  const services = doc.get('services', true);
  if (!isMap(services)) return;
  for (const svc of services.items as Pair<YamlNode, YamlNode>[]) {
    const name = isScalar(svc.key) ? String(svc.key.value) : '?';
    const body = svc.value;
    if (!isMap(body)) continue;
    for (const item of body.items as Pair<YamlNode, YamlNode>[]) {
      const key = isScalar(item.key) ? String(item.key.value) : '';
      const v = item.value;
      if (key === 'privileged' && isScalar(v) && (v.value === true || v.value === 'true')) {
        findings.push(postureFinding(COMPOSE_PRIVILEGED, shownPath, lines, lineOf(item.key), `Service ${name} runs privileged: it has every capability and the host's devices.`));
      }
      if ((key === 'network_mode' || key === 'pid' || key === 'ipc') && isScalar(v) && v.value === 'host') {
        findings.push(postureFinding(COMPOSE_HOST_NETWORK, shownPath, lines, lineOf(item.key), `Service ${name} shares the host's ${key === 'network_mode' ? 'network stack' : key + ' namespace'} (${key}: host).`));
      }
      if (key === 'volumes' && isSeq(v)) {
        for (const vol of v.items as YamlNode[]) {
          const src = isScalar(vol) ? String(vol.value).split(':')[0] : isMap(vol) ? String((vol.get('source')) ?? '') : '';
          if (/(^|\/)docker\.sock$/.test(src)) findings.push(postureFinding(COMPOSE_DOCKER_SOCKET, shownPath, lines, lineOf(vol), `Service ${name} mounts the Docker socket (${src}): root on the host from inside the container.`));
        }
      }
      if (key === 'environment') {
        const entries: { k: string; val: string | null; node: YamlNode }[] = [];
        if (isSeq(v)) {
          for (const e of v.items as YamlNode[]) {
            if (!isScalar(e)) continue;
            const s = String(e.value);
            const i = s.indexOf('=');
            entries.push({ k: i < 0 ? s : s.slice(0, i), val: i < 0 ? null : s.slice(i + 1), node: e });
          }
        } else if (isMap(v)) {
          for (const p of v.items as Pair<YamlNode, YamlNode>[]) {
            if (!isScalar(p.key)) continue;
            entries.push({ k: String(p.key.value), val: isScalar(p.value) && p.value.value !== null ? String(p.value.value) : null, node: p.key });
          }
        }
        for (const e of entries) {
          const secret = literalSecret(e.k, e.val);
          if (secret) findings.push(postureFinding(COMPOSE_SECRET, shownPath, lines, lineOf(e.node), `Service ${name} sets ${e.k} to a literal credential (${maskSecret(secret)}) in the compose file.`, { secret, fix: `${e.k}: \${${e.k}}  # from an ignored .env, or use compose secrets with ${e.k}_FILE` }));
        }
      }
    }
  }
}
