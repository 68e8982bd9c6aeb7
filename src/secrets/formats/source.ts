/** Source hosts, CI systems and developer tools. */
import { ALNUM, B64URL, HEX, LOWER_ALNUM, UPPER_ALNUM, UUID, fakeUuid, fmt, keyedFmt, prefixed, seq, type SecretFormat } from './types.js';

const GH = 'https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/';
const GL = 'https://docs.gitlab.com/ee/security/token_overview.html#token-prefixes';

function github(id: string, name: string, prefix: string, source: string): SecretFormat {
  return fmt({
    id, name, group: 'source-host',
    regex: prefixed(prefix, '[0-9A-Za-z]{36}'), keywords: [prefix], entropy: 3,
    tp: [`GITHUB_TOKEN = "${prefix}${seq(ALNUM, 36, prefix.length)}"`, `git clone https://x:${prefix}${seq(ALNUM, 36, 9)}@github.com/o/r`],
    fp: [`${prefix}${seq(ALNUM, 20)}`, `x${prefix}${seq(ALNUM, 36)}`],
    source: `${GH} ; gitleaks:${source}`,
  });
}

function gitlab(id: string, name: string, prefix: string, body: string, sampleLen: number, sample = seq(ALNUM, sampleLen, 3)): SecretFormat {
  return fmt({
    id, name, group: 'source-host',
    regex: prefixed(prefix.replace(/[.-]/g, (c) => `\\${c}`), body), keywords: [prefix.toLowerCase()], entropy: 3,
    tp: [`token: ${prefix}${sample}`], fp: [`${prefix}${seq(ALNUM, 8)}`],
    source: `${GL} ; gitleaks:${id}`,
  });
}

export const SOURCE_FORMATS: SecretFormat[] = [
  github('github-pat', 'GitHub personal access token (classic)', 'ghp_', 'github-pat'),
  github('github-oauth-token', 'GitHub OAuth access token', 'gho_', 'github-oauth'),
  github('github-user-to-server-token', 'GitHub App user-to-server token', 'ghu_', 'github-app-token'),
  github('github-server-to-server-token', 'GitHub App installation token', 'ghs_', 'github-app-token'),
  github('github-refresh-token', 'GitHub refresh token', 'ghr_', 'github-refresh-token'),
  fmt({
    id: 'github-fine-grained-pat', name: 'GitHub fine-grained personal access token', group: 'source-host',
    regex: prefixed('github_pat_', '[0-9A-Za-z_]{82}'), keywords: ['github_pat_'], entropy: 3,
    tp: [`GH_TOKEN=github_pat_${seq(ALNUM, 22, 1)}_${seq(ALNUM, 59, 5)}`], fp: [`github_pat_${seq(ALNUM, 30)}`],
    source: 'https://github.blog/2022-10-18-introducing-fine-grained-personal-access-tokens-for-github/ ; gitleaks:github-fine-grained-pat',
  }),
  gitlab('gitlab-pat', 'GitLab personal access token', 'glpat-', '[0-9A-Za-z_\\-]{20}(?:[0-9A-Za-z_\\-]{7,280}\\.[0-9a-z]{9}){0,1}', 20),
  gitlab('gitlab-deploy-token', 'GitLab deploy token', 'gldt-', '[0-9A-Za-z_\\-]{20}', 20),
  gitlab('gitlab-runner-token', 'GitLab runner authentication token', 'glrt-', '[0-9A-Za-z_\\-]{20,300}', 20),
  gitlab('gitlab-cicd-job-token', 'GitLab CI/CD job token', 'glcbt-', '[0-9A-Za-z]{1,5}_[0-9A-Za-z_\\-]{20}', 0, `1a2b_${seq(ALNUM, 20, 7)}`),
  gitlab('gitlab-feed-token', 'GitLab feed token', 'glft-', '[0-9A-Za-z_\\-]{20}', 20),
  gitlab('gitlab-incoming-mail-token', 'GitLab incoming mail token', 'glimt-', '[0-9A-Za-z_\\-]{25}', 25),
  gitlab('gitlab-agent-token', 'GitLab Kubernetes agent token', 'glagent-', '[0-9A-Za-z_\\-]{50}', 50),
  gitlab('gitlab-oauth-app-secret', 'GitLab OAuth application secret', 'gloas-', '[0-9A-Za-z_\\-]{64}', 64),
  gitlab('gitlab-scim-token', 'GitLab SCIM token', 'glsoat-', '[0-9A-Za-z_\\-]{20}', 20),
  gitlab('gitlab-feature-flag-token', 'GitLab feature flag client token', 'glffct-', '[0-9A-Za-z_\\-]{20}', 20),
  fmt({
    id: 'gitlab-pipeline-trigger-token', name: 'GitLab pipeline trigger token', group: 'source-host',
    regex: prefixed('glptt-', '[0-9a-f]{40}'), keywords: ['glptt-'], entropy: 3,
    tp: [`TRIGGER_TOKEN=glptt-${seq(HEX, 40, 2)}`], fp: [`glptt-${seq(HEX, 12)}`], source: `${GL} ; gitleaks:gitlab-ptt`,
  }),
  fmt({
    id: 'gitlab-runner-registration-token', name: 'GitLab runner registration token', group: 'source-host',
    regex: prefixed('GR1348941', '[\\w\\-]{20}'), keywords: ['gr1348941'], entropy: 3,
    tp: [`registration-token: GR1348941${seq(ALNUM, 20, 4)}`], fp: ['GR1348941short'], source: `${GL} ; gitleaks:gitlab-rrt`,
  }),
  keyedFmt({ id: 'bitbucket-client-secret', name: 'Bitbucket OAuth client secret', group: 'source-host', idents: ['bitbucket'], body: '[a-zA-Z0-9=_\\-]{64}', sample: seq(B64URL, 64, 3), entropy: 3.5, source: 'gitleaks:bitbucket-client-secret' }),
  fmt({
    id: 'bitbucket-app-password', name: 'Bitbucket app password / API token', group: 'source-host',
    regex: prefixed('ATBB', '[A-Za-z0-9_=.\\-]{32}'), keywords: ['atbb'], entropy: 3.5,
    tp: [`BITBUCKET_APP_PASSWORD=ATBB${seq(ALNUM, 32, 2)}`], fp: ['ATBBshort'],
    source: 'https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/',
  }),
  fmt({
    id: 'atlassian-api-token', name: 'Atlassian API token', group: 'source-host',
    regex: prefixed('ATATT3', '[A-Za-z0-9_\\-=]{186}'), keywords: ['atatt3'], entropy: 3.5,
    tp: [`JIRA_API_TOKEN=ATATT3${seq(B64URL, 186, 8)}`], fp: [`ATATT3${seq(B64URL, 40)}`],
    source: 'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/ ; gitleaks:atlassian-api-token',
  }),
  keyedFmt({ id: 'atlassian-api-token-legacy', name: 'Atlassian API token (legacy, 24 chars)', group: 'source-host', idents: ['atlassian', 'confluence', 'jira'], body: '[a-zA-Z0-9]{24}', sample: seq(ALNUM, 24, 15), entropy: 3.5, source: 'gitleaks:atlassian-api-token' }),
  fmt({
    id: 'circleci-pat', name: 'CircleCI personal API token', group: 'ci-devtools',
    regex: prefixed('CCIPAT_', '[A-Za-z0-9]{22}_[a-f0-9]{40}'), keywords: ['ccipat_'], entropy: 3.5,
    tp: [`CIRCLE_TOKEN=CCIPAT_${seq(ALNUM, 22, 3)}_${seq(HEX, 40, 1)}`], fp: ['CCIPAT_short_abc'],
    source: 'https://circleci.com/docs/managing-api-tokens/',
  }),
  keyedFmt({ id: 'circleci-token', name: 'CircleCI API token (legacy)', group: 'ci-devtools', idents: ['circleci', 'circle_token'], body: '[a-f0-9]{40}', sample: seq(HEX, 40, 7), entropy: 3, source: 'https://circleci.com/docs/managing-api-tokens/' }),
  keyedFmt({ id: 'travis-ci-token', name: 'Travis CI access token', group: 'ci-devtools', idents: ['travis'], body: '[a-zA-Z0-9]{22}', sample: seq(ALNUM, 22, 11), entropy: 3.5, source: 'gitleaks:travisci-access-token' }),
  keyedFmt({ id: 'drone-ci-token', name: 'Drone CI access token', group: 'ci-devtools', idents: ['droneci', 'drone_token'], body: '[a-zA-Z0-9]{32}', sample: seq(ALNUM, 32, 19), entropy: 3.5, source: 'gitleaks:droneci-access-token' }),
  keyedFmt({ id: 'jenkins-api-token', name: 'Jenkins API token', group: 'ci-devtools', idents: ['jenkins'], body: '11[a-f0-9]{32}', sample: `11${seq(HEX, 32, 5)}`, entropy: 3, source: 'https://www.jenkins.io/doc/book/system-administration/authenticating-scripted-clients/' }),
  keyedFmt({ id: 'codecov-token', name: 'Codecov upload token', group: 'ci-devtools', idents: ['codecov'], body: `(?:[a-f0-9]{32}|${UUID})`, sample: fakeUuid(6), source: 'https://docs.codecov.com/docs/codecov-tokens ; gitleaks:codecov-access-token' }),
  fmt({
    id: 'sonarqube-token', name: 'SonarQube / SonarCloud token', group: 'ci-devtools',
    regex: prefixed('sq[upa]_', '[a-f0-9]{40}'), keywords: ['squ_', 'sqp_', 'sqa_'], entropy: 3,
    tp: [`sonar.token=squ_${seq(HEX, 40, 4)}`, `SONAR_TOKEN=sqp_${seq(HEX, 40, 9)}`], fp: [`squ_${seq(HEX, 20)}`],
    source: 'https://docs.sonarsource.com/sonarqube/latest/user-guide/user-account/generating-and-using-tokens/',
  }),
  keyedFmt({ id: 'snyk-token', name: 'Snyk API token', group: 'ci-devtools', idents: ['snyk'], body: UUID, sample: fakeUuid(8), source: 'gitleaks:snyk-api-token' }),
  fmt({
    id: 'buildkite-token', name: 'Buildkite API access token', group: 'ci-devtools',
    regex: prefixed('bkua_', '[a-f0-9]{40}'), keywords: ['bkua_'], entropy: 3,
    tp: [`BUILDKITE_API_TOKEN=bkua_${seq(HEX, 40, 3)}`], fp: [`bkua_${seq(HEX, 8)}`],
    source: 'https://buildkite.com/docs/apis/managing-api-tokens',
  }),
  fmt({
    id: 'harness-token', name: 'Harness access token', group: 'ci-devtools',
    regex: prefixed('(?:pat|sat)\\.', '[a-zA-Z0-9_\\-]{22}\\.[a-zA-Z0-9]{24}\\.[a-zA-Z0-9]{20}'), keywords: ['pat.', 'sat.'], entropy: 3.5,
    tp: [`HARNESS_TOKEN=pat.${seq(B64URL, 22, 2)}.${seq(ALNUM, 24, 5)}.${seq(ALNUM, 20, 9)}`], fp: ['pat.abc.def.ghi'],
    source: 'gitleaks:harness-api-key',
  }),
  fmt({
    id: 'octopus-deploy-api-key', name: 'Octopus Deploy API key', group: 'ci-devtools',
    regex: prefixed('API-', '[A-Z0-9]{26}'), keywords: ['api-'], entropy: 3,
    tp: [`OCTOPUS_API_KEY=API-${seq(UPPER_ALNUM, 26, 4)}`], fp: ['API-VERSION', `API-${seq(UPPER_ALNUM, 10)}`],
    source: 'https://octopus.com/docs/octopus-rest-api/how-to-create-an-api-key ; gitleaks:octopus-deploy-api-key',
  }),
  fmt({
    id: 'postman-api-key', name: 'Postman API key', group: 'ci-devtools',
    regex: prefixed('PMAK-', '[a-f0-9]{24}-[a-f0-9]{34}'), keywords: ['pmak-'], entropy: 3,
    tp: [`POSTMAN_API_KEY=PMAK-${seq(HEX, 24, 1)}-${seq(HEX, 34, 3)}`], fp: ['PMAK-abc-def'],
    source: 'https://learning.postman.com/docs/developer/postman-api/authentication/ ; gitleaks:postman-api-token',
  }),
  fmt({
    id: 'sourcegraph-token', name: 'Sourcegraph access token', group: 'ci-devtools',
    regex: prefixed('sgp_', '(?:[a-f0-9]{16}|local)_[a-f0-9]{40}'), keywords: ['sgp_'], entropy: 3,
    tp: [`SRC_ACCESS_TOKEN=sgp_${seq(HEX, 16, 2)}_${seq(HEX, 40, 5)}`], fp: ['sgp_local_abc'],
    source: 'gitleaks:sourcegraph-access-token',
  }),
  fmt({
    id: 'prefect-api-key', name: 'Prefect API key', group: 'ci-devtools',
    regex: prefixed('pnu_', '[a-zA-Z0-9]{36}'), keywords: ['pnu_'], entropy: 3.5,
    tp: [`PREFECT_API_KEY=pnu_${seq(ALNUM, 36, 10)}`], fp: [`pnu_${seq(ALNUM, 12)}`], source: 'gitleaks:prefect-api-token',
  }),
  fmt({
    id: 'readme-api-key', name: 'ReadMe API key', group: 'ci-devtools',
    regex: prefixed('rdme_', '[a-z0-9]{70}'), keywords: ['rdme_'], entropy: 3.5,
    tp: [`README_API_KEY=rdme_${seq(LOWER_ALNUM, 70, 3)}`], fp: ['rdme_short'], source: 'gitleaks:readme-api-token',
  }),
  fmt({
    id: 'linear-api-key', name: 'Linear API key', group: 'saas',
    regex: prefixed('lin_api_', '[a-zA-Z0-9]{40}'), keywords: ['lin_api_'], entropy: 3.5,
    tp: [`LINEAR_API_KEY=lin_api_${seq(ALNUM, 40, 12)}`], fp: [`lin_api_${seq(ALNUM, 20)}`], source: 'gitleaks:linear-api-key',
  }),
  fmt({
    id: 'figma-pat', name: 'Figma personal access token', group: 'saas',
    regex: prefixed('figd_', '[A-Za-z0-9_\\-]{40}'), keywords: ['figd_'], entropy: 3.5,
    tp: [`FIGMA_TOKEN=figd_${seq(B64URL, 40, 6)}`], fp: ['figd_short'], source: 'https://www.figma.com/developers/api#access-tokens',
  }),
  fmt({
    id: 'docker-hub-pat', name: 'Docker Hub access token', group: 'package-registry',
    regex: prefixed('dckr_(?:pat|oat)_', '[A-Za-z0-9_\\-]{27,32}'), keywords: ['dckr_pat_', 'dckr_oat_'], entropy: 3.5,
    tp: [`DOCKERHUB_TOKEN=dckr_pat_${seq(B64URL, 27, 4)}`], fp: ['dckr_pat_short'],
    source: 'https://docs.docker.com/security/for-developers/access-tokens/',
  }),
  fmt({
    id: 'launchdarkly-key', name: 'LaunchDarkly SDK/API key', group: 'ci-devtools',
    regex: prefixed('(?:sdk|api)-', UUID), keywords: ['sdk-', 'api-'], entropy: 3,
    tp: [`LD_SDK_KEY=sdk-${fakeUuid(2)}`], fp: ['sdk-1234', `ffsdk-${fakeUuid(2)}`],
    source: 'https://docs.launchdarkly.com/home/account/api#api-access-tokens',
  }),
  fmt({
    id: 'typeform-token', name: 'Typeform personal access token', group: 'saas',
    regex: prefixed('tfp_', '[A-Za-z0-9\\-_.=]{59}'), keywords: ['tfp_'], entropy: 3.5,
    tp: [`TYPEFORM_TOKEN=tfp_${seq(B64URL, 59, 3)}`], fp: ['tfp_short'], source: 'gitleaks:typeform-api-token',
  }),
  fmt({
    id: 'frameio-token', name: 'Frame.io API token', group: 'saas',
    regex: prefixed('fio-u-', '[A-Za-z0-9\\-_=]{64}'), keywords: ['fio-u-'], entropy: 3.5,
    tp: [`FRAMEIO_TOKEN=fio-u-${seq(B64URL, 64, 1)}`], fp: ['fio-u-short'], source: 'gitleaks:frameio-api-token',
  }),
  fmt({
    id: 'contentful-pat', name: 'Contentful personal access token', group: 'saas',
    regex: prefixed('CFPAT-', '[A-Za-z0-9_\\-]{43}'), keywords: ['cfpat-'], entropy: 3.5,
    tp: [`CONTENTFUL_MANAGEMENT_TOKEN=CFPAT-${seq(B64URL, 43, 7)}`], fp: ['CFPAT-short'],
    source: 'https://www.contentful.com/developers/docs/references/authentication/',
  }),
  fmt({
    id: 'notion-token', name: 'Notion integration token', group: 'saas',
    regex: `${'(?<![A-Za-z0-9_])'}(?<secret>ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43})(?![A-Za-z0-9_-])`, keywords: ['ntn_', 'secret_'], entropy: 4,
    tp: [`NOTION_TOKEN=ntn_${seq('0123456789', 11, 1)}${seq(ALNUM, 35, 10)}`, `notion = Client(auth="secret_${seq(ALNUM, 43, 5)}")`], fp: ['secret_key_base', `secret_${seq(ALNUM, 20)}`],
    source: 'https://developers.notion.com/docs/authorization ; gitleaks:notion-api-token',
  }),
  fmt({
    id: 'airtable-pat', name: 'Airtable personal access token', group: 'saas',
    regex: prefixed('pat', '[A-Za-z0-9]{14}\\.[a-f0-9]{64}'), keywords: ['pat'], entropy: 3.5,
    tp: [`AIRTABLE_TOKEN=pat${seq(ALNUM, 14, 3)}.${seq(HEX, 64, 2)}`], fp: ['path.join', `pat${seq(ALNUM, 14)}.abc`],
    source: 'https://airtable.com/developers/web/guides/personal-access-tokens',
  }),
  keyedFmt({ id: 'asana-token', name: 'Asana client secret / token', group: 'saas', idents: ['asana'], body: '[a-zA-Z0-9]{32}', sample: seq(ALNUM, 32, 21), entropy: 3.5, source: 'gitleaks:asana-client-secret' }),
  fmt({
    id: 'clickup-token', name: 'ClickUp personal API token', group: 'saas',
    regex: prefixed('pk_', '[0-9]{6,9}_[A-Z0-9]{32}'), keywords: ['pk_'], entropy: 3.5,
    tp: [`CLICKUP_TOKEN=pk_1234567_${seq(UPPER_ALNUM, 32, 3)}`], fp: ['pk_1234_ABC'],
    source: 'https://clickup.com/api/developer-portal/authentication/',
  }),
  keyedFmt({ id: 'trello-token', name: 'Trello API token', group: 'saas', idents: ['trello'], body: '(?:ATTA[a-f0-9]{64}|[a-f0-9]{64})', sample: `ATTA${seq(HEX, 64, 5)}`, entropy: 3, source: 'https://developer.atlassian.com/cloud/trello/guides/rest-api/api-introduction/' }),
];
