/**
 * The file model shared by every layer: what kind of file discovery found, why a file was
 * skipped, and a diagnostic about one file (syntax error, decode error, parse error…).
 */
/** What kind of file discovery found; decides which analyses read it. */
export type FileKind =
  | 'python'
  | 'notebook'
  | 'requirements'
  | 'pyproject'
  | 'setup-cfg'
  | 'setup-py'
  | 'pipfile'
  | 'pipfile-lock'
  | 'poetry-lock'
  | 'uv-lock'
  | 'pdm-lock'
  | 'pylock'
  | 'conda-env'
  | 'dist-metadata'
  | 'env'
  | 'dockerfile'
  | 'compose'
  | 'yaml'
  | 'json'
  | 'toml'
  | 'ini'
  | 'shell'
  | 'gitignore'
  | 'text';

/** A file that was not analysed, and why (nothing is dropped silently). */
export interface SkippedFile {
  path: string;
  reason: string;
}

/** A problem with one input file that did not stop its analysis (syntax error, bad bytes…). */
export interface FileDiagnostic {
  path: string;
  /** `partial`: the file's time budget ran out and the message names the analyses left out. */
  kind: 'syntax-error' | 'decode-error' | 'too-deep' | 'read-error' | 'config-error' | 'parse-error' | 'partial';
  message: string;
  line?: number;
}
