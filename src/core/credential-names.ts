/**
 * "Does this name say it holds a secret?" — the test shared by the secrets analysis and by
 * the posture and egress analyses (`DB_PASSWORD`, `apiKey`, `client_secret`, `AUTH_TOKEN`…).
 */

/**
 * Lowercase substrings, one of which occurs in every credential name: the keyword
 * pre-filter for the generic assignment detector. Cheap and coarse; `credentialKind`
 * decides.
 */
export const SECRET_KEYWORDS: readonly string[] = [
  'pass', 'pwd', 'secret', 'token', 'key', 'credential', 'creds', 'auth', 'bearer', 'dsn', 'cred',
];

/**
 * A coarse case-insensitive pattern for names that mention a credential. Prefer
 * {@link isCredentialName}, which also rules out `password_url`, `token_type`,
 * `next_page_token`, `bypass` and the like.
 */
export const credentialNamePattern =
  /(?:passw(?:or)?d|passphrase|\bpass\b|_pass\b|\bpwd|secret|token|api[_.-]?key|access[_.-]?key|private[_.-]?key|auth[_.-]?key|credential|\bcreds?\b|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key)/i;

/** What a credential name says the value is; picks the CWE (259 password, 321 key, 798 other). */
export type CredentialKind = 'password' | 'key' | 'token' | 'secret' | 'credential';

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase', 'passwort', 'pword', 'userpass', 'dbpass', 'dbpassword', 'pw']);
const SECRET_WORDS = new Set(['secret', 'secrets', 'clientsecret', 'appsecret', 'secretkey']);
const TOKEN_WORDS = new Set(['token', 'accesstoken', 'authtoken', 'apitoken', 'bearer', 'pat', 'refreshtoken', 'sessiontoken']);
const CREDENTIAL_WORDS = new Set(['credential', 'credentials', 'creds', 'cred']);
const KEY_COMPOUNDS = new Set(['apikey', 'privatekey', 'accesskey', 'authkey', 'signingkey', 'encryptionkey', 'masterkey', 'secretkey', 'appkey', 'licensekey', 'sessionkey', 'hmackey', 'cryptokey', 'clientkey', 'webhookkey', 'adminkey', 'servicekey', 'subscriptionkey', 'accountkey', 'storagekey', 'sharedkey', 'deploykey', 'encryptkey', 'aeskey', 'jwtkey']);
/** Words before `key` that make it a credential (`api key`, `private key`…). */
const KEY_QUALIFIERS = new Set(['api', 'private', 'access', 'auth', 'signing', 'encryption', 'master', 'secret', 'app', 'license', 'session', 'hmac', 'crypto', 'client', 'webhook', 'admin', 'service', 'subscription', 'account', 'storage', 'shared', 'deploy', 'encrypt', 'aes', 'jwt', 'fernet', 'django', 'flask', 'x', 'consumer']);

/**
 * Words that, anywhere in the name, say the value is about a credential but is not one:
 * `PASSWORD_URL`, `token_type`, `secret_name`, `password_min_length`, `next_page_token`.
 */
const NOT_A_VALUE_WORDS = new Set([
  'url', 'uri', 'endpoint', 'path', 'file', 'filename', 'files', 'dir', 'directory', 'name', 'names', 'id', 'ids', 'type', 'types',
  'kind', 'field', 'fields', 'label', 'prompt', 'hint', 'length', 'len', 'size', 'min', 'max', 'count', 'num', 'number',
  'expiry', 'expires', 'expiration', 'expire', 'ttl', 'timeout', 'lifetime', 'age', 'header', 'headers', 'regex', 're', 'pattern', 'format', 'fmt',
  'policy', 'hash', 'hashed', 'hasher', 'hashers', 'env', 'var', 'variable', 'placeholder', 'validator', 'validators', 'strength', 'reset', 'changed',
  'required', 'enabled', 'enable', 'disabled', 'mode', 'class', 'cls', 'prefix', 'suffix', 'template', 'help', 'message', 'msg',
  'error', 'errors', 'param', 'parameter', 'column', 'attr', 'attribute', 'option', 'options', 'opt', 'arg', 'flag', 'index', 'idx', 'list',
  'manager', 'provider', 'backend', 'handler', 'next', 'page', 'continuation', 'cursor', 'pagination', 'tokens', 'tokenizer',
  'tokenize', 'tokenized', 'location', 'loc', 'store', 'keyring', 'keychain', 'generator', 'factory', 'callback', 'func', 'function',
  'method', 'source', 'algorithm', 'algo', 'alg', 'scheme', 'version', 'encoding', 'charset', 'char', 'chars', 'input', 'form',
  'widget', 'view', 'views', 'schema', 'description', 'desc', 'doc', 'docs', 'title', 'text', 'display',
  'mask', 'masked', 'public', 'pub', 'csrf', 'xsrf', 'sentinel', 'is', 'has', 'use', 'should', 'allow', 'must', 'check',
  'verify', 'validate', 'set', 'get', 'update', 'create', 'delete', 'remove', 'change', 'forgot', 'confirm', 'confirmation',
  'salt', 'rounds', 'iterations', 'digest', 'strategy', 'level', 'status', 'state', 'permission', 'permissions', 'role', 'roles',
]);

/** Split an identifier into lowercase words: `dbPassword2` → db, password; `API_KEY` → api, key. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .map((w) => w.replace(/\d+$/, ''))
    .filter((w) => w.length > 0);
}

/**
 * What kind of credential `name` says it holds, or `undefined` when it does not name one
 * (or names something about a credential, like `PASSWORD_MIN_LENGTH` or `token_type`).
 * Works on identifiers, dotted paths (`settings.DB_PASSWORD` — the last part decides),
 * config keys (`db.password`, `api-key`) and environment names.
 */
export function credentialKind(name: string): CredentialKind | undefined {
  // The last dotted/bracketed part is the one bound: `config.password` → password.
  const last = name.split(/[.[\]/]/).filter(Boolean).pop() ?? name;
  const words = nameWords(last);
  if (words.length === 0 || words.length > 8) return undefined;
  let kind: CredentialKind | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    let k: CredentialKind | undefined;
    if (PASSWORD_WORDS.has(w)) k = 'password';
    else if (KEY_COMPOUNDS.has(w)) k = w === 'secretkey' || w === 'privatekey' || w === 'signingkey' || w === 'encryptionkey' ? 'key' : w === 'apikey' ? 'token' : 'key';
    else if (w === 'key' && i > 0 && KEY_QUALIFIERS.has(words[i - 1])) k = words[i - 1] === 'api' || words[i - 1] === 'x' ? 'token' : 'key';
    else if (SECRET_WORDS.has(w)) k = 'secret';
    else if (TOKEN_WORDS.has(w)) k = 'token';
    else if (CREDENTIAL_WORDS.has(w)) k = 'credential';
    else if (w === 'dsn') k = 'credential';
    if (k && !kind) kind = k;
  }
  if (!kind) return undefined;
  for (const w of words) if (NOT_A_VALUE_WORDS.has(w)) return undefined;
  return kind;
}

/** True when `name` says it holds a credential (see {@link credentialKind}). */
export function isCredentialName(name: string): boolean {
  return credentialKind(name) !== undefined;
}
