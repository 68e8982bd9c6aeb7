/**
 * Temporary folders (archive extractions) that must not outlive the process: removed when
 * their scan ends, and also when the process is interrupted (SIGINT, SIGTERM) or exits
 * while they still exist.
 *
 * While at least one scan holds the cleanup (`holdTempDirCleanup`), SIGINT and SIGTERM
 * handlers are installed; on a signal they remove every tracked folder synchronously,
 * then take themselves off and raise the same signal again, so the process still ends
 * the way the signal asked (exit status 130 / 143 in a shell). When nothing holds the
 * cleanup, no handler is installed and signals keep their default behaviour.
 */
import { rmSync } from 'node:fs';

const tracked = new Set<string>();
let holders = 0;

function removeAll(): void {
  for (const dir of [...tracked]) removeTempDir(dir);
}

function onSignal(signal: NodeJS.Signals): void {
  removeAll();
  uninstall();
  // Let the default action end the process, as it would have without us.
  process.kill(process.pid, signal);
}

const onExit = (): void => removeAll();

function install(): void {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', onExit);
}

function uninstall(): void {
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.off('exit', onExit);
}

/** Record a temporary folder to be removed on a signal or at exit if still there. */
export function trackTempDir(dir: string): void {
  tracked.add(dir);
}

/** Remove a temporary folder and everything in it, and stop tracking it. Never throws. */
export function removeTempDir(dir: string): void {
  tracked.delete(dir);
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    /* nothing more to do */
  }
}

/** Folders tracked and not yet removed (for tests). */
export function trackedTempDirs(): string[] {
  return [...tracked];
}

/**
 * Install the SIGINT/SIGTERM/exit cleanup for the duration of a scan. Returns the release
 * function (call it once, in a `finally`); the handlers go when the last holder releases.
 */
export function holdTempDirCleanup(): () => void {
  if (holders++ === 0) install();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holders === 0) uninstall();
  };
}
