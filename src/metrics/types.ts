/**
 * Statistics of Python code (issue 8): line counts, AST size, definitions, imported
 * modules and cyclomatic complexity. Every line-count field is a number of physical lines
 * (see `docs/statistics.md` for the exact definitions); a file's lines are exactly one of
 * code, docstring, comment or blank, so `codeLines + docstringLines + commentLines +
 * blankLines === lines`.
 */

/** Where an imported module comes from. */
export type ImportKind = 'stdlib' | 'third-party' | 'local';

/** One imported module of a file (each module once, at its first import). */
export interface ImportedModule {
  /**
   * Module as written, absolute and dotted (`os.path`, `requests`); a relative import is
   * resolved against the file's package when it is known (`pkg.models`), else kept
   * relative (`.models`, `..`).
   */
  module: string;
  /**
   * `stdlib` when the first segment is in the standard library's module list
   * (`python/stdlib-modules.ts`); `local` for relative imports, the file's own top-level
   * package and, after `aggregateMetrics`, any top-level module of the scanned project;
   * else `third-party`.
   */
  kind: ImportKind;
  /** 1-based line of the first import of this module in the file. */
  line: number;
}

/** Cyclomatic complexity of one function, method or class. */
export interface ComplexityBlock {
  /** Qualified name without `<locals>`: `f`, `Class.method`, `outer.inner`, `Outer.Inner.m`. */
  name: string;
  /** 1-based line of the `def`/`class` keyword (decorators excluded, as CPython's `lineno`). */
  line: number;
  /** 0-based column of the definition, UTF-16 code units. */
  column: number;
  /** 1-based last line of the definition. */
  endLine: number;
  /** `method` for a function defined directly in a class body (also inside an `if`/`try` there). */
  kind: 'function' | 'method' | 'class';
  /**
   * McCabe cyclomatic complexity, counted as radon's `ComplexityVisitor` does (1 + the
   * decision points of the body, nested functions and classes excluded), plus `match`
   * cases. For a class, radon's class score: `floor(total / methods) + (methods > 1)`.
   */
  complexity: number;
}

/** Statistics of one Python file. */
export interface FileMetrics {
  /** Physical lines (line feeds, plus one for a last line without one); 0 for an empty file. */
  lines: number;
  /** Lines holding any token other than a comment or a docstring (string bodies, brackets and `\` continuations included). */
  codeLines: number;
  /** Lines whose only token is a comment (comments inside brackets included). */
  commentLines: number;
  /** Lines with only whitespace, outside any string literal. */
  blankLines: number;
  /** Lines of module, class and function docstrings (no other code on the line). */
  docstringLines: number;
  /**
   * Syntax-tree nodes, as CPython's `len(list(ast.walk(ast.parse(source))))` counts them:
   * every node of krait's CPython-shaped tree plus the expression-context and operator
   * nodes CPython also has (`Load`, `Store`, `Add`, `And`, `Eq`…); see `nodes.ts`.
   */
  astNodes: number;
  /** Imported modules, each once, in order of first import. */
  imports: ImportedModule[];
  /** `def` and `async def` statements at any depth (methods and nested functions included; lambdas not). */
  functions: number;
  /** Functions defined directly in a class body (a subset of `functions`). */
  methods: number;
  /** `async def` statements (a subset of `functions`). */
  asyncFunctions: number;
  /** `lambda` expressions (not counted in `functions` nor given a complexity of their own). */
  lambdas: number;
  /** `class` statements at any depth. */
  classes: number;
  /** Complexity of every function and method, in source order. */
  complexity: ComplexityBlock[];
  /** Radon's class complexity of every class, in source order. */
  classComplexity: ComplexityBlock[];
  /** 1 + the decision points of the module's own code (outside functions and classes). */
  moduleComplexity: number;
  /** Highest function/method complexity; 0 when the file has no function. */
  maxComplexity: number;
  /** Mean function/method complexity; 0 when the file has no function. */
  meanComplexity: number;
}

/** Totals over the project (the files that were parsed). */
export interface ProjectMetrics {
  /** Python files with statistics. */
  files: number;
  lines: number;
  codeLines: number;
  commentLines: number;
  blankLines: number;
  docstringLines: number;
  astNodes: number;
  functions: number;
  methods: number;
  asyncFunctions: number;
  lambdas: number;
  classes: number;
  /**
   * Imported modules over all files, sorted and unique: top-level names for absolute
   * imports (`os`, `requests`), relative imports that could not be resolved as written
   * (`.models`).
   */
  imports: { stdlib: string[]; thirdParty: string[]; local: string[] };
  /** Highest function/method complexity over the project; 0 without functions. */
  maxComplexity: number;
  /** Mean function/method complexity over every function of the project; 0 without functions. */
  meanComplexity: number;
  /** Functions and methods with a complexity. */
  complexityFunctions: number;
  /** Test files, test-to-code ratio and line coverage (the overview's Quality & Testing). */
  testing?: TestingSummary;
  /** Functions above the complexity threshold, most complex first (the overview's Performance). */
  hotspots?: Hotspot[];
  /** The cyclomatic complexity a function must exceed to be a hot spot (set with `hotspots`). */
  hotspotThreshold?: number;
}

/** Test code in the project, and line coverage when a report is present. */
export interface TestingSummary {
  /** Python files that are tests (`test_*.py`, `*_test.py`, `conftest.py`, under `tests/`/`test/`). */
  testFiles: number;
  testCodeLines: number;
  /** The other Python files. */
  codeFiles: number;
  codeLines: number;
  /** testCodeLines / codeLines (0 without code). */
  ratio: number;
  /** Line coverage from `coverage.xml` (Cobertura), `coverage.json` (coverage.py) or `lcov.info`. */
  coverage?: { percent: number; file: string };
}

/** One function above the complexity threshold. */
export interface Hotspot {
  path: string;
  name: string;
  line: number;
  complexity: number;
}
