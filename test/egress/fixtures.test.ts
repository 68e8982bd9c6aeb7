/**
 * Every fixture in test/fixtures/egress states its expected verdict on its first line:
 * `# expect: yes|no; counts: <kinds that must count>; evidence: <kinds recorded without counting>`.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { egressOf } from './helpers.js';
import { egressVerdict } from '../../src/egress/index.js';

const DIR = join(__dirname, '../fixtures/egress');
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.py')).sort();

function header(text: string): { yes: boolean; counts: string[]; evidence: string[] } {
  const first = text.split('\n')[0]!;
  const m = /^# expect: (yes|no)(?:; counts: ([^;]+))?(?:; evidence: (.+))?$/.exec(first);
  if (!m) throw new Error(`bad fixture header: ${first}`);
  return { yes: m[1] === 'yes', counts: m[2]?.trim().split(/\s+/) ?? [], evidence: m[3]?.trim().split(/\s+/) ?? [] };
}

describe('egress fixtures', () => {
  it('has positive and negative fixtures', () => {
    const all = fixtures.map((f) => header(readFileSync(join(DIR, f), 'utf8')).yes);
    expect(all.filter(Boolean).length).toBeGreaterThanOrEqual(10);
    expect(all.filter((x) => !x).length).toBeGreaterThanOrEqual(8);
  });

  it.each(fixtures)('%s', (name) => {
    const text = readFileSync(join(DIR, name), 'utf8');
    const want = header(text);
    const e = egressOf(text, name);
    expect(e.canSendData, egressVerdict(e)).toBe(want.yes);
    const counting = new Set(e.via.filter((v) => v.counts).map((v) => v.kind));
    for (const k of want.counts) expect(counting, `${name}: ${k} should count; ${JSON.stringify(e.via)}`).toContain(k);
    const recorded = new Set(e.via.map((v) => v.kind));
    for (const k of want.evidence) expect(recorded, `${name}: ${k} should be recorded`).toContain(k);
    expect(e.channels.length > 0).toBe(want.yes);
  });
});
