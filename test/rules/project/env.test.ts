/**
 * The `.env` project rules (KR340–KR343) on facts the posture analysis built from small
 * projects: each reports its case at the right file and line and stays quiet on the twin.
 */
import { describe, it } from 'vitest';
import { testProjectRule } from '../../helpers/project-rule-tester.js';
import { envFileNotGitignored } from '../../../src/rules/project/kr340-env-file-not-gitignored.js';
import { envFileCommitted } from '../../../src/rules/project/kr341-env-file-committed.js';
import { envExampleMissing } from '../../../src/rules/project/kr342-env-example-missing.js';
import { envExampleRealValues } from '../../../src/rules/project/kr343-env-example-real-values.js';
import { factsOf } from './facts.js';

const GH = 'ghp_' + 'R8x2Kq9Lm4Nv7Bc1Xz5Wp3Ty6Hs0Jd8Fg2Ae';

describe('KR340 env-file-not-gitignored', () => {
  it('flags a .env no .gitignore ignores, not an ignored one nor a template', async () =>
    testProjectRule(envFileNotGitignored, {
      valid: [
        { name: 'ignored', facts: await factsOf({ '.gitignore': '.env\n', '.env': 'SECRET_KEY=abc123def456\n' }, { git: [] }) },
        { name: 'ignored by a pattern', facts: await factsOf({ '.gitignore': '.env*\n!.env.example\n', '.env.local': 'A=1\n', '.env.example': 'A=\n' }, { git: [] }) },
        { name: 'a template only', facts: await factsOf({ '.env.example': 'A=\n' }, { git: [] }) },
      ],
      invalid: [
        {
          name: 'no .gitignore line',
          facts: await factsOf({ '.gitignore': '__pycache__/\n', '.env': 'DB_PASSWORD=hunter2hunter2\nDEBUG=\n' }, { git: [] }),
          findings: [{ path: '.env', line: 1, message: '.env is not ignored by .gitignore and holds 1 value: it will be committed with the next `git add`.', severity: 'medium' }],
        },
      ],
    }));
});

describe('KR341 env-file-committed', () => {
  it('flags a .env with values in the git index, even when ignored now', async () =>
    testProjectRule(envFileCommitted, {
      valid: [
        { name: 'not committed', facts: await factsOf({ '.gitignore': '.env\n', '.env': 'SECRET_KEY=abc123def456\n' }, { git: ['.gitignore'] }) },
        { name: 'committed without values', facts: await factsOf({ '.env': 'SECRET_KEY=\n' }, { git: ['.env'] }) },
        { name: 'a committed template', facts: await factsOf({ '.env.example': 'SECRET_KEY=changeme\n' }, { git: ['.env.example'] }) },
      ],
      invalid: [
        {
          name: 'committed, ignored now',
          facts: await factsOf({ '.gitignore': '.env\n', '.env': 'SECRET_KEY=abc123def456\nA=1\n' }, { git: ['.env'] }),
          findings: [{ path: '.env', line: 1, message: '.env is committed to git with 2 values: every clone and the history hold them.', severity: 'high' }],
        },
      ],
    }));
});

describe('KR342 env-example-missing', () => {
  it('flags a folder with a .env and no template, once, at its first .env', async () =>
    testProjectRule(envExampleMissing, {
      valid: [
        { name: 'with .env.example', facts: await factsOf({ '.env': 'A=1\n', '.env.example': 'A=\n' }) },
        { name: 'with .env.sample', facts: await factsOf({ '.env': 'A=1\n', '.env.sample': 'A=\n' }) },
        { name: 'no .env at all', facts: await factsOf({ 'app.py': 'x = 1\n' }) },
      ],
      invalid: [
        {
          name: 'two .env files, no template',
          facts: await factsOf({ '.env': 'A=1\n', '.env.local': 'B=2\n' }),
          findings: [{ path: '.env', line: 1, message: '.env has no .env.example beside it', severity: 'low' }],
        },
        {
          name: 'a template in another folder does not count',
          facts: await factsOf({ '.env': 'A=1\n', '.env.example': 'A=\n', 'svc/.env': 'B=2\n' }),
          findings: [{ path: 'svc/.env', line: 1 }],
        },
      ],
    }));
});

describe('KR343 env-example-real-values', () => {
  it('flags a template holding a real-looking credential, not placeholders or a real .env', async () =>
    testProjectRule(envExampleRealValues, {
      valid: [
        { name: 'empty and placeholder values', facts: await factsOf({ '.env.example': 'GITHUB_TOKEN=\nDB_PASSWORD=${DB_PASSWORD}\nAPI_KEY=<your-key>\n' }) },
        { name: 'a real value in .env (not a template)', facts: await factsOf({ '.gitignore': '.env\n', '.env': `GITHUB_TOKEN=${GH}\n` }) },
        { name: 'allowlisted by pragma', facts: await factsOf({ '.env.example': `GITHUB_TOKEN=${GH}  # pragma: allowlist secret\n` }) },
      ],
      invalid: [
        {
          name: 'a GitHub token in .env.example',
          facts: await factsOf({ '.env.example': `DEBUG=\nGITHUB_TOKEN=${GH}\n` }),
          findings: [{ path: '.env.example', line: 2, message: '.env.example is a committed template but holds a real-looking credential (secret-format).', severity: 'high' }],
        },
      ],
    }));
});
