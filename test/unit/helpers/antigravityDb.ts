// Antigravity conversation databases (see src/core/sources/antigravity/conversationParser.ts): the
// protobuf blobs are encoded here, the database is made by the real SQLite (python3's sqlite3) with the
// tables of a real conversation file, in WAL mode with the commits left in `-wal`.
import { writeWalDatabase } from './walSqlite';

const STATEMENTS = String.raw`
if spec['gen']: c.execute("CREATE TABLE IF NOT EXISTS gen_metadata (idx INTEGER PRIMARY KEY, data BLOB, size INTEGER)")
c.execute("CREATE TABLE IF NOT EXISTS steps (idx INTEGER PRIMARY KEY, step_type INTEGER, status INTEGER, metadata BLOB, step_payload BLOB)")
c.execute("CREATE TABLE IF NOT EXISTS trajectory_metadata_blob (id TEXT, data BLOB)")
blob = lambda h: None if h is None else bytes.fromhex(h)
for idx, h in spec['gens']: c.execute("INSERT OR REPLACE INTO gen_metadata (idx, data, size) VALUES (?, ?, 0)", (idx, blob(h)))
for idx, h in spec['steps']: c.execute("INSERT OR REPLACE INTO steps (idx, step_type, status, metadata) VALUES (?, 15, 3, ?)", (idx, blob(h)))
for h in spec['trajectory']: c.execute("INSERT INTO trajectory_metadata_blob (id, data) VALUES ('main', ?)", (blob(h),))
`;

function varint(v: number): number[] {
  const out: number[] = [];
  let n = BigInt(v);
  do {
    const b = Number(n & 0x7fn);
    n >>= 7n;
    out.push(n > 0n ? b | 0x80 : b);
  } while (n > 0n);
  return out;
}

export const fieldVarint = (n: number, v: number): Buffer => Buffer.from([...varint(n * 8), ...varint(v)]);
export const fieldBytes = (n: number, b: Buffer | string): Buffer => {
  const body = typeof b === 'string' ? Buffer.from(b, 'utf8') : b;
  return Buffer.concat([Buffer.from([...varint(n * 8 + 2), ...varint(body.length)]), body]);
};

export interface Usage {
  modelId?: number;
  input?: number;
  totalOutput?: number;
  cacheWrite?: number;
  cacheRead?: number;
  reasoning?: number;
  output?: number;
  messageId?: string;
  responseId?: string;
  providerId?: string;
}

export function usageBlob(u: Usage): Buffer {
  const parts: Buffer[] = [];
  if (u.modelId) parts.push(fieldVarint(1, u.modelId));
  for (const [f, v] of [[2, u.input], [3, u.totalOutput], [4, u.cacheWrite], [5, u.cacheRead], [9, u.reasoning], [10, u.output]] as const) if (v) parts.push(fieldVarint(f, v));
  if (u.messageId) parts.push(fieldBytes(7, u.messageId));
  if (u.responseId) parts.push(fieldBytes(11, u.responseId));
  if (u.providerId) parts.push(fieldBytes(12, u.providerId));
  return Buffer.concat(parts);
}

/** A `{1 seconds, 2 nanos}` time of an epoch-ms instant. */
export function timeBlob(ms: number): Buffer {
  return Buffer.concat([fieldVarint(1, Math.floor(ms / 1000)), fieldVarint(2, (ms % 1000) * 1_000_000)]);
}

const retry = (u: Usage): Buffer => fieldBytes(2, usageBlob(u));

/** A gen_metadata row: the chat model message (field 1) with its usage, retries, time and model. */
export function genBlob(o: { model?: string; modelId?: number; usage?: Usage; time?: number; retries?: Usage[]; model21?: string }): Buffer {
  const chat: Buffer[] = [];
  if (o.modelId) chat.push(fieldVarint(3, o.modelId));
  if (o.usage) chat.push(fieldBytes(4, usageBlob(o.usage)));
  if (o.time !== undefined) chat.push(fieldBytes(9, fieldBytes(4, timeBlob(o.time))));
  for (const r of o.retries ?? []) chat.push(fieldBytes(17, retry(r)));
  if (o.model) chat.push(fieldBytes(19, o.model));
  if (o.model21) chat.push(fieldBytes(21, o.model21));
  return fieldBytes(1, Buffer.concat(chat));
}

/** A steps.metadata blob: time (field 8, or 1 with `time1`), usage, model info, retries. */
export function stepBlob(o: { model?: string; modelId?: number; provider?: number; usage?: Usage; time?: number; time1?: number; retries?: Usage[] }): Buffer {
  const parts: Buffer[] = [];
  if (o.time1 !== undefined) parts.push(fieldBytes(1, timeBlob(o.time1)));
  if (o.time !== undefined) parts.push(fieldBytes(8, timeBlob(o.time)));
  if (o.usage) parts.push(fieldBytes(9, usageBlob(o.usage)));
  const info: Buffer[] = [];
  if (o.modelId) info.push(fieldVarint(1, o.modelId));
  if (o.provider) info.push(fieldVarint(7, o.provider));
  if (o.model) info.push(fieldBytes(12, o.model));
  if (info.length > 0) parts.push(fieldBytes(24, Buffer.concat(info)));
  for (const r of o.retries ?? []) parts.push(fieldBytes(28, retry(r)));
  return Buffer.concat(parts);
}

/** A trajectory_metadata_blob row with the conversation's creation time (field 2). */
export function trajectoryBlob(ms: number): Buffer {
  return fieldBytes(2, timeBlob(ms));
}

export interface AntigravityDb {
  gens?: [number, Buffer | null][];
  steps?: [number, Buffer | null][];
  trajectory?: Buffer[];
  /** false: no gen_metadata table. */
  genTable?: boolean;
}

/** Writes (or adds to) the conversation database at `path`. */
export function writeAntigravityDb(path: string, db: AntigravityDb): void {
  const hex = (b: Buffer | null): string | null => (b === null ? null : b.toString('hex'));
  const spec = {
    gen: db.genTable !== false,
    gens: (db.gens ?? []).map(([i, b]) => [i, hex(b)]),
    steps: (db.steps ?? []).map(([i, b]) => [i, hex(b)]),
    trajectory: (db.trajectory ?? []).map(hex),
  };
  writeWalDatabase(path, STATEMENTS, spec);
}
