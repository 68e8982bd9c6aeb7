/**
 * Canary secrets: distinct, recognisable values planted in every input position (code,
 * comments, strings, notebooks, .env, YAML, TOML/INI config, Dockerfile, compose,
 * requirements and pyproject manifests, lock-file sources, index URLs, broken manifests,
 * file names, archive member names) are run through every command (`scan`, `secrets`,
 * `deps`, `stats`, `routes`) in every format the CLI offers for it (read from its own
 * `--help`), through the built CLI. No canary may appear in stdout, stderr or any written
 * file. Removing the redaction step (`src/secrets/redact-text.ts`) makes this test fail.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { krait, tree } from './helpers.js';

/** Known-format canaries (masked by the format table). */
const GH_CODE = 'ghp_' + 'CnryGhCode0aZ9bY8cX7dW6eV5fU4gT3hS2i'; // 36 after the prefix
const GH_NAME = 'ghp_' + 'CnryGhFile1jR0kQ9lP8mO7nN6oM5pL4qK3r';
const GH_MEMBER = 'ghp_' + 'CnryGhZipM2sJ1tI0uH9vG8wF7xE6yD5zC4a';
const GH_NOTEBOOK = 'ghp_' + 'CnryGhNote3bB2cA1dZ0eY9fX8gW7hV6iU5j';
const AWS_CODE = 'AKIA' + 'CNRYAWSKEYQZXWVU';
const AWS_NAME = 'AKIA' + 'CNRYFILENAMEQZXW';
const AWS_MEMBER = 'AKIA' + 'CNRYZIPMEMBERQZX';

/** Plain values of secret-like keys and URL credentials (masked whatever their strength). */
const PLAIN = {
  env: 'cnryEnvValue01',
  yaml: 'cnryYamlValue02',
  toml: 'cnryTomlValue03',
  ini: 'cnryIniValue04',
  py: 'cnryPyValue05',
  comment: 'cnryCommentValue06',
  string: 'cnryStringValue07',
  context: 'cnryCtxValue08',
  notebook: 'cnryNbValue09',
  dbUrl: 'cnryDbUrlPw10',
  indexUrl: 'cnryIndexPw11',
  extraIndex: 'cnryExtraPw12',
  reqUrl: 'cnryReqUrlPw13',
  poetrySource: 'cnryPoetrySrc14',
  pep508: 'cnryPep508Pw15',
  poetryLock: 'cnryLockPw16',
  uvLock: 'cnryUvPw17',
  pipfile: 'cnryPipfilePw18',
  query: 'cnryQueryTok19',
  docker: 'cnryDockerVal20',
  compose: 'cnryComposeVal21',
  brokenToml: 'cnryBrokenToml22',
  brokenJson: 'cnryBrokenJson23',
  memberCode: 'cnryMemberPw24',
  egress: 'cnryEgressTok25',
  route: 'cnryRouteTok26',
};

const CANARIES = [GH_CODE, GH_NAME, GH_NAME.replace('File', 'Fil2'), GH_MEMBER, GH_NOTEBOOK, AWS_CODE, AWS_NAME, AWS_MEMBER, ...Object.values(PLAIN)];

/** The project: a canary in every position a hostile project can put one. */
function plantedProject(): string {
  const notebook = JSON.stringify(
    {
      cells: [
        { cell_type: 'code', metadata: {}, outputs: [], source: [`secret_token = "${PLAIN.notebook}"\n`, `gh = "${GH_NOTEBOOK}"\n`, 'import os\n', 'os.system(input())\n'] },
        { cell_type: 'markdown', metadata: {}, source: [`password: ${PLAIN.notebook}\n`] },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
  const wheel = Buffer.from(
    zipSync({
      [`pkg/${GH_MEMBER}.py`]: strToU8(`eval(input())\nDB_PASSWORD = "${PLAIN.memberCode}"\n`),
      [`pkg/${AWS_MEMBER}/../../escape.py`]: strToU8('x = 1\n'),
      'pkg-1.0.dist-info/METADATA': strToU8('Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\nRequires-Dist: requests (==2.0.0)\n'),
    }),
  );
  return tree(
    {
      'app.py': [
        'import os, subprocess, requests',
        'from flask import Flask, request',
        'app = Flask(__name__)',
        `GITHUB_TOKEN = "${GH_CODE}"`,
        `AWS_KEY_ID = "${AWS_CODE}"`,
        `DB_PASSWORD = "${PLAIN.py}"`,
        `# token = ${PLAIN.comment}`,
        `conn_str = "password=${PLAIN.string};host=db"`,
        `DATABASE_URL = "postgres://admin:${PLAIN.dbUrl}@db.example.com/app"`,
        `API_TOKEN = "${PLAIN.context}"`,
        'subprocess.call(request.args["c"], shell=True)',
        `requests.get("https://api.example.com/v1?access_token=${PLAIN.query}", timeout=5)`,
        `requests.post("https://hooks.example.com/x?sig=${PLAIN.egress}", json={}, timeout=5)`,
        '',
        `@app.route("/admin?token=${PLAIN.route}")`,
        'def admin():',
        '    return eval(request.args["q"])',
        '',
      ].join('\n'),
      'notebooks/analysis.ipynb': notebook,
      '.env': `SECRET_KEY=${PLAIN.env}\nDEBUG=1\n`,
      'config/settings.yaml': `database:\n  user: app\n  password: ${PLAIN.yaml}\n`,
      'config/settings.toml': `[service]\napi_key = "${PLAIN.toml}"\n`,
      'config/app.ini': `[db]\ndb_password = ${PLAIN.ini}\n`,
      Dockerfile: `FROM python:3.12\nENV API_TOKEN=${PLAIN.docker}\nUSER root\n`,
      'docker-compose.yml': `services:\n  web:\n    image: app\n    environment:\n      - DB_PASSWORD=${PLAIN.compose}\n`,
      'requirements.txt': [
        `--index-url https://deploy:${PLAIN.indexUrl}@pypi.example.com/simple`,
        `--extra-index-url https://tok:${PLAIN.extraIndex}@extra.example.com/simple`,
        'flask==0.12',
        `private-pkg @ https://user:${PLAIN.reqUrl}@git.example.com/private-pkg-1.0.tar.gz`,
        '',
      ].join('\n'),
      'pyproject.toml': [
        '[project]',
        'name = "canary"',
        'version = "1.0"',
        `dependencies = ["other @ https://u:${PLAIN.pep508}@host.example.com/other-1.0-py3-none-any.whl"]`,
        '[[tool.poetry.source]]',
        'name = "private"',
        `url = "https://u:${PLAIN.poetrySource}@repo.example.com/simple"`,
        '',
      ].join('\n'),
      'lock/poetry.lock': `[[package]]\nname = "requests"\nversion = "2.0.0"\n[package.source]\ntype = "legacy"\nurl = "https://u:${PLAIN.poetryLock}@repo.example.com/simple"\nreference = "private"\n`,
      'uvproj/uv.lock': `version = 1\n[[package]]\nname = "urllib3"\nversion = "1.0"\nsource = { registry = "https://u:${PLAIN.uvLock}@r.example.com/simple" }\n`,
      'pipproj/Pipfile': `[[source]]\nname = "private"\nurl = "https://u:${PLAIN.pipfile}@pip.example.com/simple"\nverify_ssl = true\n[packages]\nrequests = "*"\n`,
      'broken/pyproject.toml': `[project]\nname = "b"\npassword = "${PLAIN.brokenToml}\n`,
      'broken2/Pipfile.lock': `{"default": {"x": ${PLAIN.brokenJson}}}`,
      [`keys/${GH_NAME}.py`]: 'assert 1\n',
      [`keys/${AWS_NAME}.py`]: 'import pickle\npickle.loads(x)\n',
      [`keys/leaked_${GH_NAME.replace('File', 'Fil2')}.py`]: 'assert 2\n',
      'downloads/pkg-1.0-py3-none-any.whl': wheel,
    },
    'krait-canary-',
  );
}

/** The formats a command offers, from its own --help (so formats added later are covered). */
function formatsOf(command: string): string[] {
  const help = krait([command, '--help']).stdout.replace(/\s+/g, ' ');
  const choices = /--format <format>.*?\(choices: (.*?)(?:, default: [^)]*)?\)/.exec(help)?.[1] ?? '';
  return [...choices.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}

/** Every file under `dir`, with its content. */
function filesUnder(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const abs = path.join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out.push({ file: abs, text: readFileSync(abs, 'latin1') });
    }
  };
  walk(dir);
  return out;
}

/** Which canaries (whole, or their distinctive tail) occur in `text`. */
function leaks(text: string): string[] {
  return CANARIES.filter((c) => text.includes(c) || text.includes(c.slice(-8)));
}

describe('hostile canaries: no secret leaves the process', { timeout: 600_000 }, () => {
  const root = plantedProject();
  const commands = ['scan', 'secrets', 'deps', 'stats', 'routes'];

  it('the planted project is really analysed (the canary test is not vacuous)', () => {
    const r = krait(['scan', root, '--no-config', '-f', 'json', '--exit-zero', '-q']);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string; location: { path: string } }[]; skipped: { path: string }[]; dependencies?: { indexes?: unknown[] } };
    const paths = new Set(report.findings.map((f) => f.location.path));
    for (const p of ['app.py', 'notebooks/analysis.ipynb', '.env', 'config/settings.yaml', 'requirements.txt']) {
      expect([...paths].some((x) => x.endsWith(p)), `no finding in ${p}: ${[...paths].join(', ')}`).toBe(true);
    }
    expect([...paths].some((p) => p.includes('keys/ghp_'))).toBe(true);
    expect([...paths].some((p) => p.includes('.whl!/'))).toBe(true);
    expect(report.skipped.some((s) => s.path.includes('.whl'))).toBe(true);
    expect(leaks(r.stdout + r.stderr)).toEqual([]);
  });

  for (const command of commands) {
    it(`${command}: no canary in any format (stdout, stderr, written files)`, () => {
      const formats = formatsOf(command);
      // Each command gets only the options its help lists (stats and routes decide no exit
      // code and write no files: they print, and their output is checked as printed).
      const help = krait([command, '--help']).stdout;
      const exitZero = help.includes('--exit-zero') ? ['--exit-zero'] : [];
      const canWrite = help.includes('--output');
      const verbose = help.includes('--verbose') ? ['-v'] : [];
      expect(formats.length).toBeGreaterThan(1);
      const problems: string[] = [];
      for (const format of formats) {
        const out = mkdtempSync(path.join(tmpdir(), 'krait-canary-out-'));
        // Text-like formats print (verbose: traces and properties too); the others are
        // written to a file (markdown to a folder), which also exercises the writers.
        const runs: string[][] = [];
        if (format === 'markdown' && canWrite) runs.push(['-o', path.join(out, 'md')]);
        else if (format === 'text' || format === 'table' || !canWrite) runs.push(verbose);
        else runs.push(['-o', path.join(out, `report.${format}`)]);
        for (const extra of runs) {
          const args = [command, root, '--no-config', '-f', format, ...exitZero, ...extra];
          if (command === 'scan' && format === 'json') args.push('--write-baseline', path.join(out, 'baseline.json'));
          const r = krait(args);
          if (r.status !== 0 && r.status !== 1) problems.push(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 300)}`);
          for (const c of leaks(r.stdout)) problems.push(`${command} -f ${format} ${extra.join(' ')}: stdout holds ${c}`);
          for (const c of leaks(r.stderr)) problems.push(`${command} -f ${format} ${extra.join(' ')}: stderr holds ${c}`);
        }
        for (const f of filesUnder(out)) for (const c of leaks(f.text)) problems.push(`${command} -f ${format}: ${path.relative(out, f.file)} holds ${c}`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('the library API report holds no canary either', async () => {
    const { scan } = await import('../../src/pipeline/scan.js');
    const report = await scan({ targets: [root], config: false });
    expect(leaks(JSON.stringify(report))).toEqual([]);
  });
});
