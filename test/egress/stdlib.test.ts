/**
 * The acceptance check on the machine's CPython standard library, and (with
 * EGRESS_MEASURE=1) the whole-stdlib figures reported in docs/egress.md.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { egressOf, timedEgressOf } from './helpers.js';
import { egressVerdict, summarizeEgress } from '../../src/egress/index.js';
import { renderEgress } from '../../src/report/egress-text.js';
import type { FileEgress } from '../../src/egress/types.js';

const STDLIB = '/root/.pyenv/versions/3.11.7/lib/python3.11';
const has = existsSync(join(STDLIB, 'smtplib.py'));

function pyFiles(dir: string, out: string[] = []): string[] {
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (name === 'site-packages' || name === '__pycache__') continue;
      const st = statSync(p);
      if (st.isDirectory()) stack.push(p);
      else if (name.endsWith('.py')) out.push(p);
    }
  }
  return out.sort();
}

describe.skipIf(!has)('egress on the CPython 3.11 standard library', () => {
  const of = (rel: string): FileEgress => egressOf(readFileSync(join(STDLIB, rel), 'latin1'), rel);

  it.each(['urllib/request.py', 'smtplib.py', 'ftplib.py'])('%s can send data out', (rel) => {
    const e = of(rel);
    expect(e.canSendData, egressVerdict(e)).toBe(true);
  });

  it('textwrap.py cannot', () => {
    const e = of('textwrap.py');
    expect(e.canSendData, egressVerdict(e)).toBe(false);
  });

  it.runIf(process.env.EGRESS_MEASURE === '1')('measure the whole stdlib', () => {
    const files = pyFiles(STDLIB);
    let ms = 0;
    const results = files.map((p) => {
      const rel = relative(STDLIB, p);
      const pkg = rel.split('/').slice(0, -1).join('.');
      const t = timedEgressOf(readFileSync(p, 'latin1'), pkg);
      ms += t.ms;
      return { path: rel, egress: t.egress };
    });
    const s = summarizeEgress(results);
    const yes = results.filter((r) => r.egress.canSendData);
    const nonTest = results.filter((r) => !/(^|\/)(test|tests|idlelib\/idle_test)\//.test(r.path));
    console.log(`files ${results.length}, yes ${yes.length}; outside test dirs ${nonTest.length}, yes ${nonTest.filter((r) => r.egress.canSendData).length}; ${ms.toFixed(0)} ms in the egress analysis (parse and semantic model excluded)`);
    console.log(renderEgress(s, { color: false }).split('\n').slice(0, 30).join('\n'));
    const dump = process.env.EGRESS_DUMP;
    if (dump) {
      const lines = results.filter((r) => !r.path.includes('/test/') && !r.path.startsWith('test/')).map((r) => `${r.egress.canSendData ? 'YES' : 'no '} ${r.path}  ${egressVerdict(r.egress, 4)}`);
      writeFileSync(dump, lines.join('\n'));
    }
  });
});
