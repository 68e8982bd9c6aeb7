import { describe, expect, it } from 'vitest';
import { aggregateMetrics } from '../../src/metrics/index.js';
import { renderStats } from '../../src/report/stats-text.js';
import type { Report } from '../../src/report/model.js';
import { measure } from './helpers.js';

function report(files: { path: string; source: string }[]): Report {
  const measured = files.map((f) => ({ path: f.path, kind: 'python' as const, diagnostics: [], metrics: measure(f.source) }));
  return {
    schemaVersion: '1.0.0', tool: { name: 'krait', version: '0' }, startedAt: '', durationMs: 0, targets: ['.'],
    files: measured, skipped: [], diagnostics: [], findings: [], suppressedCount: 0, checksPerformed: [],
    metrics: aggregateMetrics(measured, []),
  };
}

const COMPLEX = `import os\nimport requests\n\ndef busy(x):\n${Array.from({ length: 11 }, (_, i) => `    if x == ${i}:\n        return ${i}\n`).join('')}`;

describe('renderStats', () => {
  const r = report([
    { path: 'app/main.py', source: '"""Doc."""\n# c\nimport json\n\n\ndef f():\n    return 1\n' },
    { path: 'app/busy.py', source: COMPLEX },
  ]);

  it('prints one row per file, the totals, the imports and the complex functions', () => {
    const out = renderStats(r, { color: false });
    const lines = out.split('\n');
    expect(lines[0]).toBe('CODE STATISTICS');
    expect(lines[1]).toMatch(/^File\s+Lines\s+Code\s+Comment\s+Blank\s+Docstr\s+Nodes\s+Funcs\s+Classes\s+Max CC\s+Mean CC$/);
    const main = lines.find((l) => l.startsWith('app/main.py'))!;
    expect(main.split(/\s+/)).toEqual(['app/main.py', '7', '3', '1', '2', '1', String(r.files[0]!.metrics!.astNodes), '1', '0', '1', '1.0']);
    expect(lines.find((l) => l.startsWith('Total (2 files)'))).toBeDefined();
    expect(out).toContain('Standard library (2): json, os');
    expect(out).toContain('Third-party (1): requests');
    expect(out).toMatch(/12 {2}busy {2}app\/busy\.py:4/);
    expect(out).not.toMatch(/\u001b\[/);
  });

  it('colours only when asked, and keeps control characters out of the terminal', () => {
    const hostile = report([{ path: 'evil\u001b[2J.py', source: 'x = 1\n' }]);
    const plain = renderStats(hostile, { color: false });
    expect(plain).not.toContain('\u001b[2J');
    expect(plain).toContain('evil\\x1b[2J.py');
    expect(renderStats(r, { color: true })).toMatch(/\u001b\[/);
  });

  it('says so when nothing was measured', () => {
    expect(renderStats(report([]), { color: false })).toContain('No Python file was measured.');
  });
});
