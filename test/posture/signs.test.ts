/**
 * The project-wide posture signs (per-environment configuration, security headers, request
 * size limit, DRF defaults) are read from each Python file's text in the per-file pass and
 * kept with its result; the project pass joins them and reads only the files the per-file
 * pass did not (so a warm re-scan reads no Python file for them).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/pipeline/analyze.js';
import { postureFacts, pythonSigns } from '../../src/posture/index.js';
import { writeTree } from '../hostile/analyze-helpers.js';

describe('pythonSigns', () => {
  it('reads each sign, and nothing from a file without any', () => {
    expect(pythonSigns('import os\nx = 1\n')).toBeUndefined();
    expect(pythonSigns('import os\nDEBUG = os.environ.get("DEBUG")\n')).toEqual({ env: ['settings read from the environment'] });
    expect(pythonSigns('resp.headers["X-Frame-Options"] = "DENY"\n')).toEqual({ headers: ['X-Frame-Options'] });
    expect(pythonSigns('from flask_talisman import Talisman\nTalisman(app)\n')?.headers).toEqual(['Content-Security-Policy', 'X-Frame-Options', 'X-Content-Type-Options']);
    expect(pythonSigns('app.config["MAX_CONTENT_LENGTH"] = 1 << 20\n')).toEqual({ maxContentLength: true });
    expect(pythonSigns('REST_FRAMEWORK = {"DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"]}\n')).toEqual({ drfDefaultAuth: true });
    expect(pythonSigns('REST_FRAMEWORK = {"DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"]}\n')).toEqual({ drfDefaultAuth: false });
    expect(pythonSigns('REST_FRAMEWORK = {"DEFAULT_THROTTLE_CLASSES": []}\n')).toEqual({ drfDefaultThrottle: true });
  });
});

describe('the project pass uses the signs of the per-file pass', () => {
  it('the per-file pass records a Python file\'s signs (an empty record when it has none)', () => {
    const root = writeTree({ 'settings.py': 'SECURE_CSP = {"default-src": ["self"]}\n', 'plain.py': 'x = 1\n' });
    const run = (p: string) =>
      analyzeFile({ absPath: path.join(root, p), path: p, kind: 'python', packageName: '', options: { analyses: ['posture'], enabledRules: [], ruleOptions: {}, ignoreNosec: false, maxFileSize: 1 << 20 } });
    expect(run('settings.py').signs).toEqual({ headers: ['Content-Security-Policy'] });
    expect(run('plain.py').signs).toEqual({});
  });

  it('a file with recorded signs is not read again; one without is', async () => {
    const root = writeTree({ 'app.py': 'x = 1\n' });
    const files = [
      { path: 'gone.py', absPath: path.join(root, 'gone.py'), kind: 'python' as const },
      { path: 'app.py', absPath: path.join(root, 'app.py'), kind: 'python' as const },
    ];
    const signs = new Map([['gone.py', { headers: ['X-Frame-Options'], maxContentLength: true as const, env: ['python-dotenv'] }]]);
    const withSigns = await postureFacts({ roots: [root], files, routes: [], signs });
    expect(withSigns.diagnostics).toEqual([]);
    expect(withSigns.facts.missingSecurityHeaders).toEqual(['Content-Security-Policy', 'X-Content-Type-Options']);
    expect(withSigns.facts.maxContentLength).toBe(true);
    expect(withSigns.facts.environmentConfig).toEqual(['python-dotenv']);
    // Without the record the file is read, and it is not there.
    const without = await postureFacts({ roots: [root], files, routes: [] });
    expect(without.diagnostics.map((d) => d.path)).toEqual(['gone.py']);
    expect(without.facts.missingSecurityHeaders).toHaveLength(3);
  });
});
