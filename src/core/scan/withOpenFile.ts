import { closeSync, openSync } from 'node:fs';

/** `use(fd)` on the file at `path` opened for reading, closed after; undefined when it cannot be opened. */
export function withOpenFile<T>(path: string, use: (fd: number) => T): T | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    return use(fd);
  } finally {
    closeSync(fd);
  }
}
