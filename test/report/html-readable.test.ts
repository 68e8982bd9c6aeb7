import { describe, expect, it } from 'vitest';
import { renderHtml, richText } from '../../src/report/html.js';
import { makeDependencies, makeReport, lookupRule } from './make-report.js';

/** The report's own stylesheet. */
const styleOf = (html: string): string => /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;

describe('HTML report: readable messages, paths and module table', () => {
  it('shows `inline code` of messages and fixes as <code>, escaped', () => {
    expect(richText('pass it to `cursor.execute(sql, params)` instead')).toBe('pass it to <code>cursor.execute(sql, params)</code> instead');
    const report = makeReport();
    const f = report.findings[0]!;
    report.findings[0] = { ...f, message: 'reaches `<script>alert(1)</script>` unescaped', fix: 'use `html.escape(x)` & co' };
    const html = renderHtml(report, lookupRule);
    expect(html).toContain('<span class="msg">reaches <code>&lt;script&gt;alert(1)&lt;/script&gt;</code> unescaped</span>');
    expect(html).toContain('<strong>Fix:</strong> use <code>html.escape(x)</code> &amp; co</div>');
    expect(html).not.toContain('<script>alert(1)');
    // A lone backtick or one spanning lines is text, not code.
    expect(richText('a ` b\nc ` d')).toBe('a ` b\nc ` d');
  });

  it('lets long paths wrap wherever they are shown', () => {
    const css = styleOf(renderHtml(makeReport(), lookupRule));
    expect(css).toMatch(/(^|[}\n])\.loc\{overflow-wrap:anywhere;word-break:break-all\}/);
  });

  it('collapses repeated import places and shows the versions free of the advisories', () => {
    const deps = makeDependencies();
    const places = [8, 8, 8, 9, 10].map((line) => ({ path: 'app/crypto.py', line }));
    for (const n of [1, 2, 3, 4, 5]) places.push({ path: `app/mod${n}.py`, line: n });
    deps.modules.push({ module: 'Crypto', distribution: 'pycrypto', declared: false, advisories: ['PYSEC-2017-94'], knownAdvisories: 4, knownAdvisoryIds: ['PYSEC-2017-94'], freeFrom: '2.7a1', importedAt: places });
    const html = renderHtml(makeReport({ dependencies: deps }), lookupRule);
    const row = /<tr><td><code>Crypto<\/code>.*?<\/tr>/.exec(html)![0];
    expect(row).toContain('<td><code>2.7a1</code> and later</td>');
    expect(row).toContain('app/crypto.py:8, 9, 10<br>app/mod1.py:1<br>app/mod2.py:2<details><summary>and 3 more</summary>app/mod3.py:3<br>app/mod4.py:4<br>app/mod5.py:5</details>');
    expect(row.match(/crypto\.py/g)).toHaveLength(1);
    expect(html).toContain('<th>Free of them from</th>');
  });
});
