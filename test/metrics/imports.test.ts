import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregateMetrics } from '../../src/metrics/index.js';
import { discover } from '../../src/pipeline/discover/walk.js';
import { FIXTURES, measure, measureFixture } from './helpers.js';

const PROJECT = path.join(FIXTURES, 'project');

describe('import classification', () => {
  it('per file: standard library, third party, relative imports and the own package', () => {
    const m = measureFixture('project/shop/app.py', 'shop');
    expect(m.imports.map((i) => [i.module, i.kind])).toEqual([
      ['os', 'stdlib'],
      ['json', 'stdlib'],
      ['os.path', 'stdlib'],
      ['requests', 'third-party'],
      ['shop', 'local'], // from shop import models: the file's own package
      ['shop.models', 'local'], // from .models import Item, resolved in package shop
      ['helpers', 'third-party'], // a sibling module: only the project pass knows it is local
    ]);
    expect(m.imports.map((i) => i.line)).toEqual([1, 2, 3, 4, 5, 7, 8]);
  });

  it('relative imports are local even when the package is unknown', () => {
    const m = measure('from . import views\nfrom ..models import Item\n');
    expect(m.imports).toEqual([
      { module: '.', kind: 'local', line: 1 },
      { module: '..models', kind: 'local', line: 2 },
    ]);
  });

  it('project pass: a sibling module of the scanned package is local (names from discovery)', () => {
    const disc = discover([PROJECT], { exclude: [], include: [], gitignore: false, defaultExcludes: true, cwd: PROJECT });
    expect(disc.localModules).toEqual(expect.arrayContaining(['helpers', 'shop']));
    const files = disc.files
      .filter((f) => f.kind === 'python')
      .map((f) => ({ path: f.path, metrics: measure(readFileSync(f.absPath, 'utf8'), f.packageName) }));
    const totals = aggregateMetrics(files, disc.localModules);
    expect(totals.imports).toEqual({ stdlib: ['json', 'os'], thirdParty: ['requests'], local: ['helpers', 'shop'] });
    const app = files.find((f) => f.path.endsWith('app.py'))!;
    expect(app.metrics.imports.find((i) => i.module === 'helpers')?.kind).toBe('local');
    expect(totals.files).toBe(5);
    expect(totals.functions).toBe(3);
    expect(totals.classes).toBe(1);
    expect(totals.docstringLines).toBe(1);
  });

  it('standard library wins over a local module of the same name', () => {
    const totals = aggregateMetrics([{ path: 'a.py', metrics: measure('import logging\nimport mylib\n') }], ['logging', 'mylib']);
    expect(totals.imports).toEqual({ stdlib: ['logging'], thirdParty: [], local: ['mylib'] });
  });
});
