import { defineRule, type RuleContext } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { strValue } from '../../python/helpers.js';
import { isLlmCall } from './common.js';

/** Field names of personal or secret data, with the kind shown in the message. */
const SENSITIVE: [RegExp, string][] = [
  [/^(e_?mail|email_address|mail_address|user_email|customer_email)$/i, 'an e-mail address'],
  [/^(card_?(number|no|num)|credit_?card(_number)?|cc_?(number|num|no)?|pan|cvv2?|cvc|card_cvc|iban|account_number|bank_account)$/i, 'payment card or bank data'],
  [/^(ssn|social_security(_number)?|national_?id|national_id_number|nin|tax_?id|tin|passport(_number|_no)?|driver_?s?_?licen[cs]e(_number)?|id_number)$/i, 'a national identity number'],
  [/^(password|passwd|pwd|pass_?phrase|pin|secret|client_secret|api_?key|apikey|access_?token|refresh_?token|auth_?token|token|bearer|private_key|session_id|cookie)$/i, 'a password, key or token'],
  [/^(phone|phone_number|mobile|telephone|date_of_birth|dob|birth_?date|birthday|home_address|street_address|address)$/i, 'personal contact or birth data'],
  [/^(diagnosis|medical_record|health_record|patient_record)$/i, 'health data'],
];

/** The sensitive kind an interpolated expression names (`user.email`, `email`, `card["number"]`, `form.get("ssn")`). */
function sensitiveKind(e: A.Expr): { name: string; kind: string } | undefined {
  let name: string | undefined;
  if (e.type === 'Name') name = e.id;
  else if (e.type === 'Attribute') name = e.attr;
  else if (e.type === 'Subscript') name = strValue(e.slice);
  else if (e.type === 'Call' && e.func.type === 'Attribute' && e.func.attr === 'get' && e.args[0]) name = strValue(e.args[0]);
  if (!name) return undefined;
  for (const [re, kind] of SENSITIVE) if (re.test(name)) return { name, kind };
  // card["number"], user.card.number: the container names the kind
  if (e.type === 'Subscript' || e.type === 'Attribute') {
    const base = e.type === 'Subscript' ? e.value : e.value;
    const baseName = base.type === 'Name' ? base.id : base.type === 'Attribute' ? base.attr : '';
    if (/^(card|credit_card|payment_card)$/i.test(baseName) && /^(number|no|num|cvv|cvc)$/i.test(name)) return { name: `${baseName}.${name}`, kind: 'payment card or bank data' };
  }
  return undefined;
}

/** The values formatted into a string (f-string fields, `%` and `.format()` arguments, `+` operands). */
function formattedValues(e: A.Expr, ctx: RuleContext, depth = 0): A.Expr[] {
  if (depth > 3) return [];
  if (e.type === 'Name') {
    const b = ctx.semantic.lookup(e.id, e);
    return b && b.kind === 'assign' && b.count === 1 && b.value && b.value !== e ? formattedValues(b.value, ctx, depth + 1) : [];
  }
  if (e.type === 'JoinedStr') return e.values.flatMap((v) => (v.type === 'FormattedValue' ? [v.value] : []));
  if (e.type === 'BinOp' && e.op === 'Mod') {
    const r = e.right;
    if (r.type === 'Tuple') return r.elts;
    if (r.type === 'Dict') return r.values;
    return [r];
  }
  if (e.type === 'BinOp' && e.op === 'Add') return [...operand(e.left, ctx, depth), ...operand(e.right, ctx, depth)];
  if (e.type === 'Call' && e.func.type === 'Attribute' && e.func.attr === 'format') return [...e.args, ...e.keywords.map((k) => k.value)];
  const item = (x: A.Expr): A.Expr[] => (sensitiveKind(x) ? [x] : formattedValues(x, ctx, depth + 1));
  if (e.type === 'List' || e.type === 'Tuple') return e.elts.flatMap(item);
  if (e.type === 'Dict') return e.values.flatMap(item);
  return [];
}

function operand(e: A.Expr, ctx: RuleContext, depth: number): A.Expr[] {
  if (e.type === 'Constant') return [];
  if (e.type === 'BinOp' || e.type === 'JoinedStr') return formattedValues(e, ctx, depth + 1);
  return [e];
}

/** KR334: personal or secret data formatted into an LLM prompt. */
export const llmPromptPersonalData = defineRule({
  id: 'KR334',
  name: 'llm-prompt-personal-data',
  category: 'egress',
  severity: 'medium',
  confidence: 'medium',
  cwe: [359, 201],
  docs: {
    what: 'Flags LLM calls (OpenAI, Anthropic, Google, LiteLLM, Ollama, LangChain) whose prompt or messages format in a value named like personal or secret data: e-mail, phone, card number, CVV, IBAN, national id/SSN/passport, date of birth, address, password, API key, token.',
    why: 'A prompt leaves your system: the provider stores it (often for 30 days or more, sometimes for training), its staff and sub-processors can read it, and the model may repeat it to another user. Sending personal data there without need breaks data-minimisation duties (GDPR art. 5, PCI DSS for card data) and leaks secrets to a third party (CWE-359 exposure of private personal information to an unauthorized actor, CWE-201 insertion of sensitive information into sent data).',
    example: 'prompt = f"Write a reminder to {user.email} about card {card.number}"\nclient.chat.completions.create(model=m, messages=[{"role": "user", "content": prompt}])',
    instead: 'prompt = f"Write a payment reminder for customer {user.public_id} about the card ending in {card.number[-4:]}"\n# or pseudonymise/redact before the call and re-insert the values in the answer locally',
    references: ['https://cwe.mitre.org/data/definitions/359.html', 'https://genai.owasp.org/llmrisk/llm022025-sensitive-information-disclosure/', 'https://cheatsheetseries.owasp.org/cheatsheets/LLM_Prompt_Injection_Prevention_Cheat_Sheet.html'],
  },
  visit: {
    Call(node, ctx) {
      if (!isLlmCall(node, ctx.semantic)) return;
      const candidates: A.Expr[] = [...node.args];
      for (const k of node.keywords) if (k.arg && /^(prompt|input|contents|messages|system|instructions|content|text|query)$/.test(k.arg)) candidates.push(k.value);
      const seen = new Set<string>();
      for (const c of candidates) {
        const values = formattedValues(c, ctx);
        for (const v of values) {
          // str slices like card.number[-4:] keep only part of the value: not flagged
          if (v.type === 'Subscript' && v.slice.type === 'Slice') continue;
          const s = sensitiveKind(v);
          if (!s || seen.has(s.name)) continue;
          seen.add(s.name);
          ctx.report(node, {
            node: v,
            message: `\`${s.name}\` (${s.kind}) is formatted into an LLM prompt and sent to the model provider.`,
            fix: 'Leave it out, or send a pseudonym/redacted form (an id, the last 4 digits) and put the real value back locally after the call.',
          });
        }
      }
    },
  },
});
