import { defineRule } from '../../core/rule.js';
import type * as A from '../../python/ast.js';
import { walk } from '../../python/visit.js';
import { dotted, lastSegment, strValue } from '../../python/helpers.js';
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
    'Module:exit'(module, ctx) {
      if (!importsLlm(ctx.semantic) && !ctx.semantic.importsModule('mcp', 'fastmcp', 'agents', 'pydantic_ai', 'semantic_kernel', 'smolagents', 'autogen', 'crewai')) return;
      const fns = new Map<string, A.FunctionDef>();
      const tools = new Set<A.FunctionDef>();
      for (const s of module.body) if (s.type === 'FunctionDef' || s.type === 'AsyncFunctionDef') fns.set(s.name, s);
      walk(module, (n) => {
        if ((n.type === 'FunctionDef' || n.type === 'AsyncFunctionDef') && n.decorator_list.some((d) => TOOL_DECORATOR.test(lastSegment(dotted(d.type === 'Call' ? d.func : d))))) tools.add(n);
        if (n.type === 'Call') {
          const seg = lastSegment(dotted(n.func));
          const f = seg === 'Tool' || seg === 'FunctionTool' ? keywordArg(n, 'func')?.value : seg === 'from_function' ? (n.args[0] ?? keywordArg(n, 'func')?.value) : undefined;
          if (f && f.type === 'Name' && fns.has(f.id)) tools.add(fns.get(f.id)!);
        }
        if (n.type === 'Dict') {
          n.keys.forEach((k, i) => {
            if (k && strValue(k) === 'name') {
              const v = strValue(n.values[i]);
              const inSchema = n.keys.some((x) => x && /^(parameters|input_schema|description)$/.test(strValue(x) ?? '')) || (n.parent?.type === 'Dict' && n.parent.keys.some((x) => x && strValue(x) === 'type'));
              if (v && fns.has(v) && inSchema) tools.add(fns.get(v)!);
            }
          });
        }
        return undefined;
      });
      for (const fn of tools) {
        let sink: string | undefined;
        walk(fn, (n) => {
          if (sink) return false;
          if (n.type === 'Call') sink = dangerousSink(n, ctx.semantic);
          return undefined;
        });
        if (sink) ctx.report(fn, { message: `${fn.name}() is exposed to the model as a tool and runs ${sink}: a prompt injection becomes code or command execution.`, fix: 'Expose narrow, allow-listed actions with typed arguments; never a shell, eval or raw SQL.' });
      }
    },
  },
});
