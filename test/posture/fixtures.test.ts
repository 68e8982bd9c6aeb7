/**
 * Every posture check fires on the vulnerable fixture project and stays quiet on the fixed
 * one (Flask, FastAPI, Django): code rules through the engine's rule runner, project checks
 * through analyzePosture.
 */
import { describe, expect, it } from 'vitest';
import { analyzePosture } from '../../src/pipeline/posture.js';
import { fixture, listFiles, runCodeChecks } from './helpers.js';

const CODE_EXPECTED: Record<string, string[]> = {
  flask: ['KR303', 'KR306', 'KR307', 'KR310', 'KR311', 'KR312', 'KR313', 'KR315', 'KR316', 'KR320', 'KR321', 'KR322', 'KR323', 'KR325', 'KR326'],
  fastapi: ['KR306', 'KR308', 'KR310', 'KR312', 'KR315', 'KR330', 'KR331', 'KR332', 'KR333'],
  django: ['KR301', 'KR302', 'KR303', 'KR304', 'KR305', 'KR307', 'KR310', 'KR312', 'KR314', 'KR315', 'KR321', 'KR322'],
};
/** KR341 (committed .env) depends on the git index of this repository: tested on a temporary repository in env.test.ts. */
const PROJECT_EXPECTED: Record<string, string[]> = {
  flask: ['KR309', 'KR340', 'KR342', 'KR344', 'KR345', 'KR350', 'KR351', 'KR352', 'KR353', 'KR354', 'KR355', 'KR356', 'KR357', 'KR358'],
  fastapi: ['KR309', 'KR340', 'KR343'], // its .env.example counts as per-environment configuration
  django: ['KR309', 'KR344'],
};

async function project(fw: string, variant: 'vulnerable' | 'fixed') {
  const root = fixture(fw, variant);
  const code = runCodeChecks(root);
  const posture = await analyzePosture({ roots: [root], files: listFiles(root), routes: code.routes });
  return { code, posture };
}

const ids = (fs: { ruleId: string }[]) => [...new Set(fs.map((f) => f.ruleId))].sort();

describe.each(['flask', 'fastapi', 'django'])('%s fixture', (fw) => {
  it('vulnerable: every code check fires', async () => {
    const { code } = await project(fw, 'vulnerable');
    expect(ids(code.findings)).toEqual(CODE_EXPECTED[fw]);
  });
  it('vulnerable: every project check fires', async () => {
    const { posture } = await project(fw, 'vulnerable');
    expect(ids(posture.findings).filter((i) => i !== 'KR341')).toEqual(PROJECT_EXPECTED[fw]);
    expect(posture.diagnostics).toEqual([]);
  });
  it('fixed: no posture finding at all', async () => {
    const { code, posture } = await project(fw, 'fixed');
    expect(code.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine} ${f.message}`)).toEqual([]);
    expect(posture.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine} ${f.message}`)).toEqual([]);
  });
  it('findings carry CWE, fix, category and masked snippets', async () => {
    const { code, posture } = await project(fw, 'vulnerable');
    for (const f of [...code.findings, ...posture.findings]) {
      expect(f.cwe.length, f.ruleId).toBeGreaterThan(0);
      expect(f.fix, f.ruleId).toBeTruthy();
      expect(['input-validation', 'error-handling', 'auth', 'config', 'injection', 'code']).toContain(f.category);
      for (const secret of ['Sup3rS3cretPassw0rd', 'hunter2hunter2', '9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c', 'idx_9Qm4Tz7Lw2Rk8Vb3Np6Hs1', 'django-insecure-8f#k2']) {
        expect(f.snippet.includes(secret), `${f.ruleId} snippet leaks a secret`).toBe(false);
        expect(f.message.includes(secret), `${f.ruleId} message leaks a secret`).toBe(false);
      }
    }
  });
});

describe('specific findings', () => {
  it('flask: exact lines of the route checks', async () => {
    const { code } = await project('flask', 'vulnerable');
    const at = (id: string) => code.findings.filter((f) => f.ruleId === id).map((f) => f.location.startLine);
    expect(at('KR310')).toEqual([24]); // POST /orders
    expect(at('KR311')).toEqual([41]); // DELETE /admin/users/<id>
    expect(at('KR313')).toEqual([48]); // POST /login
    expect(at('KR326')).toEqual([82]); // account.balance -= amount
    expect(at('KR325')).toEqual([97]); // open(path) after os.path.exists(path)
  });
  it('django: URLconf joined with views; CSRF exemption and IDOR in views.py', async () => {
    const { code } = await project('django', 'vulnerable');
    const where = code.findings.filter((f) => ['KR312', 'KR314'].includes(f.ruleId)).map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`).sort();
    expect(where).toEqual(['KR312 orders/views.py:15', 'KR312 orders/views.py:22', 'KR314 orders/views.py:19']);
  });
});
