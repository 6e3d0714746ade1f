// Reads a log that is one document rewritten in place (Cline/Roo/Kilo `ui_messages.json`, legacy
// Gemini CLI sessions; OpenCode's SQLite database, its write-ahead log a companion file). Unlike
// readIncrement, every read is of the whole file, and its records replace those of the previous read
// (the store drops them first). A file caught mid-rewrite does not parse: the read then yields nothing,
// is counted as a skip, and the file is read again on the next scan.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { ParseSink } from './fileParser';
import { type IncrementResult, statIdentity } from './readIncrement';
import { withOpenFile } from './withOpenFile';

/** Maps one parsed document to records. */
export interface DocumentParser {
  parseDocument(doc: unknown, sink: ParseSink): void;
  /**
   * For files that are not JSON (e.g. SQLite): the raw bytes of the file and of its companions
   * (undefined for a missing one). Returns false when the bytes are not a consistent image yet.
   */
  parseBytes?(bytes: Buffer, companions: (Buffer | undefined)[], sink: ParseSink): boolean;
  /** JSON-safe state kept between reads of the file (ids only, e.g. tool runs already reported). */
  state(): unknown;
}

export const MID_REWRITE = 'file caught mid-rewrite (not a complete document yet), read again next scan';

/** A file's size and times with its companions': sizes added, the latest mtime and ctime. */
export function withCompanions<T extends { size: number; mtimeMs: number; ctimeMs: number }>(identity: T, companions: string[] | undefined): T {
  if (!companions) return identity;
  const out = { ...identity };
  for (const c of companions) {
    try {
      const st = statSync(c);
      out.size += st.size;
      out.mtimeMs = Math.max(out.mtimeMs, st.mtimeMs);
      out.ctimeMs = Math.max(out.ctimeMs, st.ctimeMs);
    } catch {
      // absent (e.g. no -wal after a checkpoint)
    }
  }
  return out;
}

/** The read, or undefined when the file was not a complete document (retry next scan). */
export function readWholeFile(path: string, parser: DocumentParser, sink: ParseSink, companions?: string[]): IncrementResult | undefined {
  const fd = openSync(path, 'r');
  let bytes: Buffer;
  let identity;
  try {
    identity = withCompanions(statIdentity(fd), companions);
    bytes = readAll(fd, identity.size);
  } finally {
    closeSync(fd);
  }
  if (parser.parseBytes) {
    const others = (companions ?? []).map(readIfPresent);
    if (!parser.parseBytes(bytes, others, sink)) {
      sink.skip(MID_REWRITE);
      return undefined;
    }
    return { ...identity, offset: identity.size, pendingBytes: 0 };
  }
  let doc: unknown;
  try {
    // A UTF-8 BOM is not JSON; some Windows tools write one.
    const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    doc = JSON.parse(bytes.toString('utf8', start));
  } catch {
    sink.skip(MID_REWRITE);
    return undefined;
  }
  parser.parseDocument(doc, sink);
  // The identity stat'ed before reading: if the file changed meanwhile, the next scan sees a new one.
  return { ...identity, offset: identity.size, pendingBytes: 0 };
}

function readIfPresent(path: string): Buffer | undefined {
  return withOpenFile(path, (fd) => readAll(fd, 0));
}

/** All bytes of the file, also when it grew after the stat. */
function readAll(fd: number, sizeHint: number): Buffer {
  let buf = Buffer.allocUnsafe(Math.max(sizeHint, 4096));
  let filled = 0;
  for (;;) {
    if (filled === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, filled);
      buf = bigger;
    }
    const n = readSync(fd, buf, filled, buf.length - filled, filled);
    if (n === 0) return buf.subarray(0, filled);
    filled += n;
  }
}
