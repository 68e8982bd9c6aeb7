/**
 * Hostile text in every renderer (issue 12): file names, package names, route paths,
 * secrets' key names, messages, snippets… carrying Markdown link/image injection
 * (`](javascript:`), HTML (`<img onerror>`), backtick runs that try to close a code fence,
 * ANSI (`\x1b[2J`), BEL, CR, C1, bidi overrides (U+202E) and newlines that fake lines.
 * Every terminal renderer shows them as escapes; Markdown shows them as text (no link,
 * image, HTML, heading or code-fence break-out, checked by rendering it with a GFM parser);
 * HTML escapes them and shows control/bidi characters as escapes too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { renderText, renderAnalysisText } from '../../src/report/text.js';
import { renderConcise } from '../../src/report/concise.js';
import { renderHtml } from '../../src/report/html.js';
import { mdBlock, mdCode, mdText, writeMarkdown } from '../../src/report/markdown.js';
import { renderDepsTable } from '../../src/report/deps-table.js';
import { renderEgress } from '../../src/report/egress-text.js';
import { renderStats } from '../../src/report/stats-text.js';
import { renderRoutes } from '../../src/posture/index.js';
import { renderFindingExplanation } from '../../src/cli/explain-finding.js';
import { makeHostileReport } from '../report/make-report.js';
import { krait, tree } from './helpers.js';

/** Named hostile payloads; each is planted in every audited string of the report. */
const CASES: Record<string, string> = {
  'markdown link to javascript:': '[click me](javascript:alert(1))',
  'markdown link, closing bracket first': 'x](javascript:alert(document.domain))',
  'markdown image (tracking pixel)': '![pixel](https://evil.example/p.png)',
  'reference-style link': '[ref][1]\n\n[1]: https://evil.example/',
  'raw HTML img onerror': '<img src=x onerror="alert(1)">',
  'raw HTML script': '<script>alert(1)</script>',
  'backtick run closing a fence': 'a ``````` b\n```\n# INJECTED HEADING\n```',
  'bare URL autolink': 'see https://evil.example/x and www.evil.example',
  'ANSI clear screen': 'x\x1b[2Jy',
  'ANSI window title + BEL': '\x1b]0;pwned\x07',
  'C1 CSI': 'a\x9b31mb',
  'carriage return overwrite': 'safe\rEVIL',
  'bidi override U+202E': 'abc\u202edef',
  'bidi isolate U+2066': 'abc\u2066def\u2069',
  'newline fakes a line': 'ok\nFAKE-LINE: all clear',
  'heading at start': '# INJECTED HEADING',
  'list marker at start': '- injected item',
  'indented code at start': '    indented',
  'table pipe': 'a | b | c',
};
const PAYLOAD = Object.values(CASES).join(' ');

/** Keys whose values renderers use as enums or lookups: left as they are. */
const ENUM_KEYS = new Set([
  'severity', 'confidence', 'category', 'kind', 'status', 'channel', 'channels', 'auth', 'validation', 'scope', 'riskLevel',
  'result', 'safety', 'in', 'type', 'id', 'date', 'generatedAt', 'schemaVersion', 'version', 'fingerprint', 'verdict', 'level', 'language', 'encoding',
]);

/** Keys holding multi-line code, or text krait writes on several lines itself (a fix). */
const CODE_KEYS = new Set(['snippet', 'before', 'after', 'request', 'instead', 'example', 'fix']);

/** The hostile report of the HTML tests, with PAYLOAD added to every audited string. */
function hostileReport(): Report {
  const walk = (v: unknown, key: string): unknown => {
    // Code (snippets, fix previews, requests) has lines of its own: there a newline is not a fake line.
    if (typeof v === 'string') return ENUM_KEYS.has(key) ? v : `${v}${CODE_KEYS.has(key) ? PAYLOAD.replace(/FAKE-LINE/g, 'code-line') : PAYLOAD}`;
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(makeHostileReport(), '') as Report;
}

// Control characters (tab and newline allowed), DEL, C1, bidi marks/overrides/isolates, line separators.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function expectTerminalSafe(out: string, lines = true): void {
  const bad = UNSAFE.exec(out);
  expect(bad ? `raw U+${bad[0].codePointAt(0)!.toString(16)} at …${JSON.stringify(out.slice(Math.max(0, bad.index - 300), bad.index + 10))}` : 'none').toBe('none');
  // A newline in audited text never starts a line of its own.
  if (!lines) return;
  const faked = out.split('\n').map((l, i, a) => (/^\s*FAKE-LINE/.test(l) ? `${a[i - 2]}\n${a[i - 1]}\n${l}` : '')).filter(Boolean);
  expect(faked).toEqual([]);
}

describe('hostile text: every terminal renderer escapes it', () => {
  const report = hostileReport();
  const renderers: Record<string, () => string> = {
    'scan text (verbose, dismissed, suppressed)': () => renderText({ ...report, dismissed: report.findings.slice(0, 1) }, { color: false, verbose: true, showDismissed: true, showSuppressed: true }),
    'scan text with colour': () => renderText(report, { color: true, verbose: true }).replace(/\x1b\[[0-9;]*m/g, ''),
    'scan text, summary only': () => renderText(report, { color: false, summaryOnly: true }),
    concise: () => renderConcise(report, { showSuppressed: true }),
    'analysis text (deps/egress/secrets commands)': () => renderAnalysisText(report, { color: false, verbose: true, what: 'finding', checks: 'checks' }),
    'deps table': () => renderDepsTable(report.dependencies!),
    egress: () => renderEgress(report.egress!, { color: false }),
    stats: () => renderStats(report, { color: false }),
    routes: () => renderRoutes(report.posture!, { color: false }),
    'explain finding': () => report.findings.map((f) => renderFindingExplanation(f)).join('\n'),
  };
  for (const [name, render] of Object.entries(renderers)) {
    it(`${name}: no raw control, ANSI or bidi character, no faked line`, () => {
      const out = render();
      expect(out.length).toBeGreaterThan(0);
      expectTerminalSafe(out);
    });
  }

  it('routes: the escaped route path, handler, file and evidence are shown (not dropped)', () => {
    const out = renderRoutes(report.posture!, { color: false });
    expect(out).toContain('\\x1b[2J');
    expect(out).toContain('\\u202e');
    expect(out).toContain('ok\\x0aFAKE-LINE');
  });
});

/** Markdown rendered as GitHub-flavoured HTML, raw HTML kept so that any injection shows. */
const gfmRender = (md: string) => micromark(md, { extensions: [gfm()], htmlExtensions: [gfmHtml()], allowDangerousHtml: true });

describe('hostile text: Markdown shows it as text', () => {
  for (const [name, payload] of Object.entries(CASES)) {
    it(`mdText: ${name}`, () => {
      const html = gfmRender(`Message: ${mdText(payload)}`);
      expect(html).not.toMatch(/<a |<img|<script|<h1|<pre|<table|<li/i);
      expect(html.match(/<p>/g)?.length).toBe(1);
      expectTerminalSafe(mdText(payload));
    });
    it(`mdText at the start of a line: ${name}`, () => {
      const html = gfmRender(`## Issue\n${mdText(payload)}\n`);
      expect(html).not.toMatch(/<a |<img|<script|<h1|<pre|<table|<li|<ul|<ol|<code/i);
    });
    it(`mdCode: ${name}`, () => {
      const html = gfmRender(`Path: ${mdCode(payload)} end`);
      expect(html).not.toMatch(/<a |<img|<script|<h1|<pre/i);
      expect(html.match(/<code>/g)?.length).toBe(1);
      expect(html).toMatch(/<\/code> end<\/p>/);
    });
    it(`mdBlock: ${name}`, () => {
      const html = gfmRender(`## Current state\n${mdBlock(`x = 1\n${payload}\ny = 2`, 'python')}\n\nAFTER`);
      expect(html.match(/<pre>/g)?.length).toBe(1);
      expect(html).not.toMatch(/<a |<img|<script|<h1/i);
      expect(html).toMatch(/<\/code><\/pre>\n<p>AFTER<\/p>/);
      expectTerminalSafe(mdBlock(payload), false); // code keeps its own lines
    });
  }

  it('the whole Markdown report (summary and every finding file) holds no injected link, image, HTML or heading', () => {
    const out = tree({});
    const files = writeMarkdown(hostileReport(), path.join(out, 'md'), new Date(2025, 0, 2));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const md = readFileSync(f, 'utf8');
      const html = gfmRender(md);
      expect(html, f).not.toMatch(/<img|<script|<svg|<iframe|<[a-z][^>]*\sonerror=/i);
      for (const [, href] of html.matchAll(/<a href="([^"]*)"/g)) {
        expect(href, `${path.basename(f)}: ${href}`).toMatch(/^(https:\/\/cwe\.mitre\.org\/|https:\/\/docs\.python\.org\/|security-analysis-2025-01-02\/finding-|\.\.\/security-analysis-2025-01-02\.md$)/);
      }
      expect(html.match(/<h1>/g)?.length, f).toBe(1);
      expect(html, f).not.toContain('INJECTED HEADING</h');
      // No raw control or bidi character in the file (tab and newline aside).
      expectTerminalSafe(md.replace(/FAKE-LINE/g, 'fake-line'));
    }
  });
});

describe('hostile text: HTML escapes it', () => {
  it('no injected element or link, no raw control or bidi character', () => {
    const html = renderHtml(hostileReport());
    // Tags only (quoted attribute values set aside; `"` inside them is escaped): krait draws its charts as <svg> itself.
    expect(html.replace(/"[^"]*"/g, '""').match(/<img|<iframe|<object|<embed|<[a-z][^<>]*\son[a-z]+=/gi)).toBeNull();
    expect(html.match(/<script>/g)?.length).toBe(1); // krait's own, fixed script
    for (const [, href] of html.matchAll(/<a href="([^"]*)"/g)) expect(href).toMatch(/^(#|https?:\/\/)/);
    expect(html).not.toContain('javascript:alert(1)"');
    expectTerminalSafe(html.replace(/FAKE-LINE/g, 'fake-line'));
    expect(html).toContain('abc\\u202edef');
  });
});

describe('hostile text: end to end through the CLI (real files)', () => {
  /** A project whose file names, route paths, package names and secret key names are hostile. */
  function project(): string {
    const evil = 'x\x1b[2J\u202e';
    const proj = tree({
      [`app${evil}.py`]: [
        'import os',
        'from flask import Flask, request',
        'app = Flask(__name__)',
        '@app.route("/a\\x1b[2J\\u202e<img src=x onerror=alert(1)>](javascript:alert(1))")',
        'def h():',
        '    os.system(request.args["c"])',
        '    return "x"',
        '',
      ].join('\n'),
      'requirements.txt': 'flask==0.12.2\nevil-pkg\u202e==1.0\n',
      '.env': 'API_\u202eKEY\x1b[2J=abc\n',
    });
    return proj;
  }

  for (const cmd of [['scan', '-f', 'text', '-v'], ['scan', '-f', 'concise'], ['routes'], ['deps'], ['stats'], ['secrets']]) {
    it(`krait ${cmd.join(' ')}: stdout and stderr carry no raw control or bidi character`, () => {
      const proj = project();
      const r = krait([...cmd, proj, '--no-config'], { cwd: proj });
      expect(r.error).toBeUndefined();
      expect(r.stdout.length).toBeGreaterThan(0);
      expectTerminalSafe(r.stdout);
      expectTerminalSafe(r.stderr);
    });
  }

  it('krait scan -f markdown: no raw control or bidi character, no link or image from the route', () => {
    const proj = project();
    const out = path.join(tree({}), 'md');
    const r = krait(['scan', proj, '--no-config', '-f', 'markdown', '-o', out, '--exit-zero'], { cwd: proj });
    expect(r.status).toBe(0);
    const day = readdirSync(out).find((n) => !n.endsWith('.md'))!;
    for (const f of [...readdirSync(out).filter((n) => n.endsWith('.md')).map((n) => path.join(out, n)), ...readdirSync(path.join(out, day)).map((n) => path.join(out, day, n))]) {
      const md = readFileSync(f, 'utf8');
      expectTerminalSafe(md);
      expect(gfmRender(md)).not.toMatch(/<img|<[a-z][^>]*\sonerror=|href="javascript/i);
    }
  });
});


describe('hostile text: unseen inputs (fast-check, fixed seeds)', () => {
  const FRAGMENTS = [
    '[', ']', '(', ')', '!', '<', '>', '&', '#', '`', '``', '```', '~~~', '*', '_', '|', '\\', '$', '@', ':', '//', '.', '-', '=', '+', '1.', ' ', '    ', '\n', '\r',
    '\t', 'https://', 'http://', 'www.', 'javascript:', 'data:', 'evil.example', 'a@b.co', 'img', 'src=x', 'onerror=', '<!--', '-->', '<a href=', '[^1]',
    '\x1b[2J', '\x1b]8;;', '\x07', '\x9b', '\x00', '\u202e', '\u2066', '\u200f', '\u2028', 'ｅｖａｌ', 'x', 'alert(1)', '"', "'",
  ];
  const hostile = fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 40 }).map((a) => a.join(''));
  const anything = fc.oneof(hostile, fc.string({ maxLength: 120, unit: 'binary' }));

  it('mdText: never a link, image, HTML, heading, list, code or second paragraph; no raw control character', () => {
    fc.assert(
      fc.property(anything, (s) => {
        const t = mdText(s);
        expectTerminalSafe(t);
        const html = gfmRender(`## Issue\n${t}\n`);
        expect(html).not.toMatch(/<a |<img|<script|<h1|<pre|<table|<li|<code|<[a-z]+[^>]*\son[a-z]+=/i);
        expect((html.match(/<p>/g) ?? []).length).toBeLessThanOrEqual(1);
      }),
      { seed: 1212, numRuns: 400 },
    );
  });

  it('mdCode: exactly one code span that ends where it should', () => {
    fc.assert(
      fc.property(anything, (s) => {
        const html = gfmRender(`Path: ${mdCode(s)} end`);
        expect(html).not.toMatch(/<a |<img|<pre/i);
        expect(html.match(/<code>/g)?.length).toBe(1);
        expect(html).toMatch(/<\/code> end<\/p>/);
      }),
      { seed: 1213, numRuns: 400 },
    );
  });

  it('mdBlock: exactly one code block, closed before the text after it', () => {
    fc.assert(
      fc.property(anything, (s) => {
        const html = gfmRender(`## Current state\n${mdBlock(s, 'python')}\n\nAFTER`);
        expect(html.match(/<pre>/g)?.length).toBe(1);
        expect(html).toMatch(/<\/code><\/pre>\n<p>AFTER<\/p>/);
        expectTerminalSafe(mdBlock(s), false);
      }),
      { seed: 1214, numRuns: 400 },
    );
  });

  it('routes text: any route path, handler, file or evidence is escaped and stays on its line', () => {
    fc.assert(
      fc.property(fc.array(anything, { minLength: 5, maxLength: 5 }), ([p, h, file, auth, input]) => {
        const route = {
          kind: 'http' as const, framework: 'flask', path: p, methods: ['GET'], handler: h, location: { path: file!, line: 1 },
          auth: 'required' as const, authBy: [auth!], validation: 'unvalidated' as const, validatedBy: [], inputs: [input!], stateChanging: false, rateLimited: false, csrfExempt: false,
        };
        const out = renderRoutes({ routes: [route] } as Parameters<typeof renderRoutes>[0], { color: false });
        expectTerminalSafe(out);
        // Header, one route line, one evidence line, blank, CLI header, "none found", blank, summary.
        expect(out.split('\n').length).toBe(8);
      }),
      { seed: 1215, numRuns: 300 },
    );
  });
});
