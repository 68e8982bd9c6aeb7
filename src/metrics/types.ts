/** Statistics of one Python file (issue: code statistics). Filled by `metrics/`. */
export interface FileMetrics {
  lines: number;
  codeLines: number;
  commentLines: number;
  blankLines: number;
  docstringLines: number;
  astNodes: number;
  imports: { module: string; kind: 'stdlib' | 'third-party' | 'local' }[];
  functions: number;
  classes: number;
  complexity: { name: string; line: number; complexity: number }[];
  maxComplexity: number;
  meanComplexity: number;
}

/** Totals over the project. */
export interface ProjectMetrics {
  files: number;
  lines: number;
  codeLines: number;
  commentLines: number;
  blankLines: number;
  docstringLines: number;
  astNodes: number;
  functions: number;
  classes: number;
  imports: { stdlib: string[]; thirdParty: string[]; local: string[] };
  maxComplexity: number;
  meanComplexity: number;
}
