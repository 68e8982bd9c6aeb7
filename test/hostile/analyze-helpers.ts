/**
 * Helpers for the hostile-input suite: run krait's whole per-file pipeline (or a whole
 * scan) on bytes written to a fresh temporary folder.
 */
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { analyzeFile, type Analysis } from '../../src/pipeline/analyze.js';
import { fileKind } from '../../src/core/file-kinds.js';
import { CODE_RULES } from '../../src/rules/index.js';
import type { FileResult } from '../../src/report/model.js';
import { scan, type ScanOptions } from '../../src/pipeline/scan.js';
import type { Report } from '../../src/report/model.js';

const ALL: Analysis[] = ['rules', 'secrets', 'egress', 'metrics', 'posture'];
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file. */
export function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'krait-hostile-'));
  dirs.push(d);
  return d;
}

/** Write `files` (relative path → content) into a fresh folder; returns the folder. */
export function writeTree(files: Record<string, string | Uint8Array>): string {
  const root = tempDir();
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return root;
}

/** Analyse one file (named `name`, holding `content`) with every analysis and every code rule. */
export function analyze(name: string, content: string | Uint8Array, opts: { ignoreNosec?: boolean; timeBudgetMs?: number } = {}): FileResult {
  const root = writeTree({ [name]: content });
  return analyzeFile({
    absPath: path.join(root, name),
    path: name,
    kind: fileKind(path.basename(name)) ?? 'python',
    packageName: '',
    options: {
      analyses: ALL,
      enabledRules: CODE_RULES.map((r) => r.id),
      ruleOptions: {},
      ignoreNosec: opts.ignoreNosec ?? false,
      maxFileSize: 1 << 30,
      ...(opts.timeBudgetMs !== undefined ? { timeBudgetMs: opts.timeBudgetMs } : {}),
    },
  });
}

/** `ruleId@line` of every finding, sorted. */
export function hits(r: { findings: { ruleId: string; location: { startLine: number } }[] }): string[] {
  return r.findings.map((f) => `${f.ruleId}@${f.location.startLine}`).sort();
}

/** Scan a tree of files with the library API (no configuration file, one job). */
export async function scanTree(files: Record<string, string | Uint8Array>, opts: Partial<ScanOptions> = {}): Promise<{ root: string; report: Report }> {
  const root = writeTree(files);
  const report = await scan({ targets: [root], cwd: root, config: false, jobs: 1, ...opts });
  return { root, report };
}
