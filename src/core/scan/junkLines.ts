// The lines of a JSONL log that cannot be JSON objects (binary, invalid UTF-8, cut in the middle, a bare
// value, absurd nesting): found without parsing, counted per reason, and kept from the file's parser.
// A parser looks only at lines holding its markers, so without this junk would pass unseen.
//
// Every line is checked, at the cost of one pass over its line breaks and one UTF-8 validation of the
// region (both native): a JSON object line starts with `{` and ends with `}` (around whitespace) and is
// UTF-8. Only a line failing that is looked at more closely, to name the reason.
import { isUtf8 } from 'node:buffer';
import type { ParseSink } from './fileParser';

/** Junk lines up to this size are parsed to name their reason; longer ones are named from their bytes. */
const PARSE_FOR_REASON_BYTES = 1 << 20;

export const INVALID_UTF8 = 'invalid UTF-8';
export const MALFORMED = 'malformed JSON';
export const NOT_OBJECT = 'not a JSON object';
export const TOO_DEEP = 'JSON too deeply nested or too large';

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

/** Why JSON.parse rejects a line: a RangeError is nesting (or size) beyond the engine's limits. */
export function parseFailure(err: unknown): string {
  return err instanceof RangeError ? TOO_DEEP : MALFORMED;
}

/** Why [ls, le) is a line that no JSON object can be; undefined for a line that may be one (or is blank). */
export function junkReason(buf: Buffer, ls: number, le: number, utf8Checked: boolean): string | undefined {
  let s = ls;
  let e = le;
  while (s < e && isSpace(buf[s])) s++;
  while (e > s && isSpace(buf[e - 1])) e--;
  if (s === e) return undefined;
  const shaped = buf[s] === 0x7b && buf[e - 1] === 0x7d;
  if (shaped && utf8Checked) return undefined;
  if (!isUtf8(buf.subarray(s, e))) return INVALID_UTF8;
  if (shaped) return undefined;
  if (e - s > PARSE_FOR_REASON_BYTES) return buf[s] === 0x7b ? MALFORMED : NOT_OBJECT;
  try {
    JSON.parse(buf.toString('utf8', s, e));
    return NOT_OBJECT;
  } catch (err) {
    return parseFailure(err);
  }
}

/**
 * Calls `parse` on the stretches of [start, end) between junk lines, and counts each junk line as a
 * skip with its reason. [start, end) holds whole lines, and so does each stretch.
 */
export function parseWithoutJunk(buf: Buffer, start: number, end: number, sink: Pick<ParseSink, 'skip'>, parse: (from: number, to: number) => void): void {
  const utf8 = isUtf8(buf.subarray(start, end));
  let from = start;
  let ls = start;
  while (ls < end) {
    let nl = buf.indexOf(0x0a, ls);
    if (nl < 0 || nl >= end) nl = end;
    // The common line is checked inline: `{` first and `}` last, nothing around them.
    const regular = buf[ls] === 0x7b && (buf[nl - 1] === 0x7d || (buf[nl - 1] === 0x0d && buf[nl - 2] === 0x7d));
    const reason = regular && utf8 ? undefined : junkReason(buf, ls, nl, utf8);
    if (reason !== undefined) {
      if (ls > from) parse(from, ls);
      sink.skip(reason);
      from = Math.min(nl + 1, end);
    }
    ls = nl + 1;
  }
  if (from < end) parse(from, end);
}
