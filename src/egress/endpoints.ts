/**
 * Endpoints in string literals: URLs with a network scheme, hostnames and IP addresses,
 * with where they point (local, private, example, public) and any secret they carry masked.
 *
 * Only strings that *are* an endpoint are read: `"https://api.example.org/v1/{id}"`,
 * `"smtp.gmail.com"`, `"10.0.0.5:8080"`. Prose that mentions a URL (messages, help text)
 * is not, so documentation does not become evidence.
 */
import { isCredentialName } from '../core/credential-names.js';
import type { EndpointScope } from './types.js';

/** URL schemes that name a network protocol (file:, data:, sqlite: and the like are not). */
const NETWORK_SCHEMES = new Set([
  'http', 'https', 'ftp', 'ftps', 'sftp', 'tftp', 'ws', 'wss', 's3', 's3a', 's3n', 'gs', 'gcs', 'az', 'abfs', 'abfss', 'wasb', 'wasbs', 'adl',
  'smtp', 'smtps', 'imap', 'imaps', 'pop', 'pop3', 'pop3s', 'ldap', 'ldaps', 'mongodb', 'mongodb+srv', 'redis', 'rediss', 'amqp', 'amqps',
  'mqtt', 'mqtts', 'postgres', 'postgresql', 'postgresql+psycopg2', 'postgresql+asyncpg', 'postgresql+psycopg', 'mysql', 'mysql+pymysql',
  'mysql+mysqldb', 'mysql+aiomysql', 'mariadb', 'mssql', 'mssql+pyodbc', 'oracle', 'oracle+cx_oracle', 'cockroachdb', 'clickhouse', 'snowflake',
  'grpc', 'grpcs', 'tcp', 'udp', 'tls', 'ssl', 'ssh', 'git', 'git+ssh', 'git+https', 'svn', 'svn+ssh', 'telnet', 'nntp', 'news', 'rtsp', 'rtmp',
  'sip', 'xmpp', 'irc', 'ircs', 'kafka', 'nats', 'stomp', 'memcached', 'elasticsearch', 'neo4j', 'bolt', 'cassandra', 'couchbase', 'influxdb',
  'webdav', 'dav', 'davs', 'hdfs', 'webhdfs', 'rsync', 'smb', 'cifs', 'nfs', 'vnc', 'rdp', 'socks', 'socks4', 'socks5', 'socks5h', 'http+unix',
]);

const URL_RE = /^([a-z][a-z0-9+.-]{0,30}):\/\/([^\s/?#]*)([^\s]*)$/i;
const HOST_RE = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24})\.?(?::(\d{1,5}))?$/;
const IPV4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?::(\d{1,5}))?$/;
const IPV6_RE = /^\[?([0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7})\]?$/i;

/**
 * Top-level domains accepted for bare hostnames: generic and common country TLDs, minus
 * those that are also file extensions or Python names (.py, .sh, .md, .in, .info, .app,
 * .dev, .local, .test, .site, .run, .id, .int, .cloud…), so `"setup.py"`, `"logging.info"`,
 * `"settings.local"` or `"google.cloud"` are not hosts. URLs accept any TLD.
 */
const HOST_TLDS = new Set([
  'com', 'net', 'org', 'io', 'ai', 'co', 'edu', 'gov', 'mil', 'biz', 'us', 'uk', 'de', 'fr', 'jp', 'cn', 'ru', 'eu', 'ca', 'au', 'nl', 'se', 'ch',
  'es', 'br', 'xyz', 'tech', 'online', 'tv', 'gg', 'ly', 'ie', 'dk', 'fi', 'nz', 'pt', 'kr', 'tw', 'hk', 'sg', 'za', 'mx', 'cl', 'ua', 'cz',
  'hu', 'ro', 'gr', 'il', 'tr', 'vn', 'ph', 'arpa', 'internal', 'lan', 'corp', 'localhost', 'example', 'invalid', 'onion',
]);

/**
 * Hosts whose URLs are names, not places to connect: XML namespaces, SAX feature names,
 * JSON Schema and RDF vocabularies (`http://www.w3.org/XML/1998/namespace`).
 */
const IDENTIFIER_HOSTS = /^(?:www\.)?(?:w3\.org|xml\.org|purl\.org|xmlsoap\.org|schemas\.[a-z0-9.-]+|json-schema\.org|xmlns\.com|ns\.adobe\.com|relaxng\.org|docbook\.org|openoffice\.org|oasis-open\.org|opengis\.net|schema\.org)$/;

/** Well-known resolvers whose addresses look like version numbers. */
const SMALL_PUBLIC_IPS = new Set(['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4', '9.9.9.9', '4.2.2.2', '4.2.2.1']);

/** An endpoint read from a string literal. */
export interface Endpoint {
  kind: 'url' | 'host' | 'ip';
  /** Printable value: secrets masked, at most 200 characters. */
  value: string;
  /** The host (lowercase), or '' when computed. */
  host: string;
  scope: EndpointScope;
}

/** Scope of an IPv4 address given as four octets. */
function ipv4Scope(o: number[]): EndpointScope {
  const [a, b, c] = o as [number, number, number, number];
  if (a === 127 || (a === 0 && b === 0 && c === 0 && o[3] === 0) || (a === 255 && b === 255 && c === 255 && o[3] === 255)) return 'local';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127)) return 'private';
  if ((a === 192 && b === 0 && c === 2) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return 'example';
  return 'public';
}

function parseIpv4(s: string): number[] | undefined {
  const m = IPV4_RE.exec(s);
  if (!m) return undefined;
  const o = [m[1], m[2], m[3], m[4]].map(Number);
  if (o.some((x) => x > 255)) return undefined;
  if (m[5] !== undefined && Number(m[5]) > 65535) return undefined;
  return o;
}

function ipv6Scope(s: string): EndpointScope | undefined {
  const m = IPV6_RE.exec(s);
  if (!m) return undefined;
  const v = m[1].toLowerCase();
  // Needs '::' or eight groups, and at least one hex digit or '::' alone: "a:b:c" is not an address.
  const groups = v.split(':');
  if (!v.includes('::') && groups.length !== 8) return undefined;
  if (v.split('::').length > 2) return undefined;
  if (/^[0:]*:[0:]*(?::0*1)?$/.test(v)) return 'local';
  if (/^fe[89ab]/.test(v) || /^f[cd]/.test(v)) return 'private';
  if (v.startsWith('2001:db8')) return 'example';
  if (!/[0-9]/.test(v) && groups.filter(Boolean).length < 2) return undefined;
  return 'public';
}

/** Scope of a hostname (lowercase, no port). */
export function hostScope(host: string): EndpointScope {
  const h = host.replace(/\.$/, '');
  if (!h || h.includes('{') || h.includes('%') || h.includes('$')) return 'unknown';
  const ip = parseIpv4(h);
  if (ip) return ipv4Scope(ip);
  if (h.startsWith('[') || h.includes(':')) return ipv6Scope(h) ?? 'unknown';
  if (h === 'localhost' || h.endsWith('.localhost') || h === 'ip6-localhost' || h === 'ip6-loopback') return 'local';
  if (/(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid)$/.test(h)) return 'example';
  if (/\.(?:local|internal|lan|corp|home\.arpa|intranet|private)$/.test(h) || !h.includes('.')) return 'private';
  return 'public';
}

/** Mask the password of `user:pass@` and values of secret-named query parameters. */
function maskUrl(url: string, authority: string): string {
  let out = url;
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(':');
    const masked = colon >= 0 ? `${userinfo.slice(0, colon)}:***` : userinfo.length >= 16 ? '***' : userinfo;
    out = out.replace(`${userinfo}@`, `${masked}@`);
  }
  out = out.replace(/([?&;])([^=&#;]{1,60})=([^&#;]*)/g, (whole, sep: string, name: string, value: string) =>
    value && (isCredentialName(name) || /^(?:key|sig|signature|code|x-amz-signature|x-amz-credential|x-goog-signature|sv|se)$/i.test(name))
      ? `${sep}${name}=***`
      : whole,
  );
  return out.length > 200 ? `${out.slice(0, 199)}…` : out;
}

/**
 * Read a string literal as an endpoint, or undefined when it is not one. The literal
 * parts of an f-string are read with `{}` where the values go, so a URL whose host is
 * `{}` is a URL with an 'unknown' scope.
 */
export function parseEndpoint(raw: string): Endpoint | undefined {
  const s = raw.trim();
  if (s.length < 4 || s.length > 2048) return undefined;
  if (s.includes('://')) {
    const m = URL_RE.exec(s);
    if (!m) return undefined;
    const scheme = m[1].toLowerCase();
    if (!NETWORK_SCHEMES.has(scheme)) return undefined;
    const authority = m[2];
    const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
    let host: string;
    if (hostPort.startsWith('[')) host = hostPort.slice(0, hostPort.indexOf(']') + 1 || undefined);
    else host = hostPort.replace(/:\d*$/, '');
    host = host.toLowerCase();
    if (IDENTIFIER_HOSTS.test(host)) return undefined;
    if (!host) {
      // `s3://bucket` style URLs have the bucket as host; `http://` alone has nothing.
      return undefined;
    }
    const scope = /^(?:s3|s3a|s3n|gs|gcs|az|abfs|abfss|wasb|wasbs|adl)$/.test(scheme) && !host.includes('{') ? 'public' : hostScope(host);
    return { kind: 'url', value: maskUrl(s, authority), host: scope === 'unknown' ? '' : host, scope };
  }
  const c0 = s.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    const o = parseIpv4(s);
    if (o) {
      // Version-shaped addresses (every part below 10: "1.2.3.4", "2.5.4.3" OIDs) are not
      // read as IPs unless they are well-known public resolvers.
      if (o.every((x) => x < 10) && !SMALL_PUBLIC_IPS.has(s.replace(/:\d+$/, ''))) return undefined;
      return { kind: 'ip', value: s, host: s.replace(/:\d+$/, ''), scope: ipv4Scope(o) };
    }
  }
  if (s.includes(':') && !s.includes(' ')) {
    const scope = ipv6Scope(s);
    if (scope) return { kind: 'ip', value: s, host: s.toLowerCase(), scope };
  }
  if (s === 'localhost' || s.startsWith('localhost:')) {
    if (s === 'localhost' || /^localhost:\d{1,5}$/.test(s)) return { kind: 'host', value: s, host: 'localhost', scope: 'local' };
    return undefined;
  }
  if (s.includes('.') && s.length <= 253) {
    const m = HOST_RE.exec(s);
    if (m && HOST_TLDS.has(m[1])) {
      const host = s.replace(/:\d+$/, '').replace(/\.$/, '');
      return { kind: 'host', value: s, host, scope: hostScope(host) };
    }
  }
  return undefined;
}
