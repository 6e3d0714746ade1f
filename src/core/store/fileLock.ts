// A lock file held for a short critical section, shared by processes on one machine (VS Code windows
// and CLI runs saving one index). Created with O_EXCL; a lock older than STALE_MS, whose process is
// gone, or left empty by a holder killed before it wrote its pid, is taken over, so a crashed holder
// never blocks the others for long.
import { mkdirSync, openSync, closeSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

const STALE_MS = 10_000;
/** A lock file still without a pid after this long was left by a holder that died creating it. */
const EMPTY_STALE_MS = 1_000;
const RETRY_MS = 20;

function isStale(path: string): boolean {
  try {
    const age = Date.now() - statSync(path).mtimeMs;
    if (age > STALE_MS) return true;
    const pid = Number(readFileSync(path, 'utf8'));
    if (!(pid > 0)) return age > EMPTY_STALE_MS;
    process.kill(pid, 0);
    return false;
  } catch (err) {
    // ESRCH: no such process. EPERM: it exists (another user's), so the lock is live.
    return (err as NodeJS.ErrnoException).code !== 'EPERM';
  }
}

function tryAcquire(path: string): boolean {
  try {
    const fd = openSync(path, 'wx');
    try {
      writeSync(fd, String(process.pid));
    } catch (err) {
      // e.g. ENOSPC: no lock is left behind for others to wait on
      closeSync(fd);
      rmSync(path, { force: true });
      throw err;
    }
    closeSync(fd);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      mkdirSync(dirname(path), { recursive: true });
      return false;
    }
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    if (isStale(path)) rmSync(path, { force: true });
    return false;
  }
}

export async function withFileLock<T>(path: string, fn: () => T | Promise<T>): Promise<T> {
  while (!tryAcquire(path)) await new Promise((r) => setTimeout(r, RETRY_MS));
  try {
    return await fn();
  } finally {
    rmSync(path, { force: true });
  }
}
