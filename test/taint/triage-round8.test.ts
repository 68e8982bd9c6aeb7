/**
 * Reasoning-layer precision, eighth round: names the code defines (a Django model's table
 * and labels from `Model._meta`, a class's `__name__`) are constants in a query, whatever
 * object they are read from; each with a vulnerable twin.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/finding.js';
import { scan } from '../../src/pipeline/scan.js';
import { cleanTempDirs, tempProject } from '../helpers/temp-project.js';

cleanTempDirs();

async function scanProject(files: Record<string, string>): Promise<Finding[]> {
  const root = tempProject(files, 'krait-round8-');
  const report = await scan({ targets: [root], config: false, jobs: 1, analyses: ['rules'] });
  return [...report.findings, ...(report.dismissed ?? [])].map((f) => ({ ...f, location: { ...f.location, path: path.relative(root, path.resolve(f.location.path)) } }));
}

/** A Django class-based view that formats `table` into a raw query and binds the tag. */
const djangoView = (table: string) =>
  [
    'from django.views.generic import ListView',
    'from .models import Article',
    'class Tagged(ListView):',
    '    def get_queryset(self):',
    '        tag = self.kwargs["tag"]',
    '        query = "SELECT * FROM {table} WHERE tag = %s".format(table=' + table + ')',
    '        return list(Article.objects.raw(query, [tag]))',
    '',
  ].join('\n');

const sqlAt6 = (found: Finding[]) => found.find((f) => f.location.path === 'blog/views.py' && f.location.startLine === 6 && f.ruleId === 'B608');

describe("a Django model's table name in a query", () => {
  const files = (table: string) => ({ 'blog/__init__.py': '', 'blog/models.py': 'from django.db import models\nclass Article(models.Model):\n    tag = models.CharField(max_length=20)\n', 'blog/views.py': djangoView(table) });

  it('Model._meta.db_table (and through self.model) is a constant: the SQL string is dismissed', async () => {
    for (const table of ['Article._meta.db_table', 'self.model._meta.db_table', 'Article._meta.app_label + "_article"']) {
      const f = sqlAt6(await scanProject(files(table)));
      expect(f?.status, table).toBe('dismissed');
      expect(f?.verdict?.kind, table).toBe('constant');
    }
  });

  it('a URL parameter in its place is reported', async () => {
    const f = sqlAt6(await scanProject(files('self.kwargs["table"]')));
    expect(f?.status).not.toBe('dismissed');
    expect(f?.verdict?.kind).toBe('reachable');
  });

  it('an attribute of _meta that is not one of its names, or such a name outside _meta, is not a constant', async () => {
    for (const table of ['self.kwargs["t"]._meta.db_field', 'self.kwargs["t"].label']) {
      const f = sqlAt6(await scanProject(files(table)));
      expect(f?.status, table).not.toBe('dismissed');
    }
  });
});

describe("a class's name in a query", () => {
  const view = (table: string) =>
    [
      'import sqlite3',
      'from flask import Flask, request',
      'app = Flask(__name__)',
      '@app.route("/c")',
      'def count():',
      '    kind = request.args["kind"]',
      `    return str(sqlite3.connect("x").execute("SELECT count(*) FROM " + ${table}).fetchone())`,
      '',
    ].join('\n');
  const flows = async (table: string) => (await scanProject({ 'app.py': view(table) })).filter((f) => f.ruleId === 'KR101' || f.relatedRuleIds?.includes('KR101'));

  it('the __name__ of what request data is (its type) reaches no query', async () => {
    expect(await flows('type(kind).__name__.lower()')).toEqual([]);
    expect(await flows('kind.__class__.__name__')).toEqual([]);
  });

  it('the request data itself does', async () => {
    expect((await flows('kind.lower()')).map((f) => f.location.startLine)).toEqual([7]);
  });
});
