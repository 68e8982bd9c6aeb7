/**
 * Worker-thread entry (piscina): analyse a batch of files and return plain results.
 * The main thread never parses.
 */
import { analyzeFile, type FileTask } from './analyze.js';
import type { FileResult } from '../report/model.js';

export default function analyzeBatch(tasks: FileTask[]): FileResult[] {
  return tasks.map((t) => analyzeFile(t));
}
