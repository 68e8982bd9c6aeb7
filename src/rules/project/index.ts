/**
 * The project rules of the posture analysis, one file each: KR309 (security headers),
 * KR340–KR345 (`.env` files, per-environment configuration, request size) and
 * KR350–KR358 (Dockerfiles, compose files). Each checks the {@link PostureFacts} that
 * `postureFacts` (src/posture/) computed once per scan.
 */
import type { ProjectRule } from '../../core/rule.js';
import type { PostureFacts } from '../../posture/index.js';
import { missingSecurityHeaders } from './kr309-missing-security-headers.js';
import { envFileNotGitignored } from './kr340-env-file-not-gitignored.js';
import { envFileCommitted } from './kr341-env-file-committed.js';
import { envExampleMissing } from './kr342-env-example-missing.js';
import { envExampleRealValues } from './kr343-env-example-real-values.js';
import { noPerEnvironmentConfig } from './kr344-no-per-environment-config.js';
import { unboundedRequestBody } from './kr345-unbounded-request-body.js';
import { dockerfileRunsAsRoot } from './kr350-dockerfile-runs-as-root.js';
import { dockerfileSecretInBuildConfig } from './kr351-dockerfile-secret-in-build-config.js';
import { dockerfileAddRemoteUrl } from './kr352-dockerfile-add-remote-url.js';
import { dockerfileUnpinnedBaseImage } from './kr353-dockerfile-unpinned-base-image.js';
import { dockerfilePipInstallUnpinned } from './kr354-dockerfile-pip-install-unpinned.js';
import { composeSecretInEnvironment } from './kr355-compose-secret-in-environment.js';
import { composePrivileged } from './kr356-compose-privileged.js';
import { composeHostNetwork } from './kr357-compose-host-network.js';
import { composeDockerSocketMount } from './kr358-compose-docker-socket-mount.js';

/** Every posture project rule, by id. */
export const POSTURE_PROJECT_RULES: readonly ProjectRule<PostureFacts>[] = [
  missingSecurityHeaders,
  envFileNotGitignored,
  envFileCommitted,
  envExampleMissing,
  envExampleRealValues,
  noPerEnvironmentConfig,
  unboundedRequestBody,
  dockerfileRunsAsRoot,
  dockerfileSecretInBuildConfig,
  dockerfileAddRemoteUrl,
  dockerfileUnpinnedBaseImage,
  dockerfilePipInstallUnpinned,
  composeSecretInEnvironment,
  composePrivileged,
  composeHostNetwork,
  composeDockerSocketMount,
];
