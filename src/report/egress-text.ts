/**
 * The egress summary as text for a terminal: the count of files that can send data out,
 * the channels, modules, endpoints, subprocess tools and credential names, then the files.
 */
import { createColors } from 'picocolors';
import { terminalSafe } from '../core/text.js';
import type { EgressSummary } from '../egress/types.js';

/** At most this many rows per list (the JSON report has them all). */
const LIST_MAX = 15;

function list<T>(items: readonly T[], fmt: (x: T) => string, max = LIST_MAX): string {
  const shown = items.slice(0, max).map(fmt).join(', ');
  return items.length > max ? `${shown}, … ${items.length - max} more` : shown;
}

/**
 * Render an egress summary for a terminal. Every string from the scanned code goes through
 * `terminalSafe` (no control or bidi characters reach the terminal).
 *
 * @param summary from {@link summarizeEgress}
 * @param opts.color ANSI colours (only on a TTY without NO_COLOR)
 * @param opts.maxFiles files listed at most (default 50; the rest are counted)
 * @returns lines joined with '\n', no trailing newline
 */
export function renderEgress(summary: EgressSummary, opts: { color: boolean; maxFiles?: number }): string {
  const maxFiles = opts.maxFiles ?? 50;
  const c = createColors(opts.color);
  const out: string[] = [];
  const n = summary.filesThatCanSendData;
  out.push(c.bold('EGRESS: can this code send data out?'));
  out.push(
    `${n > 0 ? c.yellow(c.bold(String(n))) : c.green('0')} of ${summary.filesAnalysed} Python file${summary.filesAnalysed === 1 ? '' : 's'} can send data out${n === 0 ? ' (no network module, network call, network tool or endpoint passed to a call found)' : ''}.`,
  );
  if (summary.byChannel.length) out.push(`  ${c.dim('channels')}     ${list(summary.byChannel, (x) => `${x.channel} ${x.files}`)}`);
  if (summary.modules.length) out.push(`  ${c.dim('modules')}      ${list(summary.modules, (x) => `${terminalSafe(x.module)} (${x.files})`)}`);
  if (summary.subprocessTools.length) out.push(`  ${c.dim('tools')}        ${list(summary.subprocessTools, (x) => `${terminalSafe(x.tool)} (${x.files})`)}`);
  if (summary.credentialNames.length) out.push(`  ${c.dim('credentials')}  ${list(summary.credentialNames, (x) => `${terminalSafe(x.name)} (${x.files})`)}`);
  const remote = summary.endpoints.filter((e) => e.scope === 'public' || e.scope === 'private' || e.scope === 'unknown');
  const other = summary.endpoints.length - remote.length;
  if (remote.length) {
    out.push(`  ${c.dim('endpoints')}    ${remote.length} leaving the machine${other ? `, ${other} local or example` : ''}:`);
    for (const e of remote.slice(0, LIST_MAX)) {
      const where = e.fileCount === 1 ? e.files[0] : `${e.fileCount} files`;
      out.push(`    ${e.passedToCall ? c.yellow('→') : ' '} ${terminalSafe(e.value)} ${c.dim(`${e.scope}, ${terminalSafe(where)}`)}`);
    }
    if (remote.length > LIST_MAX) out.push(`      … ${remote.length - LIST_MAX} more`);
  } else if (other) out.push(`  ${c.dim('endpoints')}    ${other} local or example only`);
  if (summary.files.length) {
    out.push(c.bold('Files that can send data out'));
    for (const f of summary.files.slice(0, maxFiles)) {
      out.push(`  ${terminalSafe(f.path)}  ${c.dim(f.channels.join(', '))}`);
      out.push(`      via ${terminalSafe(list(f.via, (v) => v, 3))}`);
    }
    if (summary.files.length > maxFiles) out.push(`  … ${summary.files.length - maxFiles} more files (all of them in --format json/html)`);
  }
  return out.join('\n');
}
