/** The route inventory on the fixture projects: methods, auth and validation status, Django joins, rendering. */
import { describe, expect, it } from 'vitest';
import { renderRoutes } from '../../src/posture/index.js';
import { analyzePosture } from '../../src/pipeline/posture.js';
import type { Route } from '../../src/posture/types.js';
import { fixture, listFiles, runCodeChecks } from './helpers.js';

async function inventory(fw: string, variant: 'vulnerable' | 'fixed'): Promise<Route[]> {
  const root = fixture(fw, variant);
  const { routes } = runCodeChecks(root);
  return (await analyzePosture({ roots: [root], files: listFiles(root), routes })).report.routes;
}

const row = (r: Route) => `${r.methods.join(',')} ${r.path} ${r.auth} ${r.validation}`;

describe('route inventory', () => {
  it('flask: vulnerable and fixed', async () => {
    expect((await inventory('flask', 'vulnerable')).map(row)).toEqual([
      'GET /products none no-input',
      'POST /orders none unvalidated',
      'GET /orders/<int:order_id> required validated',
      'DELETE /admin/users/<int:user_id> required validated',
      'POST /login none validated',
      'POST /import required unvalidated',
      'POST /avatar required unvalidated',
      'POST /transfer required validated',
    ]);
    const fixed = await inventory('flask', 'fixed');
    expect(fixed.filter((r) => r.stateChanging && r.auth === 'none').map((r) => r.path)).toEqual(['/login']);
    expect(fixed.find((r) => r.path === '/orders')!.validatedBy).toContain('OrderSchema().load() (schema)');
    expect(fixed.find((r) => r.path === '/login')!.rateLimited).toBe(true);
  });
  it('fastapi: Depends auth and Pydantic models', async () => {
    const v = await inventory('fastapi', 'vulnerable');
    expect(v.map(row)).toEqual(['GET /tickets/{ticket_id} none validated', 'POST /tickets none unvalidated', 'POST /assistant none unvalidated', 'POST /assistant/sql none unvalidated']);
    const f = await inventory('fastapi', 'fixed');
    expect(f.map(row)).toEqual(['GET /tickets/{ticket_id} required validated', 'POST /tickets required validated', 'POST /assistant required validated']);
    expect(f[1]!.authBy).toEqual(['Depends(get_current_user)']);
    expect(f[1]!.validatedBy).toEqual(['TicketIn (Pydantic)']);
  });
  it('django: URLconf patterns joined with views in other files, DRF viewsets', async () => {
    const v = await inventory('django', 'vulnerable');
    expect(v.map((r) => `${r.location.path}:${r.location.line} ${row(r)} ${r.handler}`)).toEqual([
      'shop/urls.py:8 GET,POST,PUT,PATCH,DELETE api/orders/ none validated orders.api.OrderViewSet',
      'shop/urls.py:11 * orders/<int:pk>/ required validated orders.views.order_detail',
      'shop/urls.py:12 POST orders/<int:pk>/cancel/ none unvalidated orders.views.cancel_order',
      'shop/urls.py:13 * search/ none unvalidated orders.views.search',
    ]);
    expect(v[2]!.csrfExempt).toBe(true);
    expect(v[2]!.handlerLocation).toEqual({ path: 'orders/views.py', line: 21 });
    const f = await inventory('django', 'fixed');
    expect(f.map(row)).toEqual(['GET,POST,PUT,PATCH,DELETE api/orders/ required validated', '* orders/<int:pk>/ required validated', 'POST orders/<int:pk>/cancel/ required validated', '* search/ none validated']);
  });
  it('renders a table without colours', async () => {
    const root = fixture('flask', 'vulnerable');
    const { routes } = runCodeChecks(root);
    const { report } = await analyzePosture({ roots: [root], files: listFiles(root), routes });
    const text = renderRoutes(report, { color: false });
    expect(text).toContain('HTTP routes (8)');
    expect(text).toMatch(/POST\s+\/orders\s+NO AUTH\s+NOT VALIDATED\s+app\.py:24 create_order/);
    expect(text).toContain('8 routes: 2 state-changing without authentication, 3 reading input without validation.');
    expect(text).not.toMatch(/\u001b\[/);
  });
});

describe('CLI entry points', () => {
  it('argparse sub-commands and click commands', async () => {
    const { runOn } = await import('./snippet.js');
    const routes = runOn(`import argparse\nimport click\n\n@click.command()\ndef sync_db():\n    pass\n\ndef main():\n    p = argparse.ArgumentParser(prog="shopctl")\n    sub = p.add_subparsers()\n    sub.add_parser("migrate")\n`);
    expect(routes.map((r) => `${r.framework} ${r.path} ${r.location.line}`)).toEqual(['click sync-db 4', 'argparse shopctl 9', 'argparse migrate 11']);
  });
});
