/**
 * The dependency and supply-chain rules KR501–KR512, one file each: project rules over the
 * facts the dependency analysis computes (src/deps/facts.ts). The pipeline runs them
 * (src/pipeline/deps.ts); `krait rules` and `krait explain` list them from here.
 */
import type { ProjectRule } from '../../core/rule.js';
import type { DependencyFacts } from '../../deps/facts.js';
import { vulnerableDependency } from './kr501-vulnerable-dependency.js';
import { unpinnedRequirement } from './kr502-unpinned-requirement.js';
import { possibleTyposquat } from './kr503-possible-typosquat.js';
import { noLockFile } from './kr504-no-lock-file.js';
import { rangeAdmitsVulnerableVersion } from './kr505-range-admits-vulnerable-version.js';
import { missingHashes } from './kr506-missing-hashes.js';
import { insecurePackageIndex } from './kr507-insecure-package-index.js';
import { extraIndexDependencyConfusion } from './kr508-extra-index-dependency-confusion.js';
import { vcsRequirementWithoutCommit } from './kr509-vcs-requirement-without-commit.js';
import { undeclaredDependency } from './kr510-undeclared-dependency.js';
import { unusedDependency } from './kr511-unused-dependency.js';
import { obsoleteDependency } from './kr512-obsolete-dependency.js';

/** Every dependency rule, by id. */
export const DEPENDENCY_RULES: readonly ProjectRule<DependencyFacts>[] = [
  vulnerableDependency,
  unpinnedRequirement,
  possibleTyposquat,
  noLockFile,
  rangeAdmitsVulnerableVersion,
  missingHashes,
  insecurePackageIndex,
  extraIndexDependencyConfusion,
  vcsRequirementWithoutCommit,
  undeclaredDependency,
  unusedDependency,
  obsoleteDependency,
];
