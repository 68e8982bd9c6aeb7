/**
 * Where krait keeps what it may throw away and compute again (the per-file result cache):
 * the user's cache directory, never the audited tree. Advisory data `krait db update`
 * stores is not a cache: it lives in the user's data directory (deps/database.ts).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The user cache directory for krait: `$KRAIT_CACHE_DIR`, else `$XDG_CACHE_HOME/krait`,
 * else `~/.cache/krait` (on Windows `%LOCALAPPDATA%\krait`).
 */
export function defaultCacheDir(): string {
  const env = process.env;
  if (env['KRAIT_CACHE_DIR']) return env['KRAIT_CACHE_DIR'];
  if (env['XDG_CACHE_HOME']) return join(env['XDG_CACHE_HOME'], 'krait');
  if (process.platform === 'win32' && env['LOCALAPPDATA']) return join(env['LOCALAPPDATA'], 'krait');
  return join(homedir(), '.cache', 'krait');
}
