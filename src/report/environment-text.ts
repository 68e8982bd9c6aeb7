/**
 * The per-distribution table of each installed environment (environment mode,
 * `report.environments`), for the text report and Markdown: one row per distribution —
 * name, version, advisories affecting the installed version, high findings, egress
 * channels, malicious-package indicators — then what the records tell (files changed since
 * install, missing, added, entries outside the scanned folder), the console entry points
 * and the `.pth` files that run code at interpreter start.
 */
import { terminalSafe } from '../core/text.js';
import type { DistributionAudit, EnvironmentAudit } from '../deps/installed.js';
import type { Report } from './model.js';

/** A table cell: one line, `|` escaped, control and bidi characters shown as escapes. */
function cell(s: string): string {
  return terminalSafe(s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim()) || '—';
}

const FILE_LIST_NOTE: Record<DistributionAudit['fileList'], string> = {
  RECORD: '',
  'installed-files.txt': '',
  'SOURCES.txt': ' (files from SOURCES.txt)',
  'top_level.txt': ' (no file list: files from top_level.txt)',
  name: ' (no file list: files guessed from the name)',
  none: ' (no file list: no files attributed)',
};

/** Lines listing at most `max` items, then how many more. */
function listed(label: string, items: readonly string[], esc: (s: string) => string, max = 5): string[] {
  if (!items.length) return [];
  const shown = items.slice(0, max).map(esc).join(', ');
  return [`  ${label} (${items.length}): ${shown}${items.length > max ? `, … ${items.length - max} more` : ''}`];
}

/**
 * The table and notes of one environment, as Markdown-compatible text lines. `esc` makes
 * a hostile string (names, versions, paths from the environment) safe for the output: a
 * terminal-safe table cell by default, Markdown-escaped text for the Markdown report.
 */
export function environmentLines(e: EnvironmentAudit, esc: (s: string) => string = cell): string[] {
  const out = [`Installed environment ${esc(e.path)} (${e.kind}; ${e.distributions.length} distribution${e.distributions.length === 1 ? '' : 's'}):`, ''];
  out.push('| Distribution | Version | Advisories | High findings | Egress channels | Malicious indicators | Files |', '|---|---|---|---|---|---|---|');
  for (const d of e.distributions) {
    const adv = d.advisories.length ? `${d.advisories.length}: ${d.advisories.slice(0, 3).map((a) => a.id).join(', ')}${d.advisories.length > 3 ? ', …' : ''}` : '0';
    const ind = d.indicators.length ? `${d.risk}: ${d.indicators.join(', ')}` : '—';
    out.push(`| ${esc(d.name)} | ${esc(d.version) || '—'} | ${esc(adv)} | ${d.highFindings} | ${esc(d.egressChannels.join(', ')) || '—'} | ${esc(ind)} | ${d.files}${FILE_LIST_NOTE[d.fileList]} |`);
  }
  out.push('', `Note: ${esc(e.note)}.`);
  const details: string[] = [];
  for (const d of e.distributions) {
    const lines = [
      ...listed('changed since install (RECORD hash differs)', d.modified, esc),
      ...listed('listed in RECORD but missing', d.missing, esc),
      ...listed('not in RECORD', d.unrecorded, esc),
      ...listed('RECORD entries outside the scanned folder (not read)', d.outside, esc),
      ...listed('console entry points', d.entryPoints.map((p) => `${p.name} = ${p.target}`), esc),
    ];
    if (lines.length) details.push(`- ${esc(d.name)} ${esc(d.version)}:`, ...lines);
  }
  if (details.length) out.push('', ...details);
  const running = e.pthFiles.filter((p) => p.importLines.length);
  if (e.pthFiles.length) {
    out.push('', `.pth files: ${e.pthFiles.length}, ${running.length} with lines that run at every interpreter start (KR610)${running.length ? ':' : '.'}`);
    for (const p of running) out.push(`- ${esc(p.path)}${p.distribution ? ` (${esc(p.distribution)})` : ''}: line${p.importLines.length === 1 ? '' : 's'} ${p.importLines.map((l) => l.line).join(', ')}`);
  }
  if (e.unowned.count) out.push('', `${e.unowned.count} file${e.unowned.count === 1 ? '' : 's'} of the site folders belong to no installed distribution (analysed as such).`);
  return out;
}

/** Every environment of the report (empty when none was scanned). */
export function renderEnvironments(report: Report): string[] {
  const out: string[] = [];
  for (const e of report.environments ?? []) out.push(...environmentLines(e), '');
  return out;
}
