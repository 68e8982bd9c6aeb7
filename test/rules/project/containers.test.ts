/**
 * The Dockerfile and compose project rules (KR350–KR358) on facts the posture analysis
 * parsed from small files: each reports its instruction or service entry at the right
 * line and stays quiet on the fixed twin.
 */
import { describe, expect, it } from 'vitest';
import { runProjectRule, testProjectRule } from '../../helpers/project-rule-tester.js';
import { dockerfileRunsAsRoot } from '../../../src/rules/project/kr350-dockerfile-runs-as-root.js';
import { dockerfileSecretInBuildConfig } from '../../../src/rules/project/kr351-dockerfile-secret-in-build-config.js';
import { dockerfileAddRemoteUrl } from '../../../src/rules/project/kr352-dockerfile-add-remote-url.js';
import { dockerfileUnpinnedBaseImage } from '../../../src/rules/project/kr353-dockerfile-unpinned-base-image.js';
import { dockerfilePipInstallUnpinned } from '../../../src/rules/project/kr354-dockerfile-pip-install-unpinned.js';
import { composeSecretInEnvironment } from '../../../src/rules/project/kr355-compose-secret-in-environment.js';
import { composePrivileged } from '../../../src/rules/project/kr356-compose-privileged.js';
import { composeHostNetwork } from '../../../src/rules/project/kr357-compose-host-network.js';
import { composeDockerSocketMount } from '../../../src/rules/project/kr358-compose-docker-socket-mount.js';
import { factsOf } from './facts.js';

const docker = (text: string) => factsOf({ Dockerfile: text });
const compose = (text: string) => factsOf({ 'docker-compose.yml': text });

describe('KR350 dockerfile-runs-as-root', () => {
  it('flags a final stage without USER or with USER root', async () =>
    testProjectRule(dockerfileRunsAsRoot, {
      valid: [
        { name: 'USER app', facts: await docker('FROM python:3.12-slim\nRUN useradd app\nUSER app\nCMD ["python"]\n') },
        { name: 'distroless nonroot', facts: await docker('FROM gcr.io/distroless/python3:nonroot\nCMD ["app.py"]\n') },
        { name: 'root only in the build stage', facts: await docker('FROM python:3.12 AS build\nUSER root\nFROM python:3.12-slim\nUSER 1000\n') },
      ],
      invalid: [
        { name: 'no USER', facts: await docker('FROM python:3.12-slim\nCOPY . /app\nCMD ["python", "app.py"]\n'), findings: [{ path: 'Dockerfile', line: 1, message: 'The final image has no USER instruction: the application runs as root.', severity: 'medium' }] },
        { name: 'USER root', facts: await docker('FROM python:3.12-slim\nUSER app\nUSER root\n'), findings: [{ line: 3, message: 'The final image runs as root.' }] },
        { name: 'USER in an earlier stage only', facts: await docker('FROM python:3.12 AS build\nUSER app\nFROM python:3.12-slim\nCOPY --from=build /a /a\n'), findings: [{ line: 3 }] },
      ],
    }));
});

describe('KR351 dockerfile-secret-in-build-config', () => {
  it('flags ENV/ARG giving a credential-named variable a literal value, masked', async () => {
    testProjectRule(dockerfileSecretInBuildConfig, {
      valid: [
        { name: 'from a build arg', facts: await docker('FROM python:3.12\nARG DB_PASSWORD\nENV DB_PASSWORD=$DB_PASSWORD\n') },
        { name: 'not a credential name', facts: await docker('FROM python:3.12\nENV APP_MODE=production\n') },
        { name: 'a secret file path', facts: await docker('FROM python:3.12\nENV DB_PASSWORD_FILE=/run/secrets/db\n') },
      ],
      invalid: [
        {
          name: 'ENV and ARG',
          facts: await docker('FROM python:3.12\nENV DB_PASSWORD=Sup3rS3cretPassw0rd\nARG API_TOKEN=tok_9f8e7d6c5b4a\n'),
          findings: [
            { line: 2, message: /^ENV DB_PASSWORD bakes a credential \(.*\) into the image configuration\.$/, severity: 'high' },
            { line: 3, message: /^ARG API_TOKEN bakes a credential \(.*\) into the image history\.$/ },
          ],
        },
      ],
    });
    const [f] = runProjectRule(dockerfileSecretInBuildConfig, await docker('FROM python:3.12\nENV DB_PASSWORD=Sup3rS3cretPassw0rd\n'));
    expect(f!.message + f!.snippet).not.toContain('Sup3rS3cretPassw0rd');
  });
});

describe('KR352 dockerfile-add-remote-url', () => {
  it('flags ADD of an http(s) URL without --checksum', async () =>
    testProjectRule(dockerfileAddRemoteUrl, {
      valid: [
        { name: 'with checksum', facts: await docker('FROM python:3.12\nADD --checksum=sha256:abc https://example.com/i.sh /tmp/i.sh\n') },
        { name: 'local file', facts: await docker('FROM python:3.12\nADD app.tar.gz /app\n') },
      ],
      invalid: [
        { name: 'remote URL', facts: await docker('FROM python:3.12\nADD https://example.com/install.sh /tmp/install.sh\n'), findings: [{ line: 2, message: 'ADD downloads https://example.com/install.sh at build time without an integrity check.' }] },
      ],
    }));
});

describe('KR353 dockerfile-unpinned-base-image', () => {
  it('flags FROM with no tag or latest, not digests, stages, scratch or variables', async () =>
    testProjectRule(dockerfileUnpinnedBaseImage, {
      valid: [
        { name: 'tag', facts: await docker('FROM python:3.12.4-slim\n') },
        { name: 'digest', facts: await docker('FROM python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n') },
        { name: 'an earlier stage, scratch and a variable', facts: await docker('FROM python:3.12 AS build\nFROM build\nFROM scratch\nARG IMG\nFROM $IMG\n') },
      ],
      invalid: [
        {
          name: 'latest and no tag',
          facts: await docker('FROM python:latest AS build\nFROM debian\n'),
          findings: [
            { line: 1, message: 'Base image python:latest is not pinned (latest): builds pull whatever is newest.', severity: 'low' },
            { line: 2, message: 'Base image debian is not pinned (no tag): builds pull whatever is newest.' },
          ],
        },
      ],
    }));
});

describe('KR354 dockerfile-pip-install-unpinned', () => {
  it('flags pip install of packages without an exact version', async () =>
    testProjectRule(dockerfilePipInstallUnpinned, {
      valid: [
        { name: 'pinned and requirements', facts: await docker('FROM python:3.12\nRUN pip install flask==3.0.3 && pip install -r requirements.txt && pip install -U pip\n') },
      ],
      invalid: [
        { name: 'two RUN lines', facts: await docker('FROM python:3.12\nRUN pip install flask requests==2.32.3\nRUN python -m pip install --no-cache-dir gunicorn>=21\n'), findings: [{ line: 2, message: 'pip install without pinned versions: flask.' }, { line: 3, message: 'pip install without pinned versions: gunicorn>=21.' }] },
      ],
    }));
});

describe('KR355 compose-secret-in-environment', () => {
  it('flags literal credentials in list and map environments, not interpolation', async () =>
    testProjectRule(composeSecretInEnvironment, {
      valid: [
        { name: 'interpolation and files', facts: await compose('services:\n  db:\n    environment:\n      - DB_PASSWORD=${DB_PASSWORD}\n      POSTGRES_PASSWORD_FILE: /run/secrets/db\n'.replace('      POSTGRES', '      - POSTGRES').replace('_FILE: ', '_FILE=')) },
        { name: 'not a credential name', facts: await compose('services:\n  web:\n    environment:\n      APP_MODE: production\n') },
      ],
      invalid: [
        {
          name: 'list and map forms',
          facts: await compose('services:\n  db:\n    environment:\n      - DB_PASSWORD=Sup3rS3cret\n  web:\n    environment:\n      API_TOKEN: tok_9f8e7d6c5b4a\n'),
          findings: [
            { path: 'docker-compose.yml', line: 4, message: /^Service db sets DB_PASSWORD to a literal credential \(.*\) in the compose file\.$/, severity: 'high' },
            { line: 7, message: /^Service web sets API_TOKEN to a literal credential/ },
          ],
        },
      ],
    }));
});

describe('KR356 compose-privileged', () => {
  it('flags privileged: true', async () =>
    testProjectRule(composePrivileged, {
      valid: [{ name: 'privileged: false', facts: await compose('services:\n  web:\n    image: app\n    privileged: false\n') }],
      invalid: [{ name: 'privileged: true', facts: await compose('services:\n  web:\n    image: app\n    privileged: true\n'), findings: [{ line: 4, message: "Service web runs privileged: it has every capability and the host's devices." }] }],
    }));
});

describe('KR357 compose-host-network', () => {
  it('flags network_mode, pid and ipc: host', async () =>
    testProjectRule(composeHostNetwork, {
      valid: [{ name: 'bridge network', facts: await compose('services:\n  web:\n    network_mode: bridge\n    pid: service:db\n') }],
      invalid: [
        {
          name: 'host network and pid',
          facts: await compose('services:\n  web:\n    network_mode: host\n    pid: host\n'),
          findings: [{ line: 3, message: "Service web shares the host's network stack (network_mode: host)." }, { line: 4, message: "Service web shares the host's pid namespace (pid: host)." }],
        },
      ],
    }));
});

describe('KR358 compose-docker-socket-mount', () => {
  it('flags a mounted Docker socket, short and long syntax', async () =>
    testProjectRule(composeDockerSocketMount, {
      valid: [{ name: 'a data volume', facts: await compose('services:\n  web:\n    volumes:\n      - ./data:/data\n') }],
      invalid: [
        {
          name: 'short and long syntax',
          facts: await compose('services:\n  ci:\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n      - type: bind\n        source: /var/run/docker.sock\n        target: /sock\n'),
          findings: [{ line: 4, message: 'Service ci mounts the Docker socket (/var/run/docker.sock): root on the host from inside the container.' }, { line: 5 }],
        },
      ],
    }));
});
