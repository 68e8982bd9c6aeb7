import { describe, expect, it } from 'vitest';
import { parseSuppressionMarkers, readSuppressions, suppressionFor } from '../../src/core/suppress.js';

describe('parseSuppressionMarkers (on the one parser, parseSuppressionComment)', () => {
  it('reads bandit, ruff and detect-secrets markers with their ids', () => {
    expect(parseSuppressionMarkers('# nosec')).toEqual([{ kind: 'nosec', ids: 'all', text: '# nosec' }]);
    const [b] = parseSuppressionMarkers('# nosec B602, B607');
    expect(b!.ids).toEqual(new Set(['B602', 'B607']));
    const [q] = parseSuppressionMarkers('# noqa: S602');
    expect(q).toMatchObject({ kind: 'noqa', ids: new Set(['B602']) });
    expect(parseSuppressionMarkers('# pragma: allowlist secret')[0]).toMatchObject({ kind: 'pragma', ids: 'all' });
  });

  it('keeps the justification after the ids, in both written forms', () => {
    expect(parseSuppressionMarkers('# nosec B602 -- the command is a constant')[0]).toMatchObject({ ids: new Set(['B602']), justification: 'the command is a constant' });
    expect(parseSuppressionMarkers('# nosec B602: reviewed by sec team')[0]).toMatchObject({ ids: new Set(['B602']), justification: 'reviewed by sec team' });
    expect(parseSuppressionMarkers('# nosec: B101')[0]).toMatchObject({ ids: new Set(['B101']) });
    expect(parseSuppressionMarkers('# nosec: B101')[0]!.justification).toBeUndefined();
    expect(parseSuppressionMarkers('# noqa: S602, S607 -- fixed argv')[0]).toMatchObject({ ids: new Set(['B602', 'B607']), justification: 'fixed argv' });
    expect(parseSuppressionMarkers('# pragma: allowlist secret -- test key')[0]!.justification).toBe('test key');
    expect(parseSuppressionMarkers('# nosec subprocess_popen_with_shell_equals_true -- fine')[0]).toMatchObject({ ids: new Set(['subprocess-popen-with-shell-equals-true']), justification: 'fine' });
  });

  it('ignores a bare noqa (ruff blanket form) and reads two markers in one comment', () => {
    expect(parseSuppressionMarkers('# noqa')).toEqual([]);
    expect(parseSuppressionMarkers('# noqa E501')).toEqual([]);
    const two = parseSuppressionMarkers('# noqa: S105  # nosec B106 -- fixture');
    expect(two.map((x) => x.kind)).toEqual(['noqa', 'nosec']);
    expect(two[1]!.justification).toBe('fixture');
  });

  it('finds the comment that silences a rule across a statement', () => {
    const s = readSuppressions([{ line: 3, text: '# nosec B602 -- reviewed' }]);
    expect(suppressionFor(s, 'B602', 'x', 2, 4)?.justification).toBe('reviewed');
    expect(suppressionFor(s, 'B607', 'x', 2, 4)).toBeUndefined();
    expect(suppressionFor(s, 'B602', 'x', 4, 5)).toBeUndefined();
  });
});
