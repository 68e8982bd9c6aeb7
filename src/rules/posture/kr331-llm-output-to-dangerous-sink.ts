import { defineRule, fileState, type RuleContext } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { walk } from '../../python/visit.js';
import { enclosingFunctions, namesIn } from '../../python/helpers.js';
import { dangerousSink, importsLlm, isLlmCall } from './common.js';

/** KR331: model output reaches eval/exec, a shell, SQL or raw HTML. */
export const llmOutputToDangerousSink = defineRule({
  id: 'KR331',
  name: 'llm-output-to-dangerous-sink',
  category: 'injection',
  severity: 'high',
  confidence: 'medium',
  cwe: [1426, 94],
  docs: {
    what: 'Within a function, follows the result of an LLM call (and names assigned from it, such as `resp.choices[0].message.content`) into `eval`/`exec`, `os.system`/`subprocess`, `cursor.execute`/`text()`, `Markup`/`mark_safe`/`HTMLResponse`/`render_template_string`, or `pickle`/`yaml` loaders.',
    why: 'Model output is attacker-influenced text (through the prompt, retrieved documents or tool results); running it as code, SQL or markup hands the attacker code execution, SQL injection or XSS (CWE-1426 improper validation of generative AI output, CWE-94).',
    example: 'sql = resp.choices[0].message.content\ncursor.execute(sql)',
    instead: 'plan = QueryPlan.model_validate_json(resp.choices[0].message.content)  # a structured, allow-listed plan\ncursor.execute(ALLOWED_QUERIES[plan.name], plan.params)',
    references: ['https://cwe.mitre.org/data/definitions/1426.html', 'https://genai.owasp.org/llmrisk/llm05-improper-output-handling/'],
  },
  visit: {
    FunctionDef: collectFunction,
    AsyncFunctionDef: collectFunction,
    Assign: collectAssign,
    AnnAssign: collectAssign,
    Call(n, ctx) {
      if (!importsLlm(ctx.semantic)) return;
      for (const fn of enclosingFunctions(n)) collected(ctx).get(fn)?.calls.push(n);
    },
    'Module:exit'(_module, ctx) {
      // Each function (nested ones too, and again inside the functions around them), in walk order.
      for (const [, { assigns, calls }] of collected(ctx)) {
        const llmNames = new Set<string>();
        const fromLlm = (e: A.AnyNode): boolean => {
          let hit = false;
          walk(e, (n) => {
            if (hit) return false;
            if (n.type === 'Call' && isLlmCall(n, ctx.semantic)) hit = true;
            if (n.type === 'Name' && llmNames.has(n.id)) hit = true;
            return undefined;
          });
          return hit;
        };
        for (let pass = 0; pass < 2; pass++) {
          for (const n of assigns) {
            if (n.value && fromLlm(n.value)) for (const t of n.type === 'Assign' ? n.targets : [n.target]) for (const x of namesIn(t)) llmNames.add(x);
          }
        }
        for (const n of calls) {
          if (isLlmCall(n, ctx.semantic)) continue;
          const sink = dangerousSink(n, ctx.semantic);
          if (!sink) continue;
          const args = [...n.args, ...n.keywords.map((k) => k.value)];
          if (args.some((a) => fromLlm(a))) ctx.report(n, { message: `LLM output reaches ${sink}: model text is run or rendered without validation.`, fix: 'Never run model output; parse it into a validated structure (Pydantic model, allow-list) and escape it for HTML.' });
        }
      }
    },
  },
});

/** Per file that imports an LLM client: each function (walk order) with the assignments and calls inside it (nested functions' included). */
const collected = fileState(() => new Map<A.FunctionDef, { assigns: (A.Assign | A.AnnAssign)[]; calls: A.Call[] }>());

function collectFunction(fn: A.FunctionDef, ctx: RuleContext): void {
  if (importsLlm(ctx.semantic)) collected(ctx).set(fn, { assigns: [], calls: [] });
}

function collectAssign(n: A.Assign | A.AnnAssign, ctx: RuleContext): void {
  if (!importsLlm(ctx.semantic)) return;
  for (const fn of enclosingFunctions(n)) collected(ctx).get(fn)?.assigns.push(n);
}
