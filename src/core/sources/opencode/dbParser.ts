// OpenCode's database (log-formats.md §5.2–5.3): one `message` row per message, `data` a JSON text;
// assistant messages carry `tokens {input, output, reasoning, cache: {read, write}, total}` (input
// without cache) and the `cost` OpenCode computed (0 for subscription or free providers: then the list
// price applies, as in ccusage). The same message in the legacy JSON store and the database counts once
// (keyed by message id). Reasoning, and any rest of `total` beyond the other fields, are output
// (to output itself when it is 0), as ccusage counts them. The project is the session's directory.
import type { ParseSink } from '../../scan/fileParser';
import { hashUtf8 } from '../../scan/byteValues';
import type { DocumentParser } from '../../scan/readWholeFile';
import type { SqlValue } from '../../scan/sqliteReader';
import { sqliteDocumentParser } from '../sourceRecords';
import type { UsageRecord } from '../../scan/usageRecord';
import { isObject } from '../../scan/jsonLine';

type Json = Record<string, unknown>;


function n(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.trunc(v) : 0;
}

function text(v: SqlValue | undefined): string | undefined {
  return typeof v === 'string' ? v : v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : undefined;
}

/** A message file of the legacy JSON store (`storage/message/<session>/<message>.json`). */
export function createOpencodeMessageFileParser(): DocumentParser {
  return {
    parseDocument(doc: unknown, sink: ParseSink): void {
      if (!isObject(doc)) {
        sink.skip('not an OpenCode message');
        return;
      }
      const r = toRecord({ id: typeof doc.id === 'string' ? doc.id : null, session_id: typeof doc.sessionID === 'string' ? doc.sessionID : null, data: JSON.stringify(doc) }, new Map(), sink);
      if (r) sink.record(r);
    },
    state(): unknown {
      return undefined;
    },
  };
}

export function createOpencodeDbParser(): DocumentParser {
  return sqliteDocumentParser('OpenCode', (db, sink) => {
    if (!db.columns('message')) {
      sink.skip('no message table (an OpenCode schema this version does not read)');
      return;
    }
    const dirs = new Map<string, string>();
    for (const s of db.rows('session')) {
      const id = text(s.id);
      const dir = text(s.directory);
      if (id && dir) dirs.set(id, dir);
    }
    for (const row of db.rows('message')) {
      const r = toRecord(row, dirs, sink);
      if (r) sink.record(r);
    }
  });
}

function toRecord(row: Record<string, SqlValue>, dirs: Map<string, string>, sink: ParseSink): UsageRecord | undefined {
  const raw = text(row.data);
  if (raw === undefined || !raw.includes('"tokens"')) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    sink.skip('malformed message data');
    return undefined;
  }
  if (!isObject(data) || data.role === 'user' || !isObject(data.tokens)) return undefined;
  const t = data.tokens;
  const cache = isObject(t.cache) ? t.cache : {};
  const input = n(t.input);
  let output = n(t.output);
  const cacheRead = n(cache.read);
  const cacheCreation = n(cache.write);
  const reasoning = n(t.reasoning);
  let extra = reasoning;
  const missing = Math.max(0, n(t.total) - (input + output + cacheRead + cacheCreation + reasoning));
  if (missing > 0) {
    if (output === 0) output = missing;
    else extra += missing;
  }
  if (input + output + cacheRead + cacheCreation + extra === 0) return undefined;
  const time = isObject(data.time) ? data.time : {};
  const ts = typeof time.created === 'number' ? time.created : typeof row.time_created === 'number' ? row.time_created : undefined;
  if (ts === undefined) {
    sink.skip('invalid timestamp');
    return undefined;
  }
  const id = text(row.id) ?? '';
  const sessionId = text(row.session_id) ?? (typeof data.sessionID === 'string' ? data.sessionID : '');
  const path = isObject(data.path) ? data.path : {};
  const project = dirs.get(sessionId) ?? (typeof path.cwd === 'string' ? path.cwd : typeof path.root === 'string' ? path.root : '');
  const model = typeof data.modelID === 'string' && data.modelID ? data.modelID : undefined;
  const cost = typeof data.cost === 'number' && Number.isFinite(data.cost) && data.cost > 0 ? data.cost : undefined;
  return {
    source: 'opencode',
    sessionId,
    project,
    model: model ?? 'unknown',
    ...(model ? {} : { modelIsFallback: true }),
    timestamp: ts,
    input,
    output: output + extra,
    cacheCreation,
    cacheCreation1h: 0,
    cacheRead,
    reasoning,
    ...(cost !== undefined ? { costUSD: cost } : {}),
    key1: hashUtf8(`opencode|${id}`),
    key2: 0,
    hasKey: id !== '',
    sidechain: false,
  };
}
