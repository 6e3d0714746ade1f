// Picks the fields usage accounting needs out of one Claude Code JSONL line. The fast path walks the
// bytes and skips `message.content` (the bulk of a line) without decoding it; when the walk meets
// anything unexpected, the whole line goes through JSON.parse instead.
import { ascii, bytesEqual, hasBackslash, readScalar, readString, skipWhitespace, walkObject } from '../../scan/jsonBytes';
import { parseFailure } from '../../scan/junkLines';
import { markerSearch } from '../../scan/scanBuffer';

const K = {
  timestamp: ascii('timestamp'),
  sessionId: ascii('sessionId'),
  cwd: ascii('cwd'),
  gitBranch: ascii('gitBranch'),
  isSidechain: ascii('isSidechain'),
  requestId: ascii('requestId'),
  version: ascii('version'),
  costUSD: ascii('costUSD'),
  isApiErrorMessage: ascii('isApiErrorMessage'),
  message: ascii('message'),
  type: ascii('type'),
  id: ascii('id'),
  model: ascii('model'),
  usage: ascii('usage'),
  content: ascii('content'),
};

const USAGE_MARKER = markerSearch('"usage":{');
const USAGE_MARKER_LENGTH = 9;

/** Fields that make a line unusable when literally null (ccusage applies the same rule). */
const NULL_REJECTS = new Set(['id', 'cwd', 'model', 'costUSD', 'version', 'sessionId', 'requestId', 'isApiErrorMessage']);

export type Extracted = { ok: true; fields: Record<string, unknown> } | { ok: false; reason: string };

/** The members of `message.usage` that accounting reads (the rest, e.g. `iterations`, is skipped). */
const USAGE_KEYS = ['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens', 'cache_creation', 'ephemeral_5m_input_tokens', 'ephemeral_1h_input_tokens', 'output_tokens_details', 'thinking_tokens', 'speed'].map((name) => ({ name, bytes: ascii(name) }));

function usageKey(buf: Buffer, ks: number, ke: number): string | undefined {
  for (const k of USAGE_KEYS) if (k.bytes.length === ke - ks && bytesEqual(buf, ks, ke, k.bytes)) return k.name;
  return undefined;
}

const STRING_KEYS = [K.timestamp, K.sessionId, K.cwd, K.gitBranch, K.requestId, K.version, K.type];
const STRING_NAMES = ['timestamp', 'sessionId', 'cwd', 'gitBranch', 'requestId', 'version', 'type'];

export function extractClaudeLine(buf: Buffer, start: number, end: number): Extracted {
  const fast = extractFast(buf, start, end, true);
  if (fast) return fast;
  let parsed: unknown;
  try {
    parsed = JSON.parse(buf.toString('utf8', start, end));
  } catch (err) {
    return { ok: false, reason: parseFailure(err) };
  }
  return fromObject(parsed);
}

/**
 * With `jump`, the walk does not step through `message.content` (the bulk of an assistant line): when
 * the line holds exactly one `"usage":{`, after the content and preceded by a comma, it continues at
 * that key. A raw `"usage":{` can't sit inside a JSON string (its quotes would be escaped), so it is a
 * real key; the rest of the walk then proves it closes the object it sits in and then the line. That
 * this object is `message` holds for Claude Code's assistant lines, where `message` is the only
 * top-level object: the jump is kept only when the line's type is `assistant`, else it is redone. Only
 * `message.id` and `model` could hide in the bytes jumped over, so it is taken only once both were read
 * (Claude Code writes them before the content; a writer that sorts keys puts them after it).
 *
 * A key spelled with escapes is not compared byte for byte: the walk gives up and JSON.parse reads it.
 */
function extractFast(buf: Buffer, start: number, end: number, jump: boolean): Extracted | undefined {
  const fields: Record<string, unknown> = {};
  let nullField: string | undefined;
  let failed = false;
  let jumped = false;
  const top = walkObject(buf, start, end, (ks, ke, v) => {
    if (hasBackslash(buf, ks, ke)) return fail();
    const len = ke - ks;
    for (let k = 0; k < STRING_KEYS.length; k++) {
      const key = STRING_KEYS[k]!;
      if (len === key.length && bytesEqual(buf, ks, ke, key)) return readField(STRING_NAMES[k]!, v);
    }
    if (len === 7 && bytesEqual(buf, ks, ke, K.message)) {
      if (buf[v] !== 0x7b) return readField('message', v);
      const message: Record<string, unknown> = {};
      fields.message = message;
      return walkObject(buf, v, end, (mks, mke, mv) => {
        if (hasBackslash(buf, mks, mke)) return fail();
        const mlen = mke - mks;
        if (jump && mlen === 7 && 'id' in message && 'model' in message && bytesEqual(buf, mks, mke, K.content)) {
          const at = USAGE_MARKER(buf, mv, end);
          if (at > mv && buf[at - 1] === 0x2c && USAGE_MARKER(buf, start, mv) < 0 && USAGE_MARKER(buf, at + USAGE_MARKER_LENGTH, end) < 0) {
            jumped = true;
            return at - 1;
          }
          return undefined;
        }
        if (mlen === 2 && bytesEqual(buf, mks, mke, K.id)) return readInto(message, 'id', mv);
        if (mlen === 5 && bytesEqual(buf, mks, mke, K.model)) return readInto(message, 'model', mv);
        if (mlen === 5 && bytesEqual(buf, mks, mke, K.usage)) {
          if (buf[mv] !== 0x7b) return readInto(message, 'usage', mv);
          const usage: Record<string, unknown> = {};
          message.usage = usage;
          return walkObject(buf, mv, end, (uks, uke, uv) => {
            if (hasBackslash(buf, uks, uke)) return fail();
            const name = usageKey(buf, uks, uke);
            if (name === undefined) return undefined;
            if (name === 'cache_creation' || name === 'output_tokens_details') {
              if (buf[uv] !== 0x7b) return readInto(usage, name, uv);
              const nested: Record<string, unknown> = {};
              usage[name] = nested;
              return walkObject(buf, uv, end, (nks, nke, nv) => {
                if (hasBackslash(buf, nks, nke)) return fail();
                const nestedName = usageKey(buf, nks, nke);
                return nestedName === undefined ? undefined : readInto(nested, nestedName, nv);
              });
            }
            return readInto(usage, name, uv);
          });
        }
        return undefined;
      });
    }
    if (len === 11 && bytesEqual(buf, ks, ke, K.isSidechain)) return readField('isSidechain', v);
    if (len === 7 && bytesEqual(buf, ks, ke, K.costUSD)) return readField('costUSD', v);
    if (len === 17 && bytesEqual(buf, ks, ke, K.isApiErrorMessage)) return readField('isApiErrorMessage', v);
    return undefined;
  });
  if (top < 0 || failed || skipWhitespace(buf, top, end) !== end) return undefined;
  if (jumped && fields.type !== 'assistant') return extractFast(buf, start, end, false);
  // A null that rejects a usage line (as ccusage) says nothing about a line without usage.
  if (nullField && hasUsage(fields.message)) return { ok: false, reason: `null ${nullField}` };
  return { ok: true, fields };

  function fail(): number {
    failed = true;
    return -1;
  }
  function readField(name: string, v: number): number {
    return readInto(fields, name, v);
  }
  function readInto(target: Record<string, unknown>, name: string, v: number): number {
    const r = buf[v] === 0x22 ? readString(buf, v, end) : readScalar(buf, v, end);
    if (!r) {
      failed = true;
      return -1;
    }
    if (r[0] === null) {
      if (NULL_REJECTS.has(name) && target === fields) nullField ??= name;
      else if (target !== fields) target[name] = null; // inside message: let the schema say what is wrong
      return r[1];
    }
    target[name] = r[0];
    return r[1];
  }
}

function hasUsage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && 'usage' in message;
}

function fromObject(parsed: unknown): Extracted {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, reason: 'not a JSON object' };
  const line = parsed as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  const message = line.message;
  if (typeof message !== 'object' || message === null) {
    fields.message = message;
    return { ok: true, fields };
  }
  // Only the members the line has: a message without `usage` is not a usage line (usageLine.ts), and
  // its nulls are nobody's concern.
  const m = message as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const name of ['id', 'model', 'usage']) if (name in m) picked[name] = m[name];
  fields.message = picked;
  if (!('usage' in m)) return { ok: true, fields };
  for (const name of [...STRING_NAMES, 'isSidechain', 'costUSD', 'isApiErrorMessage']) {
    const value = line[name];
    if (value === null && NULL_REJECTS.has(name)) return { ok: false, reason: `null ${name}` };
    if (value !== undefined && value !== null) fields[name] = value;
  }
  for (const name of ['id', 'model']) if (m[name] === null) return { ok: false, reason: `null ${name}` };
  return { ok: true, fields };
}
