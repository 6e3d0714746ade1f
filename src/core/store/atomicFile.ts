// Writes a file so that neither a crash nor a full disk leaves it half-written: the bytes go to a
// temporary name in the same folder, are flushed to disk, and only then renamed over the old file. A
// failed write removes its temporary file and leaves the old file as it was.
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const TEMP = /\.tmp-(\d+)-[0-9a-z]+$/;

function tempName(path: string): string {
  return `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
}

/** `data`, or a function that writes the content through the temporary file's descriptor. */
export function writeFileAtomic(path: string, data: Buffer | string | ((fd: number) => void)): void {
  const tmp = tempName(path);
  try {
    const fd = openSync(tmp, 'w');
    try {
      if (typeof data === 'function') data(fd);
      else writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  syncFolder(dirname(path));
}

/** writeFileAtomic with the writes off the calling thread. */
export async function writeFileAtomicAsync(path: string, data: Buffer | string | ((handle: FileHandle) => Promise<void>)): Promise<void> {
  const tmp = tempName(path);
  try {
    const handle = await open(tmp, 'w');
    try {
      if (typeof data === 'function') await data(handle);
      else await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  syncFolder(dirname(path));
}

/** Makes the rename itself durable (POSIX); where a folder cannot be opened (Windows) it is skipped. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Removes temporary files of `names` in `dir` left by processes that died before renaming them. */
export function removeOrphanedTemps(dir: string, names: readonly string[]): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const e of entries) {
    const m = TEMP.exec(e);
    if (m && names.includes(e.slice(0, m.index)) && !isAlive(Number(m[1]))) rmSync(join(dir, e), { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
