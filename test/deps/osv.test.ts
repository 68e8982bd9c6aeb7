import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readDatabaseFile, EMBEDDED_DB } from '../../src/deps/database.js';
import { compactOsv, includedInRange, isAffected, type CompactAffected } from '../../src/deps/osv.js';
import { compareVersions, orderVersions, pinnedVersion, withVersionOrder } from '../../src/deps/pep440.js';
import { lowestVersionFreeOfAll, matchRequirement } from '../../src/deps/match.js';
import { AdvisoryDatabase } from '../../src/deps/database.js';
import type { Requirement } from '../../src/deps/types.js';
import { advisorySeverity, severityFromScore } from '../../src/deps/severity.js';
import { SHARED_ADVISORIES } from './helpers.js';

const range = (...events: Record<string, string>[]) => ({ type: 'ECOSYSTEM', events });

describe('OSV range evaluation (schema pseudocode)', () => {
  it('introduced/fixed pairs, several intervals, unsorted events', () => {
    const r = range({ introduced: '3.0' }, { fixed: '3.1.12' }, { introduced: '0' }, { fixed: '2.2.24' }, { introduced: '3.2' }, { fixed: '3.2.4' });
    expect(includedInRange('1.0', r)).toBe(true);
    expect(includedInRange('2.2.23', r)).toBe(true);
    expect(includedInRange('2.2.24', r)).toBe(false);
    expect(includedInRange('2.9', r)).toBe(false);
    expect(includedInRange('3.0', r)).toBe(true);
    expect(includedInRange('3.1.12', r)).toBe(false);
    expect(includedInRange('3.2.0', r)).toBe(true); // PEP 440: 3.2.0 == 3.2
    expect(includedInRange('3.2.3', r)).toBe(true);
    expect(includedInRange('3.2.4', r)).toBe(false);
    expect(includedInRange('4.0', r)).toBe(false);
  });

  it('pre-releases sort before their release', () => {
    const r = range({ introduced: '0' }, { fixed: '2.0' });
    expect(includedInRange('2.0rc1', r)).toBe(true);
    expect(includedInRange('2.0.post1', r)).toBe(false);
  });

  it('last_affected is inclusive, fixed exclusive', () => {
    const r = range({ introduced: '1.0' }, { last_affected: '1.11.0' });
    expect(includedInRange('1.11.0', r)).toBe(true);
    expect(includedInRange('1.11.1', r)).toBe(false);
    expect(includedInRange('0.9', r)).toBe(false);
  });

  it('introduced 0 with no fix affects every version', () => {
    expect(includedInRange('999.0', range({ introduced: '0' }))).toBe(true);
  });

  it('limit events bound the range (and "*" is no bound)', () => {
    const r = range({ introduced: '0' }, { limit: '2.0' });
    expect(includedInRange('1.9', r)).toBe(true);
    expect(includedInRange('2.0', r)).toBe(false);
    expect(includedInRange('5.0', range({ introduced: '0' }, { limit: '*' }))).toBe(true);
  });

  it('GIT ranges are ignored; explicit versions match by PEP 440 equality', () => {
    const a: CompactAffected = { name: 'x', ranges: [{ type: 'GIT', events: [{ introduced: '0' }] }], versions: ['1.0', '1.1rc1'] };
    expect(isAffected('1.0.0', a)).toBe(true);
    expect(isAffected('1.1RC1', a)).toBe(true);
    expect(isAffected('1.2', a)).toBe(false);
  });

  it('legacy (non-PEP 440) versions sort before valid ones', () => {
    expect(compareVersions('0.1-bulbasaur', '0.0.1')).toBeLessThan(0);
    expect(pinnedVersion('==1.2.3')).toBe('1.2.3');
    expect(pinnedVersion('==1.2.*')).toBeUndefined();
    expect(pinnedVersion('>=1,<2')).toBeUndefined();
  });
});

describe('versions ranked once per project (the matching order)', () => {
  const versions = ['2.0', '1.0.0', '0.1-bulbasaur', '1.0', '1.0rc1', '1.0.post1', '10.0', '9.9', '1.0.dev1', '2019-09-12', '1!0.5'];

  it('ranks in the library order, equal versions sharing a rank', () => {
    const order = orderVersions(versions);
    expect(order.get('1.0')).toBe(order.get('1.0.0'));
    expect(order.get('9.9')).toBeLessThan(order.get('10.0')!);
    expect(order.get('1.0.dev1')).toBeLessThan(order.get('1.0rc1')!);
    expect(order.get('0.1-bulbasaur')).toBeLessThan(order.get('1.0.dev1')!);
    expect(order.get('1!0.5')).toBeGreaterThan(order.get('10.0')!);
    for (const a of versions) for (const b of versions) expect(withVersionOrder(order, () => Math.sign(compareVersions(a, b)))).toBe(Math.sign(compareVersions(a, b)));
  });

  it('a version outside the order is compared by the library', () => {
    const order = orderVersions(['1.0', '2.0']);
    expect(withVersionOrder(order, () => compareVersions('1.5', '2.0'))).toBeLessThan(0);
    expect(withVersionOrder(order, () => compareVersions('2.0', '1.5'))).toBeGreaterThan(0);
  });

  it('explicit version lists match by rank under an order, and only their versions', () => {
    const a: CompactAffected = { name: 'x', ranges: [], versions: ['1.0', '1.1rc1'] };
    const order = orderVersions(['1.0.0', '1.0', '1.1rc1', '1.2']);
    expect(withVersionOrder(order, () => isAffected('1.0.0', a))).toBe(true);
    expect(withVersionOrder(order, () => isAffected('1.2', a))).toBe(false);
    expect(withVersionOrder(order, () => isAffected('1.1RC1', a))).toBe(true); // not ranked: the library answers
  });

  it('matching the embedded data gives what comparing every pair gives', () => {
    const db = new AdvisoryDatabase(readDatabaseFile(EMBEDDED_DB), EMBEDDED_DB);
    for (const name of ['django', 'tensorflow', 'pillow']) {
      const entries = db.forPackage(name);
      const req = { name, normalizedName: name, specifier: '>=1.0', extras: [], role: 'requirement' } as unknown as Requirement;
      const ranked = matchRequirement(req, db).map((m) => [m.id, m.allowedAffected]);
      // The same questions answered without an order: each range and list checked pair by pair.
      const plain = entries
        .map(({ advisory, affected }) => {
          const hits = affected.flatMap((a) => [...(a.versions ?? []), ...a.ranges.flatMap((r) => r.events.flatMap((e) => Object.values(e)))].filter((v) => v !== '0' && v !== '*' && compareVersions(v, '1.0') >= 0 && isAffected(v, a)));
          return hits.length ? advisory.id : null;
        })
        .filter(Boolean);
      expect(ranked.map(([id]) => id).sort()).toEqual([...new Set(plain)].sort());
      expect(lowestVersionFreeOfAll(entries)).toBeDefined();
    }
  });
});

describe('severity', () => {
  it('maps CVSS scores and advisory ratings', () => {
    expect(severityFromScore(9.8)).toBe('critical');
    expect(severityFromScore(7.0)).toBe('high');
    expect(severityFromScore(4.0)).toBe('medium');
    expect(severityFromScore(3.9)).toBe('low');
    const adv = { id: 'X', affected: [], severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] };
    expect(advisorySeverity(adv)).toMatchObject({ severity: 'critical', source: 'cvss', score: 9.8 });
    expect(advisorySeverity({ id: 'Y', affected: [], databaseSeverity: 'MODERATE' })).toEqual({ severity: 'medium', source: 'database' });
    expect(advisorySeverity({ id: 'Z', affected: [] })).toEqual({ severity: 'medium', source: 'unknown' });
  });
});

describe('the compiled database', () => {
  const db = readDatabaseFile(EMBEDDED_DB);

  it('is small, dated, attributed and has no withdrawn advisory', () => {
    expect(statSync(EMBEDDED_DB).size).toBeLessThan(1_000_000);
    expect(db.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(db.license).toBe('CC-BY-4.0');
    expect(db.advisories.length).toBeGreaterThan(2000);
    expect(db.advisories.find((a) => a.id === 'PYSEC-2023-73')).toBeUndefined(); // withdrawn (redis)
    expect(readFileSync(new URL('../../data/ADVISORIES-LICENSE.md', import.meta.url), 'utf8')).toContain(db.commit!);
  });

  it.skipIf(!existsSync(SHARED_ADVISORIES))('matches what compactOsv makes of every source file (build script and runtime agree)', () => {
    const byId = new Map(db.advisories.map((a) => [a.id, a]));
    let n = 0;
    for (const pkg of readdirSync(SHARED_ADVISORIES)) {
      const dir = join(SHARED_ADVISORIES, pkg);
      if (!statSync(dir).isDirectory()) continue;
      for (const f of readdirSync(dir)) {
        const rec = compactOsv(parseYaml(readFileSync(join(dir, f), 'utf8')));
        if (!rec) continue;
        expect(byId.get(rec.id)).toEqual(rec);
        n++;
      }
    }
    expect(n).toBe(db.advisories.length);
  });
});
