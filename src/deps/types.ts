/** Dependency audit results (issue: dependencies). Filled by `deps/`. */
export interface DependencyReport {
  /** Which vulnerability data was used, and its date. */
  database: { source: string; date: string; advisories: number };
  requirements: unknown[];
}
