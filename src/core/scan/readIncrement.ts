// Reads the bytes a file gained since `offset`, hands whole lines to its parser, and reports where the
// next read must start. A half-written last line is left for the next read; a line longer than
// MAX_LINE_BYTES is skipped and counted without being held whole (the buffer stops growing there), and
// in a JSONL log, lines that cannot be JSON objects are counted and kept from the parser (junkLines.ts).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { FileParser, ParseSink } from './fileParser';
import { parseWithoutJunk } from './junkLines';
import { threadScanBuffer } from './scanBuffer';

export const MAX_LINE_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 4 * 1024 * 1024;

export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  /** When the stat was taken (epoch ms). */
  seenAt: number;
}

export interface IncrementResult extends FileIdentity {
  /** Offset just after the last consumed line. */
  offset: number;
  /** Bytes after `offset` that form an incomplete line. */
  pendingBytes: number;
}


export function statIdentity(fd: number): FileIdentity {
  const seenAt = Date.now();
  const st = fstatSync(fd);
  return { dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, seenAt };
}

/** Opens `path` and reads from `offset` to the end. `parser` must already be positioned at `offset`. */
export function readIncrement(path: string, offset: number, parser: FileParser, sink: ParseSink, opened?: { fd: number; identity: FileIdentity }): IncrementResult {
  const fd = opened?.fd ?? openSync(path, 'r');
  try {
    const identity = opened?.identity ?? statIdentity(fd);
    const scan = threadScanBuffer();
    const parse = (b: Buffer, end: number): void => {
      if (parser.jsonLines) parseWithoutJunk(b, 0, end, sink, (from, to) => parser.parseRegion(b, from, to, sink));
      else parser.parseRegion(b, 0, end, sink);
    };
    let buf = scan.ensure(CHUNK_BYTES);
    let base = offset; // file offset of buf[0]
    let filled = 0;
    let discarding = false;
    for (;;) {
      if (filled === buf.length) {
        if (buf.length >= MAX_LINE_BYTES) {
          sink.skip('line too long');
          discarding = true;
          base += filled;
          filled = 0;
        } else {
          buf = scan.ensure(buf.length * 2);
        }
      }
      const n = readSync(fd, buf, filled, buf.length - filled, base + filled);
      if (n === 0) break;
      let from = filled;
      filled += n;
      if (discarding) {
        const nl = buf.indexOf(0x0a, from);
        if (nl < 0 || nl >= filled) {
          base += filled;
          filled = 0;
          continue;
        }
        discarding = false;
        buf.copy(buf, 0, nl + 1, filled);
        base += nl + 1;
        filled -= nl + 1;
        from = 0;
      }
      const lastNl = buf.lastIndexOf(0x0a, filled - 1);
      if (lastNl < 0) continue;
      parse(buf, lastNl + 1);
      buf.copy(buf, 0, lastNl + 1, filled);
      base += lastNl + 1;
      filled -= lastNl + 1;
    }
    let pendingBytes = discarding ? 0 : filled;
    if (pendingBytes > 0 && isCompleteJson(buf, filled)) {
      // A final line without its newline that is nonetheless whole: count it now.
      parse(buf, filled);
      base += filled;
      pendingBytes = 0;
    }
    parser.finish(sink);
    return { ...identity, size: Math.max(identity.size, base + pendingBytes), offset: base, pendingBytes };
  } finally {
    if (!opened) closeSync(fd);
  }
}

function isCompleteJson(buf: Buffer, end: number): boolean {
  // Judged on the bytes first: a line still being written is not decoded just to be rejected.
  let s = 0;
  let e = end;
  while (s < e && buf[s]! <= 0x20) s++;
  while (e > s && buf[e - 1]! <= 0x20) e--;
  if (buf[s] !== 0x7b || buf[e - 1] !== 0x7d) return false;
  try {
    JSON.parse(buf.toString('utf8', s, e));
    return true;
  } catch {
    return false;
  }
}
