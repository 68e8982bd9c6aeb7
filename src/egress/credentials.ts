/**
 * Credential names used to reach services: `os.environ["OPENAI_API_KEY"]`,
 * `os.getenv("AWS_SECRET_ACCESS_KEY")`, `settings.STRIPE_SECRET_KEY`, `config("DATABASE_URL")`.
 * The name is evidence of which service the code talks to; the value is never read.
 */
import { isCredentialName } from '../core/credential-names.js';
import type { EgressChannel } from './types.js';

/**
 * Service prefixes of environment names, with the service and its channel. The first
 * word(s) of the name decide (`OPENAI_API_KEY` → OpenAI). Names follow each provider's
 * documented variable (OPENAI_API_KEY, ANTHROPIC_API_KEY, AWS_SECRET_ACCESS_KEY…).
 */
const SERVICES: readonly [RegExp, string, EgressChannel][] = [
  [/^OPENAI_/, 'OpenAI', 'llm'],
  [/^AZURE_OPENAI_/, 'Azure OpenAI', 'llm'],
  [/^(?:ANTHROPIC|CLAUDE)_/, 'Anthropic', 'llm'],
  [/^(?:GEMINI|GOOGLE_API|GOOGLE_GENAI|GOOGLE_AI)_?/, 'Google AI', 'llm'],
  [/^COHERE_/, 'Cohere', 'llm'],
  [/^MISTRAL_/, 'Mistral', 'llm'],
  [/^GROQ_/, 'Groq', 'llm'],
  [/^TOGETHER_/, 'Together', 'llm'],
  [/^REPLICATE_/, 'Replicate', 'llm'],
  [/^(?:HF|HUGGINGFACE|HUGGING_FACE|HUGGINGFACEHUB)_/, 'Hugging Face', 'cloud'],
  [/^DEEPSEEK_/, 'DeepSeek', 'llm'],
  [/^(?:XAI|GROK)_/, 'xAI', 'llm'],
  [/^PERPLEXITY_/, 'Perplexity', 'llm'],
  [/^OPENROUTER_/, 'OpenRouter', 'llm'],
  [/^PINECONE_/, 'Pinecone', 'database'],
  [/^AWS_/, 'AWS', 'cloud'],
  [/^AZURE_/, 'Azure', 'cloud'],
  [/^(?:GOOGLE_APPLICATION_CREDENTIALS|GCP_|GCLOUD_|GOOGLE_CLOUD_|GOOGLE_CLIENT_)/, 'Google Cloud', 'cloud'],
  [/^(?:DO_|DIGITALOCEAN_)/, 'DigitalOcean', 'cloud'],
  [/^CLOUDFLARE_|^CF_API/, 'Cloudflare', 'cloud'],
  [/^(?:GITHUB|GH)_/, 'GitHub', 'saas'],
  [/^(?:GITLAB|GL|CI_JOB)_/, 'GitLab', 'saas'],
  [/^SLACK_/, 'Slack', 'saas'],
  [/^TWILIO_/, 'Twilio', 'saas'],
  [/^SENDGRID_/, 'SendGrid', 'mail'],
  [/^MAILGUN_/, 'Mailgun', 'mail'],
  [/^(?:MAILCHIMP|MANDRILL)_/, 'Mailchimp', 'mail'],
  [/^POSTMARK_/, 'Postmark', 'mail'],
  [/^STRIPE_/, 'Stripe', 'saas'],
  [/^(?:PAYPAL|BRAINTREE)_/, 'PayPal', 'saas'],
  [/^TELEGRAM_/, 'Telegram', 'saas'],
  [/^DISCORD_/, 'Discord', 'saas'],
  [/^TWITTER_/, 'Twitter/X', 'saas'],
  [/^NOTION_/, 'Notion', 'saas'],
  [/^JIRA_|^ATLASSIAN_/, 'Atlassian', 'saas'],
  [/^SHOPIFY_/, 'Shopify', 'saas'],
  [/^SENTRY_/, 'Sentry', 'telemetry'],
  [/^(?:DATADOG|DD)_/, 'Datadog', 'telemetry'],
  [/^NEW_RELIC_|^NEWRELIC_/, 'New Relic', 'telemetry'],
  [/^(?:DATABASE|DB|POSTGRES|POSTGRESQL|PG|MYSQL|MARIADB|MONGO|MONGODB|REDIS|ELASTIC|ELASTICSEARCH|SNOWFLAKE|CLICKHOUSE)_/, 'database', 'database'],
  [/^(?:RABBITMQ|AMQP|KAFKA|CELERY_BROKER|BROKER)_/, 'message broker', 'queue'],
  [/^(?:SMTP|EMAIL|MAIL)_/, 'mail server', 'mail'],
  [/^(?:NPM|PYPI|TWINE|DOCKER|DOCKERHUB)_/, 'package registry', 'saas'],
];

/** Names that carry an endpoint with its credentials (`DATABASE_URL`, `SENTRY_DSN`). */
const CONNECTION_NAME = /(?:^|_)(?:DSN|CONNECTION_STRING|CONN_STR)$|^(?:DATABASE|DB|POSTGRES|MYSQL|MONGO|MONGODB|REDIS|AMQP|BROKER|CELERY_BROKER|RABBITMQ|ELASTICSEARCH)_(?:URL|URI)$/;
/** Provider names that are credentials although `credentialKind` rules out their `id` word. */
const ID_CREDENTIALS = /^(?:AWS_ACCESS_KEY_ID|AZURE_CLIENT_ID|AZURE_TENANT_ID|GOOGLE_CLIENT_ID|TWILIO_ACCOUNT_SID)$/;

/** The service a credential name belongs to, when its prefix says so. */
export function serviceOf(name: string): { service: string; channel: EgressChannel } | undefined {
  const n = name.toUpperCase();
  for (const [re, service, channel] of SERVICES) if (re.test(n)) return { service, channel };
  return undefined;
}

/**
 * True when `name` is a credential (or a connection string carrying one) used to reach a
 * service: a name the secrets analysis calls a credential (`DB_PASSWORD`, `API_TOKEN`),
 * a connection name (`DATABASE_URL`, `SENTRY_DSN`) or a provider's id (`AWS_ACCESS_KEY_ID`).
 */
export function isServiceCredentialName(name: string): boolean {
  if (name.length < 3 || name.length > 80 || !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) return false;
  const upper = name.toUpperCase();
  return CONNECTION_NAME.test(upper) || ID_CREDENTIALS.test(upper) || isCredentialName(name);
}

/**
 * True when a bare string literal is, by itself, the documented variable name of a
 * known provider's credential (`"OPENAI_API_KEY"`), wherever it appears (a settings
 * lookup, a dict of variables). Upper case with a known service prefix only.
 */
export function isProviderCredentialLiteral(s: string): boolean {
  return /^[A-Z][A-Z0-9_]{4,60}$/.test(s) && s.includes('_') && serviceOf(s) !== undefined && isServiceCredentialName(s);
}

/** `OPENAI_API_KEY (OpenAI)`: the name with its service when known. */
export function credentialDetail(name: string): { detail: string; channel: EgressChannel } {
  const s = serviceOf(name);
  return s ? { detail: `${name} (${s.service})`, channel: s.channel } : { detail: name, channel: 'credential' };
}
