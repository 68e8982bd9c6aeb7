import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/report/text.js';
import { terminalSafe } from '../../src/core/text.js';
import { makeReport, makeCleanReport, makeEmptyReport, buildFindings } from './make-report.js';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/;

describe('renderText', () => {
  it("follows the seed's PYTHON SECURITY AUDIT layout, in order", () => {
    const out = renderText(makeReport(), { color: false });
    const heads = [
      'PYTHON SECURITY AUDIT', '================================', 'OVERALL SCORE: 7/25', 'STRENGTHS:', 'IMPROVEMENTS:',
      'CRITICAL ISSUES:', 'DETAILS BY CATEGORY:', '1. BANDIT SCAN (1.9/6)', '2. EXPOSED SECRETS (0/5)', '3. INPUT VALIDATION (2.6/4)',
      '4. DEPENDENCIES (0/4)', '5. ERROR HANDLING (1.8/3)', '6. AUTHENTICATION (0.7/2)', '7. INJECTIONS (0/1)',
      'CRITICAL VULNERABILITIES:', 'TOP 3 PRIORITY ACTIONS:', 'FINDINGS (18):', 'SKIPPED FILES (1):', 'DIAGNOSTICS (1):',
    ];
    let at = -1;
    for (const h of heads) {
      const i = out.indexOf(h, at + 1);
      expect(i, `"${h}" after position ${at}`).toBeGreaterThan(at);
      at = i;
    }
    expect(out).toContain('   Hardcoded Secrets: 1');
    expect(out).toContain('   Pydantic Usage: ✅');
    expect(out).toContain('   Secure Hashing: ❌');
    expect(out).toMatch(/^1\. Fix vulnerable-dependency .* - URGENT$/m);
    expect(out).toMatch(/^3\. .* - RECOMMENDED$/m);
    expect(out).toContain('- vendor/big.min.py: larger than 2 MB (--max-file-size)');
    expect(out).toContain('- app/broken.py:3  syntax-error  invalid syntax');
    expect(ANSI.test(out)).toBe(false);
  });

  it('prints each finding as path:line:col  SEVERITY/confidence  RULE name  CWE, message, snippet, fix', () => {
    const out = renderText(makeReport(), { color: false });
    const block = out.slice(out.indexOf('app/main.py:16:5  CRITICAL/high  KR100 command-injection  CWE-78'));
    const lines = block.split('\n');
    expect(lines[0]).toBe('app/main.py:16:5  CRITICAL/high  KR100 command-injection  CWE-78');
    expect(lines[1]).toBe('  User input from request.args reaches subprocess.call with shell=True.');
    expect(lines[2]).toBe('    15     cmd = request.args.get("cmd")');
    expect(lines[3]).toBe('  > 16     subprocess.call(cmd, shell=True)');
    expect(lines[5]).toMatch(/^  Fix: Pass an argument list/);
    expect(lines[6]).toBe('  Trace: source app/main.py:15 → app/main.py:15 → sink app/main.py:16');
    // the masked secret stays masked
    expect(out).toContain('AWS_SECRET = "AKIA****************"');
  });

  it('shows the full trace and fingerprint when verbose', () => {
    const out = renderText(makeReport(), { color: false, verbose: true });
    expect(out).toContain("    source app/main.py:15:11  request.args.get('cmd') (source: HTTP request)");
    expect(out).toMatch(/  Fingerprint: [0-9a-f]{16}/);
  });

  it('colours only when asked', () => {
    expect(ANSI.test(renderText(makeReport(), { color: true }))).toBe(true);
    expect(ANSI.test(renderText(makeCleanReport(), { color: false }))).toBe(false);
  });

  it('prints NO_SECURITY_ISSUES with the checks performed when there are no findings', () => {
    const out = renderText(makeCleanReport(), { color: false });
    expect(out.startsWith('NO_SECURITY_ISSUES\n\n✅ Security scan complete — no vulnerabilities detected.\n\nChecks performed:\n- SQL/Command injection: ✓\n')).toBe(true);
    expect(out).toContain('- Path traversal: ✓');
    expect(out).toContain('Code appears secure for the analyzed scope.');
    expect(out).toContain('OVERALL SCORE: 25/25');
    expect(out).not.toContain('PYTHON SECURITY AUDIT');
  });

  it('groups many skipped files by reason and lists a few of each', () => {
    const skipped = Array.from({ length: 25 }, (_, i) => ({ path: `data/f${i}.bin`, reason: 'not a file type krait analyses' }));
    skipped.push({ path: 'big.py', reason: 'larger than the size limit' });
    const text = renderText(makeReport({ skipped }), { color: false });
    expect(text).toContain('SKIPPED FILES (26):');
    expect(text).toContain('- 25 files: not a file type krait analyses');
    expect(text).toContain('    data/f9.bin');
    expect(text).not.toContain('data/f10.bin');
    expect(text).toContain('… 15 more (all of them in --format json)');
    expect(text).toContain('- big.py: larger than the size limit');
  });

  it('prints NO_ACTIONABLE_INPUT when nothing was analysed, with the skipped files', () => {
    const out = renderText(makeEmptyReport(), { color: false });
    expect(out.startsWith('NO_ACTIONABLE_INPUT\n\nPlease provide Python code or dependencies to analyze:\n- Source files\n- requirements.txt / pyproject.toml\n')).toBe(true);
    expect(out).toContain('- notes.txt: not a Python or manifest file');
    expect(out).not.toContain('OVERALL SCORE');
  });

  it('neutralises terminal escapes and bidi overrides from audited text', () => {
    expect(terminalSafe('a\u001b[31mred\u202eb\tc\r\n\u0085\u2066')).toBe('a\\x1b[31mred\\u202eb\tc\\x0d\\x0a\\x85\\u2066');
    const evil = buildFindings([{ path: 'x\u001b]0;pwn\u0007.py', source: 'x = 1\n', line: 1, ruleId: 'B1', ruleName: 'n', category: 'code',
      severity: 'low', confidence: 'low', cwe: [], message: 'm\u001b[2J' }]);
    const out = renderText(makeReport({ findings: evil }), { color: false });
    expect(out).not.toContain('\u001b');
    expect(out).toContain('x\\x1b]0;pwn\\x07.py:1:1');
  });
});
