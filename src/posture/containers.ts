/**
 * Dockerfile and compose facts for the KR350–KR358 rules. Dockerfiles are parsed with
 * `dockerfile-ast` (continuations, the escape directive, JSON forms, heredocs); compose
 * files with `yaml` (with a line counter for positions).
 */
import { withoutContent } from '../core/text.js';
import type * as DockerfileAst from 'dockerfile-ast';
import type { Instruction } from 'dockerfile-ast';
import type * as Yaml from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import { lazyRequire } from '../core/lazy.js';
import type { FileDiagnostic } from '../core/file.js';
import { splitLines } from '../core/snippet.js';
import { isCredentialName } from '../core/credential-names.js';
import { maskSecret } from '../core/mask.js';
import { hasPlaceholderMarker, isTemplateOrEmpty } from '../core/placeholder.js';
import type { ComposeFacts, ComposeService, DockerInstruction, DockerfileFacts } from './types.js';

/** A literal credential value (not empty, not `$VAR`/`${VAR}`, not a placeholder) given to a credential-named variable, or undefined. */
export function literalSecret(name: string, value: string | null | undefined): string | undefined {
  if (!value || !isCredentialName(name)) return undefined;
  const v = value.trim().replace(/^(['"])(.*)\1$/, '$2');
  if (v.length < 4 || v.includes('$') || isTemplateOrEmpty(v) || hasPlaceholderMarker(v)) return undefined;
  if (/^\/run\/secrets\//.test(v) || /_FILE$/i.test(name)) return undefined;
  return v;
}

/** `lines` with every occurrence of each secret replaced by its mask. */
/** A YAML value as text (`String` of the scalar it holds; absent is empty). */
function scalarText(v: unknown): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- YAML scalars: strings, numbers, booleans, dates
  return v === undefined || v === null ? '' : String(v);
}

function maskAll(lines: string[], secrets: readonly string[]): string[] {
  if (!secrets.length) return lines;
  return lines.map((l) => secrets.reduce((acc, s) => acc.split(s).join(maskSecret(s)), l));
}

/** Loaded when a Dockerfile or compose file is first read (start-up). */
const dockerfileAst = lazyRequire<typeof DockerfileAst>('dockerfile-ast');
const yaml = lazyRequire<typeof Yaml>('yaml');

type Property = { getName(): string; getValue(): string | null; getRange(): { start: { line: number } } };

/** Parse one Dockerfile's text into the facts the KR350–KR354 rules check. */
export function dockerfileFacts(shownPath: string, text: string): DockerfileFacts {
  const doc = dockerfileAst().DockerfileParser.parse(text);
  const instructions = doc.getInstructions();
  const lines = maskAll(splitLines(text), instructions.flatMap((ins) => {
    const k = ins.getKeyword();
    if (k !== 'ENV' && k !== 'ARG') return [];
    return (ins as unknown as { getProperties(): Property[] }).getProperties().map((p) => literalSecret(p.getName(), p.getValue())).filter((x): x is string => !!x);
  }));
  const out: DockerInstruction[] = [];
  for (const ins of instructions) {
    const kw = ins.getKeyword();
    const line = ins.getRange().start.line + 1;
    if (kw === 'FROM') {
      const from = ins as unknown as { getImageName(): string | null; getImageTag(): string | null; getImageDigest(): string | null; getBuildStage(): string | null };
      out.push({ keyword: 'FROM', line, image: from.getImageName() ?? '', tag: from.getImageTag(), digest: from.getImageDigest(), stage: from.getBuildStage(), arguments: ins.getArgumentsContent() ?? '' });
    } else if (kw === 'USER') {
      out.push({ keyword: 'USER', line, user: ins.getArgumentsContent()?.trim() ?? '' });
    } else if (kw === 'ENV' || kw === 'ARG') {
      const props = (ins as unknown as { getProperties(): Property[] }).getProperties();
      out.push({ keyword: kw, line, properties: props.map((p) => ({ name: p.getName(), value: p.getValue(), line: p.getRange().start.line + 1 })) });
    } else if (kw === 'ADD') {
      const flags = (ins as unknown as { getFlags(): { getName(): string }[] }).getFlags().map((f) => f.getName());
      out.push({ keyword: 'ADD', line, flags, arguments: ins.getArguments().map((a) => a.getValue()) });
    } else if (kw === 'RUN') {
      out.push({ keyword: 'RUN', line, command: runCommand(ins) });
    }
  }
  return { path: shownPath, lines, instructions: out };
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
      const name = t.split(/[<>=!~[;]/)[0];
      if (TOOLING.test(name)) continue; // upgrading the installer itself
      out.push(t);
    }
  }
  return out;
}

/** Parse one compose file's text into the facts the KR355–KR358 rules check; invalid YAML becomes a diagnostic (and no facts). */
export function composeFacts(shownPath: string, text: string, diagnostics: FileDiagnostic[]): ComposeFacts | undefined {
  let lines = splitLines(text);
  const lc = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: lc, uniqueKeys: false });
  if (doc.errors.length) {
    diagnostics.push({ path: shownPath, kind: 'parse-error', message: `${shownPath}: invalid YAML (${withoutContent(doc.errors[0].message)}); compose checks skipped`, line: lc.linePos(doc.errors[0].pos[0]).line });
    return undefined;
  }
  const lineOf = (n: YamlNode | null | undefined) => (n && n.range ? lc.linePos(n.range[0]).line : 1);
  // Mask every literal credential of the file in every snippet (a finding's snippet shows neighbouring lines).
  const secrets: string[] = [];
  for (const m of text.matchAll(/^\s*-?\s*["']?([A-Za-z_][\w.-]*)["']?\s*[:=]\s*["']?([^"'\s#]+)/gm)) {
    const sv = literalSecret(m[1], m[2]);
    if (sv) secrets.push(sv);
  }
  lines = maskAll(lines, secrets);
  const facts: ComposeFacts = { path: shownPath, lines, services: [] };
  const services = doc.get('services', true);
  if (!yaml().isMap(services)) return facts;
  for (const svc of services.items as Pair<YamlNode, YamlNode>[]) {
    const body = svc.value;
    if (!yaml().isMap(body)) continue;
    const service: ComposeService = { name: yaml().isScalar(svc.key) ? String(svc.key.value) : '?', settings: [], volumes: [], environment: [] };
    facts.services.push(service);
    for (const item of body.items as Pair<YamlNode, YamlNode>[]) {
      const key = yaml().isScalar(item.key) ? String(item.key.value) : '';
      const v = item.value;
      if (yaml().isScalar(v)) service.settings.push({ key, value: v.value, line: lineOf(item.key) });
      if (key === 'volumes' && yaml().isSeq(v)) {
        for (const vol of v.items as YamlNode[]) {
          const src = yaml().isScalar(vol) ? String(vol.value).split(':')[0] : yaml().isMap(vol) ? scalarText(vol.get('source')) : '';
          service.volumes.push({ source: src, line: lineOf(vol) });
        }
      }
      if (key === 'environment') service.environment.push(...environmentEntries(v, lineOf));
    }
  }
  return facts;
}

/** The entries of a compose `environment:` value (list of `NAME=value` or a map). */
function environmentEntries(v: YamlNode | null, lineOf: (n: YamlNode | null | undefined) => number): ComposeService['environment'] {
  const entries: ComposeService['environment'] = [];
  if (yaml().isSeq(v)) {
    for (const e of v.items as YamlNode[]) {
      if (!yaml().isScalar(e)) continue;
      const s = String(e.value);
      const i = s.indexOf('=');
      entries.push({ name: i < 0 ? s : s.slice(0, i), value: i < 0 ? null : s.slice(i + 1), line: lineOf(e) });
    }
  } else if (yaml().isMap(v)) {
    for (const p of v.items as Pair<YamlNode, YamlNode>[]) {
      if (!yaml().isScalar(p.key)) continue;
      entries.push({ name: String(p.key.value), value: yaml().isScalar(p.value) && p.value.value !== null ? scalarText(p.value.value) : null, line: lineOf(p.key) });
    }
  }
  return entries;
}
