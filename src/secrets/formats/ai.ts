/** AI and LLM providers. */
import { ALNUM, B64URL, HEX, LETTERS, UUID, fakeUuid, fmt, keyedFmt, prefixed, seq, type SecretFormat } from './types.js';

export const AI_FORMATS: SecretFormat[] = [
  fmt({
    id: 'openai-api-key', name: 'OpenAI API key', group: 'ai',
    regex: prefixed('sk-(?:proj|svcacct|admin|None)-', '[A-Za-z0-9_\\-]{40,250}'), keywords: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-none-'], entropy: 4,
    tp: [`OPENAI_API_KEY=sk-proj-${seq(B64URL, 74, 3)}T3BlbkFJ${seq(B64URL, 74, 9)}`, `client = OpenAI(api_key="sk-svcacct-${seq(B64URL, 48, 5)}")`], fp: ['sk-proj-short', 'sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    source: 'https://platform.openai.com/docs/api-reference/authentication ; gitleaks:openai-api-key',
  }),
  fmt({
    id: 'openai-api-key-legacy', name: 'OpenAI API key (legacy)', group: 'ai',
    regex: prefixed('sk-', '[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20}'), keywords: ['t3blbkfj'], entropy: 3.5,
    tp: [`openai.api_key = "sk-${seq(ALNUM, 20, 2)}T3BlbkFJ${seq(ALNUM, 20, 8)}"`], fp: [`sk-${seq(ALNUM, 48)}`],
    source: 'gitleaks:openai-api-key',
  }),
  fmt({
    id: 'anthropic-api-key', name: 'Anthropic API key', group: 'ai',
    regex: prefixed('sk-ant-(?:api03|admin01)-', '[a-zA-Z0-9_\\-]{93}AA'), keywords: ['sk-ant-api03', 'sk-ant-admin01'], entropy: 4,
    tp: [`ANTHROPIC_API_KEY=sk-ant-api03-${seq(B64URL, 93, 4)}AA`], fp: [`sk-ant-api03-${seq(B64URL, 40)}`],
    source: 'https://docs.anthropic.com/en/api/getting-started ; gitleaks:anthropic-api-key',
  }),
  fmt({
    id: 'huggingface-token', name: 'Hugging Face access token', group: 'ai',
    regex: prefixed('(?:hf_|api_org_)', '[a-zA-Z]{34}'), keywords: ['hf_', 'api_org_'], entropy: 3.5,
    tp: [`HF_TOKEN=hf_${seq(LETTERS, 34, 3)}`, `token = "api_org_${seq(LETTERS, 34, 11)}"`], fp: ['hf_hub_download', `hf_${seq(LETTERS, 20)}`],
    source: 'https://huggingface.co/docs/hub/security-tokens ; gitleaks:huggingface-access-token',
  }),
  keyedFmt({ id: 'cohere-api-key', name: 'Cohere API key', group: 'ai', idents: ['cohere', 'co_api_key'], body: '[a-zA-Z0-9]{40}', sample: seq(ALNUM, 40, 17), entropy: 4, source: 'gitleaks:cohere-api-token' }),
  fmt({
    id: 'groq-api-key', name: 'Groq API key', group: 'ai',
    regex: prefixed('gsk_', '[a-zA-Z0-9]{52}'), keywords: ['gsk_'], entropy: 4,
    tp: [`GROQ_API_KEY=gsk_${seq(ALNUM, 52, 6)}`], fp: ['gsk_short'], source: 'https://console.groq.com/docs/quickstart ; gitleaks:groq-api-key',
  }),
  fmt({
    id: 'perplexity-api-key', name: 'Perplexity API key', group: 'ai',
    regex: prefixed('pplx-', '[a-zA-Z0-9]{48}'), keywords: ['pplx-'], entropy: 4,
    tp: [`PPLX_API_KEY=pplx-${seq(ALNUM, 48, 2)}`], fp: ['pplx-short'], source: 'gitleaks:perplexity-api-key',
  }),
  fmt({
    id: 'replicate-api-token', name: 'Replicate API token', group: 'ai',
    regex: prefixed('r8_', '[a-zA-Z0-9]{37}'), keywords: ['r8_'], entropy: 4,
    tp: [`REPLICATE_API_TOKEN=r8_${seq(ALNUM, 37, 9)}`], fp: ['r8_short'], source: 'https://replicate.com/docs/reference/http#authentication',
  }),
  fmt({
    id: 'xai-api-key', name: 'xAI (Grok) API key', group: 'ai',
    regex: prefixed('xai-', '[a-zA-Z0-9]{80}'), keywords: ['xai-'], entropy: 4,
    tp: [`XAI_API_KEY=xai-${seq(ALNUM, 80, 3)}`], fp: ['xai-short'], source: 'https://docs.x.ai/docs/overview',
  }),
  fmt({
    id: 'openrouter-api-key', name: 'OpenRouter API key', group: 'ai',
    regex: prefixed('sk-or-v1-', '[a-f0-9]{64}'), keywords: ['sk-or-v1-'], entropy: 3,
    tp: [`OPENROUTER_API_KEY=sk-or-v1-${seq(HEX, 64, 2)}`], fp: ['sk-or-v1-short'], source: 'https://openrouter.ai/docs/api-reference/authentication',
  }),
  fmt({
    id: 'langsmith-api-key', name: 'LangSmith API key', group: 'ai',
    regex: prefixed('lsv2_(?:pt|sk)_', '[a-f0-9]{32}_[a-f0-9]{10}'), keywords: ['lsv2_pt_', 'lsv2_sk_'], entropy: 3,
    tp: [`LANGCHAIN_API_KEY=lsv2_pt_${seq(HEX, 32, 3)}_${seq(HEX, 10, 5)}`], fp: ['lsv2_pt_abc_def'], source: 'gitleaks:langsmith-api-key',
  }),
  fmt({
    id: 'langfuse-secret-key', name: 'Langfuse secret key', group: 'ai',
    regex: prefixed('sk-lf-', UUID), keywords: ['sk-lf-'], entropy: 3,
    tp: [`LANGFUSE_SECRET_KEY=sk-lf-${fakeUuid(4)}`], fp: ['sk-lf-1234'], source: 'https://langfuse.com/docs/get-started',
  }),
  keyedFmt({ id: 'mistral-api-key', name: 'Mistral AI API key', group: 'ai', idents: ['mistral'], body: '[a-zA-Z0-9]{32}', sample: seq(ALNUM, 32, 7), entropy: 4, source: 'https://docs.mistral.ai/getting-started/quickstart/' }),
  keyedFmt({ id: 'deepseek-api-key', name: 'DeepSeek API key', group: 'ai', idents: ['deepseek'], body: 'sk-[a-f0-9]{32}', sample: `sk-${seq(HEX, 32, 9)}`, entropy: 3, source: 'https://api-docs.deepseek.com/' }),
  keyedFmt({ id: 'together-api-key', name: 'Together AI API key', group: 'ai', idents: ['together'], body: '(?:tgp_v1_[A-Za-z0-9_\\-]{43}|[a-f0-9]{64})', sample: seq(HEX, 64, 3), entropy: 3, source: 'https://docs.together.ai/reference/authentication-1' }),
  keyedFmt({ id: 'pinecone-api-key', name: 'Pinecone API key', group: 'ai', idents: ['pinecone'], body: `(?:pcsk_[A-Za-z0-9_]{60,80}|${UUID})`, sample: fakeUuid(13), source: 'https://docs.pinecone.io/guides/projects/manage-api-keys' }),
  keyedFmt({ id: 'wandb-api-key', name: 'Weights & Biases API key', group: 'ai', idents: ['wandb'], body: '[a-f0-9]{40}', sample: seq(HEX, 40, 13), entropy: 3, source: 'https://docs.wandb.ai/guides/track/environment-variables' }),
  keyedFmt({ id: 'elevenlabs-api-key', name: 'ElevenLabs API key', group: 'ai', idents: ['elevenlabs', 'xi_api_key'], body: '(?:sk_[a-f0-9]{48}|[a-f0-9]{32})', sample: `sk_${seq(HEX, 48, 1)}`, entropy: 3, source: 'https://elevenlabs.io/docs/api-reference/authentication' }),
  keyedFmt({ id: 'assemblyai-api-key', name: 'AssemblyAI API key', group: 'ai', idents: ['assemblyai', 'assembly_ai'], body: '[a-f0-9]{32}', sample: seq(HEX, 32, 14), entropy: 3, source: 'https://www.assemblyai.com/docs/api-reference/overview#authorization' }),
  keyedFmt({ id: 'stability-api-key', name: 'Stability AI API key', group: 'ai', idents: ['stability'], body: 'sk-[A-Za-z0-9]{48}', sample: `sk-${seq(ALNUM, 48, 21)}`, entropy: 4, source: 'https://platform.stability.ai/docs/getting-started/authentication' }),
  keyedFmt({ id: 'deepgram-api-key', name: 'Deepgram API key', group: 'ai', idents: ['deepgram'], body: '[a-f0-9]{40}', sample: seq(HEX, 40, 6), entropy: 3, source: 'https://developers.deepgram.com/docs/authenticating' }),
  fmt({
    id: 'fireworks-api-key', name: 'Fireworks AI API key', group: 'ai',
    regex: prefixed('fw_', '[A-Za-z0-9]{24,48}'), keywords: ['fw_'], entropy: 4,
    tp: [`FIREWORKS_API_KEY=fw_${seq(ALNUM, 24, 13)}`], fp: ['fw_version'], source: 'https://docs.fireworks.ai/api-reference/introduction',
  }),
  keyedFmt({ id: 'voyage-api-key', name: 'Voyage AI API key', group: 'ai', idents: ['voyage'], body: 'pa-[A-Za-z0-9_\\-]{43}', sample: `pa-${seq(B64URL, 43, 7)}`, entropy: 4, source: 'https://docs.voyageai.com/docs/api-key-and-installation' }),
  keyedFmt({ id: 'clarifai-pat', name: 'Clarifai personal access token', group: 'ai', idents: ['clarifai'], body: '[a-f0-9]{32}', sample: seq(HEX, 32, 4), entropy: 3, source: 'https://docs.clarifai.com/clarifai-basics/authentication/personal-access-tokens' }),
];
