/**
 * Egress: where one Python file can send data out of the process, and the project summary.
 * The exact rule that turns the evidence (`via`) into the verdict (`canSendData`) is in
 * docs/egress.md; `analyzeEgress` (./analyze.ts) fills these, `summarizeEgress`
 * (./summary.ts) aggregates them.
 */

/** What kind of evidence one `via` entry is. */
export type EgressKind =
  /** An import of a network module (`import requests`, `from smtplib import SMTP`). */
  | 'import'
  /** A call of a network function or constructor (`socket.create_connection(...)`, `x.sendall(b)`). */
  | 'call'
  /** A URL literal with a network scheme (`https://api.example.org/v1`). */
  | 'url'
  /** A hostname literal (`smtp.gmail.com`, `localhost`). */
  | 'host'
  /** An IPv4 or IPv6 address literal (`10.0.0.5`, `::1`). */
  | 'ip'
  /** A credential used to reach a service, by name (`OPENAI_API_KEY` read from the environment). */
  | 'credential-name'
  /** A subprocess that runs a network tool (`curl`, `wget`, `nc`, `ssh`, `git push`…). */
  | 'subprocess';

/**
 * The family of way out. Imports and calls carry the family of their module; URLs, hosts
 * and IPs are 'endpoint'; credential names carry the family of their service when known.
 */
export type EgressChannel =
  | 'http'
  | 'socket'
  | 'tls'
  | 'server'
  | 'websocket'
  | 'rpc'
  | 'mail'
  | 'news'
  | 'ftp'
  | 'remote-shell'
  | 'cloud'
  | 'database'
  | 'queue'
  | 'llm'
  | 'saas'
  | 'telemetry'
  | 'dns'
  | 'directory'
  | 'browser'
  | 'network-tool'
  | 'subprocess'
  | 'endpoint'
  | 'credential';

/**
 * Where an endpoint points: 'local' (loopback, `localhost`, `0.0.0.0`), 'private'
 * (RFC 1918, link-local including the cloud metadata address, `*.internal`/`*.local`),
 * 'example' (documentation names and ranges: RFC 2606/6761 domains, RFC 5737/3849
 * addresses), 'public' (anything else) and 'unknown' (the host is computed, as in
 * `f"https://{host}/api"`).
 */
export type EndpointScope = 'local' | 'private' | 'example' | 'public' | 'unknown';

/** One piece of evidence that a file can (or cannot, see `counts`) send data out. */
export interface EgressVia {
  kind: EgressKind;
  /**
   * What was found: a module (`requests`), a qualified call (`smtplib.SMTP`), a URL or host
   * with any password or secret query value masked (`postgres://app:***@db.internal/x`), a
   * subprocess command line (`curl -s https://…`), a credential name with its service
   * (`OPENAI_API_KEY (OpenAI)`). At most 200 characters.
   */
  detail: string;
  /** 1-based line of the first occurrence in the file. */
  line: number;
  /** True when this entry alone makes the verdict "yes" (docs/egress.md, the rule). */
  counts: boolean;
  channel: EgressChannel;
  /** URLs, hosts and IPs only: where the endpoint points. */
  scope?: EndpointScope;
  /** URLs, hosts and IPs only: true when the literal is an argument of a call (directly or through a name). */
  passedToCall?: boolean;
  /** How many times the same kind and detail occur in the file (entries are deduplicated). */
  occurrences: number;
}

/** Where one file can send data out. Present for every parsed Python file when egress runs. */
export interface FileEgress {
  /** The verdict: true when at least one `via` entry `counts`. */
  canSendData: boolean;
  /**
   * Every piece of evidence, deduplicated by kind and detail, entries that count first then
   * by line; capped at {@link MAX_VIA} entries (`truncated` says so).
   */
  via: EgressVia[];
  /** The channels of the entries that count, sorted. */
  channels: EgressChannel[];
  /** True when more than {@link MAX_VIA} distinct entries were found and the rest dropped. */
  truncated?: boolean;
}

/** At most this many `via` entries are kept per file (a hostile file cannot bloat the report). */
export const MAX_VIA = 200;

/** A URL, host or IP seen in the project. */
export interface EgressEndpoint {
  kind: 'url' | 'host' | 'ip';
  /** As in `EgressVia.detail` (secrets masked). */
  value: string;
  scope: EndpointScope;
  /** True when it is passed to a call in at least one file. */
  passedToCall: boolean;
  /** Files that contain it, sorted (at most 20 listed). */
  files: string[];
  /** How many files contain it. */
  fileCount: number;
}

/** The project's egress: which files can send data out, through what, to where. */
export interface EgressSummary {
  /** Python files that egress analysed. */
  filesAnalysed: number;
  /** How many of them can send data out. */
  filesThatCanSendData: number;
  /** The files that can send data out, sorted by path; `via` are the counting entries, rendered (`import requests (line 3)`). */
  files: { path: string; via: string[]; channels: EgressChannel[] }[];
  /** Per channel: how many files use it (counting entries only), most used first. */
  byChannel: { channel: EgressChannel; files: number }[];
  /** Network modules imported or called, with the number of files, most used first. */
  modules: { module: string; channel: EgressChannel; files: number }[];
  /** URLs, hosts and IPs, non-local first, then by file count (at most 500). */
  endpoints: EgressEndpoint[];
  /** Network tools run through a subprocess, with the number of files. */
  subprocessTools: { tool: string; files: number }[];
  /** Credential names used to reach services, with the number of files. */
  credentialNames: { name: string; files: number }[];
}
