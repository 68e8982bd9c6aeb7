/**
 * Barrier guards from another module: a predicate function of a validators module
 * (`def is_safe_name(v): return NAME.fullmatch(v)`) validates the value of a caller that
 * aborts when it fails, as a local predicate does. The predicate's guards travel in its
 * module's facts, so the project pass applies them without parsing that module again.
 * Each with a vulnerable twin: the result ignored, a check that validates nothing, a check
 * of another variable, and a check for another sink kind.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/pipeline/scan.js';
import type { Finding } from '../../src/core/finding.js';
import { cleanTempDirs, tempProject } from '../helpers/temp-project.js';

cleanTempDirs();

/** Scan a project (file path → text) with the code rules; every finding, dismissed ones included, paths relative to the project. */
async function scanProject(files: Record<string, string>): Promise<Finding[]> {
  const root = tempProject(files, 'krait-xguard-');
  const report = await scan({ targets: [root], config: false, jobs: 1, analyses: ['rules'] });
  return [...report.findings, ...(report.dismissed ?? [])].map((f) => ({ ...f, location: { ...f.location, path: path.relative(root, path.resolve(f.location.path)) } }));
}

const VALIDATORS = [
  'import re',
  'NAME = re.compile(r"[a-z0-9_]+")',
  'ALLOWED_HOSTS = {"api.example.com", "cdn.example.com"}',
  'def is_safe_name(value):',
  '    """A log name: lowercase letters, digits and underscores."""',
  '    return NAME.fullmatch(value)',
  'def is_allowed_host(host):',
  '    return host in ALLOWED_HOSTS',
  'def is_short(value):',
  '    return len(value) < 64',
  'def has_no_dots(value):',
  "    return '..' not in value",
  '',
].join('\n');

/** A Flask view that runs a shell command with a request value, after `check` (a line or none). */
function view(check: string[]): string {
  return [
    'import subprocess',
    'from flask import Flask, request, abort',
    'from app import validators',
    'from app.validators import is_safe_name',
    'app = Flask(__name__)',
    '@app.route("/logs")',
    'def logs():',
    '    name = request.args.get("name", "")',
    '    other = request.args.get("other", "")',
    ...check,
    '    return subprocess.check_output("tail -n 50 /var/log/app/" + name + ".log", shell=True)',
    '',
  ].join('\n');
}

const project = (check: string[]) => ({ 'app/__init__.py': '', 'app/validators.py': VALIDATORS, 'app/views.py': view(check) });
/** The shell finding in the view: its status and verdict, and whether the flow rule joined it. */
async function shellFinding(check: string[]): Promise<Finding> {
  const all = await scanProject(project(check));
  const got = all.filter((f) => f.location.path === 'app/views.py' && f.ruleId === 'B602');
  expect(got).toHaveLength(1);
  return got[0]!;
}
const active = (f: Finding) => f.status !== 'dismissed' && f.status !== 'suppressed';

describe('predicate functions of another module are barrier guards', () => {
  it('a regular-expression validator imported by name, the view aborting when it fails: sanitised', async () => {
    const f = await shellFinding(['    if not is_safe_name(name):', '        abort(400)']);
    expect(active(f)).toBe(false);
    expect(f.verdict?.kind).toBe('sanitised');
    expect(f.verdict?.reason).toContain('is_safe_name()');
  });

  it('the same through the module (validators.is_safe_name), returning early: sanitised', async () => {
    const f = await shellFinding(['    if not validators.is_safe_name(name):', '        return "bad name", 400']);
    expect(active(f)).toBe(false);
    expect(f.verdict?.kind).toBe('sanitised');
  });

  it('an allow-list predicate of another module pins the value: safe', async () => {
    const f = await shellFinding(['    if not validators.is_allowed_host(name):', '        abort(403)']);
    expect(active(f)).toBe(false);
  });

  it('vulnerable: the validator called but its result ignored', async () => {
    const f = await shellFinding(['    is_safe_name(name)']);
    expect(active(f)).toBe(true);
    expect(f.relatedRuleIds).toContain('KR102');
  });

  it('vulnerable: a predicate that checks the length only', async () => {
    const f = await shellFinding(['    if not validators.is_short(name):', '        abort(400)']);
    expect(active(f)).toBe(true);
    expect(f.relatedRuleIds).toContain('KR102');
  });

  it('vulnerable: another variable validated', async () => {
    const f = await shellFinding(['    if not is_safe_name(other):', '        abort(400)']);
    expect(active(f)).toBe(true);
    expect(f.relatedRuleIds).toContain('KR102');
  });

  it('vulnerable: a path check (no "..") says nothing about a shell command', async () => {
    const f = await shellFinding(['    if not validators.has_no_dots(name):', '        abort(400)']);
    expect(active(f)).toBe(true);
    expect(f.relatedRuleIds).toContain('KR102');
  });

  it('the path check of another module guards a path sink', async () => {
    const files = {
      'app/__init__.py': '',
      'app/validators.py': VALIDATORS,
      'app/files.py': [
        'from flask import Flask, request, abort, send_file',
        'from app.validators import has_no_dots, is_short',
        'app = Flask(__name__)',
        '@app.route("/f")',
        'def f():',
        '    name = request.args.get("name", "")',
        '    if not has_no_dots(name):',
        '        abort(400)',
        '    return open("/srv/files/" + name).read()',
        '@app.route("/g")',
        'def g():',
        '    name = request.args.get("name", "")',
        '    if not is_short(name):',
        '        abort(400)',
        '    return open("/srv/files/" + name).read()',
        '',
      ].join('\n'),
    };
    const all = await scanProject(files);
    const paths = all.filter((x) => x.location.path === 'app/files.py' && (x.ruleId === 'KR104' || x.relatedRuleIds?.includes('KR104')) && active(x));
    expect(paths.map((x) => x.location.startLine)).toEqual([15]);
  });
});
