/**
 * Running the per-file pipeline over many files: on a `node:worker_threads` pool
 * (piscina) when there is enough work, in-process otherwise. Results come back in task
 * order whatever the number of workers, so the report does not depend on `--jobs`.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Piscina as PiscinaPool } from 'piscina';
import { lazyRequire } from '../core/lazy.js';
import type { FileResult } from '../report/model.js';
import { analyzeFile, type FileTask } from './analyze.js';
import { analyzeCallers, releaseCallers, type CallerOutcome, type CrossModuleProject } from './crossmodule.js';

/** The thread pool library, loaded only when a scan has enough files to use threads. */
const piscina = lazyRequire<{ Piscina: typeof PiscinaPool }>('piscina');

/** Below this many files, starting threads costs more than it saves. */
const MIN_FILES_FOR_POOL = 24;
/** Files per message to a worker (fewer round trips, still balanced). */
const BATCH = 16;
/** Slices of the cross-module callers per thread (more balance, more copies of the project's facts). */
const CROSS_MODULE_SLICES_PER_THREAD = 3;

/**
 * A worker thread's old-generation limit. V8 lets a heap grow by a factor of its live size
 * before the next full collection, and takes that factor from the limit: 4 at 2 GB and
 * above (the default here is 4 GB), scaled from 2 down to 1.3 below; at 1 GB it is about
 * 1.6. The full collections are also what frees tree-sitter's native parse trees (V8 does
 * not see their size). Standard library, two workers: the per-file stage's peak RSS went
 * from about 590 MB to about 440 MB (docs/performance.md). A 5 MB Python file (the default
 * size limit) needs well under half of it.
 */
const WORKER_OLD_GENERATION_MB = 1024;
/**
 * A worker thread's young generation (V8's default for a thread is 48 MB: three 16 MB
 * semi-spaces). Standard library without tests, two workers, interleaved runs: peak RSS
 * 336–349 MB against 375–387 MB with the default, CPU time within the runs' noise (the
 * analysis keeps little per file, so smaller semi-spaces copy little more); docs/performance.md.
 */
const WORKER_YOUNG_GENERATION_MB = 16;

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
 * The per-file work of one scan: the first pass over every file, then the second look at
 * cross-module callers, on the same threads (they start once).
 */
export interface FilePool {
  /** Analyse every task; results in task order. `onProgress` gets the number of files done so far. */
  analyze(tasks: FileTask[], onProgress?: (done: number) => void): Promise<FileResult[]>;
  /** The second look at cross-module callers (see {@link analyzeCallers}); outcomes in caller order. */
  crossModule(project: CrossModuleProject, callers: string[]): Promise<CallerOutcome[]>;
  /** Stop the threads (always call it). */
  close(): Promise<void>;
}

/**
 * A pool of `jobs` worker threads for `files` files, or in-process work when one job is
 * asked, the files are too few for threads to pay off, or no compiled worker exists.
 */
export function openPool(jobs: number, files: number): FilePool {
  const file = workerFile();
  if (jobs <= 1 || files < MIN_FILES_FOR_POOL || !file) return inProcess();
  const pool = new (piscina().Piscina)({
    filename: file,
    minThreads: jobs,
    maxThreads: jobs,
    idleTimeout: 100,
    // No Atomics.wait between tasks: piscina's default ('sync') blocks a worker between
    // tasks without returning to its event loop, so the finalizers that free tree-sitter's
    // native parse trees never ran and every tree stayed alive until the worker ended
    // (standard library with tests: 2.1 GB peak RSS; without: 1.1 GB, against 0.58 GB here).
    // See docs/performance.md.
    atomics: 'disabled',
    // Room for deeply nested inputs in the (depth-capped) recursive passes; a heap limit
    // that makes V8 collect sooner (see WORKER_OLD_GENERATION_MB), and a smaller young generation.
    resourceLimits: { stackSizeMb: 16, maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
  return {
    async analyze(tasks, onProgress) {
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
    },
    async crossModule(project, callers) {
      // Callers in a few contiguous slices per thread (neighbours in a package tend to call
      // the same modules, which a thread then loads once; each slice carries the project's
      // facts once, and a thread keeps the files it loaded between its slices).
      const slices = Math.min(callers.length, jobs * CROSS_MODULE_SLICES_PER_THREAD);
      const size = Math.ceil(callers.length / slices);
      const parts: string[][] = [];
      for (let i = 0; i < callers.length; i += size) parts.push(callers.slice(i, i + size));
      // The project's facts go to the threads once, as JSON in shared memory, not as a copy
      // per slice: each thread parses them for its first slice and keeps them for the rest
      // (a merge of shards carries the sources as a Map, which goes as it is).
      const shared = project.sources || !project.options.every(jsonExact) ? null : sharedJson(project);
      const job = (part: string[]) => (shared ? { id: project.id, shared, callers: part } : { project, callers: part });
      const outcomes = await Promise.all(parts.map((part) => pool.run(job(part), { name: 'analyzeCallersTask' }) as Promise<CallerOutcome[]>));
      const byPath = new Map(outcomes.flat().map((o) => [o.path, o]));
      return callers.flatMap((c) => byPath.get(c) ?? []);
    },
    close: () => pool.destroy(),
  };
}

/**
 * Whether JSON gives `value` back as it is: plain objects, arrays, strings, booleans, null
 * and finite numbers only (an API caller's `Infinity` time budget would come back null).
 * The data-flow facts are JSON already (the result cache stores them so); the options are checked.
 */
function jsonExact(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || depth > 20) return false;
  if (Array.isArray(value)) return value.every((v) => v !== undefined && jsonExact(v, depth + 1));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every((v) => v === undefined || jsonExact(v, depth + 1));
}

/** `value` as JSON text (UTF-8) in a SharedArrayBuffer, which every thread reads; null when it does not fit in one string (V8's limit is about 512 MB). */
function sharedJson(value: unknown): SharedArrayBuffer | null {
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    return null; // (facts too large for one string: the slices carry copies, as before)
  }
  const bytes = Buffer.from(text, 'utf8');
  const shared = new SharedArrayBuffer(bytes.length);
  new Uint8Array(shared).set(bytes);
  return shared;
}

/** The same work on the calling thread. */
function inProcess(): FilePool {
  return {
    async analyze(tasks, onProgress) {
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
    },
    crossModule: (project, callers) => analyzeCallers(project, callers),
    close: () => {
      releaseCallers();
      return Promise.resolve();
    },
  };
}
