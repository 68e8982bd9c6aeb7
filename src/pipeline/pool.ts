/**
 * Running the per-file pipeline over many files: on a `node:worker_threads` pool
 * (piscina) when there is enough work, in-process otherwise. Results come back in task
 * order whatever the number of workers, so the report does not depend on `--jobs`.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { FileResult } from '../report/model.js';
import { analyzeFile, type FileTask } from './analyze.js';

/** Below this many files, starting threads costs more than it saves. */
const MIN_FILES_FOR_POOL = 24;
/** Files per message to a worker (fewer round trips, still balanced). */
const BATCH = 16;

/** Default worker count: the cores available to this process. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/** The compiled worker module, or undefined when running from TypeScript sources without a build. */
function workerFile(): string | undefined {
  const here = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here.href;
  const built = new URL('../../dist/pipeline/worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return built.href;
  return undefined;
}

/**
 * Analyse every task; `jobs` worker threads (1 = in-process).
 * @param onProgress called with the number of files done so far
 */
export async function runTasks(tasks: FileTask[], jobs: number, onProgress?: (done: number) => void): Promise<FileResult[]> {
  const file = workerFile();
  if (jobs <= 1 || tasks.length < MIN_FILES_FOR_POOL || !file) {
    const out: FileResult[] = [];
    for (const t of tasks) {
      out.push(analyzeFile(t));
      onProgress?.(out.length);
      // Let the event loop turn now and then: tree-sitter frees a parse tree's native memory
      // in a finalizer that only runs between tasks, so a long synchronous loop would keep
      // every tree alive until the end.
      if (out.length % 16 === 0) await new Promise((r) => setImmediate(r));
    }
    return out;
  }
  const pool = new Piscina({
    filename: file,
    minThreads: jobs,
    maxThreads: jobs,
    idleTimeout: 100,
    // Room for deeply nested inputs in the (depth-capped) recursive passes.
    resourceLimits: { stackSizeMb: 16 },
  });
  try {
    const batches: FileTask[][] = [];
    // Interleave large files across batches: sort by size is unknown here, so keep order and
    // use small batches for balance.
    for (let i = 0; i < tasks.length; i += BATCH) batches.push(tasks.slice(i, i + BATCH));
    let done = 0;
    const results = await Promise.all(
      batches.map(async (b) => {
        const r = (await pool.run(b)) as FileResult[];
        done += r.length;
        onProgress?.(done);
        return r;
      }),
    );
    return results.flat();
  } finally {
    await pool.destroy();
  }
}
