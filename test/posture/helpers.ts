/** Run the posture code rules and the route collector over a fixture project, as the engine would. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../src/core/finding.js';
import { parsePython } from '../../src/python/parse.js';
import { linkParents } from '../../src/python/visit.js';
import { SemanticModel } from '../../src/python/semantic.js';
import { runRules } from '../../src/pipeline/analyze.js';
import { splitLines } from '../../src/core/snippet.js';
import { redactSnippets } from '../../src/core/redact.js';
import { detectSecrets } from '../../src/pipeline/secrets.js';
import { POSTURE_CODE_RULES } from '../../src/rules/posture/index.js';
import { collectRoutes } from '../../src/posture/index.js';
import type { Route } from '../../src/posture/types.js';
import type { FileKind } from '../../src/core/file.js';
import { fileKind } from '../../src/core/file-kinds.js';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'posture');

export function fixture(framework: string, variant: 'vulnerable' | 'fixed'): string {
  return path.join(FIXTURES, framework, variant);
}

/** Every file of a fixture folder, relative, with its kind. */
export function listFiles(root: string): { path: string; absPath: string; kind: FileKind }[] {
  const out: { path: string; absPath: string; kind: FileKind }[] = [];
  const rec = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = path.join(dir, name);
      if (statSync(abs).isDirectory()) rec(abs);
      else {
        const kind = fileKind(name);
        if (kind) out.push({ path: path.relative(root, abs).split(path.sep).join('/'), absPath: abs, kind });
      }
    }
  };
  rec(root);
  return out;
}

function packageOf(root: string, rel: string): string {
  const parts = rel.split('/').slice(0, -1);
  const pkg: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (!existsSync(path.join(root, ...parts.slice(0, i + 1), '__init__.py'))) return '';
    pkg.push(parts[i]!);
  }
  return pkg.join('.');
}

/** Findings of the KR3xx code rules and the routes of every Python file under `root`. */
export function runCodeChecks(root: string): { findings: Finding[]; routes: Route[] } {
  const findings: Finding[] = [];
  const routes: Route[] = [];
  const ids = POSTURE_CODE_RULES.map((r) => r.id);
  for (const f of listFiles(root)) {
    if (f.kind !== 'python') continue;
    const code = readFileSync(f.absPath, 'utf8');
    const parsed = parsePython(code);
    linkParents(parsed.module);
    const semantic = new SemanticModel(parsed.module, packageOf(root, f.path));
    // As the engine does: rules and secrets, then cross-finding snippet redaction; keep only the posture findings.
    const fileFindings: Finding[] = detectSecrets({ path: f.path, kind: 'python', text: code });
    runRules({ path: f.path, options: { analyses: ['rules'], enabledRules: ids, ruleOptions: {}, ignoreNosec: false, maxFileSize: 1 << 30 } }, code, splitLines(code), parsed.module, semantic, new Map(), fileFindings);
    redactSnippets(fileFindings);
    findings.push(...fileFindings.filter((x) => x.category !== 'secrets'));
    routes.push(...collectRoutes(parsed.module, semantic, f.path));
  }
  return { findings, routes };
}

/** `KR310 app.py:24` strings, sorted, for readable assertions. */
export function summary(findings: Finding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`).sort();
}
