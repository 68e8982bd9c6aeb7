/**
 * krait's library API.
 *
 *   import { scan } from 'krait';
 *   const report = await scan({ targets: ['path/to/project'] });
 *   for (const f of report.findings) console.log(f.location.path, f.location.startLine, f.ruleId, f.message);
 *
 * `scan(options)` resolves to a {@link Report} (the same object `--format json` prints,
 * schema in `schema/report.schema.json`); it throws {@link UsageError} for bad targets or
 * configuration. The report writers and the rule catalog are exported too. Shards:
 * `scanShard(options, { k, n })` is one machine's map step (write the result as JSON),
 * `mergeShards(files)` the reduce step over the shard files (docs/ci.md).
 */
export { scan, UsageError, ALL_ANALYSES, type ScanOptions, type ScanAnalysis } from './pipeline/scan.js';
export type { ResultCacheOptions, ResultCacheStats } from './pipeline/cache.js';
export { scanShard, mergeShards, parseShardSpec, type ShardFile, type ShardSpec, type MergeOptions } from './pipeline/shard.js';
export type { Report, FileResult } from './report/model.js';
export type { FileKind, SkippedFile, FileDiagnostic } from './core/file.js';
export { REPORT_SCHEMA_VERSION } from './report/model.js';
export type { Finding, Severity, Confidence, Category, Location, TraceStep } from './core/finding.js';
export { SEVERITIES, CONFIDENCES, CATEGORIES } from './core/finding.js';
export { writeReport, exitCodeFor, computeScore, REPORT_FORMATS, type ReportFormat, type WriteReportOptions } from './report/index.js';
export { allRuleMetas, ruleMeta } from './rules/catalog.js';
export type { RuleMeta, RuleDocs } from './core/rule-meta.js';
export { parsePython, type ParseResult } from './python/parse.js';
export { SemanticModel } from './python/semantic.js';
export { VERSION } from './core/version.js';
