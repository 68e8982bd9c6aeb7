/**
 * Jupyter notebooks through the code analyses. The code cells of an `.ipynb` file are
 * joined, in order, into one Python module (IPython syntax translated line for line by
 * `python/ipython.ts`), which goes through the same pipeline as a `.py` file (rules, data
 * flow, egress, statistics, routes); every line number that comes out is mapped back to
 * the notebook: findings and diagnostics point at the line of the `.ipynb` JSON file that
 * holds the code (so SARIF regions open at the right place) and their message names the
 * cell and the line within it (`cell 3, line 2`). Shell commands (`!cmd`, `%%bash` …) are
 * KR146 findings. Secrets are scanned separately over every cell and output (secrets/).
 */
import type { Finding, Location } from '../core/finding.js';
import type { FileResult } from '../report/model.js';
import type { FileDiagnostic } from '../core/file.js';
import { notebookCells } from '../secrets/notebook.js';
import { ipythonToPython } from '../python/ipython.js';
import { notebookShellCommand } from '../rules/injection/kr146-notebook-shell-command.js';
import { snippetAt } from '../core/snippet.js';

/** Where one line of the joined module comes from. */
interface Origin {
  /** 1-based cell position in the notebook. */
  cell: number;
  /** 1-based line within the cell. */
  cellLine: number;
  /** 1-based line of the .ipynb file. */
  fileLine: number;
}

/** A notebook's code cells as one Python module, with the way back. */
export interface NotebookModule {
  /** The joined, translated Python source (`\n` line ends). */
  source: string;
  /** Its lines. */
  lines: string[];
  /** The cells' own lines (untranslated), index-aligned with `lines`. */
  originalLines: string[];
  /** Origin of each line of `lines` (index = line - 1). */
  origins: Origin[];
  /** KR146 findings for IPython shell commands (snippets from the cells, lines of the .ipynb file). */
  shell: Finding[];
}

/**
 * The code cells of notebook JSON `text` as one Python module, or undefined when `text` is
 * not a notebook. `path` is the display path used in findings.
 */
export function notebookModule(text: string, path: string): NotebookModule | undefined {
  const cells = notebookCells(text);
  if (!cells) return undefined;
  const lines: string[] = [];
  const originalLines: string[] = [];
  const origins: Origin[] = [];
  const shell: Finding[] = [];
  for (const c of cells) {
    if (!c.code) continue;
    const t = ipythonToPython(c.lines);
    const base = lines.length;
    for (let i = 0; i < c.lines.length; i++) {
      lines.push(t.lines[i] ?? '');
      originalLines.push(c.lines[i]);
      origins.push({ cell: c.cell, cellLine: i + 1, fileLine: c.fileLines[i] ?? 1 });
    }
    for (const s of t.shell) {
      const o = origins[base + s.line];
      const r = notebookShellCommand;
      shell.push({
        ruleId: r.id,
        ruleName: r.name,
        category: r.category,
        severity: s.form === '!{var}' ? 'high' : r.severity,
        confidence: r.confidence,
        cwe: r.cwe,
        message: `IPython runs a shell command here (${s.form}${s.form === '!{var}' ? ', with Python values interpolated' : ''}) (cell ${o.cell}, line ${o.cellLine}).`,
        location: { path, startLine: o.fileLine, startColumn: 0, endLine: o.fileLine, endColumn: 0 },
        snippet: snippetAt(c.lines, s.line + 1, s.line + 1),
        fix: r.docs.instead,
        fingerprint: '',
        // The command text is not copied into the finding: it may hold a token (`!curl -H 'Authorization: …'`); the snippet passes redaction.
        properties: { notebookCell: o.cell, notebookLine: o.cellLine },
      });
    }
  }
  return { source: lines.join('\n') + (lines.length ? '\n' : ''), lines, originalLines, origins, shell };
}

/**
 * Map what the analysis of `nb.source` produced back onto the notebook file: finding and
 * trace locations, diagnostics, imports, egress and route lines. `fileLines` are the
 * notebook file's own lines (for columns: a cell column becomes a column of the JSON line,
 * counted from the string's opening quote; exact unless escapes precede it).
 */
export function remapToNotebook(nb: NotebookModule, result: FileResult, fileLines: readonly string[]): void {
  const origin = (line: number): Origin | undefined => nb.origins[line - 1];
  const fileLine = (line: number): number => origin(line)?.fileLine ?? 1;
  const column = (line: number, col: number): number => {
    const text = fileLines[fileLine(line) - 1] ?? '';
    const q = text.indexOf('"');
    return q < 0 ? col : Math.min(text.length, q + 1 + col);
  };
  const loc = (l: Location): Location => ({
    ...l,
    startLine: fileLine(l.startLine),
    startColumn: column(l.startLine, l.startColumn),
    endLine: fileLine(l.endLine),
    endColumn: column(l.endLine, l.endColumn),
  });
  for (const f of result.findings) {
    const o = origin(f.location.startLine);
    if (o) {
      f.message = `${f.message} (cell ${o.cell}, line ${o.cellLine})`;
      f.properties = { ...(f.properties ?? {}), notebookCell: o.cell, notebookLine: o.cellLine };
    }
    f.location = loc(f.location);
    if (f.trace) f.trace = f.trace.map((s) => ({ ...s, location: loc(s.location) }));
    // The fix's edits are positions in the cells' joined source, not in the JSON file:
    // `krait fix` cannot apply them, so no report may say "fix available".
    delete f.autofix;
  }
  result.diagnostics = result.diagnostics.map((d): FileDiagnostic => {
    if (d.line === undefined) return d;
    const o = origin(d.line);
    if (!o) return d;
    return { ...d, line: o.fileLine, message: d.message.replace(/\bline \d+/, `cell ${o.cell}, line ${o.cellLine}`) };
  });
  if (result.imports) result.imports = result.imports.map((i) => ({ ...i, line: fileLine(i.line) }));
  if (result.egress) for (const v of result.egress.via) v.line = fileLine(v.line);
  if (result.routes) {
    for (const r of result.routes) {
      r.location = { ...r.location, line: fileLine(r.location.line) };
      if (r.handlerLocation) r.handlerLocation = { ...r.handlerLocation, line: fileLine(r.handlerLocation.line) };
    }
  }
}
