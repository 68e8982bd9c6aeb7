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

/** Worker-thread entry for the cross-module step: the second look at some callers (see {@link analyzeCallers}). */
export function analyzeCallersTask(job: { project: CrossModuleProject; callers: string[] }): Promise<CallerOutcome[]> {
  return analyzeCallers(job.project, job.callers);
}
