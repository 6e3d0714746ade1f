// The hot path for Codex `token_count` lines (a quarter of a dense rollout's lines): one walk over the
// bytes gives the counts, without JSON.parse or the objects the general path builds. It accepts only the
// regular case, in any key order and spacing, and gives exactly what the general path (JSON.parse, then
// regularLine/regularTokenCount or the zod schemas) would; on anything else (escapes, odd numbers, odd
// timestamps, a missing timestamp, malformed JSON) it answers undefined and the caller parses the line.
import { isoTimestampBytes } from '../../scan/byteValues';
import { ascii, bytesEqual, plainStringEnd, readScalar, skipValue, skipWhitespace } from '../../scan/jsonBytes';
import type { RawTotals } from './usageState';

export interface FastTokenCount {
  ts: number;
  total?: RawTotals;
  last?: RawTotals;
  model?: string;
}

/** What a regular token_count line holds: its counts, or `NO_COUNTS` (no info, or info without usage). */
export const NO_COUNTS = 0;

const TIMESTAMP = ascii('timestamp');
const TYPE = ascii('type');
const PAYLOAD = ascii('payload');
const INFO = ascii('info');
const MODEL = ascii('model');
const TOTAL = ascii('total_token_usage');
const LAST = ascii('last_token_usage');
const EVENT_MSG = ascii('event_msg');
const TOKEN_COUNT = ascii('token_count');
const INPUT = ascii('input_tokens');
const CACHED = ascii('cached_input_tokens');
const OUTPUT = ascii('output_tokens');
const REASONING = ascii('reasoning_output_tokens');
const TOTAL_TOKENS = ascii('total_tokens');
const NULL = ascii('null');

/** Walks the members of the object at `i`; `member` returns the index after the value, or -1. */
function members(buf: Buffer, i: number, end: number, member: (ks: number, ke: number, v: number) => number): number {
  if (buf[i] !== 0x7b) return -1;
  i = skipWhitespace(buf, i + 1, end);
  if (buf[i] === 0x7d) return i + 1;
  for (;;) {
    const keyEnd = plainStringEnd(buf, i, end);
    if (keyEnd < 0) return -1;
    let v = skipWhitespace(buf, keyEnd, end);
    if (buf[v] !== 0x3a) return -1;
    v = skipWhitespace(buf, v + 1, end);
    const after = member(i + 1, keyEnd - 1, v);
    if (after < 0) return -1;
    i = skipWhitespace(buf, after, end);
    if (buf[i] === 0x2c) {
      i = skipWhitespace(buf, i + 1, end);
      continue;
    }
    return buf[i] === 0x7d ? i + 1 : -1;
  }
}

const isNull = (buf: Buffer, v: number, end: number): boolean => v + 4 <= end && bytesEqual(buf, v, v + 4, NULL) && !isWordByte(buf[v + 4]);
const isWordByte = (c: number | undefined): boolean => c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a));

/** A plain (escape-free) string's [start, end) and the index after it, or undefined. */
function plainString(buf: Buffer, v: number, end: number): [number, number, number] | undefined {
  const after = plainStringEnd(buf, v, end);
  return after < 0 ? undefined : [v + 1, after - 1, after];
}

/** A non-negative safe integer, as `regularUsage` accepts it; -1 for anything else. */
function count(buf: Buffer, v: number, end: number): [number, number] | undefined {
  const r = readScalar(buf, v, end);
  return r && typeof r[0] === 'number' && Number.isSafeInteger(r[0]) && r[0] >= 0 ? (r as [number, number]) : undefined;
}

/** A usage object → totals (codexRawUsageSchema's defaults, then toTotals); undefined when irregular. */
function usage(buf: Buffer, v: number, end: number): [RawTotals, number] | undefined {
  let input = 0;
  let cached = 0;
  let output = 0;
  let reasoning = 0;
  let total: number | undefined;
  const after = members(buf, v, end, (ks, ke, u) => {
    const len = ke - ks;
    const which =
      len === 12 && bytesEqual(buf, ks, ke, INPUT) ? 0
      : len === 19 && bytesEqual(buf, ks, ke, CACHED) ? 1
      : len === 13 && bytesEqual(buf, ks, ke, OUTPUT) ? 2
      : len === 23 && bytesEqual(buf, ks, ke, REASONING) ? 3
      : len === 12 && bytesEqual(buf, ks, ke, TOTAL_TOKENS) ? 4
      : -1;
    if (which < 0) return skipValue(buf, u, end);
    const c = count(buf, u, end);
    if (!c) return -1;
    if (which === 0) input = c[0];
    else if (which === 1) cached = c[0];
    else if (which === 2) output = c[0];
    else if (which === 3) reasoning = c[0];
    else total = c[0];
    return c[1];
  });
  if (after < 0) return undefined;
  return [{ input, cached, output, reasoning, total: total ?? input + output }, after];
}

/**
 * The counts of a regular `token_count` line in [ls, le): `NO_COUNTS` when it carries none (a rate-limit
 * update), undefined when the line is anything else or irregular (the caller takes the general path).
 */
export function readTokenCountLine(buf: Buffer, ls: number, le: number): FastTokenCount | typeof NO_COUNTS | undefined {
  let ts: number | undefined;
  let isEvent = false;
  let isTokenCount = false;
  let sawPayload = false;
  let hasInfo = false;
  let total: RawTotals | undefined;
  let last: RawTotals | undefined;
  let payloadModel: string | undefined;
  let infoModel: string | undefined;
  let bad = false;

  const readModel = (v: number): [string | undefined, number] | undefined => {
    if (isNull(buf, v, le)) return [undefined, v + 4];
    const s = plainString(buf, v, le);
    return s ? [buf.toString('utf8', s[0], s[1]), s[2]] : undefined;
  };

  const info = (v: number): number => {
    if (isNull(buf, v, le)) {
      hasInfo = false;
      total = last = infoModel = undefined;
      return v + 4;
    }
    hasInfo = true;
    total = last = infoModel = undefined;
    return members(buf, v, le, (ks, ke, u) => {
      const len = ke - ks;
      if ((len === 17 && bytesEqual(buf, ks, ke, TOTAL)) || (len === 16 && bytesEqual(buf, ks, ke, LAST))) {
        let value: RawTotals | undefined;
        let after: number;
        if (isNull(buf, u, le)) after = u + 4;
        else {
          const r = usage(buf, u, le);
          if (!r) return -1;
          [value, after] = r;
        }
        if (len === 17) total = value;
        else last = value;
        return after;
      }
      if (len === 5 && bytesEqual(buf, ks, ke, MODEL)) {
        const m = readModel(u);
        if (!m) return -1;
        infoModel = m[0];
        return m[1];
      }
      return skipValue(buf, u, le);
    });
  };

  const payload = (v: number): number => {
    sawPayload = true;
    isTokenCount = false;
    hasInfo = false;
    total = last = infoModel = payloadModel = undefined;
    return members(buf, v, le, (ks, ke, u) => {
      const len = ke - ks;
      if (len === 4 && bytesEqual(buf, ks, ke, TYPE)) {
        const s = plainString(buf, u, le);
        if (!s) return -1;
        isTokenCount = bytesEqual(buf, s[0], s[1], TOKEN_COUNT);
        return s[2];
      }
      if (len === 4 && bytesEqual(buf, ks, ke, INFO)) return info(u);
      if (len === 5 && bytesEqual(buf, ks, ke, MODEL)) {
        const m = readModel(u);
        if (!m) return -1;
        payloadModel = m[0];
        return m[1];
      }
      return skipValue(buf, u, le);
    });
  };

  const start = skipWhitespace(buf, ls, le);
  const end = members(buf, start, le, (ks, ke, v) => {
    const len = ke - ks;
    if (len === 9 && bytesEqual(buf, ks, ke, TIMESTAMP)) {
      const s = plainString(buf, v, le);
      if (!s) return -1;
      ts = isoTimestampBytes(buf, s[0], s[1]);
      if (ts === undefined) bad = true;
      return s[2];
    }
    if (len === 4 && bytesEqual(buf, ks, ke, TYPE)) {
      const s = plainString(buf, v, le);
      if (!s) return -1;
      isEvent = bytesEqual(buf, s[0], s[1], EVENT_MSG);
      return s[2];
    }
    if (len === 7 && bytesEqual(buf, ks, ke, PAYLOAD)) return payload(v);
    return skipValue(buf, v, le);
  });
  if (end < 0 || bad || skipWhitespace(buf, end, le) !== le) return undefined;
  if (!isEvent || !sawPayload || !isTokenCount || ts === undefined) return undefined;
  if (!hasInfo || (!total && !last)) return NO_COUNTS;
  const model = payloadModel ?? infoModel;
  return { ts, ...(total ? { total } : {}), ...(last ? { last } : {}), ...(model !== undefined ? { model } : {}) };
}
