/**
 * The HTML report (`--format html`): one self-contained file that opens in any browser
 * with no network access — CSS, script and SVG charts are inline.
 *
 * Safety: every piece of audited text (paths, code, messages, module names…) is escaped
 * on the server side by {@link esc}; the only script is a fixed string that reads
 * `data-*` attributes and toggles `hidden`, never building HTML from data. A strict
 * Content-Security-Policy (`default-src 'none'`, the style and script allowed by their
 * SHA-256 hashes) would block any markup that slipped through anyway.
 */
import { fixCommand } from './fix-notes.js';
import { terminalSafeBlock } from '../core/text.js';
import { createHash } from 'node:crypto';
import { compareFindings, SEVERITIES, CATEGORIES } from '../core/finding.js';
import type { Finding, Severity } from '../core/finding.js';
import type { Report } from './model.js';
import { computeScore } from './score.js';
import { ruleFor, cweUrl, noRules, insteadFor } from './rules.js';
import type { RuleLookup } from './rules.js';
import type { Score } from './score-types.js';
import { advisoryAgeText, advisoryDataAge } from './summary.js';
import { performanceOverview, testingOverview } from './overview.js';

/**
 * Escape text for HTML element content and quoted attribute values. Control characters
 * (tab and newline kept) and bidirectional overrides and isolates are shown as escapes
 * (`\x1b`, `\u202e`), as in the terminal, so audited code cannot reorder what the
 * reader sees (Trojan Source).
 */
export function esc(value: unknown): string {
  return terminalSafeBlock(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Escape prose (messages, fixes, rule documentation) and show its `inline code` (text
 * between single backticks on one line) as `<code>`. The text is escaped first, so code
 * taken from audited files stays inert inside the `<code>` element.
 */
export function richText(value: unknown): string {
  return esc(value).replace(/`([^`\n]+)`/g, '<code>$1</code>');
}

/** An href only for http(s) URLs; anything else (javascript:, data:…) gives no link. */
function safeHref(url: string): string | undefined {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : undefined;
}

function link(url: string, text = url): string {
  const href = safeHref(url);
  return href ? `<a href="${esc(href)}" rel="noopener noreferrer" target="_blank">${esc(text)}</a>` : esc(text);
}

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;

const CSS = `
:root{color-scheme:light dark;--bg:#f7f7f9;--card:#fff;--fg:#1b1d23;--muted:#5c6370;--border:#dcdfe6;--accent:#3b5bdb;--code:#f1f3f5;--hit:#fff3bf;
--critical:#c92a2a;--high:#e8590c;--medium:#e67700;--low:#1971c2;--info:#6c757d;--good:#2b8a3e;--track:#e9ecef}
@media (prefers-color-scheme:dark){:root{--bg:#16181d;--card:#1f2229;--fg:#e6e8ee;--muted:#a3aab8;--border:#353a45;--accent:#91a7ff;--code:#14161a;--hit:#4a3f12;
--critical:#ff6b6b;--high:#ff922b;--medium:#fcc419;--low:#74c0fc;--info:#adb5bd;--good:#69db7c;--track:#2c313a}}
*{box-sizing:border-box}[hidden]{display:none!important}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:var(--accent)}a:focus-visible,button:focus-visible,select:focus-visible,input:focus-visible,summary:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:var(--card);padding:6px 10px;z-index:9}
header{background:var(--card);border-bottom:1px solid var(--border);padding:16px 24px}
header h1{margin:0;font-size:1.4rem}header p{margin:4px 0 0;color:var(--muted)}
nav{display:flex;flex-wrap:wrap;gap:4px 16px;margin-top:8px}nav a{text-decoration:none}
main{max-width:1200px;margin:0 auto;padding:16px 24px 48px}
section{background:var(--card);border:1px solid var(--border);border-radius:10px;padding:16px 20px;margin:16px 0}
h2{margin:0 0 12px;font-size:1.2rem}h3{font-size:1rem;margin:16px 0 8px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:16px}
.kpis{display:flex;flex-wrap:wrap;gap:12px}.kpi{border:1px solid var(--border);border-radius:8px;padding:8px 14px;min-width:110px}
.kpi b{display:block;font-size:1.4rem}.kpi span{color:var(--muted);font-size:.85rem}
.overview-fields{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:12px 0}.overview-fields dt{font-weight:600}.overview-fields dd{margin:0}
.donut{display:flex;align-items:center;gap:16px}.donut svg{flex:none}
.ring-track{fill:none;stroke:var(--track)}.ring{fill:none;stroke:var(--good)}.ring.mid{stroke:var(--medium)}.ring.bad{stroke:var(--critical)}
.donut-text{fill:var(--fg);font-weight:700;font-size:22px}.donut-sub{fill:var(--muted);font-size:11px}
svg text{fill:var(--fg);font-size:12px}svg.chart{display:block;width:100%;max-width:560px;height:auto}
.bar-track{fill:var(--track)}.bar-good{fill:var(--good)}.bar-mid{fill:var(--medium)}.bar-bad{fill:var(--critical)}
.sev-critical{fill:var(--critical)}.sev-high{fill:var(--high)}.sev-medium{fill:var(--medium)}.sev-low{fill:var(--low)}.sev-info{fill:var(--info)}.bar-accent{fill:var(--accent)}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--border);vertical-align:top}
th{color:var(--muted);font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.table-wrap{overflow-x:auto}
.badge{display:inline-block;border-radius:4px;padding:0 6px;font-size:.75rem;font-weight:700;text-transform:uppercase;color:#fff;letter-spacing:.02em}
.b-critical{background:var(--critical)}.b-high{background:var(--high)}.b-medium{background:var(--medium);color:#111}.b-low{background:var(--low);color:#111}.b-info{background:var(--info);color:#111}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-bottom:12px}
.filters input[type=search]{flex:1 1 240px;min-width:200px}
input,select,button{font:inherit;color:var(--fg);background:var(--card);border:1px solid var(--border);border-radius:6px;padding:5px 9px}
button{cursor:pointer}button[aria-pressed=false]{opacity:.45;text-decoration:line-through}
button.linkish{border:0;background:none;color:var(--accent);padding:0;text-decoration:underline;opacity:1;text-align:left;word-break:break-all}
#f-file{max-width:100%}
.finding{border:1px solid var(--border);border-left:5px solid var(--info);border-radius:8px;margin:8px 0;background:var(--card)}
.finding.s-critical{border-left-color:var(--critical)}.finding.s-high{border-left-color:var(--high)}.finding.s-medium{border-left-color:var(--medium)}.finding.s-low{border-left-color:var(--low)}
.finding summary{cursor:pointer;padding:8px 12px;display:flex;flex-wrap:wrap;gap:6px 10px;align-items:baseline;list-style:none}
.finding summary::-webkit-details-marker{display:none}.finding summary::before{content:"▸";color:var(--muted);width:1ch}.finding details[open]>summary::before{content:"▾"}
.field{display:inline-flex;gap:6px;align-items:center;white-space:nowrap}
.loc{overflow-wrap:anywhere;word-break:break-all}
.finding .loc{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85rem}
.finding .rule{font-weight:600}.finding .msg{flex-basis:100%;color:var(--fg)}
.finding .body{padding:0 12px 12px}
.muted{color:var(--muted)}.small{font-size:.85rem}
pre{background:var(--code);border:1px solid var(--border);border-radius:6px;padding:8px 0;overflow-x:auto;margin:8px 0;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre .line{display:block;padding:0 12px;white-space:pre}pre .line.hit{background:var(--hit)}pre .ln{display:inline-block;min-width:3ch;color:var(--muted);margin-right:12px;text-align:right;user-select:none}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;word-break:break-word}
.fix{border-left:3px solid var(--good);padding:4px 10px;margin:8px 0}
ol.trace{margin:6px 0;padding-left:22px}ol.trace li{margin:2px 0}
.chips{display:flex;flex-wrap:wrap;gap:6px}.chip{border:1px solid var(--border);border-radius:999px;padding:1px 10px;font-size:.85rem;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
ul.plain{margin:4px 0;padding-left:20px}
.ok{color:var(--good)}.bad{color:var(--critical)}
footer{color:var(--muted);text-align:center;font-size:.85rem;padding:8px 0 24px}
`;

const SCRIPT = `
(function(){
  "use strict";
  var $ = function(s){ return document.querySelector(s); };
  var $$ = function(s){ return Array.prototype.slice.call(document.querySelectorAll(s)); };
  var rows = $$(".finding");
  var q = $("#q"), cat = $("#f-cat"), file = $("#f-file"), shown = $("#shown"), none = $("#none");
  if (!q) return;
  var toggles = $$("[data-sev-toggle]");
  var active = {};
  toggles.forEach(function(b){ active[b.getAttribute("data-sev-toggle")] = b.getAttribute("aria-pressed") === "true"; });
  function apply(){
    var terms = q.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var n = 0;
    rows.forEach(function(r){
      var text = r.getAttribute("data-text") || "";
      var ok = active[r.getAttribute("data-sev")] === true
        && (!cat.value || r.getAttribute("data-cat") === cat.value)
        && (!file.value || r.getAttribute("data-file") === file.value)
        && terms.every(function(t){ return text.indexOf(t) !== -1; });
      r.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = String(n);
    none.hidden = n !== 0;
  }
  toggles.forEach(function(b){
    b.addEventListener("click", function(){
      var s = b.getAttribute("data-sev-toggle");
      active[s] = !active[s];
      b.setAttribute("aria-pressed", String(active[s]));
      apply();
    });
  });
  q.addEventListener("input", apply);
  cat.addEventListener("change", apply);
  file.addEventListener("change", apply);
  function jump(){ var s = $("#findings"); if (s) s.scrollIntoView(); q.focus(); }
  $$("[data-filter-cat]").forEach(function(b){ b.addEventListener("click", function(){ cat.value = b.getAttribute("data-filter-cat"); apply(); jump(); }); });
  $$("[data-filter-file]").forEach(function(b){ b.addEventListener("click", function(){ file.value = b.getAttribute("data-filter-file"); apply(); jump(); }); });
  $$("[data-filter-sev]").forEach(function(b){ b.addEventListener("click", function(){
    var s = b.getAttribute("data-filter-sev");
    toggles.forEach(function(t){ var on = t.getAttribute("data-sev-toggle") === s; active[t.getAttribute("data-sev-toggle")] = on; t.setAttribute("aria-pressed", String(on)); });
    apply(); jump();
  }); });
  $("#reset").addEventListener("click", function(){
    q.value = ""; cat.value = ""; file.value = "";
    toggles.forEach(function(t){ active[t.getAttribute("data-sev-toggle")] = true; t.setAttribute("aria-pressed", "true"); });
    apply();
  });
  $("#expand").addEventListener("click", function(){
    var open = $("#expand").getAttribute("aria-pressed") !== "true";
    $("#expand").setAttribute("aria-pressed", String(open));
    $("#expand").textContent = open ? "Collapse all" : "Expand all";
    rows.forEach(function(r){ var d = r.querySelector("details"); if (d) d.open = open; });
  });
  document.addEventListener("keydown", function(e){
    var t = e.target && e.target.tagName;
    if (e.key === "/" && t !== "INPUT" && t !== "SELECT" && t !== "TEXTAREA") { e.preventDefault(); q.focus(); }
    if (e.key === "Escape" && e.target === q) { q.value = ""; apply(); }
  });
  apply();
})();
`;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** The Content-Security-Policy of the report: nothing but the inline style and script. */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    `style-src 'sha256-${sha256(CSS)}'`,
    `script-src 'sha256-${sha256(SCRIPT)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function badge(s: Severity): string {
  return `<span class="badge b-${s}">${s}</span>`;
}

function snippetHtml(f: Finding): string {
  if (!f.snippet) return '';
  const lines = f.snippet.split('\n').map((line) => {
    const m = /^(\s*)(\d+) ?(.*)$/.exec(line);
    if (!m) return `<span class="line">${esc(line)}</span>`;
    const n = Number(m[2]);
    const hit = n >= f.location.startLine && n <= f.location.endLine ? ' hit' : '';
    return `<span class="line${hit}"><span class="ln">${n}</span>${esc(m[3])}</span>`;
  });
  return `<pre aria-label="Code around line ${f.location.startLine}">${lines.join('')}</pre>`;
}

function findingHtml(f: Finding, i: number, lookup: RuleLookup): string {
  const meta = ruleFor(f, lookup);
  const l = f.location;
  const where = `${l.path}:${l.startLine}:${l.startColumn + 1}`;
  const text = [f.ruleId, f.ruleName, f.message, l.path, f.category, f.severity, ...f.cwe.map((c) => `cwe-${c}`), f.fix ?? '']
    .join(' ')
    .toLowerCase();
  const cwes = f.cwe.map((c) => link(cweUrl(c), `CWE-${c}`)).join(', ');
  const parts: string[] = [];
  parts.push(`<p class="small muted">Rule ${esc(f.ruleId)} <code>${esc(f.ruleName)}</code> · category ${esc(f.category)} · confidence ${esc(f.confidence)}${cwes ? ` · ${cwes}` : ''} · fingerprint <code>${esc(f.fingerprint)}</code></p>`);
  parts.push(snippetHtml(f));
  if (f.fix) parts.push(`<div class="fix"><strong>Fix:</strong> ${richText(f.fix)}</div>`);
  if (f.autofix) {
    const pv = f.autofix.preview;
    parts.push(
      `<div class="fix"><strong>Fix available</strong> (${esc(f.autofix.safety)}): ${esc(f.autofix.description)} — <code>${esc(fixCommand(f))}</code>` +
        (pv ? `<div class="small muted">Before</div><pre>${esc(pv.before)}</pre><div class="small muted">After</div><pre>${esc(pv.after)}</pre>` : '') +
        '</div>',
    );
  }
  if (f.proof) {
    const p = f.proof;
    parts.push(
      `<h3>Impact and proof of concept</h3><p>${esc(p.impact)}</p><p class="small">${p.kind === 'http' ? `Route <code>${esc(`${p.method} ${p.path}`)}</code>, parameter <code>${esc(p.parameter)}</code> (${esc(p.in)})` : `Entry point <code>${esc(p.path)}</code>`} · payload <code>${esc(p.payload)}</code></p><pre>${esc(p.request)}</pre><p class="small muted">For a local test instance only; krait never sends it.</p>`,
    );
  }
  if (f.trace?.length) {
    parts.push(
      `<h3>Data flow</h3><ol class="trace">${f.trace
        .map((s) => `<li><strong>${esc(s.kind)}</strong> <span class="loc">${esc(`${s.location.path}:${s.location.startLine}:${s.location.startColumn + 1}`)}</span> — ${esc(s.message)}</li>`)
        .join('')}</ol>`,
    );
  }
  const d = meta.docs;
  if (d.why) parts.push(`<h3>Why is this bad?</h3><p>${richText(d.why)}</p>`);
  const instead = insteadFor(f, d.instead);
  if (instead) parts.push(`<h3>Use instead</h3><pre><span class="line">${esc(instead).split('\n').join('</span><span class="line">')}</span></pre>`);
  if (d.references.length) parts.push(`<h3>References</h3><ul class="plain">${d.references.map((r) => `<li>${link(r)}</li>`).join('')}</ul>`);
  return `<article class="finding s-${esc(f.severity)}" id="finding-${i + 1}" data-sev="${esc(f.severity)}" data-cat="${esc(f.category)}" data-file="${esc(l.path)}" data-text="${esc(text)}">
<details><summary>${badge(f.severity)} <span class="loc">${esc(where)}</span> <span class="rule">${esc(f.ruleId)} ${esc(f.ruleName)}</span><span class="msg">${richText(f.message)}</span></summary>
<div class="body">${parts.join('\n')}</div></details></article>`;
}

function donut(score: Score): string {
  const r = 52;
  const c = 2 * Math.PI * r;
  const pct = Math.max(0, Math.min(1, score.total / score.max));
  const cls = pct >= 0.8 ? '' : pct >= 0.5 ? ' mid' : ' bad';
  return `<svg width="132" height="132" viewBox="0 0 132 132" role="img" aria-label="Score ${fmt(score.total)} of ${score.max}">
<circle class="ring-track" cx="66" cy="66" r="${r}" stroke-width="14"/>
<circle class="ring${cls}" cx="66" cy="66" r="${r}" stroke-width="14" stroke-dasharray="${(c * pct).toFixed(2)} ${c.toFixed(2)}" transform="rotate(-90 66 66)"/>
<text class="donut-text" x="66" y="70" text-anchor="middle">${fmt(score.total)}</text><text class="donut-sub" x="66" y="88" text-anchor="middle">of ${score.max}</text></svg>`;
}

/** Horizontal bar chart: label, value, class per bar; width scaled to the largest (or `max`). */
function bars(items: { label: string; value: number; cls: string; text?: string; max?: number }[], ariaLabel: string): string {
  const rowH = 24;
  const labelW = 170;
  const barW = 260;
  const peak = Math.max(1, ...items.map((i) => i.max ?? i.value));
  const h = items.length * rowH + 4;
  const rows = items
    .map((it, i) => {
      const y = i * rowH + 4;
      const w = Math.round((barW * it.value) / (it.max ?? peak));
      return `<text x="0" y="${y + 13}">${esc(it.label)}</text><rect class="bar-track" x="${labelW}" y="${y}" width="${barW}" height="16" rx="3"/><rect class="${esc(it.cls)}" x="${labelW}" y="${y}" width="${Math.max(0, w)}" height="16" rx="3"/><text x="${labelW + barW + 8}" y="${y + 13}">${esc(it.text ?? String(it.value))}</text>`;
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 ${labelW + barW + 90} ${h}" preserveAspectRatio="xMinYMin meet" role="img" aria-label="${esc(ariaLabel)}">${rows}</svg>`;
}

/** A table for sections whose item shape is owned by another analysis: primitive fields only. */
function genericTable(items: unknown[], caption: string): string {
  const objs = items.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x));
  if (objs.length === 0) return `<p class="muted">No ${esc(caption)}.</p>`;
  const cols: string[] = [];
  for (const o of objs.slice(0, 100)) {
    for (const [k, v] of Object.entries(o)) {
      const okType = v === null || ['string', 'number', 'boolean'].includes(typeof v) || (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object'));
      if (okType && !cols.includes(k) && cols.length < 9) cols.push(k);
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- cells hold JSON scalars; an object shows as its default text, as before
  const cell = (v: unknown): string => (v === undefined || v === null ? '' : Array.isArray(v) ? v.map(String).join(', ') : String(v));
  const body = objs
    .slice(0, 2000)
    .map((o) => `<tr>${cols.map((c) => `<td>${esc(cell(o[c]))}</td>`).join('')}</tr>`)
    .join('');
  const more = objs.length > 2000 ? `<p class="muted">…and ${objs.length - 2000} more.</p>` : '';
  return `<div class="table-wrap"><table><caption class="muted small">${esc(caption)}</caption><thead><tr>${cols.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table></div>${more}`;
}

/** A check mark and a cross as inline SVG (currentColor), hidden from screen readers (the word beside them is read). */
const ICON_YES = '<svg class="icon" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false"><path d="M2 6.5l2.5 2.5L10 3" fill="none" stroke="currentColor" stroke-width="2"/></svg>';
const ICON_NO = '<svg class="icon" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false"><path d="M3 3l6 6M9 3l-6 6" fill="none" stroke="currentColor" stroke-width="2"/></svg>';

function countValue(v: number | boolean): string {
  // Inline SVG and a word, not emoji: some browsers' fonts (Debian's Chromium) draw ✅/❌ as empty boxes.
  return typeof v === 'boolean' ? (v ? `<span class="ok">${ICON_YES} yes</span>` : `<span class="bad">${ICON_NO} no</span>`) : esc(v);
}

/** Audited text (a path, a function name) as escaped inline code. */
function htmlCode(s: string): string {
  return `<code>${esc(s)}</code>`;
}

function overviewSection(report: Report, score: Score, findings: Finding[]): string {
  const sevCounts = SEVERITIES.map((s) => ({ s, n: findings.filter((f) => f.severity === s).length }));
  const m = report.metrics;
  const kpis = [
    ['Files analysed', report.files.length],
    ['Python files', report.files.filter((f) => f.kind === 'python' || f.kind === 'notebook').length],
    ['Lines', m?.lines ?? '—'],
    ['Findings', findings.length],
    ['Suppressed', report.suppressedCount],
    ['Skipped files', report.skipped.length],
  ]
    .map(([k, v]) => `<div class="kpi"><b>${esc(v)}</b><span>${esc(k)}</span></div>`)
    .join('');
  const catRows = score.categories
    .map((c) => {
      const pct = c.max ? c.points / c.max : 1;
      return { label: c.title, value: c.points, max: c.max, cls: pct >= 1 ? 'bar-good' : pct >= 0.5 ? 'bar-mid' : 'bar-bad', text: `${fmt(c.points)}/${c.max}` };
    });
  const list = (items: string[]): string => (items.length ? `<ul class="plain">${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : '<p class="muted">None.</p>');
  const details = score.categories
    .map(
      (c, i) => `<tr><td>${i + 1}. ${esc(c.title)}</td><td class="num">${fmt(c.points)}/${c.max}</td><td>${esc(c.status)}</td><td>${c.counts
        .map((k) => `${esc(k.label)}: ${countValue(k.value)}${k.note ? ` <span class="muted small">(${esc(k.note)})</span>` : ''}`)
        .join('<br>')}</td></tr>`,
    )
    .join('');
  const critical = score.critical.length
    ? `<ul class="plain">${score.critical
        .map((k) => `<li>${badge(k.severity)} <span class="loc">${esc(`${k.path}:${k.line}`)}</span> <strong>${esc(k.ruleId)}</strong> ${richText(k.message)}</li>`)
        .join('')}</ul>`
    : '<p class="muted">None.</p>';
  return `<section id="overview" aria-labelledby="h-overview"><h2 id="h-overview">Overview and score</h2>
<div class="grid"><div class="donut">${donut(score)}<div><div><strong>Overall score ${fmt(score.total)}/${score.max}</strong></div><div>Risk level: <strong>${esc(score.riskLevel)}</strong></div><div class="muted small">Method ${esc(score.method)} — see docs/score.md</div></div></div>
<div><h3>Findings by severity</h3>${bars(sevCounts.map(({ s, n }) => ({ label: s, value: n, cls: `sev-${s}` })), 'Findings by severity')}
<p class="small">${sevCounts.map(({ s, n }) => `<button type="button" class="linkish" data-filter-sev="${s}">${n} ${s}</button>`).join(' · ')}</p></div></div>
<div class="kpis">${kpis}</div>
<dl class="overview-fields"><dt>Quality &amp; Testing</dt><dd>${testingOverview(report, htmlCode)}</dd><dt>Performance</dt><dd>${performanceOverview(report, htmlCode)}</dd></dl>
<h3>Points by category</h3>${bars(catRows, 'Points by category')}
<div class="table-wrap"><table><thead><tr><th>Category</th><th class="num">Points</th><th>Status</th><th>Counts</th></tr></thead><tbody>${details}</tbody></table></div>
<div class="grid"><div><h3>Strengths</h3>${list(score.strengths)}</div><div><h3>Improvements</h3>${list(score.improvements)}</div></div>
<h3>Critical issues</h3>${critical}
<h3>Top 3 priority actions</h3><ol>${score.actions.map((a) => `<li><strong>${esc(a.priority)}</strong> — ${esc(a.text)}${a.where ? ` <span class="loc muted">(${esc(a.where)})</span>` : ''}</li>`).join('')}</ol>
</section>`;
}

function findingsSection(findings: Finding[], lookup: RuleLookup): string {
  const files = [...new Set(findings.map((f) => f.location.path))].sort();
  const cats = CATEGORIES.filter((c) => findings.some((f) => f.category === c));
  const byCat = cats.map((c) => `<tr><td><button type="button" class="linkish" data-filter-cat="${esc(c)}">${esc(c)}</button></td><td class="num">${findings.filter((f) => f.category === c).length}</td></tr>`).join('');
  const byFile = files
    .map((p) => {
      const fs = findings.filter((f) => f.location.path === p);
      return `<tr><td><button type="button" class="linkish loc" data-filter-file="${esc(p)}">${esc(p)}</button></td><td class="num">${fs.length}</td><td>${SEVERITIES.filter((s) => fs.some((f) => f.severity === s)).map((s) => `${fs.filter((f) => f.severity === s).length} ${s}`).join(', ')}</td></tr>`;
    })
    .join('');
  return `<section id="findings" aria-labelledby="h-findings"><h2 id="h-findings">Findings (${findings.length})</h2>
<div class="grid"><div><h3>By category</h3><table><thead><tr><th>Category</th><th class="num">Findings</th></tr></thead><tbody>${byCat || '<tr><td colspan="2" class="muted">None</td></tr>'}</tbody></table></div>
<div><h3>By file</h3><div class="table-wrap"><table><thead><tr><th>File</th><th class="num">Findings</th><th>Severities</th></tr></thead><tbody>${byFile || '<tr><td colspan="3" class="muted">None</td></tr>'}</tbody></table></div></div></div>
<h3>All findings</h3>
<div class="filters" role="search" aria-label="Filter findings">
<label for="q" class="muted small">Search</label><input id="q" type="search" placeholder="Search rule, message, path, CWE…  (press /)" autocomplete="off">
<span role="group" aria-label="Severity">${SEVERITIES.map((s) => `<button type="button" data-sev-toggle="${s}" aria-pressed="true">${s} (${findings.filter((f) => f.severity === s).length})</button>`).join(' ')}</span>
<span class="field"><label for="f-cat" class="muted small">Category</label><select id="f-cat"><option value="">all categories</option>${cats.map((c) => `<option value="${esc(c)}">${esc(c)}</option>`).join('')}</select>
</span><span class="field"><label for="f-file" class="muted small">File</label><select id="f-file"><option value="">all files</option>${files.map((p) => `<option value="${esc(p)}">${esc(p)}</option>`).join('')}</select></span>
<button type="button" id="reset">Reset</button><button type="button" id="expand" aria-pressed="false">Expand all</button>
</div>
<p class="small muted" aria-live="polite">Showing <span id="shown">${findings.length}</span> of ${findings.length} findings.</p>
<p id="none" class="muted" hidden>No finding matches these filters.</p>
<div id="finding-list">${findings.map((f, i) => findingHtml(f, i, lookup)).join('\n')}</div>
</section>`;
}

function secretsSection(findings: Finding[]): string {
  const secrets = findings.filter((f) => f.category === 'secrets');
  const rows = secrets
    .map((f) => `<tr><td class="loc">${esc(`${f.location.path}:${f.location.startLine}`)}</td><td>${esc(f.ruleId)} ${esc(f.ruleName)}</td><td>${badge(f.severity)}</td><td><code>${esc((f.snippet.split('\n').find((l) => new RegExp(`^\\s*${f.location.startLine} `).test(l)) ?? '').replace(/^\s*\d+ /, ''))}</code></td></tr>`)
    .join('');
  return `<section id="secrets" aria-labelledby="h-secrets"><h2 id="h-secrets">Secrets (${secrets.length})</h2>
<p class="small muted">Secret values are masked by the scanner before they reach any report.</p>
${secrets.length ? `<div class="table-wrap"><table><thead><tr><th>Where</th><th>Rule</th><th>Severity</th><th>Line (masked)</th></tr></thead><tbody>${rows}</tbody></table></div>` : '<p class="muted">No hardcoded secrets found.</p>'}
</section>`;
}

function egressSection(report: Report, findings: Finding[]): string {
  const perFile = report.files.filter((f) => f.egress);
  const summary = report.egress;
  const can = perFile.filter((f) => f.egress?.canSendData);
  if (!summary && perFile.length === 0) return `<section id="egress" aria-labelledby="h-egress"><h2 id="h-egress">Egress</h2><p class="muted">Egress analysis did not run.</p></section>`;
  const rows = perFile
    .map((f) => {
      const e = f.egress!;
      const via = Array.isArray(e.via) ? e.via : [];
      return `<tr><td class="loc">${esc(f.path)}</td><td>${e.canSendData ? '<strong class="bad">can send data</strong>' : '<span class="ok">no egress found</span>'}</td><td>${via
        .slice(0, 50)
        .map((v) => `<code>${esc(v?.kind)}</code> ${esc(v?.detail)}${v?.line ? ` <span class="muted">(line ${esc(v.line)})</span>` : ''}`)
        .join('<br>')}</td></tr>`;
    })
    .join('');
  const summaryRows = (summary?.files ?? [])
    .filter((f) => !perFile.some((p) => p.path === f.path))
    .map((f) => `<tr><td class="loc">${esc(f.path)}</td><td><strong class="bad">can send data</strong></td><td>${(f.via ?? []).map(esc).join('<br>')}</td></tr>`)
    .join('');
  const egressFindings = findings.filter((f) => f.category === 'egress').length;
  const n = summary?.filesThatCanSendData ?? can.length;
  return `<section id="egress" aria-labelledby="h-egress"><h2 id="h-egress">Egress: can this code send data out?</h2>
<p><strong>${esc(n)}</strong> of ${esc(report.files.length)} files can send data out of the process${egressFindings ? ` · ${plural(egressFindings, 'egress finding')}` : ''}.</p>
<div class="table-wrap"><table><thead><tr><th>File</th><th>Verdict</th><th>Via</th></tr></thead><tbody>${rows}${summaryRows}</tbody></table></div></section>`;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);
// eslint-disable-next-line @typescript-eslint/no-base-to-string -- report fields are JSON scalars here
const str = (x: unknown): string => (x === undefined || x === null ? '' : String(x));
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** Rows of `dependencies.requirements` in the shape of deps/types.ts (RequirementAudit). */
function requirementAuditTable(items: unknown[]): string | undefined {
  const audits = items.filter((x): x is Obj => isObj(x) && isObj(x.requirement));
  if (audits.length === 0 || audits.length !== items.length) return undefined;
  const rows = audits.slice(0, 2000).map((a) => {
    const r = a.requirement as Obj;
    const src = isObj(r.source) ? r.source : {};
    const version = str(r.version) || str(r.specifier) || 'any version';
    const advisories = arr(a.advisories)
      .filter(isObj)
      .map((m) => {
        const sev = (SEVERITIES as readonly string[]).includes(str(m.severity)) ? (m.severity as Severity) : 'info';
        const fixed = arr(m.fixedVersions).map(str).filter(Boolean);
        const aliases = arr(m.aliases).map(str).filter(Boolean);
        return `<div>${badge(sev)} ${link(str(m.url), str(m.id))}${aliases.length ? ` <span class="muted small">(${esc(aliases.join(', '))})</span>` : ''}${m.summary ? ` — ${esc(m.summary)}` : ''}${fixed.length ? ` <span class="muted small">fixed in ${esc(fixed.join(', '))}</span>` : ''}</div>`;
      })
      .join('');
    const notes = [
      a.typosquatOf ? `<strong class="bad">looks like ${esc(a.typosquatOf)}</strong>` : '',
      arr(a.importedAs).length ? `imported as ${arr(a.importedAs).map((m) => `<code>${esc(m)}</code>`).join(', ')}` : '',
      r.local ? 'local path' : '',
      isObj(r.vcs) ? `VCS ${esc(r.vcs.url)}${r.vcs.ref ? `@${esc(r.vcs.ref)}` : ''}` : '',
      arr(a.ignored).length ? `${arr(a.ignored).length} ignored by configuration` : '',
    ].filter(Boolean).join('<br>');
    return `<tr><td><strong>${esc(r.name)}</strong></td><td><code>${esc(version)}</code></td><td class="loc">${esc(`${str(src.path)}:${str(src.line)}`)}</td><td>${esc(r.group)}${r.role && r.role !== 'requirement' ? ` <span class="muted small">${esc(r.role)}</span>` : ''}</td><td>${advisories || '<span class="ok">none known</span>'}</td><td>${a.suggestedVersion ? `<code>${esc(a.suggestedVersion)}</code>` : ''}</td><td>${notes}</td></tr>`;
  });
  const more = audits.length > 2000 ? `<p class="muted">…and ${audits.length - 2000} more.</p>` : '';
  return `<div class="table-wrap"><table><thead><tr><th>Package</th><th>Version</th><th>Where</th><th>Group</th><th>Advisories</th><th>Upgrade to</th><th>Notes</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>${more}`;
}

function dependenciesSection(report: Report, findings: Finding[]): string {
  const deps = report.dependencies as unknown as Obj | undefined;
  const depFindings = findings.filter((f) => f.category === 'dependencies');
  const db = deps && isObj(deps.database) ? deps.database : undefined;
  const age = advisoryDataAge(report);
  const head = db && age
    ? `<p${age.stale ? ' class="bad"' : ''}>Advisory data: <strong>${esc(db.source)}</strong> ${esc(advisoryAgeText(age))} (${esc(db.advisories)} advisories)${db.note ? ` — ${esc(db.note)}` : ''}.</p>`
    : '<p class="muted">Dependency audit did not run.</p>';
  const sum = deps && isObj(deps.summary) ? deps.summary : undefined;
  const kpis = sum
    ? `<div class="kpis">${[
        ['Requirements', sum.requirements], ['Vulnerable', sum.vulnerable], ['Unpinned', sum.unpinned], ['Typosquat suspects', sum.typosquats],
        ['Undeclared imports', sum.undeclaredImports], ['Unused declared', sum.unusedDeclared], ['Lock file', sum.hasLockFile === true ? 'yes' : sum.hasLockFile === false ? 'no' : '—'],
      ]
        .map(([k, v]) => `<div class="kpi"><b>${esc(v ?? '—')}</b><span>${esc(k)}</span></div>`)
        .join('')}</div>`
    : '';
  const reqItems = deps ? arr(deps.requirements) : [];
  const reqs = deps ? `<h3>Requirements (${reqItems.length})</h3>${requirementAuditTable(reqItems) ?? genericTable(reqItems, 'requirements')}` : '';
  const manifests = deps && arr(deps.manifests).length
    ? `<h3>Manifests and lock files</h3><ul class="plain">${arr(deps.manifests).filter(isObj).map((m) => `<li><span class="loc">${esc(m.path)}</span> <span class="muted small">${esc(m.format)}, ${esc(m.requirements)} requirements</span></li>`).join('')}</ul>`
    : '';
  const indexes = deps && arr(deps.indexes).length
    ? `<h3>Package indexes</h3><ul class="plain">${arr(deps.indexes).filter(isObj).map((ix) => `<li><code>${esc(ix.url)}</code> <span class="muted small">${esc(ix.kind)}${isObj(ix.source) ? ` — ${esc(`${str(ix.source.path)}:${str(ix.source.line)}`)}` : ''}</span></li>`).join('')}</ul>`
    : '';
  const adv = depFindings.length
    ? `<h3>Dependency findings (${depFindings.length})</h3><div class="table-wrap"><table><thead><tr><th>Where</th><th>Severity</th><th>Rule</th><th>Message</th><th>Fix</th></tr></thead><tbody>${depFindings
        .map((f) => `<tr><td class="loc">${esc(`${f.location.path}:${f.location.startLine}`)}</td><td>${badge(f.severity)}</td><td>${esc(f.ruleId)} ${esc(f.ruleName)}</td><td>${richText(f.message)}</td><td>${richText(f.fix ?? '')}</td></tr>`)
        .join('')}</tbody></table></div>`
    : '';
  return `<section id="dependencies" aria-labelledby="h-deps"><h2 id="h-deps">Dependencies and advisories</h2>${head}${kpis}${environmentsHtml(report)}${reqs}${manifests}${indexes}${adv}</section>`;
}

/** Environment mode: the per-distribution table of each installed environment (docs/environments.md). */
function environmentsHtml(report: Report): string {
  return (report.environments ?? [])
    .map((e) => {
      const rows = e.distributions
        .map(
          (d) =>
            `<tr><td>${esc(d.name)}</td><td>${esc(d.version)}</td><td>${d.advisories.length ? d.advisories.map((a) => `${esc(a.id)} ${badge(a.severity)}`).join('<br>') : '0'}</td><td>${d.highFindings}</td><td>${esc(d.egressChannels.join(', ') || '—')}</td><td>${d.indicators.length ? `${esc(d.risk)}: ${esc(d.indicators.join(', '))}` : '—'}</td><td>${d.files} <span class="muted small">${esc(d.fileList)}</span></td><td>${d.modified.length}</td></tr>`,
        )
        .join('');
      return `<h3>Installed environment ${esc(e.path)} (${esc(e.kind)}, ${e.distributions.length} distributions)</h3><div class="table-wrap"><table><thead><tr><th>Distribution</th><th>Version</th><th>Advisories</th><th>High findings</th><th>Egress channels</th><th>Malicious indicators</th><th>Files</th><th>Changed since install</th></tr></thead><tbody>${rows}</tbody></table></div><p class="muted small">${esc(e.note)}. .pth files running code at start: ${e.pthFiles.filter((p) => p.importLines.length).map((p) => esc(p.path)).join(', ') || 'none'}.</p>`;
    })
    .join('');
}

/** Module security intelligence from the dependency audit (deps/types.ts ModuleIntelligence). */
function moduleIntelligenceTable(report: Report): string {
  const mods = arr((report.dependencies as unknown as Obj | undefined)?.modules).filter(isObj);
  if (!mods.length) return '';
  const rows = mods
    .slice(0, 2000)
    .map((m) => {
      const advisories = arr(m.advisories).map(str).filter(Boolean);
      const declared = m.declared === true ? `${esc(str(m.declaredVersion) || str(m.declaredSpecifier) || 'any version')}` : '<strong class="bad">not declared</strong>';
      const at = importPlaces(arr(m.importedAt).filter(isObj).map((x) => ({ path: str(x.path), line: str(x.line) })));
      const free = str(m.freeFrom) ? `<code>${esc(m.freeFrom)}</code> and later` : m.declared === true ? '<span class="muted small">see the requirements table</span>' : '';
      return `<tr><td><code>${esc(m.module)}</code></td><td>${esc(m.distribution)}</td><td>${declared}</td><td>${advisories.length ? `<span class="bad">${esc(advisories.join(', '))}</span>` : '<span class="ok">none for this version</span>'}</td><td class="num">${esc(m.knownAdvisories ?? '')}</td><td>${free}</td><td class="loc small">${at}</td></tr>`;
    })
    .join('');
  return `<h3>Third-party modules and known vulnerabilities</h3><div class="table-wrap"><table><thead><tr><th>Module</th><th>Distribution</th><th>Declared</th><th>Advisories (declared version)</th><th class="num">Known advisories (all versions)</th><th>Free of them from</th><th>Imported at</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** Import places shown before the rest is folded into a `<details>`. */
const IMPORT_PLACES_SHOWN = 3;

/**
 * The places that import a module, once each, one entry per file (`app/x.py:3, 8`); past
 * {@link IMPORT_PLACES_SHOWN} files the others fold into "and N more".
 */
function importPlaces(places: { path: string; line: string }[]): string {
  const byFile = new Map<string, string[]>();
  for (const p of places) {
    const lines = byFile.get(p.path) ?? [];
    if (!lines.includes(p.line)) lines.push(p.line);
    byFile.set(p.path, lines);
  }
  const items = [...byFile].map(([path, lines]) => esc(`${path}:${lines.join(', ')}`));
  if (items.length <= IMPORT_PLACES_SHOWN) return items.join('<br>');
  const rest = items.slice(IMPORT_PLACES_SHOWN);
  return `${items.slice(0, IMPORT_PLACES_SHOWN).join('<br>')}<details><summary>and ${rest.length} more</summary>${rest.join('<br>')}</details>`;
}

function statisticsSection(report: Report): string {
  const m = report.metrics;
  const files = report.files.filter((f) => f.metrics);
  if (!m && files.length === 0) return `<section id="statistics" aria-labelledby="h-stats"><h2 id="h-stats">Statistics and complexity</h2><p class="muted">Statistics were not collected.</p></section>`;
  const totals = m
    ? `<div class="kpis">${[
        ['Files', m.files], ['Lines', m.lines], ['Code lines', m.codeLines], ['Comment lines', m.commentLines], ['AST nodes', m.astNodes],
        ['Functions', m.functions], ['Classes', m.classes], ['Max complexity', m.maxComplexity], ['Mean complexity', typeof m.meanComplexity === 'number' ? fmt(Math.round(m.meanComplexity * 10) / 10) : m.meanComplexity],
      ]
        .map(([k, v]) => `<div class="kpi"><b>${esc(v ?? '—')}</b><span>${esc(k)}</span></div>`)
        .join('')}</div>`
    : '';
  const rows = files
    .map((f) => {
      const x = f.metrics!;
      return `<tr><td class="loc">${esc(f.path)}</td>${[x.lines, x.codeLines, x.commentLines, x.astNodes, x.functions, x.classes, x.maxComplexity].map((v) => `<td class="num">${esc(v ?? '')}</td>`).join('')}</tr>`;
    })
    .join('');
  const funcs = files
    .flatMap((f) => (Array.isArray(f.metrics!.complexity) ? f.metrics!.complexity : []).map((c) => ({ ...c, path: f.path })))
    .filter((c) => typeof c.complexity === 'number')
    .sort((a, b) => b.complexity - a.complexity || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.line - b.line)
    .slice(0, 12);
  const chart = funcs.length
    ? `<h3>Most complex functions</h3>${bars(
        funcs.map((c) => ({ label: `${c.name}`.slice(0, 26), value: c.complexity, cls: c.complexity >= 10 ? 'bar-bad' : c.complexity >= 6 ? 'bar-mid' : 'bar-accent' })),
        'Most complex functions',
      )}<ul class="plain small muted">${funcs.map((c) => `<li><code>${esc(c.name)}</code> ${esc(`${c.path}:${c.line}`)} — complexity ${esc(c.complexity)}</li>`).join('')}</ul>`
    : '';
  return `<section id="statistics" aria-labelledby="h-stats"><h2 id="h-stats">Statistics and complexity</h2>${totals}
<div class="table-wrap"><table><thead><tr><th>File</th><th class="num">Lines</th><th class="num">Code</th><th class="num">Comments</th><th class="num">AST nodes</th><th class="num">Functions</th><th class="num">Classes</th><th class="num">Max complexity</th></tr></thead><tbody>${rows}</tbody></table></div>
${chart}<p class="small muted">Cyclomatic complexity above 10 per function is worth splitting up.</p></section>`;
}

function modulesSection(report: Report): string {
  const imp = report.metrics?.imports;
  const chips = (list: unknown): string => {
    const items = Array.isArray(list) ? [...new Set(list.map(String))].sort() : [];
    return items.length ? `<div class="chips">${items.map((i) => `<span class="chip">${esc(i)}</span>`).join('')}</div>` : '<p class="muted">None.</p>';
  };
  const files = report.files.filter((f) => Array.isArray(f.metrics?.imports) && f.metrics.imports.length);
  const rows = files
    .map((f) => `<tr><td class="loc">${esc(f.path)}</td><td>${f.metrics!.imports.map((i) => `<code>${esc(i?.module)}</code>${i?.kind === 'third-party' ? '' : ` <span class="muted small">${esc(i?.kind)}</span>`}`).join(', ')}</td></tr>`)
    .join('');
  const intel = moduleIntelligenceTable(report);
  if (!imp && files.length === 0 && !intel) return `<section id="modules" aria-labelledby="h-mods"><h2 id="h-mods">Module inventory</h2><p class="muted">No imports recorded.</p></section>`;
  return `<section id="modules" aria-labelledby="h-mods"><h2 id="h-mods">Module inventory</h2>
${intel}
${imp ? `<h3>Third-party</h3>${chips(imp.thirdParty)}<h3>Standard library</h3>${chips(imp.stdlib)}<h3>Local</h3>${chips(imp.local)}` : ''}
${rows ? `<h3>Imports per file</h3><div class="table-wrap"><table><thead><tr><th>File</th><th>Imports</th></tr></thead><tbody>${rows}</tbody></table></div>` : ''}</section>`;
}

function postureSection(report: Report): string {
  const routes = report.posture && Array.isArray(report.posture.routes) ? report.posture.routes : [];
  if (!routes.length) return '';
  const status = (s: string, by: string[]): string => {
    const cls = s === 'none' || s === 'unvalidated' ? 'bad' : s === 'required' || s === 'validated' ? 'ok' : 'muted';
    return `<span class="${cls}">${esc(s)}</span>${by.length ? `<br><span class="small muted">${esc(by.join(', '))}</span>` : ''}`;
  };
  const rows = routes.slice(0, 2000).map((r) => {
    const flags = [r.stateChanging ? 'state-changing' : '', r.rateLimited ? 'rate-limited' : '', r.csrfExempt ? 'CSRF-exempt' : '', r.unboundedRead ? `unbounded read: ${r.unboundedRead}` : '']
      .filter(Boolean)
      .join(', ');
    return `<tr><td>${esc(r.kind === 'cli' ? 'CLI' : r.methods.join(', ') || '*')}</td><td class="loc">${esc(r.path ?? '(no URL found)')}</td><td>${esc(r.handler)}<br><span class="small muted">${esc(r.framework)}</span></td><td class="loc">${esc(`${r.location.path}:${r.location.line}`)}</td><td>${status(r.auth, r.authBy)}</td><td>${status(r.validation, r.validatedBy)}</td><td class="small">${esc(r.inputs.join(', '))}</td><td class="small">${esc(flags)}</td></tr>`;
  });
  const http = routes.filter((r) => r.kind === 'http');
  const open = http.filter((r) => r.auth === 'none');
  const more = routes.length > 2000 ? `<p class="muted">…and ${routes.length - 2000} more.</p>` : '';
  return `<section id="routes" aria-labelledby="h-routes"><h2 id="h-routes">Routes and entry points</h2>
<p>${esc(http.length)} HTTP routes (${esc(open.length)} without authentication, ${esc(open.filter((r) => r.stateChanging).length)} of them state-changing) · ${esc(routes.length - http.length)} CLI entry points.</p>
<div class="table-wrap"><table><caption class="muted small">routes</caption><thead><tr><th>Method</th><th>Path</th><th>Handler</th><th>Declared at</th><th>Auth</th><th>Validation</th><th>Inputs</th><th>Notes</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>${more}</section>`;
}

function problemsSection(report: Report): string {
  const sk = report.skipped.map((s) => `<tr><td class="loc">${esc(s.path)}</td><td>skipped</td><td>${esc(s.reason)}</td></tr>`);
  const dg = report.diagnostics.map((d) => `<tr><td class="loc">${esc(d.path)}${d.line ? `:${esc(d.line)}` : ''}</td><td>${esc(d.kind)}</td><td>${esc(d.message)}</td></tr>`);
  return `<section id="problems" aria-labelledby="h-problems"><h2 id="h-problems">Skipped files and diagnostics (${sk.length + dg.length})</h2>
${sk.length + dg.length ? `<div class="table-wrap"><table><thead><tr><th>File</th><th>Kind</th><th>Reason</th></tr></thead><tbody>${[...sk, ...dg].join('')}</tbody></table></div>` : '<p class="muted">Every file was analysed without problems.</p>'}
<p class="small muted">Checks performed: ${report.checksPerformed.map(esc).join(', ') || '—'}.</p></section>`;
}

/**
 * Render the self-contained HTML report. `lookupRule` adds each rule's "why" and "use
 * instead" to its findings. Deterministic: the same report gives the same bytes.
 */
export function renderHtml(report: Report, lookupRule: RuleLookup = noRules): string {
  const score = report.score ?? computeScore(report);
  const findings = [...report.findings].sort(compareFindings);
  const scope = report.targets.length ? report.targets.join(', ') : '.';
  const nav = [
    ['overview', 'Overview'], ['findings', `Findings (${findings.length})`], ['secrets', 'Secrets'], ['egress', 'Egress'],
    ['dependencies', 'Dependencies'], ['statistics', 'Statistics'], ['modules', 'Modules'],
    ...(report.posture && Array.isArray(report.posture.routes) && report.posture.routes.length ? [['routes', 'Routes']] : []),
    ['problems', 'Skipped & diagnostics'],
  ]
    .map(([id, t]) => `<a href="#${id}">${esc(t)}</a>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(contentSecurityPolicy())}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="krait ${esc(report.tool.version)}">
<title>krait security report — ${esc(fmt(score.total))}/${score.max}</title>
<style>${CSS}</style>
</head>
<body>
<a class="skip" href="#findings">Skip to findings</a>
<header><h1>Python security audit</h1>
<p>Scope <code>${esc(scope)}</code> · ${esc(plural(report.files.length, 'file'))} analysed · started ${esc(report.startedAt)} · ${esc((report.durationMs / 1000).toFixed(1))} s · krait ${esc(report.tool.version)}</p>
<nav aria-label="Sections">${nav}</nav></header>
<main>
${overviewSection(report, score, findings)}
${findingsSection(findings, lookupRule)}
${secretsSection(findings)}
${egressSection(report, findings)}
${dependenciesSection(report, findings)}
${statisticsSection(report)}
${modulesSection(report)}
${postureSection(report)}
${problemsSection(report)}
</main>
<footer>Generated by krait ${esc(report.tool.version)} · report schema ${esc(report.schemaVersion)} · ${esc(plural(report.suppressedCount, 'finding'))} suppressed in code</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
