/**
 * The acceptance test: pinned versions with known advisories get every advisory
 * the snapshot holds for them (ids, aliases, fixed versions), and versions outside the
 * ranges get none — checked against the raw OSV YAML files, read independently here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pep440 from '@renovatebot/pep440';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { analyzeDependencies } from '../../src/pipeline/deps.js';
import { FIXTURE_ADVISORIES, fixtureInput, SHARED_ADVISORIES } from './helpers.js';

/** The raw advisories: the shared snapshot when present, else (or with KRAIT_TEST_FIXTURE_OSV=1) the copy of the pinned packages' files. */
const ADVISORIES = process.env['KRAIT_TEST_FIXTURE_OSV'] || !existsSync(SHARED_ADVISORIES) ? FIXTURE_ADVISORIES : SHARED_ADVISORIES;

interface RawAdvisory {
  id: string;
  aliases?: string[];
  withdrawn?: string;
  affected?: { package: { name: string; ecosystem: string }; ranges?: { type: string; events: Record<string, string>[] }[]; versions?: string[] }[];
}

/** Advisory ids affecting name@version, evaluated straight from the YAML files (a second, simple implementation). */
function expectedFromYaml(name: string, version: string): Map<string, { aliases: string[]; fixed: string[] }> {
  const dir = join(ADVISORIES, name);
  const out = new Map<string, { aliases: string[]; fixed: string[] }>();
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir)) {
    const doc = parseYaml(readFileSync(join(dir, f), 'utf8')) as RawAdvisory;
    if (doc.withdrawn) continue;
    let hit = false;
    const fixed: string[] = [];
    for (const a of doc.affected ?? []) {
      if (a.package.ecosystem !== 'PyPI' || a.package.name.toLowerCase() !== name) continue;
      if ((a.versions ?? []).some((v) => pep440.valid(v) && pep440.eq(String(v), version))) hit = true;
      for (const r of a.ranges ?? []) {
        if (r.type !== 'ECOSYSTEM') continue;
        // Pairs introduced → fixed/last_affected, in event order as the PyPA files write them.
        let inside = false;
        const evs = [...r.events].sort((x, y) => {
          const vx = String(Object.values(x)[0]);
          const vy = String(Object.values(y)[0]);
          if (vx === '0') return -1;
          if (vy === '0') return 1;
          return pep440.compare(vx, vy);
        });
        for (const e of evs) {
          if (e['fixed']) fixed.push(String(e['fixed']));
          if (e['introduced'] !== undefined && (String(e['introduced']) === '0' || pep440.gte(version, String(e['introduced'])))) inside = true;
          else if (e['fixed'] !== undefined && pep440.gte(version, String(e['fixed']))) inside = false;
          else if (e['last_affected'] !== undefined && pep440.gt(version, String(e['last_affected']))) inside = false;
        }
        if (inside) hit = true;
      }
    }
    if (hit) out.set(doc.id, { aliases: doc.aliases ?? [], fixed });
  }
  return out;
}

describe('vulnerable pins from the issue', () => {
  const pins: [string, string][] = [
    ['django', '3.2.0'],
    ['pyyaml', '5.3'],
    ['jinja2', '2.10'],
    ['urllib3', '1.24.1'],
    ['requests', '2.19.0'],
  ];

  it('reports exactly the advisories the OSV files hold for each pinned version, with aliases and fixes', async () => {
    const { findings, report } = await analyzeDependencies(fixtureInput('vulnerable'));
    const kr501 = findings.filter((f) => f.ruleId === 'KR501');
    let total = 0;
    for (const [name, version] of pins) {
      const expected = expectedFromYaml(name, version);
      expect(expected.size, `${name} ${version} has advisories in the snapshot`).toBeGreaterThan(0);
      const got = kr501.filter((f) => f.properties?.['package'] === name);
      expect(new Set(got.map((f) => f.properties?.['advisory']))).toEqual(new Set(expected.keys()));
      for (const f of got) {
        const exp = expected.get(f.properties?.['advisory'] as string)!;
        expect(f.properties?.['aliases']).toEqual(exp.aliases);
        expect(new Set(f.properties?.['fixedVersions'] as string[])).toEqual(new Set(exp.fixed));
        expect(f.cwe).toEqual([1395]);
        expect(f.category).toBe('dependencies');
        expect(f.fingerprint).toBe('');
        expect(f.snippet).toContain(`${name}==${version}`);
        expect(f.location.path).toBe('requirements.txt');
      }
      total += expected.size;
    }
    expect(kr501.length).toBe(total);
    expect(report.summary.vulnerable).toBe(5);
    expect(report.database.source).toMatch(/embedded snapshot/);
    expect(report.database.date).toBe('2024-10-10');
  });

  it('names the lines: django on line 2, requests on line 6', async () => {
    const { findings } = await analyzeDependencies(fixtureInput('vulnerable'));
    const line = (pkg: string) => findings.find((f) => f.ruleId === 'KR501' && f.properties?.['package'] === pkg)?.location.startLine;
    expect(line('django')).toBe(2);
    expect(line('requests')).toBe(6);
  });

  it('a known case by hand: django 3.2.0 is affected by PYSEC-2021-98 (CVE-2021-33203), fixed in 3.2.4', async () => {
    const { findings } = await analyzeDependencies(fixtureInput('vulnerable'));
    const f = findings.find((x) => x.properties?.['advisory'] === 'PYSEC-2021-98');
    expect(f?.properties?.['aliases']).toContain('CVE-2021-33203');
    expect(f?.properties?.['fixedVersions']).toContain('3.2.4');
    expect(f?.properties?.['suggestedVersion']).toBe('3.2.25');
  });

  it('versions outside every range get no advisory (checked against the OSV files too)', async () => {
    const { findings, report } = await analyzeDependencies(fixtureInput('safe'));
    const safe: [string, string][] = [
      ['django', '5.1.2'],
      ['pyyaml', '6.0.2'],
      ['jinja2', '3.1.4'],
      ['urllib3', '2.2.3'],
      ['requests', '2.32.3'],
    ];
    for (const [name, version] of safe) expect(expectedFromYaml(name, version).size).toBe(0);
    expect(findings.filter((f) => f.ruleId === 'KR501')).toEqual([]);
    expect(report.summary.vulnerable).toBe(0);
    // Hashed and pinned: no supply-chain findings either.
    expect(findings.map((f) => f.ruleId)).toEqual([]);
  });

  it('severity comes from CVSS when the advisory has a vector, else unknown → medium', async () => {
    const { findings } = await analyzeDependencies(fixtureInput('vulnerable'));
    const cvss = findings.find((f) => f.properties?.['advisory'] === 'PYSEC-2023-192'); // urllib3, CVSS 3.1 8.1
    expect(cvss?.properties?.['severitySource']).toBe('cvss');
    expect(cvss?.severity).toBe('high');
    const unknown = findings.find((f) => f.properties?.['advisory'] === 'PYSEC-2021-98');
    expect(unknown?.properties?.['severitySource']).toBe('unknown');
    expect(unknown?.severity).toBe('medium');
  });

  it('ignore lists accept aliases with a reason, and expired entries stop applying', async () => {
    const ignore = [
      { id: 'CVE-2021-33203', reason: 'admindocs not installed', expires: '2999-01-01' },
      { id: 'PYSEC-2019-217', reason: 'no sandbox used', expires: '2000-01-01' },
    ];
    const { findings, report, diagnostics } = await analyzeDependencies(fixtureInput('vulnerable', { ignore, today: '2026-01-01' }));
    expect(findings.some((f) => f.properties?.['advisory'] === 'PYSEC-2021-98')).toBe(false);
    expect(findings.some((f) => f.properties?.['advisory'] === 'PYSEC-2019-217')).toBe(true);
    const django = report.requirements.find((r) => r.requirement.normalizedName === 'django');
    expect(django?.ignored).toEqual([{ id: 'PYSEC-2021-98', reason: 'admindocs not installed', expires: '2999-01-01' }]);
    expect(diagnostics.some((d) => d.message.includes('PYSEC-2019-217') && d.message.includes('expired'))).toBe(true);
  });
});
