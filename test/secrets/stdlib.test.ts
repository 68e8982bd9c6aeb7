/**
 * False positives on code without real secrets: the CPython standard library of the
 * machine's python3. Requirement: fewer than 20 secrets findings at medium or above.
 * Skipped when no standard library is found.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../../src/pipeline/secrets.js';
import type { FileKind } from '../../src/core/file.js';
import { severityRank, type Finding } from '../../src/core/finding.js';

function stdlibDir(): string | undefined {
  if (process.env.KRAIT_STDLIB) return process.env.KRAIT_STDLIB;
  try {
    return execFileSync('python3', ['-c', 'import sysconfig;print(sysconfig.get_paths()["stdlib"])'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

const KINDS: Record<string, FileKind> = { '.py': 'python', '.json': 'json', '.toml': 'toml', '.cfg': 'ini', '.ini': 'ini', '.sh': 'shell', '.yaml': 'yaml', '.yml': 'yaml', '.txt': 'text', '.pem': 'text', '.ipynb': 'notebook' };

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'site-packages' || name === '__pycache__') continue;
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) yield* walk(p);
    else if (st.size < 5_000_000) yield p;
  }
}

const root = stdlibDir();

describe.skipIf(!root || !existsSync(root))('standard library', () => {
  it('has fewer than 20 secrets findings at medium severity or above', () => {
    const all: Finding[] = [];
    let files = 0;
    let bytes = 0;
    const t0 = performance.now();
    for (const p of walk(root!)) {
      const ext = /\.[a-z]+$/.exec(p)?.[0] ?? '';
      const kind = KINDS[ext];
      if (!kind) continue;
      const text = readFileSync(p, 'latin1');
      files++;
      bytes += text.length;
      all.push(...detectSecrets({ path: relative(root!, p), kind, text }));
    }
    const ms = performance.now() - t0;
    const medium = all.filter((f) => severityRank(f.severity) >= severityRank('medium'));
    const byRule: Record<string, number> = {};
    for (const f of all) byRule[`${f.ruleId}/${f.severity}`] = (byRule[`${f.ruleId}/${f.severity}`] ?? 0) + 1;
    console.log(`stdlib ${root}: ${files} files, ${(bytes / 1e6).toFixed(1)} MB in ${ms.toFixed(0)} ms; findings ${all.length}, medium+ ${medium.length}`);
    console.log(JSON.stringify(byRule));
    for (const f of medium) console.log(`  ${f.severity} ${f.ruleId} ${f.properties?.format} ${f.location.path}:${f.location.startLine} ${f.message}`);
    expect(files).toBeGreaterThan(500);
    expect(medium.length).toBeLessThan(20);
  });
});
