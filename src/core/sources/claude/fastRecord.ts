// The hot path for Claude Code usage lines: one pass over the line's bytes builds the UsageRecord
// directly, without closures, intermediate objects or decoding ids and timestamps to strings. It only
// handles the regular case, in any key order and spacing; on anything else (nulls, escapes, odd numbers,
// odd timestamps, malformed JSON) it answers `undefined` and usageLine.ts takes the general path, which
// validates with the zod schema and names the reason a line is skipped.
import { bytesEqual, ascii, plainStringEnd, readScalar, skipValue, skipWhitespace } from '../../scan/jsonBytes';
import { hashBytes, isoTimestampBytes, StringIntern } from '../../scan/byteValues';
import { markerSearch } from '../../scan/scanBuffer';
import type { UsageRecord } from '../../scan/usageRecord';
import type { ClaudeFileContext } from './usageLine';

const USAGE_MARKER = markerSearch('"usage":{');
const MARKER_LENGTH = 9;
const K = {
  timestamp: ascii('timestamp'),
  sessionId: ascii('sessionId'),
  cwd: ascii('cwd'),
  gitBranch: ascii('gitBranch'),
  requestId: ascii('requestId'),
  version: ascii('version'),
  type: ascii('type'),
  isSidechain: ascii('isSidechain'),
  costUSD: ascii('costUSD'),
  isApiErrorMessage: ascii('isApiErrorMessage'),
  message: ascii('message'),
  id: ascii('id'),
  model: ascii('model'),
  content: ascii('content'),
  usage: ascii('usage'),
  input: ascii('input_tokens'),
  output: ascii('output_tokens'),
  cacheCreation: ascii('cache_creation_input_tokens'),
  cacheRead: ascii('cache_read_input_tokens'),
  cacheSplit: ascii('cache_creation'),
  oneHour: ascii('ephemeral_1h_input_tokens'),
  details: ascii('output_tokens_details'),
  thinking: ascii('thinking_tokens'),
  speed: ascii('speed'),
};
const ASSISTANT = ascii('assistant');
const SYNTHETIC = ascii('<synthetic>');
const FAST = ascii('fast');
const NULL = 0x6e; // 'n'

const is = (buf: Buffer, ks: number, ke: number, key: Uint8Array): boolean => ke - ks === key.length && bytesEqual(buf, ks, ke, key);

/** A non-negative integer at `i`: [value, index after]; undefined for anything else. */
function count(buf: Buffer, i: number, end: number): [number, number] | undefined {
  const r = readScalar(buf, i, end);
  return r && typeof r[0] === 'number' && Number.isInteger(r[0]) && r[0] >= 0 ? (r as [number, number]) : undefined;
}

function semverPrefix(buf: Buffer, s: number, e: number): boolean {
  let i = s;
  for (let part = 0; part < 2; part++) {
    const from = i;
    while (i < e && buf[i]! >= 0x30 && buf[i]! <= 0x39) i++;
    if (i === from || buf[i] !== 0x2e) return false;
    i++;
  }
  return i < e && buf[i]! >= 0x30 && buf[i]! <= 0x39;
}

interface Usage {
  input: number;
  output: number;
  cacheCreation: number;
  oneHour: number;
  cacheRead: number;
  thinking: number;
  fast: boolean;
}

export class ClaudeFastReader {
  private readonly strings = new StringIntern();

  /** A record; null for a line that is not a usage line (or an API-error placeholder); undefined: use the general path. */
  read(buf: Buffer, start: number, end: number, ctx: ClaudeFileContext): UsageRecord | null | undefined {
    return this.readLine(buf, start, end, ctx, true);
  }

  private readLine(buf: Buffer, start: number, end: number, ctx: ClaudeFileContext, jump: boolean): UsageRecord | null | undefined {
    let i = skipWhitespace(buf, start, end);
    if (buf[i] !== 0x7b) return undefined;
    i = skipWhitespace(buf, i + 1, end);
    let timestamp: number | undefined;
    let sessionId: string | undefined;
    let cwd: string | undefined;
    let gitBranch: string | undefined;
    let requestHash = 0;
    let isAssistant = false;
    let sidechain = false;
    let costUSD: number | undefined;
    let idHash = 0;
    let hasId = false;
    let model: string | undefined;
    let usage: Usage | undefined;
    let jumped = false;
    if (buf[i] === 0x7d) return null;
    for (;;) {
      const keyEnd = plainStringEnd(buf, i, end);
      if (keyEnd < 0) return undefined;
      const ks = i + 1;
      const ke = keyEnd - 1;
      let v = skipWhitespace(buf, keyEnd, end);
      if (buf[v] !== 0x3a) return undefined;
      v = skipWhitespace(buf, v + 1, end);
      let after: number;
      if (is(buf, ks, ke, K.message)) {
        if (buf[v] !== 0x7b) return undefined;
        // message members
        let j = skipWhitespace(buf, v + 1, end);
        if (buf[j] === 0x7d) after = j + 1;
        else {
          for (;;) {
            const mkEnd = plainStringEnd(buf, j, end);
            if (mkEnd < 0) return undefined;
            const mks = j + 1;
            const mke = mkEnd - 1;
            let mv = skipWhitespace(buf, mkEnd, end);
            if (buf[mv] !== 0x3a) return undefined;
            mv = skipWhitespace(buf, mv + 1, end);
            let mAfter: number;
            if (is(buf, mks, mke, K.id)) {
              mAfter = plainStringEnd(buf, mv, end);
              if (mAfter < 0 || mAfter - mv < 3) return undefined;
              idHash = hashBytes(buf, mv + 1, mAfter - 1);
              hasId = true;
            } else if (is(buf, mks, mke, K.model)) {
              mAfter = plainStringEnd(buf, mv, end);
              if (mAfter < 0 || mAfter - mv < 3) return undefined;
              if (is(buf, mv + 1, mAfter - 1, SYNTHETIC)) return null;
              model = this.strings.get(buf, mv + 1, mAfter - 1);
            } else if (is(buf, mks, mke, K.usage)) {
              if (buf[mv] !== 0x7b) return undefined;
              const u = readUsage(buf, mv, end);
              if (!u) return undefined;
              usage = u[0];
              mAfter = u[1];
            } else if (jump && hasId && model !== undefined && is(buf, mks, mke, K.content)) {
              // See extractLine.ts: continue at the line's single `"usage":{`, checked again below.
              const at = USAGE_MARKER(buf, mv, end);
              if (at > mv && buf[at - 1] === 0x2c && USAGE_MARKER(buf, start, mv) < 0 && USAGE_MARKER(buf, at + MARKER_LENGTH, end) < 0) {
                jumped = true;
                mAfter = at - 1;
              } else mAfter = skipValue(buf, mv, end);
            } else mAfter = skipValue(buf, mv, end);
            if (mAfter < 0) return undefined;
            j = skipWhitespace(buf, mAfter, end);
            if (buf[j] === 0x2c) {
              j = skipWhitespace(buf, j + 1, end);
              continue;
            }
            if (buf[j] !== 0x7d) return undefined;
            after = j + 1;
            break;
          }
        }
      } else if (is(buf, ks, ke, K.timestamp)) {
        after = plainStringEnd(buf, v, end);
        if (after < 0) return undefined;
        timestamp = isoTimestampBytes(buf, v + 1, after - 1);
        if (timestamp === undefined) return undefined;
      } else if (is(buf, ks, ke, K.sessionId) || is(buf, ks, ke, K.cwd) || is(buf, ks, ke, K.gitBranch) || is(buf, ks, ke, K.requestId) || is(buf, ks, ke, K.version) || is(buf, ks, ke, K.type)) {
        if (buf[v] === NULL) return undefined;
        after = plainStringEnd(buf, v, end);
        if (after < 0) return undefined;
        const s = v + 1;
        const e = after - 1;
        const len = ke - ks;
        if (len === 9 && buf[ks] === 0x73) {
          if (e === s) return undefined;
          sessionId = this.strings.get(buf, s, e);
        } else if (len === 3) cwd = this.strings.get(buf, s, e);
        else if (len === 9 && buf[ks] === 0x67) gitBranch = this.strings.get(buf, s, e);
        else if (len === 9) {
          if (e === s) return undefined;
          requestHash = hashBytes(buf, s, e);
        } else if (len === 7) {
          if (!semverPrefix(buf, s, e)) return undefined;
        } else isAssistant = is(buf, s, e, ASSISTANT);
      } else if (is(buf, ks, ke, K.isSidechain)) {
        const r = readScalar(buf, v, end);
        if (!r || typeof r[0] !== 'boolean') return undefined;
        sidechain = r[0];
        after = r[1];
      } else if (is(buf, ks, ke, K.costUSD)) {
        const r = readScalar(buf, v, end);
        if (!r || typeof r[0] !== 'number' || !(r[0] >= 0)) return undefined;
        costUSD = r[0];
        after = r[1];
      } else if (is(buf, ks, ke, K.isApiErrorMessage)) {
        if (buf[v] === NULL) return undefined;
        after = skipValue(buf, v, end);
      } else after = skipValue(buf, v, end);
      if (after < 0) return undefined;
      i = skipWhitespace(buf, after, end);
      if (buf[i] === 0x2c) {
        i = skipWhitespace(buf, i + 1, end);
        continue;
      }
      if (buf[i] !== 0x7d) return undefined;
      if (skipWhitespace(buf, i + 1, end) !== end) return undefined;
      break;
    }
    if (jumped && !isAssistant) return this.readLine(buf, start, end, ctx, false);
    if (!usage) return null;
    if (timestamp === undefined) return undefined;
    return {
      source: 'claude',
      sessionId: sessionId ?? ctx.fileSessionId,
      project: cwd ?? ctx.encodedProject,
      ...(gitBranch ? { gitBranch } : {}),
      model: model ?? 'unknown',
      timestamp,
      input: usage.input,
      output: usage.output,
      cacheCreation: usage.cacheCreation,
      cacheCreation1h: Math.min(usage.oneHour, usage.cacheCreation),
      cacheRead: usage.cacheRead,
      reasoning: usage.thinking,
      ...(costUSD !== undefined ? { costUSD } : {}),
      ...(usage.fast ? { speed: 'fast' as const } : {}),
      key1: idHash,
      key2: requestHash,
      hasKey: hasId,
      sidechain,
    };
  }
}

/** `message.usage`: the counts accounting needs; undefined when anything is irregular. */
function readUsage(buf: Buffer, i: number, end: number): [Usage, number] | undefined {
  const u: Usage = { input: -1, output: -1, cacheCreation: 0, oneHour: 0, cacheRead: 0, thinking: 0, fast: false };
  i = skipWhitespace(buf, i + 1, end);
  if (buf[i] === 0x7d) return undefined;
  for (;;) {
    const keyEnd = plainStringEnd(buf, i, end);
    if (keyEnd < 0) return undefined;
    const ks = i + 1;
    const ke = keyEnd - 1;
    let v = skipWhitespace(buf, keyEnd, end);
    if (buf[v] !== 0x3a) return undefined;
    v = skipWhitespace(buf, v + 1, end);
    let after: number;
    if (is(buf, ks, ke, K.input) || is(buf, ks, ke, K.output) || is(buf, ks, ke, K.cacheCreation) || is(buf, ks, ke, K.cacheRead)) {
      const c = count(buf, v, end);
      if (!c) return undefined;
      const len = ke - ks;
      if (len === 12) u.input = c[0];
      else if (len === 13) u.output = c[0];
      else if (len === 27) u.cacheCreation = c[0];
      else u.cacheRead = c[0];
      after = c[1];
    } else if ((is(buf, ks, ke, K.cacheSplit) || is(buf, ks, ke, K.details)) && buf[v] === 0x7b) {
      const split = ke - ks === 14;
      const nested = split ? K.oneHour : K.thinking;
      let j = skipWhitespace(buf, v + 1, end);
      if (buf[j] === 0x7d) after = j + 1;
      else {
        for (;;) {
          const nkEnd = plainStringEnd(buf, j, end);
          if (nkEnd < 0) return undefined;
          let nv = skipWhitespace(buf, nkEnd, end);
          if (buf[nv] !== 0x3a) return undefined;
          nv = skipWhitespace(buf, nv + 1, end);
          let nAfter: number;
          if (is(buf, j + 1, nkEnd - 1, nested)) {
            const c = count(buf, nv, end);
            if (!c) return undefined;
            if (split) u.oneHour = c[0];
            else u.thinking = c[0];
            nAfter = c[1];
          } else nAfter = skipValue(buf, nv, end);
          if (nAfter < 0) return undefined;
          j = skipWhitespace(buf, nAfter, end);
          if (buf[j] === 0x2c) {
            j = skipWhitespace(buf, j + 1, end);
            continue;
          }
          if (buf[j] !== 0x7d) return undefined;
          after = j + 1;
          break;
        }
      }
    } else if (is(buf, ks, ke, K.speed) && buf[v] === 0x22) {
      after = plainStringEnd(buf, v, end);
      if (after < 0) return undefined;
      u.fast = is(buf, v + 1, after - 1, FAST);
    } else after = skipValue(buf, v, end);
    if (after < 0) return undefined;
    i = skipWhitespace(buf, after, end);
    if (buf[i] === 0x2c) {
      i = skipWhitespace(buf, i + 1, end);
      continue;
    }
    if (buf[i] !== 0x7d) return undefined;
    if (u.input < 0 || u.output < 0) return undefined;
    return [u, i + 1];
  }
}
