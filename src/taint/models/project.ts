/**
 * A project's own taint models, from `[tool.krait.taint]` (docs/configuration.md): sources,
 * sinks, sanitizers and pass-through summaries in the same row format as the built-in
 * tables, as plain data (they cross to worker threads inside the per-file options).
 * `setProjectModels` installs them in the lookup structures before a file is analysed.
 */
import type { Origin } from '../model.js';
import { setProjectSanitizers } from '../sanitizers.js';
import { setProjectSinks } from '../sinks.js';
import { setProjectSources } from '../sources.js';
import type { SanitizerRow, SinkKind, SinkRow, SourceRow } from './types.js';

/** `[tool.krait.taint]`, validated (see src/pipeline/config.ts). */
export interface ProjectTaintModels {
  sources?: { name: string; form?: 'call' | 'attribute'; origin?: Origin; label?: string }[];
  /** A sink by qualified `name` (`myapp.db.run_sql`) or by `method` name (`run_sql` on any receiver). */
  sinks?: { name?: string; method?: string; kind: SinkKind; args?: number[]; keywords?: string[]; label?: string }[];
  sanitizers?: { name: string; clears: SinkKind[] | 'all' }[];
  passThrough?: string[];
}

let installed = '';

/** Install a project's models (or none) for the files analysed next in this thread. */
export function setProjectModels(m: ProjectTaintModels | undefined): void {
  const key = m ? JSON.stringify(m) : '';
  if (key === installed) return;
  installed = key;
  const sources: SourceRow[] = (m?.sources ?? []).map((s) => ({
    name: s.name,
    form: s.form ?? 'call',
    origin: s.origin ?? 'request',
    label: s.label ?? `${s.origin === 'cli' ? 'command-line input' : s.origin === 'env' ? 'an environment variable' : 'HTTP request data'} (${s.name}, a project source)`,
  }));
  const sinks: SinkRow[] = (m?.sinks ?? []).map((s) => ({
    kind: s.kind,
    ...(s.name ? { names: [s.name] } : {}),
    ...(s.method ? { methods: [s.method] } : {}),
    ...(s.args ? { args: s.args } : {}),
    ...(s.keywords ? { keywords: s.keywords } : {}),
    ...(s.label ? { label: s.label } : {}),
  }));
  const sanitizers: SanitizerRow[] = (m?.sanitizers ?? []).map((s) => ({ names: [s.name], clears: s.clears }));
  setProjectSources(sources);
  setProjectSinks(sinks);
  setProjectSanitizers(sanitizers, m?.passThrough ?? []);
}
