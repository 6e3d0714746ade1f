// Picks the fields usage accounting needs out of one Claude Code JSONL line. The fast path walks the
// bytes and skips `message.content` (the bulk of a line) without decoding it; when the walk meets
// anything unexpected, the whole line goes through JSON.parse instead.
import { ascii, bytesEqual, readLiteral, readString, skipValue, walkObject } from '../../scan/jsonBytes';

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
  id: ascii('id'),
  model: ascii('model'),
  usage: ascii('usage'),
};

/** Fields that make a line unusable when literally null (ccusage applies the same rule). */
const NULL_REJECTS = new Set(['id', 'cwd', 'model', 'costUSD', 'version', 'sessionId', 'requestId', 'isApiErrorMessage']);

export type Extracted = { ok: true; fields: Record<string, unknown> } | { ok: false; reason: string };

const STRING_KEYS = [K.timestamp, K.sessionId, K.cwd, K.gitBranch, K.requestId, K.version];
const STRING_NAMES = ['timestamp', 'sessionId', 'cwd', 'gitBranch', 'requestId', 'version'];

export function extractClaudeLine(buf: Buffer, start: number, end: number): Extracted {
  const fast = extractFast(buf, start, end);
  if (fast) return fast;
  let parsed: unknown;
  try {
    parsed = JSON.parse(buf.toString('utf8', start, end));
  } catch {
    return { ok: false, reason: 'malformed JSON' };
  }
  return fromObject(parsed);
}

function extractFast(buf: Buffer, start: number, end: number): Extracted | undefined {
  const fields: Record<string, unknown> = {};
  let nullField: string | undefined;
  let failed = false;
  const top = walkObject(buf, start, end, (ks, ke, v) => {
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
        const mlen = mke - mks;
        if (mlen === 2 && bytesEqual(buf, mks, mke, K.id)) return readInto(message, 'id', mv);
        if (mlen === 5 && bytesEqual(buf, mks, mke, K.model)) return readInto(message, 'model', mv);
        if (mlen === 5 && bytesEqual(buf, mks, mke, K.usage)) {
          const after = skipValue(buf, mv, end);
          if (after < 0) return -1;
          try {
            message.usage = JSON.parse(buf.toString('utf8', mv, after));
          } catch {
            return -1;
          }
          return after;
        }
        return undefined;
      });
    }
    if (len === 11 && bytesEqual(buf, ks, ke, K.isSidechain)) return readField('isSidechain', v);
    if (len === 7 && bytesEqual(buf, ks, ke, K.costUSD)) return readField('costUSD', v);
    if (len === 17 && bytesEqual(buf, ks, ke, K.isApiErrorMessage)) return readField('isApiErrorMessage', v);
    return undefined;
  });
  if (top < 0 || failed) return undefined;
  if (nullField) return { ok: false, reason: `null ${nullField}` };
  return { ok: true, fields };

  function readField(name: string, v: number): number {
    return readInto(fields, name, v);
  }
  function readInto(target: Record<string, unknown>, name: string, v: number): number {
    const r = buf[v] === 0x22 ? readString(buf, v, end) : readLiteral(buf, v, end);
    if (!r) {
      failed = true;
      return -1;
    }
    if (r[0] === null) {
      if (NULL_REJECTS.has(name)) nullField ??= name;
      return r[1];
    }
    target[name] = r[0];
    return r[1];
  }
}

function fromObject(parsed: unknown): Extracted {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, reason: 'not a JSON object' };
  const line = parsed as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const name of [...STRING_NAMES, 'isSidechain', 'costUSD', 'isApiErrorMessage']) {
    const value = line[name];
    if (value === null && NULL_REJECTS.has(name)) return { ok: false, reason: `null ${name}` };
    if (value !== undefined && value !== null) fields[name] = value;
  }
  const message = line.message;
  if (typeof message === 'object' && message !== null) {
    const m = message as Record<string, unknown>;
    for (const name of ['id', 'model']) if (m[name] === null) return { ok: false, reason: `null ${name}` };
    fields.message = { id: m.id, model: m.model, usage: m.usage };
  } else {
    fields.message = message;
  }
  return { ok: true, fields };
}
