// Small pieces the sources added for issue 6 share: a usage record from a source's own key, and reading
// an SQLite image (with its write-ahead log) that may be caught mid-checkpoint.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hashUtf8 } from '../scan/byteValues';
import type { ParseSink } from '../scan/fileParser';
import type { DocumentParser } from '../scan/readWholeFile';
import { applyWal, SqliteFormatError, SqliteImage, type SqlValue } from '../scan/sqliteReader';
import type { UsageRecord } from '../scan/usageRecord';
import type { SourceId, ToolRunEvent } from '../types';
import type { SourceFile } from './logSource';

export interface RecordFields {
  sessionId: string;
  project: string;
  /** Undefined when the log names none: recorded as `unknown`, flagged as a fallback. */
  model: string | undefined;
  timestamp: number;
  input: number;
  output: number;
  cacheCreation?: number;
  cacheRead?: number;
  /** The part of `output` that is reasoning. */
  reasoning?: number;
  costUSD?: number;
}

/** A deduplicable record keyed by `key` (hashed; unique within the source). */
export function usageRecord(source: SourceId, key: string, f: RecordFields): UsageRecord {
  return {
    source,
    sessionId: f.sessionId,
    project: f.project,
    model: f.model ?? 'unknown',
    ...(f.model ? {} : { modelIsFallback: true }),
    timestamp: f.timestamp,
    ...(f.costUSD !== undefined ? { costUSD: f.costUSD } : {}),
    input: f.input,
    output: f.output,
    cacheCreation: f.cacheCreation ?? 0,
    cacheCreation1h: 0,
    cacheRead: f.cacheRead ?? 0,
    reasoning: f.reasoning ?? 0,
    key1: hashUtf8(key),
    key2: 0,
    hasKey: true,
    sidechain: false,
  };
}

/** A TEXT or BLOB column as a trimmed string (undefined when empty or another type). */
export function sqlText(v: SqlValue | undefined): string | undefined {
  const s = typeof v === 'string' ? v : v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : undefined;
  return s?.trim() || undefined;
}

/** A numeric (or numeric TEXT) column as a finite number. */
export function sqlNumber(v: SqlValue | undefined): number | undefined {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** Runs `read` over the database image with its log applied; false when the image is not consistent. */
function readSqlite(bytes: Buffer, wal: Buffer | undefined, read: (db: SqliteImage) => void): boolean {
  try {
    read(new SqliteImage(applyWal(bytes, wal)));
    return true;
  } catch (err) {
    if (err instanceof SqliteFormatError || err instanceof RangeError) return false;
    throw err;
  }
}

/**
 * The parser of a SQLite database read whole with its `-wal` log (its one companion): `read` reports
 * into a sink that holds everything until the image proved consistent, so a read caught
 * mid-checkpoint reports nothing and is done again next scan.
 */
export function sqliteDocumentParser(name: string, read: (db: SqliteImage, sink: ParseSink) => void): DocumentParser {
  return {
    parseDocument(): void {
      throw new Error(`${name} databases are read as bytes`);
    },
    parseBytes(bytes: Buffer, companions: (Buffer | undefined)[], sink: ParseSink): boolean {
      const held = { records: [] as UsageRecord[], skips: [] as string[], runs: [] as ToolRunEvent[] };
      const holding: ParseSink = { record: (r) => held.records.push(r), skip: (reason) => held.skips.push(reason), toolRun: (e) => held.runs.push(e) };
      if (!readSqlite(bytes, companions[0], (db) => read(db, holding))) return false;
      for (const reason of held.skips) sink.skip(reason);
      for (const r of held.records) sink.record(r);
      for (const e of held.runs) sink.toolRun(e);
      return true;
    },
    state(): unknown {
      return undefined;
    },
  };
}

/** The SQLite database `name` in each root that has one, read whole with its `-wal` log. */
export function sqliteFiles(roots: string[], name: string): SourceFile[] {
  return [...new Set(roots)].filter((r) => existsSync(join(r, name))).map((root) => ({ path: join(root, name), root, mode: 'whole', companions: [join(root, `${name}-wal`)] }));
}
