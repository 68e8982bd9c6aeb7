/**
 * KR610: a `.pth` file of an installed environment holds `import` lines — code that
 * Python's `site` module executes at every interpreter start, before any program runs
 * (MITRE ATT&CK T1546.018, "Python Startup Hooks"). Run over the `.pth` files environment
 * mode found (`deps/installed.ts`); the finding is one of the malicious-package indicators
 * of the distribution that installed the file.
 */
import { createHash } from 'node:crypto';
import { defineProjectRule } from '../../core/rule.js';
import { snippetAt } from '../../core/snippet.js';

/** The `.pth` files of a scanned environment. */
export interface PthFacts {
  files: {
    /** Display path of the `.pth` file. */
    path: string;
    /** Its `import` lines (1-based), as `site.py` would execute them. */
    importLines: { line: number; text: string }[];
    /** `name==version` of the distribution whose record lists the file, if any. */
    distribution?: string;
    /** The file's lines, for the snippet. */
    lines: () => readonly string[];
  }[];
}

/**
 * What turns a startup line from "imports a helper" into a payload: dynamic code, decoding,
 * processes, network or file writes. A line matching it is reported at high severity.
 */
const PAYLOAD = /\b(?:exec|eval|compile)\s*\(|b64decode|b32decode|b16decode|a85decode|fromhex|\bzlib\b|\bmarshal\b|\bsubprocess\b|os\.(?:system|popen|spawn|exec)|\bsocket\b|\burllib\b|urlopen|\brequests\b|http\.client|\bctypes\b|open\s*\([^)]*['"][wa]/;

export const pthFileRunsCode = defineProjectRule<PthFacts>({
  id: 'KR610',
  name: 'pth-file-runs-code',
  category: 'code',
  severity: 'high',
  confidence: 'high',
  cwe: [829],
  docs: {
    what: 'A `.pth` file in a site-packages folder has a line starting with `import`: Python\'s `site` module executes that line at every interpreter start, in every program that uses the environment. Reported at low severity when the line only imports and calls a helper module, high when it decodes, evaluates, starts processes, opens network connections or writes files.',
    why: 'A `.pth` line is code that runs before any program, without being imported by anyone — a persistence and injection point used by malicious packages (MITRE ATT&CK T1546.018) and hard to spot, since `.pth` files are usually one-line path lists. Legitimate uses exist (setuptools\' `distutils-precedence.pth`, editable installs, coverage), so each one deserves a look at what it runs.',
    example: "import os, base64; exec(base64.b64decode('cHJpbnQoMSk='))",
    instead: '# a .pth file should only list folders to add to sys.path\n/opt/project/src',
    references: ['https://docs.python.org/3/library/site.html', 'https://attack.mitre.org/techniques/T1546/018/', 'https://cwe.mitre.org/data/definitions/829.html'],
  },
  check(facts, ctx) {
    for (const f of facts.files) {
      if (!f.importLines.length) continue;
      const lines = f.lines();
      for (const { line, text } of f.importLines) {
        const payload = PAYLOAD.test(text);
        const snippet = lines.length ? snippetAt(lines, line, line, 0) : text;
        ctx.report({
          ruleId: pthFileRunsCode.id,
          ruleName: pthFileRunsCode.name,
          category: pthFileRunsCode.category,
          severity: payload ? 'high' : 'low',
          confidence: pthFileRunsCode.confidence,
          cwe: [...pthFileRunsCode.cwe],
          message: `This .pth line runs at every Python start in this environment${f.distribution ? ` (installed by ${f.distribution})` : ' (no installed distribution lists the file)'}${payload ? ', and it decodes, evaluates, starts processes, reaches the network or writes files' : ''}.`,
          location: { path: f.path, startLine: line, startColumn: 0, endLine: line, endColumn: text.length },
          snippet,
          fix: 'Remove the line (or the file) unless you know which package needs it and what it runs; a .pth file should only list folders.',
          fingerprint: createHash('sha256').update(`${pthFileRunsCode.id}\u0000${f.path}\u0000${text.replace(/\s+/g, ' ').trim()}`).digest('hex').slice(0, 16),
          properties: { indicator: 'startup-hook', ...(f.distribution ? { distribution: f.distribution } : {}) },
        });
      }
    }
  },
});
