/**
 * Module security intelligence (issue 16): a third-party module the code imports that no
 * manifest declares is named with its distribution, the number and ids of its known
 * advisories and the versions free of them — in the text report and `krait deps`; the
 * project's own folders are never taken for third-party modules.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lowestVersionFreeOfAll } from '../../src/deps/match.js';

const BIN = fileURLToPath(new URL('../../bin/krait.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', KRAIT_DATA_DIR: join(tmpdir(), 'krait-no-data') } });

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'krait-mods-'));
  mkdirSync(join(root, 'tools'));
  writeFileSync(join(root, 'tools', 'jwt.py'), 'x = 1\n'); // a namespace package of the project
  mkdirSync(join(root, 'src', 'shop'), { recursive: true });
  writeFileSync(join(root, 'src', 'shop', 'models.py'), 'x = 1\n'); // src layout, no __init__.py
  mkdirSync(join(root, 'jinja2')); // a folder without Python files: not a module
  writeFileSync(join(root, 'jinja2', 'page.html'), '<p>\n');
  writeFileSync(join(root, 'requirements.txt'), 'requests==2.32.3\n');
  writeFileSync(join(root, 'app.py'), 'import yaml\nimport requests\nimport jinja2\nfrom tools import jwt\nfrom shop import models\n');
  return root;
}

describe('module security intelligence', () => {
  it('krait deps names the distribution, the advisory count and ids, and the versions free of them', () => {
    const root = project();
    const r = run('deps', root);
    expect(r.stdout).toMatch(/\| PyYAML \| — \| yaml is imported but PyYAML is not declared in any manifest; 4 known advisories for PyYAML \(PYSEC-2018-49, PYSEC-2020-176, PYSEC-2020-96, PYSEC-2021-142\), versions from 5\.4 on are free of them;/);
    expect(r.stdout).toContain("declare PyYAML in the project's requirements, pinned at 5.4 or later");
    expect(r.stdout).toMatch(/jinja2 is imported but Jinja2 is not declared/);
    const json = JSON.parse(run('deps', root, '-f', 'json').stdout) as { dependencies: { modules: { module: string; knownAdvisoryIds?: string[]; freeFrom?: string }[] } };
    expect(json.dependencies.modules.map((m) => m.module).sort()).toEqual(['jinja2', 'requests', 'yaml']);
    expect(json.dependencies.modules.find((m) => m.module === 'yaml')).toMatchObject({ freeFrom: '5.4', knownAdvisoryIds: ['PYSEC-2018-49', 'PYSEC-2020-176', 'PYSEC-2020-96', 'PYSEC-2021-142'] });
  });

  it('the text report says the same, and never takes the project\'s folders for third-party modules', () => {
    const root = project();
    const out = run(root, '--select', 'KR510').stdout;
    expect(out).toMatch(/yaml is imported but PyYAML is not declared in any manifest; 4 known advisories/);
    expect(out).not.toMatch(/tools is imported|shop is imported|jwt is imported/);
  });

  it('lowestVersionFreeOfAll: the lowest fix above which nothing named is affected; none when an advisory has no fix', () => {
    const e = (introduced: string, fixed?: string) => ({ affected: [{ name: 'p', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced }, ...(fixed ? [{ fixed }] : [])] }] }] });
    expect(lowestVersionFreeOfAll([e('0', '1.2'), e('1.0', '2.0')])).toBe('2.0');
    expect(lowestVersionFreeOfAll([e('0', '1.2'), e('3.0', '3.1')])).toBe('3.1');
    expect(lowestVersionFreeOfAll([e('0', '1.2'), e('0')])).toBeUndefined();
  });
});
