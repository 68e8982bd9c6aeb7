/**
 * The one list of krait's analyses. Subcommands select a subset (`krait secrets` runs only
 * `secrets`); the per-file ones run in the workers on each file, `deps` only in the project
 * pass (manifests and lock files are read together).
 */

/** Every analysis krait has, in report order. */
export const ALL_ANALYSES = ['rules', 'secrets', 'egress', 'metrics', 'deps', 'posture'] as const;

/** One analysis, as named in `ScanOptions.analyses`. */
export type ScanAnalysis = (typeof ALL_ANALYSES)[number];

/** The analyses that read files one at a time (in the workers). */
export const FILE_ANALYSES = ['rules', 'secrets', 'egress', 'metrics', 'posture'] as const satisfies readonly ScanAnalysis[];

/** One per-file analysis. */
export type Analysis = (typeof FILE_ANALYSES)[number];
