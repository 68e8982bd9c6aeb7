import { describe, it } from 'vitest';
import { missingHashes } from '../../../src/rules/deps/kr506-missing-hashes.js';
import { testProjectRule } from '../../helpers/project-rule-tester.js';
import { factsOf } from './facts.js';

const H = ' --hash=sha256:' + 'a'.repeat(64);

describe('KR506 missing-hashes', () => {
  it('reports pinned requirements without hashes', async () => {
    testProjectRule(missingHashes, {
      valid: [
        { name: 'every line hashed', facts: await factsOf({ 'requirements.txt': `flask==3.0.3${H}\nrequests==2.32.3${H}\n` }) },
        { name: 'ranges (KR502 reports them)', facts: await factsOf({ 'requirements.txt': 'flask>=3\nrequests==2.32.3\n' }) },
      ],
      invalid: [
        {
          name: 'a fully pinned file without hashes',
          facts: await factsOf({ 'requirements.txt': 'flask==3.0.3\nrequests==2.32.3\n' }),
          findings: [{ path: 'requirements.txt', line: 1, message: 'requirements.txt pins all 2 requirements but none has a --hash: pip cannot check the files it downloads', severity: 'low' }],
        },
        {
          name: 'hash-checking mode with a line left out',
          facts: await factsOf({ 'requirements.txt': `--require-hashes\nflask==3.0.3${H}\nrequests==2.32.3\n` }),
          findings: [{ line: 3, message: 'requests has no --hash while --require-hashes is set: pip will refuse to install, or the line is edited by hand', severity: 'medium' }],
        },
        {
          name: '--require-hashes without any hash',
          facts: await factsOf({ 'requirements.txt': '--require-hashes\nflask==3.0.3\n' }),
          findings: [{ line: 2, message: 'flask has no --hash while --require-hashes is set', severity: 'medium' }],
        },
        {
          name: 'hashes on some lines only',
          facts: await factsOf({ 'requirements.txt': `flask==3.0.3${H}\nrequests==2.32.3\n` }),
          findings: [{ line: 2, message: 'requests has no --hash while other lines use hash-checking mode', severity: 'medium' }],
        },
        {
          name: 'a lock file without hashes',
          facts: await factsOf({ 'poetry.lock': '[[package]]\nname = "flask"\nversion = "3.0.3"\n\n[[package]]\nname = "idna"\nversion = "3.10"\n' }),
          findings: [{ path: 'poetry.lock', line: 2, message: '2 of 2 entries of poetry.lock carry no file hashes (flask, idna)', severity: 'low' }],
        },
      ],
    });
  });
});
