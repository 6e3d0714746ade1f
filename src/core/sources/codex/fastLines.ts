// Fast paths for the Codex lines a scan meets most: each accepts only the regular case and gives exactly
// what the general path (JSON.parse, then the zod schemas of schema.ts) would; anything else answers
// undefined and the caller takes the general path, which also names the reason a line is skipped.
import { isObject, type JsonObject } from '../../scan/jsonLine';
import { ascii, bytesEqual, indexWithin, plainStringEnd, readScalar } from '../../scan/jsonBytes';
import { parseTimestamp } from '../../scan/timestamp';
import type { CodexRawUsage } from './schema';

export interface CodexLine {
  type: string;
  timestamp?: unknown;
  payload?: JsonObject;
}

/** `codexLineSchema` for a parsed line that already fits it. */
export function regularLine(raw: unknown): CodexLine | undefined {
  if (!isObject(raw) || typeof raw.type !== 'string') return undefined;
  const ts = raw.timestamp;
  if (ts !== undefined && typeof ts !== 'string' && typeof ts !== 'number') return undefined;
  if (raw.payload !== undefined && !isObject(raw.payload)) return undefined;
  return raw as unknown as CodexLine;
}

export interface TokenCountData {
  info?: { total_token_usage?: CodexRawUsage | null; last_token_usage?: CodexRawUsage | null; model?: string | null } | null;
  model?: string | null;
}

const count = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const optionalCount = (v: unknown): boolean => v === undefined || count(v);
const nullishString = (v: unknown): boolean => v === undefined || v === null || typeof v === 'string';

/** `codexRawUsageSchema.nullish()` for plain integer counts (quoted counts take the general path). */
function regularUsage(u: unknown): CodexRawUsage | null | undefined | false {
  if (u === undefined || u === null) return u;
  if (!isObject(u)) return false;
  const { input_tokens: i, cached_input_tokens: c, output_tokens: o, reasoning_output_tokens: r, total_tokens: t } = u;
  if (!optionalCount(i) || !optionalCount(c) || !optionalCount(o) || !optionalCount(r) || !optionalCount(t)) return false;
  return { ...u, input_tokens: (i as number) ?? 0, cached_input_tokens: (c as number) ?? 0, output_tokens: (o as number) ?? 0, reasoning_output_tokens: (r as number) ?? 0, total_tokens: t as number | undefined };
}

/** `codexTokenCountSchema` for a `token_count` payload whose counts are plain integers. */
export function regularTokenCount(p: JsonObject): TokenCountData | undefined {
  if (p.type !== 'token_count' || !nullishString(p.model)) return undefined;
  const info = p.info;
  if (info === undefined || info === null) return { ...p, info, model: p.model as string | null | undefined };
  if (!isObject(info) || !nullishString(info.model)) return undefined;
  const total = regularUsage(info.total_token_usage);
  const last = regularUsage(info.last_token_usage);
  if (total === false || last === false) return undefined;
  return { ...p, info: { ...info, total_token_usage: total, last_token_usage: last, model: info.model as string | null | undefined }, model: p.model as string | null | undefined };
}

const HEAD = ascii('{"timestamp":"');
const TYPE = ascii(',"type":"');
const PAYLOAD_TYPE = ascii(',"payload":{"type":"');
const CALL_ID = ascii(',"call_id":"');
const OUTPUT = ascii(',"output":"');
const EXIT_CODE = ascii(',"exit_code":');
const UNIFIED = ascii('Process exited with code ');
const UNICODE_ESCAPE = ascii('\\u');
const RESPONSE_ITEM = ascii('response_item');
const FUNCTION_CALL_OUTPUT = ascii('function_call_output');
const EVENT_MSG = ascii('event_msg');
const EXEC_COMMAND_END = ascii('exec_command_end');
/** How far into a function_call_output's text the exit code line is looked for (it is in the header). */
const OUTPUT_HEAD_BYTES = 1024;

function at(buf: Buffer, i: number, bytes: Uint8Array): boolean {
  return bytesEqual(buf, i, i + bytes.length, bytes);
}

/**
 * The exit code that a shell call's answer line carries, read without decoding the (large) output, in
 * Codex's own key order: `{"timestamp","type","payload":{"type","call_id",…}}` with the call id at
 * `callIdAt` (the `"call_id"` key the caller found). Covers a `function_call_output` whose text has the
 * unified `Process exited with code N` header and an `exec_command_end` event. Undefined for anything
 * else, including an answer that carries no code: the caller then parses the line.
 */
export function shellAnswerFromBytes(buf: Buffer, ls: number, le: number, callIdAt: number): { exitCode: number; timestamp: number } | undefined {
  if (!at(buf, ls, HEAD)) return undefined;
  const tsEnd = plainStringEnd(buf, ls + HEAD.length - 1, le);
  if (tsEnd < 0 || !at(buf, tsEnd, TYPE)) return undefined;
  const timestamp = parseTimestamp(buf.toString('latin1', ls + HEAD.length, tsEnd - 1));
  if (timestamp === undefined) return undefined;
  const typeStart = tsEnd + TYPE.length;
  const typeEnd = plainStringEnd(buf, typeStart - 1, le);
  if (typeEnd < 0 || !at(buf, typeEnd, PAYLOAD_TYPE)) return undefined;
  const ptypeStart = typeEnd + PAYLOAD_TYPE.length;
  const ptypeEnd = plainStringEnd(buf, ptypeStart - 1, le);
  // The call id must be the payload's own member, right after its type.
  if (ptypeEnd < 0 || ptypeEnd + 1 !== callIdAt || !at(buf, ptypeEnd, CALL_ID)) return undefined;
  const idEnd = plainStringEnd(buf, ptypeEnd + CALL_ID.length - 1, le);
  if (idEnd < 0) return undefined;
  const type = [typeStart, typeEnd - 1] as const;
  const ptype = [ptypeStart, ptypeEnd - 1] as const;
  if (bytesEqual(buf, type[0], type[1], RESPONSE_ITEM) && bytesEqual(buf, ptype[0], ptype[1], FUNCTION_CALL_OUTPUT)) {
    if (!at(buf, idEnd, OUTPUT)) return undefined;
    const text = idEnd + OUTPUT.length;
    const head = Math.min(le, text + OUTPUT_HEAD_BYTES);
    const u = indexWithin(buf, UNIFIED, text, head);
    // The first match in the raw bytes is the first in the decoded text unless a \u escape comes before it.
    if (u < 0 || indexWithin(buf, UNICODE_ESCAPE, text, u) >= 0) return undefined;
    let k = u + UNIFIED.length;
    let code = 0;
    const digitsFrom = k;
    while (k < head && buf[k]! >= 0x30 && buf[k]! <= 0x39 && k - digitsFrom < 9) code = code * 10 + buf[k++]! - 0x30;
    if (k === digitsFrom || k >= head || (buf[k]! >= 0x30 && buf[k]! <= 0x39)) return undefined;
    return { exitCode: code, timestamp };
  }
  if (bytesEqual(buf, type[0], type[1], EVENT_MSG) && bytesEqual(buf, ptype[0], ptype[1], EXEC_COMMAND_END)) {
    // A raw `,"exit_code":` cannot sit inside a string (its quotes would be escaped), and Codex nests no
    // object holding that key in this event: one occurrence is the payload's own.
    const e = indexWithin(buf, EXIT_CODE, idEnd, le);
    if (e < 0 || indexWithin(buf, EXIT_CODE, e + EXIT_CODE.length, le) >= 0) return undefined;
    const v = readScalar(buf, e + EXIT_CODE.length, le);
    if (!v || !count(v[0])) return undefined;
    return { exitCode: v[0], timestamp };
  }
  return undefined;
}
