/**
 * Sink kinds: the data-flow rule each one reports under, the taint bit a value must still
 * carry to reach it (a sanitizer clears bits), and the default text for messages.
 */
import { ALL_MASK, K } from '../model.js';
import type { SinkKind } from './types.js';

/** Rule ids of the data-flow rules (see src/rules/flow/). */
export const FLOW_RULES = {
  sql: 'KR101',
  command: 'KR102',
  code: 'KR103',
  path: 'KR104',
  ssrf: 'KR105',
  ssti: 'KR106',
  redirect: 'KR107',
  xss: 'KR108',
  deserialization: 'KR109',
  ldap: 'KR110',
  xpath: 'KR111',
  header: 'KR112',
  session: 'KR113',
  traceback: 'KR114',
  absolutePath: 'KR115',
  log: 'KR116',
  nosql: 'KR117',
  xxe: 'KR118',
  reflection: 'KR119',
  regex: 'KR137',
} as const;

/** The ids of the data-flow rules (a set, for "is this a flow rule?"). */
export const FLOW_RULE_IDS: ReadonlySet<string> = new Set(Object.values(FLOW_RULES));

/**
 * Rules that report flows from local input (command line, stdin, environment). A local
 * user who can pass a path or a URL to a program can already open or fetch it; injection
 * into a language the program speaks with its own authority — SQL, NoSQL operators, LDAP
 * filters and XPath queries against its data, shell commands and evaluated code — crosses
 * a boundary worth a finding (at lower severity and confidence than a request's).
 */
export const LOCAL_SOURCE_RULES: ReadonlySet<string> = new Set([FLOW_RULES.sql, FLOW_RULES.command, FLOW_RULES.code, FLOW_RULES.ldap, FLOW_RULES.xpath, FLOW_RULES.nosql]);

export interface KindInfo {
  rule: string;
  bit: number;
  label: string;
}

/**
 * Kind → rule, bit, label. Four kinds share the bit of a kind whose dangerous characters
 * and sanitizers are the same, until the taint model has bits of their own:
 * `log` shares `header` (CR/LF: what clears one clears the other), `nosql-code` (a
 * MongoDB `$where` string) shares `sql` (a query language), `xxe` shares
 * `deserialization` (a document given to a parser), `reflection` shares `code`. `nosql`
 * (query operators) has its own bit, which only structured request data carries.
 */
export const KINDS: Readonly<Record<SinkKind, KindInfo>> = {
  sql: { rule: FLOW_RULES.sql, bit: K.SQL, label: 'a SQL query' },
  command: { rule: FLOW_RULES.command, bit: K.SHELL, label: 'a shell command' },
  code: { rule: FLOW_RULES.code, bit: K.CODE, label: 'code evaluation' },
  path: { rule: FLOW_RULES.path, bit: K.PATH, label: 'a file path' },
  ssrf: { rule: FLOW_RULES.ssrf, bit: K.SSRF, label: 'the URL of an outgoing request' },
  ssti: { rule: FLOW_RULES.ssti, bit: K.SSTI, label: 'a template' },
  redirect: { rule: FLOW_RULES.redirect, bit: K.REDIRECT, label: 'a redirect target' },
  xss: { rule: FLOW_RULES.xss, bit: K.XSS, label: 'an HTML response' },
  deserialization: { rule: FLOW_RULES.deserialization, bit: K.DESER, label: 'a deserialiser that can run code' },
  ldap: { rule: FLOW_RULES.ldap, bit: K.LDAP, label: 'an LDAP filter' },
  xpath: { rule: FLOW_RULES.xpath, bit: K.XPATH, label: 'an XPath expression' },
  header: { rule: FLOW_RULES.header, bit: K.HEADER, label: 'an HTTP response header' },
  session: { rule: FLOW_RULES.session, bit: K.SESSION, label: 'the session' },
  traceback: { rule: FLOW_RULES.traceback, bit: K.RESPONSE, label: 'an HTTP response' },
  log: { rule: FLOW_RULES.log, bit: K.HEADER, label: 'a log message' },
  nosql: { rule: FLOW_RULES.nosql, bit: K.NOSQL, label: 'a NoSQL query' },
  'nosql-code': { rule: FLOW_RULES.nosql, bit: K.SQL, label: 'JavaScript run by a MongoDB query ($where)' },
  xxe: { rule: FLOW_RULES.xxe, bit: K.DESER, label: 'an XML parser that resolves external entities' },
  reflection: { rule: FLOW_RULES.reflection, bit: K.CODE, label: 'a module or attribute chosen by name' },
  regex: { rule: FLOW_RULES.regex, bit: K.REGEX, label: 'a regular expression pattern' },
};

/** Every sink kind name. */
export const SINK_KIND_NAMES = Object.keys(KINDS) as SinkKind[];

/** The taint bits of a list of kinds ('all': every kind user data can reach). */
export function bitsOf(kinds: readonly SinkKind[] | 'all'): number {
  if (kinds === 'all') return ALL_MASK;
  let b = 0;
  for (const k of kinds) b |= KINDS[k].bit;
  return b;
}
