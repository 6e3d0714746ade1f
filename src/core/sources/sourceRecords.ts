// Small pieces the sources added for issue 6 share: a usage record from a source's own key, and reading
// an SQLite image (with its write-ahead log) that may be caught mid-checkpoint.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { hashUtf8 } from '../scan/byteValues';
import { applyWal, SqliteFormatError, SqliteImage, type SqlValue } from '../scan/sqliteReader';
import type { UsageRecord } from '../scan/usageRecord';
import type { SourceId } from '../types';
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

/**
 * Runs `read` over the database image with its log applied. False when the image is not consistent
 * (caught mid-checkpoint: read again next scan); `read` should collect, and report only once this
 * returns true.
 */
export function readSqlite(bytes: Buffer, wal: Buffer | undefined, read: (db: SqliteImage) => void): boolean {
  try {
    read(new SqliteImage(applyWal(bytes, wal)));
    return true;
  } catch (err) {
    if (err instanceof SqliteFormatError || err instanceof RangeError) return false;
    throw err;
  }
}

/** The SQLite database `name` in each root that has one, read whole with its `-wal` log. */
export function sqliteFiles(roots: string[], name: string): SourceFile[] {
  return [...new Set(roots)].filter((r) => existsSync(join(r, name))).map((root) => ({ path: join(root, name), root, mode: 'whole', companions: [join(root, `${name}-wal`)] }));
}
