/** Class-based views: Flask's own View/MethodView classes are not Django views. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCodeChecks } from './helpers.js';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'krait-views-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

describe('class-based views', () => {
  it('a class based on View in a Flask module (Flask\'s own views.py) is no Django route', () => {
    const root = project({
      'flask/__init__.py': 'from .app import Flask\n',
      'flask/app.py': 'class Flask:\n    pass\n',
      'flask/views.py': 'from .globals import request\n\n\nclass View:\n    def dispatch_request(self):\n        raise NotImplementedError\n\n\nclass MethodView(View):\n    def dispatch_request(self, **kwargs):\n        return getattr(self, request.method.lower())(**kwargs)\n',
      'flask/globals.py': 'request = None\n',
    });
    expect(runCodeChecks(root).routes.filter((r) => r.framework === 'django')).toEqual([]);
  });

  it('a Django class-based view is still one', () => {
    const root = project({
      'shop/views.py': 'from django.http import HttpResponse\nfrom django.views import View\n\n\nclass OrderView(View):\n    def post(self, request):\n        return HttpResponse("ok")\n',
    });
    expect(runCodeChecks(root).routes.map((r) => `${r.framework} ${r.handler}`)).toEqual(['django views.OrderView']);
  });
});
