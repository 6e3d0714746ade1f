// A fingerprint of what was read of a log: a hash of its first and last FP_BYTES bytes before `end`.
// Size and mtime alone do not prove that the bytes read before are still there (a log can be rewritten
// with other content of the same size and its mtime put back); two small reads do.
import { createHash } from 'node:crypto';
import { readSync } from 'node:fs';
import { withOpenFile } from './withOpenFile';

export const FP_BYTES = 4096;

let scratch: Buffer | undefined;

/** The fingerprint of bytes [0, end) of the open file; undefined when it no longer has `end` bytes. */
export function fingerprint(fd: number, end: number): string | undefined {
  const buf = (scratch ??= Buffer.allocUnsafe(2 * FP_BYTES));
  const head = Math.min(end, FP_BYTES);
  const tailStart = Math.max(head, end - FP_BYTES);
  try {
    if (!readFully(fd, buf, 0, head, 0) || !readFully(fd, buf, head, end - tailStart, tailStart)) return undefined;
  } catch {
    return undefined;
  }
  return createHash('sha256')
    .update(buf.subarray(0, head + end - tailStart))
    .digest('base64url')
    .slice(0, 16);
}

/** fingerprint() of the file at `path`; undefined when it cannot be read. */
export function fingerprintOf(path: string, end: number): string | undefined {
  return withOpenFile(path, (fd) => fingerprint(fd, end));
}

function readFully(fd: number, buf: Buffer, at: number, length: number, position: number): boolean {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buf, at + done, length - done, position + done);
    if (n === 0) return false;
    done += n;
  }
  return true;
}
