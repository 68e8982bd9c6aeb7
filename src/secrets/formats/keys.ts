/** Private keys and self-describing tokens (JWT, HTTP auth headers, tool-specific credentials). */
import { ALNUM, B64, B64URL, LOWER_ALNUM, fmt, seq, type SecretFormat } from './types.js';

/** A fake PEM body: `lines` lines of 64 counted base64 characters. */
export function fakePemBody(lines = 6, offset = 0): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(seq(B64, 64, offset + i * 7));
  return out;
}

function pem(label: string, body = fakePemBody()): string {
  return [`-----BEGIN ${label}-----`, ...body, `-----END ${label}-----`].join('\n');
}

/**
 * Single-line form of a PEM private key (JSON strings with `\n` escapes, env values with
 * spaces). The multi-line form is found by the PEM pass in `scan.ts`, which reports the
 * same format ids.
 */
function privateKey(id: string, name: string, labelSource: string, label: string): SecretFormat {
  return fmt({
    id, name, group: 'private-key', rule: 'KR205', severity: 'critical', cwe: [321, 798],
    regex: `-----BEGIN ${labelSource}-----(?:\\\\[rn]|\\s){0,4}(?<secret>[A-Za-z0-9+/=](?:[A-Za-z0-9+/=]|\\\\[rn]|[ \\t]){63,12000})`,
    keywords: ['-----begin'], entropy: 4,
    tp: [pem(label), `{"private_key": "-----BEGIN ${label}-----\\n${fakePemBody(4, 3).join('\\n')}\\n-----END ${label}-----\\n"}`],
    fp: [`-----BEGIN ${label}-----`, `if line.startswith("-----BEGIN ${label}-----"):`, `-----BEGIN ${label}-----\n...\n-----END ${label}-----`],
    source: 'https://www.rfc-editor.org/rfc/rfc7468 ; gitleaks:private-key',
  });
}

/** Labels of the PEM private key formats, as the PEM pass maps them back to format ids. */
export const PEM_LABELS: ReadonlyArray<{ label: RegExp; id: string }> = [
  { label: /^RSA PRIVATE KEY$/, id: 'private-key-rsa' },
  { label: /^EC PRIVATE KEY$/, id: 'private-key-ec' },
  { label: /^DSA PRIVATE KEY$/, id: 'private-key-dsa' },
  { label: /^OPENSSH PRIVATE KEY$/, id: 'private-key-openssh' },
  { label: /^ENCRYPTED PRIVATE KEY$/, id: 'private-key-pkcs8-encrypted' },
  { label: /^PGP PRIVATE KEY BLOCK$/, id: 'private-key-pgp' },
  { label: /^SSH2 ENCRYPTED PRIVATE KEY$/, id: 'private-key-ssh2' },
  { label: /PRIVATE KEY/, id: 'private-key-pkcs8' },
];

function jwtSample(): string {
  const enc = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc({ sub: '1234567890', name: 'Fake User', iat: 1516239022 })}.${seq(B64URL, 43, 5)}`;
}

/** A JWT's header must decode to a JSON object naming an algorithm. */
function isJwt(token: string): boolean {
  const head = token.split('.')[0] ?? '';
  try {
    const json = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as unknown;
    return typeof json === 'object' && json !== null && 'alg' in json;
  } catch {
    return false;
  }
}

/** `Basic` credentials must decode to printable `user:password`. */
function isBasicCredentials(b64: string): boolean {
  const s = Buffer.from(b64, 'base64').toString('latin1');
  return /^[\x21-\x7e]{1,100}:[\x20-\x7e]{3,200}$/.test(s) && !/:(?:password|pass|secret|\*+|x+)$/i.test(s);
}

/** Private keys (rule KR205). */
export const KEY_FORMATS: SecretFormat[] = [
  privateKey('private-key-rsa', 'RSA private key', 'RSA PRIVATE KEY', 'RSA PRIVATE KEY'),
  privateKey('private-key-ec', 'EC private key', 'EC PRIVATE KEY', 'EC PRIVATE KEY'),
  privateKey('private-key-dsa', 'DSA private key', 'DSA PRIVATE KEY', 'DSA PRIVATE KEY'),
  privateKey('private-key-openssh', 'OpenSSH private key', 'OPENSSH PRIVATE KEY', 'OPENSSH PRIVATE KEY'),
  privateKey('private-key-pkcs8-encrypted', 'encrypted PKCS#8 private key', 'ENCRYPTED PRIVATE KEY', 'ENCRYPTED PRIVATE KEY'),
  privateKey('private-key-pkcs8', 'PKCS#8 private key', 'PRIVATE KEY', 'PRIVATE KEY'),
  privateKey('private-key-pgp', 'PGP private key block', 'PGP PRIVATE KEY BLOCK', 'PGP PRIVATE KEY BLOCK'),
  fmt({
    id: 'private-key-ssh2', name: 'SSH2 (SECSH) encrypted private key', group: 'private-key', rule: 'KR205', severity: 'critical', cwe: [321, 798],
    regex: `---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----(?<secret>(?:[A-Za-z0-9+/=]|\\\\[rn]|[ \\t]){64,12000})`, keywords: ['---- begin ssh2'], entropy: 4,
    tp: [['---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----', ...fakePemBody(5, 2), '---- END SSH2 ENCRYPTED PRIVATE KEY ----'].join('\n')],
    fp: ['---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----'],
    source: 'https://www.rfc-editor.org/rfc/rfc4716',
  }),
  fmt({
    id: 'private-key-putty', name: 'PuTTY private key', group: 'private-key', rule: 'KR205', severity: 'critical', cwe: [321, 798],
    regex: `PuTTY-User-Key-File-[23]:[^\\n]{0,200}?Private-Lines:\\s{0,3}\\d{1,3}(?:\\\\[rn]|\\s){1,4}(?<secret>(?:[A-Za-z0-9+/=]|\\\\[rn]){64,12000})`, keywords: ['putty-user-key-file-'], entropy: 4,
    tp: [['PuTTY-User-Key-File-3: ssh-ed25519', 'Encryption: none', 'Comment: fake', 'Public-Lines: 2', ...fakePemBody(2, 1), 'Private-Lines: 1', seq(B64, 64, 30), 'Private-MAC: 0000'].join('\n')],
    fp: ['PuTTY-User-Key-File-3: ssh-ed25519'],
    source: 'https://the.earth.li/~sgtatham/putty/0.78/htmldoc/AppendixC.html',
  }),
];

/** Self-describing tokens and tool-specific credentials; after the providers in priority. */
export const TOKEN_FORMATS: SecretFormat[] = [
  fmt({
    id: 'jwt', name: 'JSON Web Token', group: 'token', severity: 'medium',
    regex: `${'(?<![A-Za-z0-9_\\-])'}(?<secret>eyJ[A-Za-z0-9_\\-]{10,2000}\\.eyJ[A-Za-z0-9_\\-]{4,8000}\\.[A-Za-z0-9_\\-]{10,2000})(?![A-Za-z0-9_\\-])`, keywords: ['eyj'], entropy: 3,
    validate: isJwt,
    tp: [`token = "${jwtSample()}"`], fp: ['eyJhbGciOi.eyJzdWIi.short', `eyJ${seq(ALNUM, 20)}.eyJ${seq(ALNUM, 20)}.${seq(ALNUM, 20)}`],
    source: 'https://www.rfc-editor.org/rfc/rfc7519 ; gitleaks:jwt',
  }),
  fmt({
    id: 'http-basic-auth-header', name: 'HTTP Basic authorization credentials', group: 'token',
    regex: `[Aa]uthorization['"]{0,1}\\s{0,3}[:=,]\\s{0,3}['"]{0,1}\\s{0,3}Basic\\s{1,3}(?<secret>[A-Za-z0-9+/]{8,500}={0,2})(?![A-Za-z0-9+/=])`, keywords: ['basic'], entropy: 2.5,
    validate: isBasicCredentials,
    tp: [`headers = {"Authorization": "Basic ${Buffer.from('deploy:Fake-Pass-2468').toString('base64')}"}`], fp: [`"Authorization": "Basic ${Buffer.from('user:password').toString('base64')}"`, 'Authorization: Basic <base64>'],
    source: 'https://www.rfc-editor.org/rfc/rfc7617 ; gitleaks:curl-auth-header',
  }),
  fmt({
    id: 'http-bearer-token', name: 'HTTP Bearer token', group: 'token', severity: 'medium',
    regex: `[Bb]earer\\s{1,3}(?<secret>[A-Za-z0-9_\\-.~+/]{20,1000}={0,2})(?![A-Za-z0-9_\\-.~+/=])`, keywords: ['bearer'], entropy: 3.5,
    tp: [`curl -H "Authorization: Bearer ${seq(B64URL, 40, 17)}" https://api.internal/v1`], fp: ['Authorization: Bearer {token}', 'the bearer token is passed in the header'],
    source: 'https://www.rfc-editor.org/rfc/rfc6750',
  }),
  fmt({
    id: 'docker-config-auth', name: 'Docker registry auth in config.json', group: 'package-registry',
    regex: `"auth"\\s{0,3}:\\s{0,3}"(?<secret>[A-Za-z0-9+/]{8,500}={0,2})"`, keywords: ['"auth"'], entropy: 2.5,
    validate: isBasicCredentials,
    tp: [`{"auths": {"registry.example.net": {"auth": "${Buffer.from('ci-bot:Fake-Registry-Pass-13').toString('base64')}"}}}`], fp: ['{"auth": ""}', `{"auth": "${Buffer.from('nocolon').toString('base64')}"}`],
    source: 'https://docs.docker.com/reference/cli/docker/login/#credential-stores',
  }),
  fmt({
    id: 'curl-user-password', name: 'curl -u user:password', group: 'token',
    regex: `curl\\s[^\\n]{0,300}?\\s(?:-u|--user)[\\s=]{1,3}['"]{0,1}(?<user>[^\\s:'"$]{1,100}):(?<secret>[^\\s'"$]{3,200})`, keywords: ['curl'], entropy: 2,
    tp: ['curl -s -u deploy:Fk7-Trx9-Wq2 https://repo.internal/api'], fp: ['curl -u "$USER:$PASS" https://x', 'curl -u user:password https://x'],
    source: 'gitleaks:curl-auth-user',
  }),
  fmt({
    id: 'sshpass-password', name: 'sshpass -p password', group: 'token',
    regex: `sshpass\\s{1,5}-p\\s{0,3}['"]{0,1}(?<secret>[^\\s'"$]{3,200})`, keywords: ['sshpass'], entropy: 2,
    tp: ['sshpass -p Fk7Trx9Wq2z ssh admin@10.0.0.5'], fp: ['sshpass -p "$SSH_PASS" ssh x', 'sshpass -e ssh x'],
    source: 'https://linux.die.net/man/1/sshpass',
  }),
  fmt({
    id: 'mysql-cli-password', name: 'mysql/mysqldump -p<password>', group: 'database', cwe: [259, 798],
    regex: `mysql(?:dump|admin){0,1}\\s[^\\n]{0,200}?\\s(?:-p|--password=)(?<secret>[^\\s'"$-][^\\s'"$]{3,100})`, keywords: ['mysql'], entropy: 2,
    tp: ['mysqldump -u root -pFk7Trx9Wq2z appdb > dump.sql'], fp: ['mysql -u root -p appdb', 'mysql -u root -p"$MYSQL_PWD" appdb'],
    source: 'https://dev.mysql.com/doc/refman/8.0/en/password-security-user.html',
  }),
  fmt({
    id: 'django-insecure-secret-key', name: 'Django secret key (generated "django-insecure-")', group: 'token', severity: 'medium', cwe: [321, 798],
    regex: `(?<secret>django-insecure-[A-Za-z0-9!@#$%^&*(\\-_=+)]{40,60})`, keywords: ['django-insecure-'], entropy: 3.5,
    tp: [`SECRET_KEY = "django-insecure-${seq(LOWER_ALNUM, 50, 3)}"`], fp: ['SECRET_KEY = "django-insecure-short"'],
    source: 'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key ; gitleaks:django-secret-key',
  }),
  fmt({
    id: 'kubeconfig-token', name: 'Kubernetes token in kubeconfig', group: 'cloud',
    regex: `^\\s{0,20}(?:token|client-key-data|client-certificate-data):\\s{1,3}(?<secret>[A-Za-z0-9_\\-.+/=]{40,4000})\\s{0,3}$`, keywords: ['token:', 'client-key-data:'], entropy: 4,
    tp: [`    token: ${seq(B64URL, 60, 13)}`], fp: ['    token: ${K8S_TOKEN}', '    token: short'],
    source: 'https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/',
  }),
  fmt({
    id: 'jwk-private-key', name: 'JSON Web Key private member', group: 'private-key', rule: 'KR205', severity: 'critical', cwe: [321, 798],
    regex: `"kty"\\s{0,3}:\\s{0,3}"(?:RSA|EC|OKP)"[^\\n]{0,2000}?"d"\\s{0,3}:\\s{0,3}"(?<secret>[A-Za-z0-9_\\-]{40,2000})"`, keywords: ['"kty"'], entropy: 4,
    tp: [`{"kty": "EC", "crv": "P-256", "x": "${seq(B64URL, 43, 1)}", "y": "${seq(B64URL, 43, 2)}", "d": "${seq(B64URL, 43, 9)}"}`], fp: [`{"kty": "EC", "crv": "P-256", "x": "${seq(B64URL, 43, 1)}"}`],
    source: 'https://www.rfc-editor.org/rfc/rfc7517',
  }),
  fmt({
    id: 'git-url-access-token', name: 'token in a git URL (x-access-token)', group: 'source-host', rule: 'KR204',
    regex: `x-(?:access-token|oauth-basic|token-auth):(?<secret>[A-Za-z0-9_\\-]{20,255})@`, keywords: ['x-access-token:', 'x-oauth-basic:', 'x-token-auth:'], entropy: 3.5,
    tp: [`git clone https://x-access-token:${seq(ALNUM, 40, 3, 7)}@example-git.internal/o/r.git`], fp: ['https://x-access-token:${GITHUB_TOKEN}@github.com/o/r'],
    source: 'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/authenticating-as-a-github-app-installation',
  }),
];
