// Reads a log that is one JSON document rewritten in place (Cline/Roo/Kilo `ui_messages.json`, legacy
// Gemini CLI sessions). Unlike readIncrement, every read is of the whole file, and its records replace
// those of the previous read (the store drops them first). A file caught mid-rewrite does not parse: the
// read then yields nothing, is counted as a skip, and the file is read again on the next scan.
import { closeSync, openSync, readSync } from 'node:fs';
import type { ParseSink } from './fileParser';
import { type IncrementResult, statIdentity } from './readIncrement';

/** Maps one parsed document to records. */
export interface DocumentParser {
  parseDocument(doc: unknown, sink: ParseSink): void;
  /** JSON-safe state kept between reads of the file (ids only, e.g. tool runs already reported). */
  state(): unknown;
}

export const MID_REWRITE = 'file caught mid-rewrite (not valid JSON yet), read again next scan';

/** The read, or undefined when the file was not a complete JSON document (retry next scan). */
export function readWholeFile(path: string, parser: DocumentParser, sink: ParseSink): IncrementResult | undefined {
  const fd = openSync(path, 'r');
  let bytes: Buffer;
  let identity;
  try {
    identity = statIdentity(fd);
    bytes = readAll(fd, identity.size);
  } finally {
    closeSync(fd);
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
