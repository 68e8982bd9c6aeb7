import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderHtml, esc, contentSecurityPolicy } from '../../src/report/html.js';
import { makeReport, makeHostileReport, lookupRule, PAYLOADS } from './make-report.js';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');

describe('renderHtml (static checks; the browser test runs it in Chromium)', () => {
  it('is one self-contained file: no external resources, and a CSP that allows only its own style and script', () => {
    const html = renderHtml(makeReport(), lookupRule);
    expect(html).not.toMatch(/<(link|iframe|object|embed|img)\b/i);
    expect(html).not.toMatch(/\bsrc=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/ style="/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<style/g)).toHaveLength(1);
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`'sha256-${sha(style)}'`);
    expect(csp).toContain(`'sha256-${sha(script)}'`);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">`);
  });

  it('has every section the issue asks for', () => {
    const html = renderHtml(makeReport(), lookupRule);
    for (const id of ['overview', 'findings', 'secrets', 'egress', 'dependencies', 'statistics', 'modules', 'routes', 'problems']) {
      expect(html).toContain(`<section id="${id}"`);
    }
    expect(html).toContain('Overall score 7/25');
    expect(html.match(/<article class="finding /g)).toHaveLength(18);
    expect(html).toContain('AWS_SECRET = &quot;AKIA****************&quot;');
    expect(html).toContain('embedded PyPA advisory database snapshot');
    expect(html).toContain('<a href="https://osv.dev/vulnerability/GHSA-8q59-q68h-6hv4"');
    expect(html).toContain('not declared'); // PyJWT imported, not in requirements
    expect(html).toContain('GHSA-5wv5-4vpf-pj6m');
    expect(html).toContain('can send data');
  });

  it('escapes every piece of audited text', () => {
    const html = renderHtml(makeHostileReport());
    for (const p of PAYLOADS) expect(html).not.toContain(p);
    expect(html).not.toMatch(/<script>window/i);
    expect(html).not.toMatch(/<img /i);
    expect(html).not.toMatch(/<svg onload/i);
    // no tag with an event-handler attribute (quoted attribute values, all escaped, removed first)
    expect(html.replace(/="[^"]*"/g, '=""')).not.toMatch(/<[a-z][^<>]*\son[a-z]+\s*=/i);
    expect(html).toContain(esc(PAYLOADS[0]));
    expect(html).not.toMatch(/href="javascript:/i);
  });

  it('is deterministic', () => {
    expect(renderHtml(makeReport(), lookupRule)).toBe(renderHtml(makeReport(), lookupRule));
  });
});
