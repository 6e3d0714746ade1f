// Byte-level JSON walking over a Buffer, for the hot path: it lets a reader pick a few scalar fields out
// of a multi-kilobyte log line without decoding or materialising the large text values it skips.
// Every function returns -1 when the bytes are not the JSON it expected; callers then fall back to
// JSON.parse on the whole line, so malformed input never yields a wrong value.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const STACK = new Uint8Array(256);

export function skipWhitespace(buf: Buffer, i: number, end: number): number {
  while (i < end) {
    const c = buf[i]!;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    i++;
  }
  return i;
}

/** `i` points at an opening quote; returns the index just after the closing quote. */
export function skipString(buf: Buffer, i: number, end: number): number {
  // A plain byte loop beats indexOf here: log text is dense with escaped quotes, and each native
  // call costs more than scanning the bytes between them.
  for (let k = i + 1; k < end; k++) {
    const c = buf[k];
    if (c === BACKSLASH) k++;
    else if (c === QUOTE) return k + 1;
  }
  return -1;
}

/** The end (after the closing quote) of a string without escapes whose opening quote is at `i`, else -1. */
export function plainStringEnd(buf: Buffer, i: number, end: number): number {
  if (buf[i] !== QUOTE) return -1;
  for (let k = i + 1; k < end; k++) {
    const c = buf[k];
    if (c === QUOTE) return k + 1;
    if (c === BACKSLASH) return -1;
  }
  return -1;
}

/** Skips any JSON value starting at `i` (after whitespace); returns the index just after it. */
export function skipValue(buf: Buffer, i: number, end: number): number {
  i = skipWhitespace(buf, i, end);
  if (i >= end) return -1;
  const c = buf[i]!;
  if (c === QUOTE) return skipString(buf, i, end);
  if (c === 0x7b || c === 0x5b) {
    // A stack of the closers expected, so that `[1,2}` is rejected rather than skipped.
    const closers = STACK;
    let depth = 0;
    while (i < end) {
      const b = buf[i]!;
      if (b === QUOTE) {
        i = skipString(buf, i, end);
        if (i < 0) return -1;
        continue;
      }
      if (b === 0x7b || b === 0x5b) {
        if (depth === closers.length) return -1; // deeper than any log line nests: let JSON.parse judge
        closers[depth++] = b + 2; // '{' + 2 = '}', '[' + 2 = ']'
      } else if (b === 0x7d || b === 0x5d) {
        if (depth === 0 || closers[--depth] !== b) return -1;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return -1;
  }
  // number, true, false, null
  while (i < end) {
    const b = buf[i]!;
    if (b === 0x2c || b === 0x7d || b === 0x5d || b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) break;
    i++;
  }
  return i;
}

/**
 * Walks the members of the object whose `{` is at `i`. For each member, `visit` gets the key's byte range
 * (without quotes) and the value's start; it returns the index after the value it consumed, or
 * undefined to have the value skipped. Returns the index after the closing `}`, or -1.
 */
export function walkObject(
  buf: Buffer,
  i: number,
  end: number,
  visit: (keyStart: number, keyEnd: number, valueStart: number) => number | undefined,
): number {
  i = skipWhitespace(buf, i, end);
  if (buf[i] !== 0x7b) return -1;
  i = skipWhitespace(buf, i + 1, end);
  if (buf[i] === 0x7d) return i + 1;
  for (;;) {
    if (buf[i] !== QUOTE) return -1;
    const keyEnd = skipString(buf, i, end);
    if (keyEnd < 0) return -1;
    let v = skipWhitespace(buf, keyEnd, end);
    if (buf[v] !== 0x3a) return -1;
    v = skipWhitespace(buf, v + 1, end);
    let after = visit(i + 1, keyEnd - 1, v);
    if (after === undefined) after = skipValue(buf, v, end);
    if (after < 0) return -1;
    i = skipWhitespace(buf, after, end);
    const c = buf[i];
    if (c === 0x2c) {
      i = skipWhitespace(buf, i + 1, end);
      continue;
    }
    if (c === 0x7d) return i + 1;
    return -1;
  }
}

/** Whether [start, end) holds a backslash: a key spelled with escapes must be decoded before it is compared. */
export function hasBackslash(buf: Buffer, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (buf[k] === BACKSLASH) return true;
  return false;
}

/**
 * The index of the opening quote of `"key"` in the first member `"key" : "value"` of [from, end), with any
 * whitespace around the colon; `quotedValue` is the value with its quotes. -1 when there is none. (A raw
 * quoted string preceded by `"key":` is a member, not text: quotes inside strings are escaped.)
 */
export function keyedStringIndex(buf: Buffer, key: Uint8Array, quotedValue: Uint8Array, from: number, end: number): number {
  let i = indexWithin(buf, quotedValue, from, end);
  while (i >= 0) {
    let k = i - 1;
    while (k >= from && (buf[k] === 0x20 || buf[k] === 0x09)) k--;
    if (buf[k] === 0x3a) {
      k--;
      while (k >= from && (buf[k] === 0x20 || buf[k] === 0x09)) k--;
      const ks = k - key.length - 1;
      if (ks >= from && buf[k] === QUOTE && buf[ks] === QUOTE && bytesEqual(buf, ks + 1, k, key)) return ks;
    }
    i = indexWithin(buf, quotedValue, i + 1, end);
  }
  return -1;
}

export function bytesEqual(buf: Buffer, start: number, end: number, expected: Uint8Array): boolean {
  if (end - start !== expected.length) return false;
  for (let k = 0; k < expected.length; k++) if (buf[start + k] !== expected[k]) return false;
  return true;
}

/** Reads the string value whose opening quote is at `i`; returns [value, indexAfter] or undefined. */
export function readString(buf: Buffer, i: number, end: number): [string, number] | undefined {
  if (buf[i] !== QUOTE) return undefined;
  const after = skipString(buf, i, end);
  if (after < 0) return undefined;
  for (let k = i + 1; k < after - 1; k++) {
    if (buf[k] === BACKSLASH) return [JSON.parse(buf.toString('utf8', i, after)) as string, after];
  }
  return [buf.toString('utf8', i + 1, after - 1), after];
}

/** Reads a JSON literal, decoding plain non-negative integers (the common case) without allocating. */
export function readScalar(buf: Buffer, i: number, end: number): [number | boolean | null, number] | undefined {
  let n = 0;
  let k = i;
  while (k < end && k - i < 15) {
    const d = buf[k]! - 48;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
    k++;
  }
  if (k > i) {
    const c = buf[k];
    if (c === 0x2c || c === 0x7d || c === 0x5d) return [n, k];
  }
  return readLiteral(buf, i, end);
}

/** Reads a JSON literal (number, true, false, null) at `i`. */
export function readLiteral(buf: Buffer, i: number, end: number): [number | boolean | null, number] | undefined {
  const after = skipValue(buf, i, end);
  if (after < 0) return undefined;
  const text = buf.toString('latin1', i, after);
  if (text === 'true') return [true, after];
  if (text === 'false') return [false, after];
  if (text === 'null') return [null, after];
  const n = Number(text);
  return Number.isFinite(n) && text.length > 0 ? [n, after] : undefined;
}

export function ascii(s: string): Uint8Array {
  return Buffer.from(s, 'latin1');
}

/** `needle`'s first index in [from, end), or -1: Buffer.indexOf has no end, and would search on. */
export function indexWithin(buf: Buffer, needle: Uint8Array, from: number, end: number): number {
  if (from >= end) return -1;
  const i = buf.subarray(from, end).indexOf(needle);
  return i < 0 ? -1 : i + from;
}
