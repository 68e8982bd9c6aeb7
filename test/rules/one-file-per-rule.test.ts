/**
 * Issue 13's shape: every rule of every analysis is defined in a file of its own under
 * src/rules/<group>/, named `<id>-<name>.ts` (b602-subprocess-popen-with-shell-equals-true.ts),
 * so that a reader finds any rule from its id in seconds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRuleMetas } from '../../src/rules/catalog.js';

const RULES_DIR = path.join(import.meta.dirname, '..', '..', 'src', 'rules');

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) tsFiles(p, out);
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

describe('one file per rule', () => {
  const files = tsFiles(RULES_DIR);
  const rules = allRuleMetas();

  it('covers every analysis (code, secrets, dependency, project and package rules)', () => {
    const ids = new Set(rules.map((r) => r.id));
    for (const id of ['B602', 'KR101', 'KR201', 'KR309', 'KR340', 'KR501', 'KR609']) expect(ids.has(id), id).toBe(true);
  });

  it.each(rules.map((r) => [r.id, r.name] as const))('%s %s is defined in src/rules/<group>/<id>-<name>.ts', (id, name) => {
    const own = files.filter((f) => path.basename(f).startsWith(`${id.toLowerCase()}-`));
    expect(own.map((f) => path.relative(RULES_DIR, f))).toEqual([expect.stringMatching(new RegExp(`^[a-z-]+/${id.toLowerCase()}-${name}\\.ts$`))]);
    expect(readFileSync(own[0]!, 'utf8')).toMatch(new RegExp(`['"]${id}['"]`));
  });
});
