import { defineRule, fileState, type RuleContext } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { dotted, enclosingFunctions, lastSegment, strValue } from '../../python/helpers.js';
import { keywordArg } from '../../python/calls.js';
import { dangerousSink, importsLlm } from './common.js';

const TOOL_DECORATOR = /^(tool|function_tool|ai_function|kernel_function|register_tool|llm_tool)$/;

/** KR333: a function exposed to the model as a tool runs commands or code. */
export const llmToolRunsCommands = defineRule({
  id: 'KR333',
  name: 'llm-tool-runs-commands',
  category: 'injection',
  severity: 'high',
  confidence: 'medium',
  cwe: [749, 78],
  docs: {
    what: 'Flags functions exposed to a model as tools — decorated with `@tool`, `@function_tool`, `@mcp.tool()`, `@agent.tool`…, wrapped in `Tool(func=...)`/`StructuredTool.from_function(...)`, or named in a `tools=[{"function": {"name": ...}}]` schema — whose body runs a shell command, a subprocess, `eval`/`exec` or raw SQL.',
    why: 'The model decides the arguments, and the model follows instructions found in its input: a prompt injection becomes command execution on your server (CWE-749 exposed dangerous method, CWE-78).',
    example: 'def run_shell(command: str) -> str:\n    return subprocess.run(command, shell=True, capture_output=True).stdout\n\nTOOLS = [{"type": "function", "function": {"name": "run_shell"}}]',
    instead: 'def restart_service(name: Literal["web", "worker"]) -> str:\n    subprocess.run(["systemctl", "restart", ALLOWED[name]], check=True)  # fixed, allow-listed action',
    references: ['https://cwe.mitre.org/data/definitions/749.html', 'https://genai.owasp.org/llmrisk/llm062025-excessive-agency/'],
  },
  visit: {
    FunctionDef: collectFunction,
    AsyncFunctionDef: collectFunction,
    Call(n, ctx) {
      const c = collected(ctx);
      if (!c) return;
      const seg = lastSegment(dotted(n.func));
      const f = seg === 'Tool' || seg === 'FunctionTool' ? keywordArg(n, 'func')?.value : seg === 'from_function' ? (n.args[0] ?? keywordArg(n, 'func')?.value) : undefined;
      if (f && f.type === 'Name') c.tools.push(f.id);
      // The first dangerous call in each function around it (nested functions' count for the outer ones).
      const open = enclosingFunctions(n).filter((fn) => !c.sinks.has(fn));
      if (open.length) {
        const sink = dangerousSink(n, ctx.semantic);
        if (sink) for (const fn of open) c.sinks.set(fn, sink);
      }
    },
    Dict(n, ctx) {
      const c = collected(ctx);
      if (!c) return;
      n.keys.forEach((k, i) => {
        if (k && strValue(k) === 'name') {
          const v = strValue(n.values[i]);
          const inSchema = n.keys.some((x) => x && /^(parameters|input_schema|description)$/.test(strValue(x) ?? '')) || (n.parent?.type === 'Dict' && n.parent.keys.some((x) => x && strValue(x) === 'type'));
          if (v && inSchema) c.tools.push(v);
        }
      });
    },
    'Module:exit'(module, ctx) {
      const c = collected(ctx);
      if (!c) return;
      const fns = new Map<string, A.FunctionDef>();
      for (const s of module.body) if (s.type === 'FunctionDef' || s.type === 'AsyncFunctionDef') fns.set(s.name, s);
      // Tools in the order the walk met them: decorated functions, and top-level functions named by Tool(func=…) or a schema.
      const tools = new Set<A.FunctionDef>();
      for (const t of c.tools) {
        const fn = typeof t === 'string' ? fns.get(t) : t;
        if (fn) tools.add(fn);
      }
      for (const fn of tools) {
        const sink = c.sinks.get(fn);
        if (sink) ctx.report(fn, { message: `${fn.name}() is exposed to the model as a tool and runs ${sink}: a prompt injection becomes code or command execution.`, fix: 'Expose narrow, allow-listed actions with typed arguments; never a shell, eval or raw SQL.' });
      }
    },
  },
});

/**
 * Per file that imports an LLM client or an agent framework (else null): the tools in walk
 * order (a decorated function, or the name a `Tool(func=…)` or tool schema gives), and the
 * first dangerous call met inside each function.
 */
const collected = fileState((ctx) =>
  importsLlm(ctx.semantic) || ctx.semantic.importsModule('mcp', 'fastmcp', 'agents', 'pydantic_ai', 'semantic_kernel', 'smolagents', 'autogen', 'crewai')
    ? { tools: [] as (A.FunctionDef | string)[], sinks: new Map<A.FunctionDef, string>() }
    : null,
);

function collectFunction(n: A.FunctionDef, ctx: RuleContext): void {
  const c = collected(ctx);
  if (c && n.decorator_list.some((d) => TOOL_DECORATOR.test(lastSegment(dotted(d.type === 'Call' ? d.func : d))))) c.tools.push(n);
}
