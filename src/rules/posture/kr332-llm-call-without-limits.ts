import { defineRule, fileState } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { importsLlm, isLlmCall } from './common.js';

const MAX_TOKENS = /^(max_tokens|max_output_tokens|max_completion_tokens|max_new_tokens|num_predict|generation_config|config|options)$/;
const CLIENTS = /(^|\.)(OpenAI|AsyncOpenAI|AzureOpenAI|AsyncAzureOpenAI|Anthropic|AsyncAnthropic|ChatOpenAI|ChatAnthropic|Groq|Mistral|Client|AsyncClient)$/;

/** What the walk collects in a file that imports an LLM client: a client timeout seen, the LLM calls in walk order. */
const collected = fileState(() => ({ clientTimeout: false, llmCalls: [] as A.Call[] }));

/** KR332: an LLM call with no output-token cap or no timeout. */
export const llmCallWithoutLimits = defineRule({
  id: 'KR332',
  name: 'llm-call-without-limits',
  category: 'config',
  severity: 'medium',
  confidence: 'medium',
  cwe: [770],
  docs: {
    what: 'Flags LLM calls with no output-token cap (`max_tokens`, `max_output_tokens`, `max_completion_tokens`) or with no timeout (`timeout=` on the call, or on the client constructor such as `OpenAI(timeout=20)` in the same file).',
    why: 'Without a token cap a single request (or a prompt injection asking for a very long answer) runs up cost and latency; without a timeout a slow provider ties up workers until the server stops answering (CWE-770 allocation of resources without limits).',
    example: 'client.chat.completions.create(model="gpt-4o-mini", messages=msgs)',
    instead: 'client = OpenAI(timeout=20.0)\nclient.chat.completions.create(model="gpt-4o-mini", messages=msgs, max_tokens=400)',
    references: ['https://cwe.mitre.org/data/definitions/770.html', 'https://genai.owasp.org/llmrisk/llm102025-unbounded-consumption/'],
  },
  visit: {
    Call(n, ctx) {
      if (!importsLlm(ctx.semantic)) return; // isLlmCall needs an LLM client import
      const c = collected(ctx);
      if (CLIENTS.test(ctx.callName(n) ?? '') && n.keywords.some((k) => k.arg === 'timeout' || k.arg === 'request_timeout')) c.clientTimeout = true;
      if (n.func.type === 'Attribute' && n.func.attr === 'with_options' && n.keywords.some((k) => k.arg === 'timeout')) c.clientTimeout = true;
      if (isLlmCall(n, ctx.semantic)) c.llmCalls.push(n);
    },
    'Module:exit'(_module, ctx) {
      const { clientTimeout, llmCalls } = collected(ctx);
      for (const n of llmCalls) {
        const missing: string[] = [];
        if (!n.keywords.some((k) => k.arg && MAX_TOKENS.test(k.arg)) && !n.keywords.some((k) => k.arg === null)) missing.push('max_tokens');
        if (!clientTimeout && !n.keywords.some((k) => k.arg === 'timeout' || k.arg === 'request_timeout')) missing.push('timeout');
        if (missing.length) ctx.report(n, { message: `LLM call without ${missing.join(' or ')}: cost and latency are unbounded.`, fix: 'Pass max_tokens=… on the call and a timeout on the client (OpenAI(timeout=20)) or the call.' });
      }
    },
  },
});
