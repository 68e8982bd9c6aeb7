/**
 * Configuration: `[tool.krait]` in pyproject.toml (or a `krait.toml`), and for users
 * coming from bandit, `[tool.bandit]` in pyproject.toml and the `.bandit` INI file
 * (`exclude_dirs`/`exclude`, `tests`, `skips`, `[tool.bandit.assert_used] skips`, and the
 * plugin option sections such as `[tool.bandit.hardcoded_tmp_directory] tmp_dirs`).
 * Validated with zod; a bad file is a one-line error naming the file and the field.
 */
import { existsSync } from 'node:fs';
import { readRegularFile } from '../deps/manifests/include.js';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseIniText } from 'ini';
import type * as Zod from 'zod';
import type { z } from 'zod';
import { lazyRequire } from '../core/lazy.js';
import { SEVERITIES, CONFIDENCES } from '../core/finding.js';
import { withoutContent } from '../core/text.js';
import { SINK_KIND_NAMES } from '../taint/models/kinds.js';
import type { ProjectTaintModels } from '../taint/models/project.js';

const zod = lazyRequire<typeof Zod>('zod');

/** The configuration schemas, built when a configuration file is first read (zod costs start-up time). */
function buildSchemas() {
  const { z } = zod();
  const sinkKind = z.enum(SINK_KIND_NAMES as [string, ...string[]]);
  const dotted = z.string().regex(/^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*$/, 'expected a dotted Python name');

  /** `[tool.krait.taint]`: the project's own sources, sinks, sanitizers and pass-through summaries (docs/configuration.md). */
  const taintModels = z
    .object({
      sources: z
        .array(z.object({ name: dotted, form: z.enum(['call', 'attribute']).optional(), origin: z.enum(['request', 'cli', 'env']).optional(), label: z.string().optional() }).strict())
        .optional(),
      sinks: z
        .array(
          z
            .object({ name: dotted.optional(), method: z.string().regex(/^[A-Za-z_]\w*$/, 'expected a method name').optional(), kind: sinkKind, args: z.array(z.number().int().min(0)).optional(), keywords: z.array(z.string()).optional(), label: z.string().optional() })
            .strict()
            .refine((s) => !!s.name !== !!s.method, 'give either name (a qualified function) or method (a method name)'),
        )
        .optional(),
      sanitizers: z.array(z.object({ name: dotted, clears: z.union([z.literal('all'), z.array(sinkKind).min(1)]) }).strict()).optional(),
      'pass-through': z.array(dotted).optional(),
    })
    .strict();

  const stringList = z.union([z.array(z.string()), z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))]);

  /** `[tool.krait]` schema (documented in docs/configuration.md). */
  const krait = z
    .object({
      select: stringList.optional(),
      ignore: stringList.optional(),
      exclude: stringList.optional(),
      include: stringList.optional(),
      severity: z.enum(SEVERITIES).optional(),
      confidence: z.enum(CONFIDENCES).optional(),
      'fail-on': z.enum([...SEVERITIES, 'none'] as const).optional(),
      'max-file-size': z.number().int().positive().optional(),
      // Tables keyed by glob or rule are read key by key into Maps (see `ownTable`): a zod
      // record drops a `__proto__` key silently, and a plain object would confuse
      // `constructor` or `toString` with Object.prototype's members.
      'per-path-ignores': z.record(z.string(), z.unknown()).optional(),
      'ignore-nosec': z.boolean().optional(),
      /** Secret findings allowed by fingerprint (never by value). */
      allowlist: stringList.optional(),
      /** Advisory ignores for the dependency audit: id or alias, with a reason and an optional expiry date. */
      'ignore-advisories': z
        .array(z.object({ id: z.string(), reason: z.string(), expires: z.string().optional() }))
        .optional(),
      /** Per-rule options, by rule id or name: `[tool.krait.rules.B108] tmp_dirs = [...]`. */
      rules: z.record(z.string(), z.unknown()).optional(),
      /** The project's own taint models: `[[tool.krait.taint.sinks]] name = "myapp.db.run_sql" kind = "sql"`. */
      taint: taintModels.optional(),
    })
    .strict();
  return { taintModels, krait, stringList };
}

let schemas: ReturnType<typeof buildSchemas> | undefined;
/** The `[tool.krait]` and `[tool.krait.taint]` schemas (built once). */
function configSchemas(): ReturnType<typeof buildSchemas> {
  return (schemas ??= buildSchemas());
}

export type KraitConfig = z.infer<ReturnType<typeof buildSchemas>['krait']>;

/** The merged configuration the scan uses. */
export interface ResolvedConfig {
  /** Files the configuration came from (for the report). */
  sources: string[];
  /**
   * Configuration files found but not read, with why (one line each): a pyproject.toml that
   * is not valid TOML belongs to the audited project, so the scan goes on without it.
   */
  warnings?: string[];
  select: string[];
  ignore: string[];
  exclude: string[];
  include: string[];
  severity?: (typeof SEVERITIES)[number];
  confidence?: (typeof CONFIDENCES)[number];
  failOn?: (typeof SEVERITIES)[number] | 'none';
  maxFileSize?: number;
  /** Glob → rule ids/names ignored for files matching it (a Map: any glob is a plain key). */
  perPathIgnores: Map<string, string[]>;
  ignoreNosec?: boolean;
  allowlist: string[];
  ignoreAdvisories: { id: string; reason: string; expires?: string }[];
  /** Rule id or name (or bandit plugin name) → option name → value (Maps: any key is a plain key). */
  ruleOptions: Map<string, Map<string, unknown>>;
  /** The project's own taint models (`[tool.krait.taint]`), merged over the files read. */
  taint?: ProjectTaintModels;
  /**
   * Select/ignore tokens that came from bandit's configuration (`[tool.bandit]`, `.bandit`),
   * with where (`skips of .bandit`): an unknown one there is a warning, not an error.
   */
  banditTokens?: Map<string, string>;
}

export class ConfigError extends Error {}

/** Configuration files larger than this (bytes) are not read. */
const MAX_CONFIG_BYTES = 5 * 1024 * 1024;

/** A configuration with nothing set (for `--no-config`). */
export function emptyConfig(): ResolvedConfig {
  return { sources: [], select: [], ignore: [], exclude: [], include: [], perPathIgnores: new Map(), allowlist: [], ignoreAdvisories: [], ruleOptions: new Map() };
}

/**
 * Find and read configuration for a scan rooted at `start` (a folder): the nearest
 * pyproject.toml / krait.toml / .bandit at or above it. `explicit` (from `--config`)
 * wins and must exist.
 * @throws ConfigError with a one-line message for unreadable or invalid configuration
 */
export function loadConfig(start: string, explicit?: string): ResolvedConfig {
  const cfg = emptyConfig();
  if (explicit) {
    if (!existsSync(explicit)) throw new ConfigError(`config file ${explicit} does not exist`);
    readConfigFile(explicit, cfg, true);
    return cfg;
  }
  let dir = path.resolve(start);
  for (let i = 0; i < 64; i++) {
    let found = false;
    for (const name of ['krait.toml', 'pyproject.toml', '.bandit']) {
      const f = path.join(dir, name);
      if (existsSync(f)) found = readConfigFile(f, cfg, false) || found;
    }
    if (found || existsSync(path.join(dir, '.git'))) break;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return cfg;
}

/** Read one file into `cfg`; returns true when it held krait or bandit settings. */
function readConfigFile(file: string, cfg: ResolvedConfig, required: boolean): boolean {
  // A configuration file is hostile input too: a FIFO, a device or a huge file named
  // pyproject.toml must not hang the scan or fill memory.
  const got = readRegularFile(file, MAX_CONFIG_BYTES);
  if (!got.ok) {
    const why = `config ${file} ${got.reason}`;
    if (required || path.basename(file) === 'krait.toml') throw new ConfigError(why);
    (cfg.warnings ??= []).push(`${why}; its settings were not read`);
    return false;
  }
  const text = got.text.replace(/^\uFEFF/, '');
  const base = path.basename(file);
  if (base === '.bandit' || file.endsWith('.ini') || file.endsWith('.cfg')) {
    const ini = parseIniText(text) as Record<string, Record<string, string> | string>;
    const sec = ini['bandit'];
    if (!sec || typeof sec !== 'object') return false;
    applyBandit(
      {
        exclude_dirs: sec['exclude'] ?? sec['exclude_dirs'],
        skips: sec['skips'],
        tests: sec['tests'],
      },
      cfg,
      file,
    );
    cfg.sources.push(file);
    return true;
  }
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text);
  } catch (err) {
    const why = `invalid TOML in ${file}: ${withoutContent((err as Error).message).replace(/\.\s*$/, '')}`;
    // krait's own file, or one named with --config, must be right; a project's pyproject.toml
    // that does not parse is reported and skipped (the dependency audit reports it too).
    if (required || base === 'krait.toml') throw new ConfigError(why);
    (cfg.warnings ??= []).push(`${why}; its [tool.krait]/[tool.bandit] settings were not read`);
    return false;
  }
  const tool = (base === 'krait.toml' ? { krait: doc } : (doc['tool'] as Record<string, unknown> | undefined)) ?? {};
  let used = false;
  if (tool['bandit'] && typeof tool['bandit'] === 'object') {
    applyBandit(tool['bandit'] as Record<string, unknown>, cfg, file);
    used = true;
  }
  if (tool['krait'] && typeof tool['krait'] === 'object') {
    const parsed = configSchemas().krait.safeParse(tool['krait']);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError(`invalid [tool.krait] in ${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    const k = parsed.data;
    cfg.select.push(...(k.select ?? []));
    cfg.ignore.push(...(k.ignore ?? []));
    cfg.exclude.push(...(k.exclude ?? []));
    cfg.include.push(...(k.include ?? []));
    if (k.severity) cfg.severity = k.severity;
    if (k.confidence) cfg.confidence = k.confidence;
    if (k['fail-on']) cfg.failOn = k['fail-on'];
    if (k['max-file-size']) cfg.maxFileSize = k['max-file-size'];
    if (k['ignore-nosec'] !== undefined) cfg.ignoreNosec = k['ignore-nosec'];
    for (const [glob, ids] of ownEntries(tool['krait'] as Record<string, unknown>, 'per-path-ignores')) {
      const parsedIds = configSchemas().stringList.safeParse(ids);
      if (!parsedIds.success) throw new ConfigError(`invalid [tool.krait] in ${file}: per-path-ignores.${glob}: expected a list of rule ids`);
      addPerPath(cfg, glob, parsedIds.data);
    }
    if (k.taint) addTaintModels(cfg, k.taint);
    cfg.allowlist.push(...(k.allowlist ?? []));
    cfg.ignoreAdvisories.push(...(k['ignore-advisories'] ?? []));
    for (const [rule, opts] of ownEntries(tool['krait'] as Record<string, unknown>, 'rules')) {
      if (!isPlainTable(opts)) throw new ConfigError(`invalid [tool.krait] in ${file}: rules.${rule}: expected a table of options`);
      addRuleOptions(cfg, rule, opts);
    }
    used = true;
  }
  if (used) cfg.sources.push(file);
  else if (required) throw new ConfigError(`${file} has no [tool.krait] or [tool.bandit] section`);
  return used;
}

function addTaintModels(cfg: ResolvedConfig, t: z.infer<ReturnType<typeof buildSchemas>['taintModels']>): void {
  const m = (cfg.taint ??= {});
  if (t.sources?.length) (m.sources ??= []).push(...(t.sources as NonNullable<ProjectTaintModels['sources']>));
  if (t.sinks?.length) (m.sinks ??= []).push(...(t.sinks as NonNullable<ProjectTaintModels['sinks']>));
  if (t.sanitizers?.length) (m.sanitizers ??= []).push(...(t.sanitizers as NonNullable<ProjectTaintModels['sanitizers']>));
  if (t['pass-through']?.length) (m.passThrough ??= []).push(...t['pass-through']);
}

const BANDIT_KEYS = new Set(['exclude_dirs', 'exclude', 'skips', 'tests', 'targets', 'recursive', 'any_other_function_with_shell_equals_true']);

function applyBandit(b: Record<string, unknown>, cfg: ResolvedConfig, file: string): void {
  const list = (v: unknown, key: string): string[] => {
    if (v === undefined) return [];
    if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
    throw new ConfigError(`invalid [tool.bandit] ${key} in ${file}: expected a list of strings`);
  };
  for (const d of list(b['exclude_dirs'], 'exclude_dirs')) cfg.exclude.push(d.replace(/^\.\//, '').replace(/\/$/, ''));
  const skips = list(b['skips'], 'skips');
  const tests = list(b['tests'], 'tests');
  cfg.banditTokens ??= new Map();
  for (const t of skips) cfg.banditTokens.set(t, `skips of ${file}`);
  for (const t of tests) cfg.banditTokens.set(t, `tests of ${file}`);
  cfg.ignore.push(...skips);
  cfg.select.push(...tests);
  for (const [key, value] of Object.entries(b)) {
    if (BANDIT_KEYS.has(key) || !value || typeof value !== 'object' || Array.isArray(value)) continue;
    const section = value as Record<string, unknown>;
    if (key === 'assert_used') {
      // [tool.bandit.assert_used] skips = ["*_test.py", "tests/*"]: B101 off for those paths.
      for (const glob of list(Object.hasOwn(section, 'skips') ? section['skips'] : undefined, 'assert_used.skips')) addPerPath(cfg, glob, ['B101']);
      continue;
    }
    addRuleOptions(cfg, key, section);
  }
}

const isPlainTable = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** The own entries of the table `parent[key]` (none when absent), every key kept as written. */
function ownEntries(parent: Record<string, unknown>, key: string): [string, unknown][] {
  const t = Object.hasOwn(parent, key) ? parent[key] : undefined;
  if (!isPlainTable(t)) return [];
  return Object.keys(t).map((k) => [k, t[k]]);
}

function addPerPath(cfg: ResolvedConfig, glob: string, ids: string[]): void {
  const list = cfg.perPathIgnores.get(glob);
  if (list) list.push(...ids);
  else cfg.perPathIgnores.set(glob, [...ids]);
}

function addRuleOptions(cfg: ResolvedConfig, rule: string, opts: Record<string, unknown>): void {
  let m = cfg.ruleOptions.get(rule);
  if (!m) cfg.ruleOptions.set(rule, (m = new Map<string, unknown>()));
  for (const k of Object.keys(opts)) m.set(k, opts[k]);
}
