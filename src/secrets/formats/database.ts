/**
 * Connection strings and URLs with embedded credentials (`postgres://user:pass@host`),
 * reported by rule KR204. The password is the secret; URLs whose password is a
 * placeholder (`${DB_PASS}`, `<password>`, `password`, `****`) are dropped or lowered.
 */
import { fmt, type SecretFormat } from './types.js';

/** `scheme://user:password@host` for the given scheme regex source. */
function urlWithCredentials(schemes: string): string {
  return `(?<![A-Za-z0-9+.\\-])(?:${schemes})://(?<user>[^\\s:@/'"\`<>{}]{0,100}):(?<secret>[^\\s:@/'"\`<>]{1,200})@(?<host>[A-Za-z0-9._\\-\\[\\]%]{1,255})`;
}

function db(id: string, name: string, schemes: string, keywords: string[], sample: string, extraFp: string[] = []): SecretFormat {
  return fmt({
    id, name, group: 'database', rule: 'KR204', cwe: [798, 259],
    regex: urlWithCredentials(schemes), keywords, entropy: 1.5,
    tp: [sample],
    fp: [sample.replace(/:[^:@/]+@/, ':${DB_PASSWORD}@'), sample.replace(/:[^:@/]+@/, '@').replace('@@', '@'), ...extraFp],
    source: 'https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1',
  });
}

export const DATABASE_FORMATS: SecretFormat[] = [
  db('postgres-url', 'PostgreSQL connection URL with password', 'postgres(?:ql){0,1}(?:\\+[a-z0-9]{1,20}){0,1}', ['postgres'], 'DATABASE_URL = "postgresql+psycopg2://app:Vq7-fake-Pg-9x@db.internal:5432/app"'),
  db('mysql-url', 'MySQL/MariaDB connection URL with password', '(?:mysql|mariadb)(?:\\+[a-z0-9]{1,20}){0,1}', ['mysql', 'mariadb'], 'SQLALCHEMY_DATABASE_URI = "mysql+pymysql://root:Fk-My-42-sql@10.1.2.3/shop"'),
  db('mongodb-url', 'MongoDB connection URL with password', 'mongodb(?:\\+srv){0,1}', ['mongodb'], 'MONGO_URI=mongodb+srv://svc:Mg0-Fake-77@cluster0.abcde.mongodb.net/db?retryWrites=true'),
  db('redis-url', 'Redis connection URL with password', 'rediss{0,1}', ['redis'], 'REDIS_URL=redis://:Rd-fake-5521@cache.internal:6379/0'),
  db('amqp-url', 'AMQP (RabbitMQ) URL with password', 'amqps{0,1}', ['amqp'], 'BROKER_URL = "amqp://worker:Rb-fake-8812@mq.internal:5672//"'),
  db('mssql-url', 'SQL Server connection URL with password', 'mssql(?:\\+[a-z0-9]{1,20}){0,1}|sqlserver', ['mssql', 'sqlserver'], 'engine = create_engine("mssql+pyodbc://sa:Ms-fake-Sql-1@sqlhost/db?driver=ODBC+Driver+18")'),
  db('oracle-url', 'Oracle connection URL with password', 'oracle(?:\\+[a-z0-9]{1,20}){0,1}', ['oracle'], 'ORACLE_DSN = "oracle+oracledb://scott:Or-fake-Tgr-3@orahost:1521/?service_name=XEPDB1"'),
  db('clickhouse-url', 'ClickHouse / Snowflake / CockroachDB URL with password', 'clickhouse(?:\\+[a-z0-9]{1,20}){0,1}|snowflake|cockroachdb(?:\\+[a-z0-9]{1,20}){0,1}|cassandra|neo4j(?:\\+s){0,1}|couchbase|influxdb|elasticsearch|opensearch', ['clickhouse', 'snowflake', 'cockroach', 'cassandra', 'neo4j', 'couchbase', 'influx', 'elasticsearch', 'opensearch'], 'uri = "snowflake://etl:Sf-fake-0099@acme-xy12345/analytics"'),
  db('ldap-url', 'LDAP URL with password', 'ldaps{0,1}', ['ldap'], 'LDAP_URI = "ldaps://cn=admin:Ld-fake-3141@ldap.internal:636"'),
  db('ftp-url', 'FTP/SFTP URL with password', 's{0,1}ftps{0,1}', ['ftp'], 'FTP_TARGET = "ftp://upload:Ft-fake-2718@files.internal/incoming"'),
  db('smtp-url', 'SMTP/IMAP URL with password', 'smtps{0,1}|imaps{0,1}|pop3s{0,1}', ['smtp', 'imap', 'pop3'], 'EMAIL_URL=smtp://mailer:Sm-fake-1618@smtp.internal:587'),
  db('http-url-credentials', 'HTTP(S) URL with user:password', 'https{0,1}|wss{0,1}|git\\+https|svn\\+ssh|ssh', ['http', 'ws', 'ssh'], 'PROXY = "http://proxyuser:Px-fake-4242@proxy.internal:3128"',
    ['see http://user:password@host/ for the syntax', 'https://user:pass@example.com']),
  fmt({
    id: 'odbc-connection-string-password', name: 'ADO.NET/ODBC connection string with password', group: 'database', rule: 'KR204', cwe: [259, 798],
    regex: `(?:Server|Data Source|Host|DSN|Driver|Database|Uid|User ID)=[^;\\n]{1,200};[^\\n]{0,400}?(?:Password|Pwd|PWD|pwd|password)\\s{0,3}=\\s{0,3}(?<secret>[^;'"\\s{}]{3,128})`, keywords: ['password=', 'pwd='], entropy: 1.5,
    tp: ['conn_str = "Driver={ODBC Driver 18};Server=tcp:sql.internal,1433;Database=app;Uid=app;Pwd=Od-fake-7777;Encrypt=yes"'], fp: ['"Server=x;Database=y;Pwd={pwd};"', 'Server=x;Database=y;Trusted_Connection=yes;'],
    source: 'https://learn.microsoft.com/en-us/dotnet/framework/data/adonet/connection-string-syntax',
  }),
  fmt({
    // libpq's keyword/value form (psycopg2.connect(dsn), asyncpg, SQLAlchemy's `connect_args`): space-separated `key=value` pairs.
    id: 'libpq-keyword-password', name: 'PostgreSQL keyword/value connection string with password', group: 'database', rule: 'KR204', cwe: [259, 798],
    regex: `(?<![A-Za-z0-9_])(?:host|hostaddr|dbname|service)=[^\\s'",()=]{1,200}[ \\t][^\\n'",()]{0,600}?[ \\t]password=(?<secret>[^\\s'",(){}$%<>;]{3,128})`, keywords: ['password='], entropy: 1.5,
    tp: ['WAREHOUSE_DSN = "host=warehouse.internal dbname=reporting user=etl_writer password=Pq-fake-7Tz sslmode=require"'],
    fp: ['DSN = "host=db dbname=app user=app password={password}"', 'DSN = "host=db dbname=app user=app password=$PGPASSWORD"', 'dsn = f"host={h} dbname={d}"', 'def __init__(self, host, port=NNTP_PORT, user=None, password=None,', 'connect(host=h, dbname=d, password=pw)'],
    source: 'https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-KEYWORD-VALUE',
  }),
  fmt({
    id: 'jdbc-password-param', name: 'JDBC URL with password parameter', group: 'database', rule: 'KR204', cwe: [259, 798],
    regex: `jdbc:[a-z0-9]{2,20}:[^\\s'"]{0,300}?[?&;]password=(?<secret>[^&;\\s'"]{3,128})`, keywords: ['jdbc:'], entropy: 1.5,
    tp: ['jdbc_url = "jdbc:postgresql://db.internal:5432/app?user=app&password=Jd-fake-5150"'], fp: ['jdbc:postgresql://db/app?user=app&password=${PW}'],
    source: 'https://jdbc.postgresql.org/documentation/use/#connection-parameters',
  }),
];
