import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { frameworksNamedIn, type WebFramework } from '../../src/core/frameworks.js';
import { allRuleMetas } from '../../src/rules/catalog.js';
import { FIX_VARIANTS } from '../../src/rules/fix-variants.js';
import { fitFixesToProject } from '../../src/pipeline/fit-fixes.js';
import { scan } from '../../src/pipeline/scan.js';
import { renderHtml } from '../../src/report/html.js';
import { lookupRule } from './make-report.js';

/** A project in a temporary folder: file path → text. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'krait-fit-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

/** The same weakness in each framework: a shell command built from request data, in a route that changes state. */
const APPS: Record<'flask' | 'django' | 'aiohttp', Record<string, string>> = {
  flask: {
    'requirements.txt': 'flask==3.0.3\n',
    'app.py': 'import subprocess\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n\n@app.route("/orders/purge", methods=["POST"])\ndef purge_orders():\n    host = request.form["host"]\n    subprocess.run("ping -c 1 " + host, shell=True)\n    return "<p>%s</p>" % host\n',
  },
  django: {
    'requirements.txt': 'django==5.1.4\n',
    'shop/urls.py': 'from django.urls import path\n\nfrom . import views\n\nurlpatterns = [path("orders/purge", views.purge_orders)]\n',
    'shop/views.py': 'import subprocess\n\nfrom django.http import HttpResponse\nfrom django.views.decorators.http import require_POST\n\n\n@require_POST\ndef purge_orders(request):\n    host = request.POST["host"]\n    subprocess.run("ping -c 1 " + host, shell=True)\n    return HttpResponse("<p>%s</p>" % host)\n',
  },
  aiohttp: {
    'requirements.txt': 'aiohttp==3.11.10\n',
    'svc/app.py': 'import subprocess\n\nfrom aiohttp import web\n\nroutes = web.RouteTableDef()\n\n\n@routes.post("/orders/purge")\nasync def purge_orders(request):\n    host = request.query["host"]\n    subprocess.run("ping -c 1 " + host, shell=True)\n    return web.Response(text="<p>%s</p>" % host, content_type="text/html")\n',
  },
};

const fixesOf = (findings: readonly Finding[]): string[] => findings.map((f) => f.fix ?? '').filter(Boolean);

describe('fixes fit the project\'s framework', () => {
  for (const fw of ['flask', 'django', 'aiohttp'] as const) {
    it(`a ${fw} app is given advice that names ${fw} only`, async () => {
      const root = project(APPS[fw]);
      const report = await scan({ targets: [root], cwd: root, jobs: 1, config: false });
      const ids = new Set(report.findings.map((f) => f.ruleId));
      // The same weakness is found in each: a command built from the request, an unauthenticated route.
      expect(ids.has('KR102') || report.findings.some((f) => f.relatedRuleIds?.includes('KR102')), [...ids].join(' ')).toBe(true);
      expect(ids.has('KR310')).toBe(true);
      for (const fix of fixesOf(report.findings)) {
        const foreign = frameworksNamedIn(fix).filter((n) => n !== fw);
        expect(foreign, fix).toEqual([]);
      }
      // The score's advice reads the fitted fixes too.
      for (const line of [...report.score!.improvements, ...report.score!.actions.map((a) => a.text)]) {
        expect(frameworksNamedIn(line).filter((n) => n !== fw), line).toEqual([]);
      }
      // And the HTML report does not show another framework's example under a finding.
      const html = renderHtml(report, lookupRule);
      const other = (['flask', 'django', 'aiohttp'] as const).filter((n) => n !== fw);
      const useInstead = [...html.matchAll(/<h3>Use instead<\/h3><pre>([\s\S]*?)<\/pre>/g)].map((m) => m[1]!);
      for (const block of useInstead) expect(frameworksNamedIn(block.replace(/<[^>]+>/g, '')).filter((n) => other.includes(n as never)), block).toEqual([]);
    });
  }
});

/** A finding of `ruleId` at `path` whose fix is the rule's documented example. */
function findingOf(ruleId: string, path: string, fix?: string): Finding {
  const meta = allRuleMetas().find((r) => r.id === ruleId)!;
  return {
    ruleId, ruleName: meta.name, category: meta.category, severity: 'high', confidence: 'high', cwe: [...meta.cwe], message: 'm',
    location: { path, startLine: 1, startColumn: 0, endLine: 1, endColumn: 1 }, snippet: '', fingerprint: '', fix: fix ?? meta.docs.instead,
  };
}

describe('fitFixesToProject', () => {
  const kr101Flask = allRuleMetas().find((r) => r.id === 'KR101')!.docs.instead;

  it('keeps a fix written for the framework the file uses', () => {
    const f = findingOf('KR101', 'app.py');
    expect(fitFixesToProject([f], { files: [{ path: 'app.py', imports: [{ module: 'flask' }] }], declared: [] })).toBe(0);
    expect(f.fix).toBe(kr101Flask);
  });

  it('gives the variant of the framework the file (or else the project) uses', () => {
    const cases: [WebFramework, string, { path: string; imports: { module: string }[] }[], string[]][] = [
      ['django', 'shop/views.py', [{ path: 'shop/views.py', imports: [{ module: 'django.db' }] }], []],
      ['aiohttp', 'svc/app.py', [{ path: 'svc/app.py', imports: [{ module: 'aiohttp.web' }] }], []],
      // A helper module that imports no framework: the project's (declared) framework decides.
      ['aiohttp', 'svc/db.py', [{ path: 'svc/db.py', imports: [{ module: 'sqlite3' }] }], ['aiohttp']],
      ['fastapi', 'api/main.py', [{ path: 'api/main.py', imports: [{ module: 'fastapi' }, { module: 'starlette.requests' }] }], []],
    ];
    for (const [fw, path, files, declared] of cases) {
      const f = findingOf('KR101', path);
      fitFixesToProject([f], { files, declared });
      expect(f.fix, fw).toBe(FIX_VARIANTS['KR101']![fw]);
      expect(frameworksNamedIn(f.fix!).filter((n) => n !== fw && n !== 'starlette'), fw).toEqual([]);
    }
  });

  it('gives neutral advice when no framework, or several without one variant, are in use', () => {
    for (const files of [[{ path: 'tool.py', imports: [{ module: 'argparse' }] }], [{ path: 'x.py', imports: [{ module: 'django' }, { module: 'fastapi' }] }]]) {
      const f = findingOf('KR101', files[0]!.path);
      fitFixesToProject([f], { files, declared: [] });
      expect(f.fix).toBe(FIX_VARIANTS['KR101']!.neutral);
      expect(frameworksNamedIn(f.fix!)).toEqual([]);
    }
  });

  it('fits the ORM too: KR129 in a Django project names Django, not SQLAlchemy', () => {
    const f = findingOf('KR129', 'shop/models.py');
    fitFixesToProject([f], { files: [{ path: 'shop/models.py', imports: [{ module: 'django.db.models' }] }], declared: ['Django'] });
    expect(frameworksNamedIn(f.fix!)).toEqual(['django']);
  });
});

describe('the fix-variant table', () => {
  /** Rules whose findings arise only on one framework's code, or that write their fix per finding from what they saw. */
  const FITTED_BY_THE_RULE = new Set(['B201', 'B308', 'B610', 'B703', 'KR148', 'KR345', 'KR301', 'KR302', 'KR303', 'KR304', 'KR305', 'KR306', 'KR307', 'KR501', 'KR506']);

  it('covers every rule whose example is written for one framework', () => {
    const missing = allRuleMetas()
      .filter((r) => frameworksNamedIn(r.docs.instead).length && !FIX_VARIANTS[r.id] && !FITTED_BY_THE_RULE.has(r.id))
      .map((r) => `${r.id}: ${frameworksNamedIn(r.docs.instead).join(',')}`);
    expect(missing).toEqual([]);
  });

  it('has neutral texts that name no framework, and framework texts that name only theirs', () => {
    for (const [id, v] of Object.entries(FIX_VARIANTS)) {
      expect(frameworksNamedIn(v.neutral), `${id} neutral: ${v.neutral}`).toEqual([]);
      for (const [fw, text] of Object.entries(v)) {
        if (fw === 'neutral') continue;
        const own = fw === 'fastapi' ? ['fastapi', 'starlette'] : [fw];
        expect(frameworksNamedIn(text!).filter((n) => !own.includes(n)), `${id} ${fw}: ${text}`).toEqual([]);
      }
    }
  });
});
