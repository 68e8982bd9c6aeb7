/**
 * The project pass of egress: which files can send data out, through which channels and
 * modules, to which endpoints, with which tools and credential names.
 */
import { matchCall, matchImport } from './modules.js';
import type { EgressChannel, EgressEndpoint, EgressSummary, EgressVia, FileEgress } from './types.js';

/** At most this many endpoints are listed in the summary. */
const MAX_ENDPOINTS = 500;
/** At most this many files are listed per endpoint. */
const MAX_ENDPOINT_FILES = 20;

/** `import requests (line 3)`: one `via` entry as text. */
export function formatVia(v: Pick<EgressVia, 'kind' | 'detail' | 'line'>): string {
  return `${v.kind} ${v.detail} (line ${v.line})`;
}

/**
 * The one-line verdict of a file: `can send data out: yes, via import socket (line 3),
 * call smtplib.SMTP (line 40) and 3 more` or `can send data out: no`. At most `max`
 * entries are named.
 */
export function egressVerdict(e: FileEgress, max = 3): string {
  if (!e.canSendData) return 'can send data out: no';
  const counting = e.via.filter((v) => v.counts);
  const named = counting.slice(0, max).map(formatVia).join(', ');
  const more = counting.length - Math.min(max, counting.length);
  return `can send data out: yes, via ${named}${more > 0 ? ` and ${more} more` : ''}`;
}

function bump<K>(m: Map<K, number>, k: K): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

function sortedCounts<K>(m: Map<K, number>, key: (k: K) => string): [K, number][] {
  return [...m].sort((a, b) => b[1] - a[1] || key(a[0]).localeCompare(key(b[0])));
}

/** Rank of a scope when listing endpoints: those that leave the machine first. */
const SCOPE_RANK: Record<EgressEndpoint['scope'], number> = { public: 0, unknown: 1, private: 2, example: 3, local: 4 };

/**
 * Summarise the egress of a project's files. Files without `egress` (not Python, not
 * parsed, or egress off) are ignored. Each count is a number of files, not occurrences.
 *
 * @param files the per-file results (`FileResult` has this shape)
 */
export function summarizeEgress(files: { path: string; egress?: FileEgress }[]): EgressSummary {
  const analysed = files.filter((f): f is { path: string; egress: FileEgress } => !!f.egress && Array.isArray(f.egress.via));
  const channels = new Map<EgressChannel, number>();
  const modules = new Map<string, number>();
  const moduleChannel = new Map<string, EgressChannel>();
  const tools = new Map<string, number>();
  const creds = new Map<string, number>();
  const endpoints = new Map<string, EgressEndpoint>();
  const out: EgressSummary['files'] = [];

  for (const f of [...analysed].sort((a, b) => a.path.localeCompare(b.path))) {
    const e = f.egress;
    const fileModules = new Set<string>();
    const fileTools = new Set<string>();
    const fileCreds = new Set<string>();
    for (const v of e.via) {
      if (v.kind === 'import' || v.kind === 'call') {
        const m = v.kind === 'import' ? matchImport(v.detail) : matchCall(v.detail);
        if (m && !fileModules.has(m.module)) {
          fileModules.add(m.module);
          moduleChannel.set(m.module, m.channel);
        }
      } else if (v.kind === 'subprocess') {
        fileTools.add(v.detail.split(' ')[0]);
      } else if (v.kind === 'credential-name') {
        fileCreds.add(v.detail.replace(/ \(.*\)$/, ''));
      } else {
        const key = `${v.kind}\u0000${v.detail}`;
        let ep = endpoints.get(key);
        if (!ep) endpoints.set(key, (ep = { kind: v.kind, value: v.detail, scope: v.scope ?? 'unknown', passedToCall: false, files: [], fileCount: 0 }));
        ep.fileCount++;
        if (ep.files.length < MAX_ENDPOINT_FILES) ep.files.push(f.path);
        if (v.passedToCall) ep.passedToCall = true;
      }
    }
    for (const m of fileModules) bump(modules, m);
    for (const t of fileTools) bump(tools, t);
    for (const c of fileCreds) bump(creds, c);
    if (e.canSendData) {
      for (const ch of e.channels) bump(channels, ch);
      out.push({ path: f.path, via: e.via.filter((v) => v.counts).map(formatVia), channels: [...e.channels] });
    }
  }

  return {
    filesAnalysed: analysed.length,
    filesThatCanSendData: out.length,
    files: out,
    byChannel: sortedCounts(channels, String).map(([channel, n]) => ({ channel, files: n })),
    modules: sortedCounts(modules, String).map(([module, n]) => ({ module, channel: moduleChannel.get(module)!, files: n })),
    endpoints: [...endpoints.values()]
      .sort((a, b) => SCOPE_RANK[a.scope] - SCOPE_RANK[b.scope] || Number(b.passedToCall) - Number(a.passedToCall) || b.fileCount - a.fileCount || a.value.localeCompare(b.value))
      .slice(0, MAX_ENDPOINTS),
    subprocessTools: sortedCounts(tools, String).map(([tool, n]) => ({ tool, files: n })),
    credentialNames: sortedCounts(creds, String).map(([name, n]) => ({ name, files: n })),
  };
}
