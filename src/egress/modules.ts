/**
 * The network modules: which imports and calls give a file a way to send data out.
 *
 * Two kinds of entry:
 * - an *import* entry (`requests`, `smtplib`, `google.cloud`): importing the module or any
 *   submodule, or calling anything under it, counts — the module exists to talk to the
 *   network, so having it is the capability;
 * - a *calls* entry (`asyncio`, `ssl`, `logging.handlers`): the module mostly does other
 *   things, so only the listed members count, and only when called.
 *
 * Members that cannot send anything (exception classes, ALL_CAPS constants, submodules
 * such as `exceptions`, `status_codes`, `utils`, and per-module lists like
 * `socket.gethostname`) are "quiet": importing or calling them is not evidence.
 */
import type { EgressChannel } from './types.js';

interface ImportEntry {
  mode: 'import';
  channel: EgressChannel;
  /** Members (first segment after the module) that send nothing. */
  quiet?: ReadonlySet<string>;
}

interface CallsEntry {
  mode: 'calls';
  /** Member (rest of the qualified name after the module) → its channel. */
  members: Readonly<Record<string, EgressChannel>>;
}

type Entry = ImportEntry | CallsEntry;

const SOCKET_QUIET = new Set([
  'gethostname', 'sethostname', 'inet_aton', 'inet_ntoa', 'inet_pton', 'inet_ntop', 'htons', 'htonl', 'ntohs', 'ntohl',
  'if_nameindex', 'if_nametoindex', 'if_indextoname', 'getdefaulttimeout', 'setdefaulttimeout', 'has_ipv6', 'socketpair',
  'fromfd', 'CMSG_LEN', 'CMSG_SPACE', 'getservbyname', 'getservbyport', 'getprotobyname', 'close', 'dup', 'timeout', 'error',
  'herror', 'gaierror', 'SocketType', 'AddressFamily', 'SocketKind', 'MsgFlag', 'AddressInfo', 'send_fds', 'recv_fds',
]);

/** Import entries by channel (module names as imported). */
const IMPORT_MODULES: Record<Exclude<EgressChannel, 'endpoint' | 'credential' | 'subprocess'>, string[]> = {
  http: [
    'http.client', 'urllib.request', 'urllib.robotparser', 'httplib', 'urllib2', 'requests', 'httpx', 'aiohttp', 'urllib3',
    'pycurl', 'httplib2', 'treq', 'tornado.httpclient', 'tornado.simple_httpclient', 'tornado.curl_httpclient',
    'requests_oauthlib', 'requests_toolbelt', 'grequests', 'niquests', 'mechanize', 'mechanicalsoup', 'scrapy', 'gql',
    'twisted.web.client', 'httpcore', 'hishel', 'aiohttp_retry', 'requests_futures', 'cloudscraper', 'curl_cffi',
  ],
  socket: ['socket', 'asyncore', 'asynchat', 'twisted.internet', 'trio.socket', 'gevent.socket', 'eventlet.green.socket', 'scapy', 'pysnmp', 'ntplib', 'impacket', 'smbclient', 'smb', 'smbprotocol', 'winrm', 'pypsrp'],
  tls: [],
  server: [
    'socketserver', 'SocketServer', 'http.server', 'BaseHTTPServer', 'SimpleHTTPServer', 'CGIHTTPServer', 'xmlrpc.server',
    'SimpleXMLRPCServer', 'DocXMLRPCServer', 'wsgiref.simple_server', 'smtpd', 'pyftpdlib', 'aiosmtpd',
  ],
  websocket: ['websockets', 'websocket', 'socketio', 'tornado.websocket', 'aiohttp.web_ws', 'simple_websocket', 'pusher'],
  rpc: ['xmlrpc.client', 'xmlrpclib', 'grpc', 'thrift', 'zeep', 'suds', 'jsonrpcclient', 'rpyc', 'Pyro4', 'Pyro5', 'zerorpc', 'ncclient'],
  mail: ['smtplib', 'poplib', 'imaplib', 'aiosmtplib', 'aioimaplib', 'imapclient', 'yagmail', 'exchangelib', 'O365', 'flask_mail', 'django.core.mail', 'emails', 'redmail'],
  news: ['nntplib'],
  ftp: ['ftplib', 'pysftp', 'aioftp', 'ftputil', 'tftpy'],
  'remote-shell': ['telnetlib', 'telnetlib3', 'paramiko', 'fabric', 'fabric2', 'asyncssh', 'netmiko', 'scp', 'spur', 'pexpect.pxssh', 'napalm', 'ssh2', 'pssh'],
  cloud: [
    'boto3', 'botocore', 'boto', 'aiobotocore', 'aioboto3', 's3fs', 's3transfer', 'gcsfs', 'adlfs', 'google.cloud', 'google.api_core', 'googleapiclient',
    'google.auth.transport', 'google.oauth2', 'azure', 'firebase_admin', 'oci', 'ibm_boto3', 'ibm_cloud_sdk_core', 'aliyunsdkcore', 'oss2',
    'tencentcloud', 'qcloud_cos', 'digitalocean', 'linode_api4', 'hcloud', 'kubernetes', 'docker', 'minio', 'dropbox', 'pydrive', 'pydrive2',
    'gspread', 'box_sdk', 'boxsdk', 'onedrivesdk', 'msgraph', 'msal', 'huggingface_hub', 'wandb', 'mlflow.tracking', 'comet_ml', 'neptune',
    'kaggle', 'pulumi', 'openstack', 'novaclient', 'swiftclient', 'cloudinary', 'vercel', 'supabase', 'appwrite', 'pyrebase',
  ],
  database: [
    'redis', 'aioredis', 'pymongo', 'motor', 'psycopg2', 'psycopg', 'asyncpg', 'pymysql', 'MySQLdb', 'mysql.connector', 'aiomysql', 'aiopg',
    'cx_Oracle', 'oracledb', 'pyodbc', 'pymssql', 'elasticsearch', 'elasticsearch_dsl', 'opensearchpy', 'cassandra', 'neo4j', 'py2neo', 'influxdb',
    'influxdb_client', 'clickhouse_driver', 'clickhouse_connect', 'pymemcache', 'memcache', 'pylibmc', 'aiomcache', 'couchbase', 'couchdb', 'happybase',
    'snowflake.connector', 'databricks', 'pyhive', 'trino', 'prestodb', 'teradatasql', 'ibm_db', 'fdb', 'firebirdsql', 'pg8000', 'hdbcli',
    'pinecone', 'weaviate', 'qdrant_client', 'pymilvus', 'arango', 'rethinkdb', 'etcd3', 'consul', 'kazoo', 'hvac', 'pyArango',
    'mongoengine', 'tortoise', 'peewee_async', 'google.cloud.bigquery',
  ],
  queue: [
    'pika', 'aio_pika', 'aiormq', 'kombu', 'celery', 'kafka', 'confluent_kafka', 'aiokafka', 'zmq', 'nats', 'paho', 'gmqtt', 'asyncio_mqtt', 'aiomqtt',
    'stomp', 'nsq', 'pulsar', 'rq', 'dramatiq', 'huey', 'arq', 'azure.servicebus',
  ],
  llm: [
    'openai', 'anthropic', 'google.generativeai', 'google.genai', 'vertexai', 'cohere', 'mistralai', 'groq', 'together', 'replicate', 'litellm',
    'langchain_openai', 'langchain_anthropic', 'langchain_google_genai', 'langchain_google_vertexai', 'langchain_mistralai', 'langchain_cohere',
    'langchain_groq', 'langchain_aws', 'ollama', 'ai21', 'fireworks', 'voyageai', 'huggingface_hub.inference',
    'elevenlabs', 'assemblyai', 'deepgram', 'stability_sdk',
  ],
  saas: [
    'slack_sdk', 'slack', 'slack_bolt', 'slackclient', 'twilio', 'sendgrid', 'stripe', 'telegram', 'telebot', 'aiogram', 'discord', 'tweepy', 'github',
    'gitlab', 'jira', 'atlassian', 'hubspot', 'simple_salesforce', 'shopify', 'paypalrestsdk', 'braintree', 'mailchimp3', 'mailchimp_marketing',
    'mailchimp_transactional', 'postmarker', 'pdpyras', 'pagerduty', 'notion_client', 'pyairtable', 'airtable', 'plaid', 'facebook_business',
    'praw', 'spotipy', 'zenpy', 'intercom', 'trello', 'asana', 'todoist_api_python', 'pywhatkit', 'pushbullet', 'pushover', 'apprise',
    'vonage', 'nexmo', 'plivo', 'messagebird', 'mailjet_rest', 'resend', 'postmark', 'sparkpost', 'mandrill', 'woocommerce', 'ebaysdk',
  ],
  telemetry: [
    'sentry_sdk', 'raven', 'datadog', 'ddtrace', 'newrelic', 'opentelemetry.exporter', 'posthog', 'mixpanel', 'rollbar',
    'bugsnag', 'honeybadger', 'statsd', 'elasticapm', 'logzio', 'loggly', 'amplitude', 'logtail', 'graypy', 'splunk_handler', 'airbrake',
    'scout_apm', 'opbeat', 'ldclient', 'UnleashClient', 'optimizely',
  ],
  dns: ['dns', 'aiodns', 'pycares', 'dnslib'],
  directory: ['ldap', 'ldap3', 'pyad', 'msldap'],
  browser: ['webbrowser', 'selenium', 'playwright', 'pyppeteer', 'splinter', 'helium', 'undetected_chromedriver', 'seleniumwire'],
  'network-tool': ['nmap', 'shodan'],
  subprocess: [],
} as Record<Exclude<EgressChannel, 'endpoint' | 'credential' | 'subprocess'>, string[]>;

/** Calls entries: module → member → channel. */
const CALL_MODULES: Record<string, Record<string, EgressChannel>> = {
  asyncio: { open_connection: 'socket', start_server: 'server', create_connection: 'socket' },
  'asyncio.streams': { open_connection: 'socket', start_server: 'server' },
  ssl: { get_server_certificate: 'tls', create_connection: 'tls' },
  'logging.handlers': {
    SocketHandler: 'socket',
    DatagramHandler: 'socket',
    SysLogHandler: 'socket',
    SMTPHandler: 'mail',
    HTTPHandler: 'http',
  },
  'logging.config': { listen: 'server' },
  'multiprocessing.connection': { Client: 'socket', Listener: 'server' },
  'multiprocessing.managers': { BaseManager: 'server', SyncManager: 'server' },
  urllib: { urlopen: 'http', urlretrieve: 'http' },
  sqlalchemy: { create_engine: 'database', create_async_engine: 'database' },
  'sqlalchemy.ext.asyncio': { create_async_engine: 'database' },
  pandas: { read_sql: 'database', read_gbq: 'cloud', to_gbq: 'cloud' },
  'torch.hub': { load: 'http', download_url_to_file: 'http', load_state_dict_from_url: 'http' },
  'prometheus_client': { push_to_gateway: 'telemetry', pushadd_to_gateway: 'telemetry', start_http_server: 'server' },
};

const TABLE = new Map<string, Entry>();
for (const [channel, mods] of Object.entries(IMPORT_MODULES)) {
  for (const m of mods) TABLE.set(m, { mode: 'import', channel: channel as EgressChannel, ...(m === 'socket' ? { quiet: SOCKET_QUIET } : {}) });
}
for (const [m, members] of Object.entries(CALL_MODULES)) TABLE.set(m, { mode: 'calls', members });

/** Submodules (any segment after the module) that hold no way to send: types, errors, helpers. */
const QUIET_SEGMENTS = new Set([
  'exceptions', 'exception', 'errors', 'error', 'status_codes', 'codes', 'structures', 'compat', 'types', 'typing', 'constants', 'const',
  'version', '__version__', '_version', 'utils', 'util', 'models', 'auth', 'cookies', 'hooks', 'enums', 'schemas', 'status', 'abc',
]);
/** Exception and warning classes, timeouts and dunders. */
const QUIET_NAME = /(?:Error|Exception|Warning|Timeout|Exceeded|Exit)$|^__\w+__$/;
/**
 * Constants (imports only: a called ALL_CAPS name is a class such as `smtplib.SMTP` or
 * `ftplib.FTP_TLS`): socket option families and `*_PORT`-style names.
 */
const CONSTANT_NAME = /^(?:AF|PF|SOCK|SO|SOL|IPPROTO|IP|IPV6|TCP|MSG|AI|NI|EAI|SHUT|INADDR|SIO|SCM|CAN|BT|HCI|ETH|ETHERTYPE|PACKET|NETLINK|TIPC|ALG|VMADDR|SOMAXCONN)_?|_(?:PORT|PORTS|TIMEOUT|VERSION|SIZE|MAX|MIN|LIMIT|CODES?)$|^(?:CRLF|CR|LF|MAXLINE|OK|DEBUG|DEFAULT_[A-Z_]+)$/;

/** How many distinct network modules the table knows (for docs and tests). */
export const NETWORK_MODULE_COUNT = TABLE.size;

/** A qualified name matched against the table. */
export interface ModuleMatch {
  /** The table entry's module (`google.cloud` for `google.cloud.storage.Client`). */
  module: string;
  channel: EgressChannel;
  /** True when the name is quiet (sends nothing: an exception class, a constant, `socket.gethostname`). */
  quiet: boolean;
}

/** The longest table entry that is a dotted prefix of `qualified`, or undefined. */
function lookupEntry(qualified: string): [string, Entry] | undefined {
  let name = qualified;
  for (;;) {
    const e = TABLE.get(name);
    if (e) return [name, e];
    const dot = name.lastIndexOf('.');
    if (dot < 0) return undefined;
    name = name.slice(0, dot);
  }
}

function isQuietRest(rest: string[], entry: ImportEntry, imported: boolean): boolean {
  if (rest.length === 0) return false;
  if (entry.quiet?.has(rest[0])) return true;
  for (const seg of rest) if (QUIET_SEGMENTS.has(seg)) return true;
  const last = rest[rest.length - 1];
  return QUIET_NAME.test(last) || (imported && CONSTANT_NAME.test(last));
}

/**
 * Classify an imported name (`requests`, `smtplib.SMTP`, `socket.gethostname`): an import
 * entry matches itself and everything under it; calls entries never match imports.
 */
export function matchImport(qualified: string): ModuleMatch | undefined {
  const hit = lookupEntry(qualified);
  if (!hit || hit[1].mode !== 'import') return undefined;
  const [module, entry] = hit;
  const rest = qualified === module ? [] : qualified.slice(module.length + 1).split('.');
  return { module, channel: entry.channel, quiet: isQuietRest(rest, entry, true) };
}

/**
 * Classify a called qualified name (`requests.post`, `asyncio.open_connection`): anything
 * under an import entry, or a listed member of a calls entry.
 */
export function matchCall(qualified: string): ModuleMatch | undefined {
  const hit = lookupEntry(qualified);
  if (!hit) return undefined;
  const [module, entry] = hit;
  const restStr = qualified === module ? '' : qualified.slice(module.length + 1);
  if (entry.mode === 'calls') {
    const channel = entry.members[restStr];
    return channel ? { module, channel, quiet: false } : undefined;
  }
  return { module, channel: entry.channel, quiet: isQuietRest(restStr ? restStr.split('.') : [], entry, false) };
}

/**
 * Method names that send on whatever object they are called on (the object's type is not
 * known statically): sockets, event loops and stream writers.
 */
export const SENDING_METHODS: ReadonlyMap<string, EgressChannel> = new Map<string, EgressChannel>([
  ['sendall', 'socket'],
  ['sendto', 'socket'],
  ['sendmsg', 'socket'],
  ['sock_sendall', 'socket'],
  ['sock_sendto', 'socket'],
  ['sock_connect', 'socket'],
  ['create_connection', 'socket'],
  ['create_datagram_endpoint', 'socket'],
  ['open_connection', 'socket'],
  ['urlopen', 'http'],
  ['urlretrieve', 'http'],
]);
