/**
 * Worker-thread entry (piscina): analyse a batch of files and return plain results.
 * The main thread never parses: the second look at cross-module callers runs here too.
 */
import { analyzeFile, type FileTask } from './analyze.js';
import type { FileResult } from '../report/model.js';
import { analyzeCallers, type CallerOutcome, type CrossModuleProject } from './crossmodule.js';

export default function analyzeBatch(tasks: FileTask[]): FileResult[] {
  return tasks.map((t) => analyzeFile(t));
}

/** The project this thread last parsed from shared memory (its slices share it). */
let sharedProject: CrossModuleProject | null = null;

/**
 * Worker-thread entry for the cross-module step: the second look at some callers (see
 * {@link analyzeCallers}). The project comes as it is, or as JSON in shared memory with its
 * id (parsed once per thread and project).
 */
export function analyzeCallersTask(job: { project: CrossModuleProject; callers: string[] } | { id: string; shared: SharedArrayBuffer; callers: string[] }): Promise<CallerOutcome[]> {
  if ('project' in job) return analyzeCallers(job.project, job.callers);
  if (sharedProject?.id !== job.id) {
    sharedProject = null; // (the last project's facts go before the next one's are parsed)
    sharedProject = JSON.parse(Buffer.from(job.shared).toString('utf8')) as CrossModuleProject;
  }
  return analyzeCallers(sharedProject, job.callers);
}
