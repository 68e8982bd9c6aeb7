/** Package registries. */
import { ALNUM, B64URL, HEX, LOWER_ALNUM, fmt, identSource, prefixed, seq, type SecretFormat } from './types.js';

export const REGISTRY_FORMATS: SecretFormat[] = [
  fmt({
    id: 'pypi-upload-token', name: 'PyPI upload token', group: 'package-registry', severity: 'critical',
    regex: prefixed('pypi-AgEIcHlwaS5vcmc', '[\\w\\-]{50,1000}'), keywords: ['pypi-ageichlwas5vcmc'], entropy: 3.5,
    tp: [`password = pypi-AgEIcHlwaS5vcmc${seq(B64URL, 120, 3)}`, `TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmc${seq(B64URL, 70, 9)}`], fp: ['pypi-AgEIcHlwaS5vcmcshort'],
    source: 'https://pypi.org/help/#apitoken ; gitleaks:pypi-upload-token',
  }),
  fmt({
    id: 'test-pypi-upload-token', name: 'TestPyPI upload token', group: 'package-registry', severity: 'medium',
    regex: prefixed('pypi-AgENdGVzdC5weXBpLm9yZw', '[\\w\\-]{50,1000}'), keywords: ['pypi-agendgvzdc5wexbplm9yzw'], entropy: 3.5,
    tp: [`password = pypi-AgENdGVzdC5weXBpLm9yZw${seq(B64URL, 80, 2)}`], fp: ['pypi-AgENdGVzdC5weXBpLm9yZwshort'],
    source: 'https://test.pypi.org/help/#apitoken',
  }),
  fmt({
    id: 'npm-access-token', name: 'npm access token', group: 'package-registry',
    regex: prefixed('npm_', '[a-zA-Z0-9]{36}'), keywords: ['npm_'], entropy: 3.5,
    tp: [`//registry.npmjs.org/:_authToken=npm_${seq(ALNUM, 36, 2)}`], fp: ['npm_config_cache', `npm_${seq(ALNUM, 20)}`],
    source: 'https://docs.npmjs.com/about-access-tokens ; gitleaks:npm-access-token',
  }),
  fmt({
    id: 'npmrc-auth-token', name: 'npm registry auth token in .npmrc', group: 'package-registry',
    regex: `:_auth(?:Token){0,1}\\s{0,3}=\\s{0,3}(?<secret>[A-Za-z0-9+/=_.\\-]{20,400})`, keywords: [':_authtoken', ':_auth'], entropy: 3.5,
    tp: [`//npm.internal.corp/:_authToken=${seq(B64URL, 40, 5)}`], fp: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}'],
    source: 'https://docs.npmjs.com/cli/v10/configuring-npm/npmrc#auth-related-configuration',
  }),
  fmt({
    id: 'rubygems-api-key', name: 'RubyGems API key', group: 'package-registry',
    regex: prefixed('rubygems_', '[a-f0-9]{48}'), keywords: ['rubygems_'], entropy: 3,
    tp: [`GEM_HOST_API_KEY=rubygems_${seq(HEX, 48, 3)}`], fp: ['rubygems_version'], source: 'https://guides.rubygems.org/api-key-scopes/ ; gitleaks:rubygems-api-token',
  }),
  fmt({
    id: 'nuget-api-key', name: 'NuGet API key', group: 'package-registry',
    regex: prefixed('oy2', '[a-z0-9]{43}'), keywords: ['oy2'], entropy: 3.5,
    tp: [`NUGET_API_KEY=oy2${seq(LOWER_ALNUM, 43, 6)}`], fp: ['oy2short'], source: 'https://learn.microsoft.com/en-us/nuget/nuget-org/scoped-api-keys',
  }),
  fmt({
    id: 'clojars-token', name: 'Clojars deploy token', group: 'package-registry',
    regex: prefixed('CLOJARS_', '[a-z0-9]{60}'), keywords: ['clojars_'], entropy: 3.5,
    tp: [`CLOJARS_PASSWORD=CLOJARS_${seq(LOWER_ALNUM, 60, 2)}`], fp: ['CLOJARS_USERNAME'], source: 'gitleaks:clojars-api-token',
  }),
  fmt({
    id: 'artifactory-api-key', name: 'JFrog Artifactory API key', group: 'package-registry',
    regex: prefixed('AKCp', '[A-Za-z0-9]{69}'), keywords: ['akcp'], entropy: 4,
    tp: [`ARTIFACTORY_API_KEY=AKCp${seq(ALNUM, 69, 3)}`], fp: ['AKCpshort'], source: 'gitleaks:artifactory-api-key',
  }),
  fmt({
    id: 'artifactory-reference-token', name: 'JFrog Artifactory reference token', group: 'package-registry',
    regex: prefixed('cmVmd', '[A-Za-z0-9]{59}'), keywords: ['cmvmd'], entropy: 4,
    tp: [`ARTIFACTORY_TOKEN=cmVmd${seq(ALNUM, 59, 7)}`], fp: ['cmVmdshort'], source: 'gitleaks:artifactory-reference-token',
  }),
  fmt({
    id: 'crates-io-token', name: 'crates.io API token', group: 'package-registry',
    regex: prefixed('cio', '[a-zA-Z0-9]{32}'), keywords: ['cio'], entropy: 4,
    tp: [`CARGO_REGISTRY_TOKEN=cio${seq(ALNUM, 32, 8)}`], fp: ['cioshort', `socio${seq(ALNUM, 32)}`], source: 'https://doc.rust-lang.org/cargo/reference/registry-authentication.html',
  }),
  fmt({
    id: 'anaconda-token', name: 'Anaconda.org token', group: 'package-registry',
    regex: `(?:${identSource('anaconda')}|${identSource('conda')})[\\w.\\- ]{0,24}(?:=|:)\\s{0,3}['"]{0,1}(?<secret>[a-zA-Z0-9]{2}-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12})`, keywords: ['conda'], entropy: 3,
    tp: [`ANACONDA_API_TOKEN="ab-${seq(HEX, 8, 1)}-${seq(HEX, 4, 2)}-${seq(HEX, 4, 3)}-${seq(HEX, 4, 4)}-${seq(HEX, 12, 5)}"`], fp: ['ANACONDA_API_TOKEN="ab-1234"'],
    source: 'https://docs.anaconda.com/anacondaorg/user-guide/work-with-accounts/#creating-access-tokens',
  }),
  fmt({
    id: 'hex-pm-key', name: 'Hex.pm API key', group: 'package-registry',
    regex: `HEX_API_KEY\\s{0,3}[=:]\\s{0,3}['"]{0,1}(?<secret>[a-f0-9]{32})`, keywords: ['hex_api_key'], entropy: 3,
    tp: [`HEX_API_KEY=${seq(HEX, 32, 5)}`], fp: ['HEX_API_KEY=abc'], source: 'https://hex.pm/docs/publish',
  }),
  fmt({
    id: 'pip-conf-password-url', name: 'package index URL with credentials (pip/uv/poetry)', group: 'package-registry', rule: 'KR204', cwe: [798, 522],
    regex: `(?:--(?:extra-){0,1}index-url|index[_-]url|extra[_-]index[_-]url|url)\\s{0,3}[=: ]\\s{0,3}['"]{0,1}https?://(?<user>[^\\s:@/'"]{1,100}):(?<secret>[^\\s:@/'"]{3,200})@`, keywords: ['index-url', 'index_url', 'url'], entropy: 2.5,
    tp: [`--extra-index-url https://build:${seq(ALNUM, 20, 3, 7)}@pypi.internal.example.net/simple`], fp: ['--index-url https://pypi.org/simple', '--index-url https://${USER}:${PASS}@host/simple'],
    source: 'https://pip.pypa.io/en/stable/topics/authentication/',
  }),
];
