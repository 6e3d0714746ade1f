// What SQLite read (as test/unit/helpers/sqliteCorpus.py writes it) against what our reader reads.
import { createHash } from 'node:crypto';
import { SqliteFormatError, SqliteImage, type SqlValue } from '../../../src/core/scan/sqliteReader';

/**
 * A value as the Python side tags it: integers and reals as strings (exact), blobs as hex, text and blobs
 * over 256 bytes as the SHA-256 of their bytes and their length.
 */
export type Tagged = null | string | { i: string } | { r: string } | { b: string } | { ht: string; n: number } | { hb: string; n: number };

export interface ExpectedTable {
  name: string;
  columns?: string[];
  rows?: Tagged[][];
  /** Set when SQLite itself could not read the table (a corrupted file). */
  error?: string;
  withoutRowid: boolean;
}

export interface Expected {
  integrity?: string;
  tables?: ExpectedTable[];
  /** Set when SQLite could not read the schema at all. */
  error?: string;
  pages?: [number, string, string][];
}

/**
 * The value our reader should give for a tagged one: integers beyond 2^53 as the nearest double (the
 * reader's numbers are doubles), reals exactly (Python's repr round-trips), -0.0 kept.
 */
export function untag(t: Exclude<Tagged, { ht: string } | { hb: string }>): SqlValue {
  if (t === null || typeof t === 'string') return t;
  if ('i' in t) return Number(BigInt(t.i));
  if ('r' in t) return t.r === 'inf' ? Infinity : t.r === '-inf' ? -Infinity : Number(t.r);
  return Buffer.from(t.b, 'hex');
}

const sha256 = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

/** Whether our value is the tagged one (numbers by value: REAL columns store integral reals as integers). */
function same(a: SqlValue, t: Tagged): boolean {
  if (t !== null && typeof t === 'object' && 'ht' in t) return typeof a === 'string' && sha256(Buffer.from(a, 'utf8')) === t.ht;
  if (t !== null && typeof t === 'object' && 'hb' in t) return a instanceof Uint8Array && sha256(a) === t.hb;
  const b = untag(t);
  if (a instanceof Uint8Array || b instanceof Uint8Array) return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.from(a).equals(Buffer.from(b));
  return a === b;
}

function show(v: SqlValue | Tagged | undefined): string {
  if (v instanceof Uint8Array) return `blob(${v.length}) ${Buffer.from(v.subarray(0, 16)).toString('hex')}…`;
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…(${v.length})` : v);
  if (v !== null && typeof v === 'object' && ('ht' in v || 'hb' in v)) return `${'ht' in v ? 'text' : 'blob'} of ${v.n} bytes, sha256 ${('ht' in v ? v.ht : v.hb).slice(0, 12)}…`;
  return v !== null && typeof v === 'object' ? show(untag(v)) : String(v);
}

/** Reads `table` with our reader: its columns and rows as value lists, in b-tree (rowid) order. */
export function readTable(db: SqliteImage, table: string): { columns: string[]; rows: SqlValue[][] } | undefined {
  const columns = db.columns(table);
  if (!columns) return undefined;
  const rows: SqlValue[][] = [];
  for (const r of db.rows(table)) rows.push(columns.map((c) => r[c] ?? null));
  return { columns, rows };
}

/**
 * The first difference between our reading of `table` and SQLite's, or undefined when they agree.
 * `byPosition` (the rows before a damage that garbled the schema's text): column names may differ, a
 * column lost is no wrong value, a column gained must be empty.
 */
export function diffTable(ours: { columns: string[]; rows: SqlValue[][] } | undefined, expected: ExpectedTable, byPosition = false): string | undefined {
  if (!ours) return `table ${JSON.stringify(expected.name)}: not found by our reader`;
  const want = expected.columns ?? [];
  if (!byPosition && JSON.stringify(ours.columns) !== JSON.stringify(want)) return `table ${JSON.stringify(expected.name)}: columns ${JSON.stringify(ours.columns)}, SQLite ${JSON.stringify(want)}`;
  const rows = expected.rows ?? [];
  if (ours.rows.length !== rows.length) return `table ${JSON.stringify(expected.name)}: ${ours.rows.length} rows, SQLite ${rows.length}`;
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < ours.columns.length; c++) {
      const a = ours.rows[r]![c]!;
      const b = c < want.length ? rows[r]![c]! : null;
      if (!same(a, b)) return `table ${JSON.stringify(expected.name)} row ${r} column ${JSON.stringify(ours.columns[c])}: ${show(a)}, SQLite ${show(b)}`;
    }
  }
  return undefined;
}

export type Verdict = { kind: 'same' } | { kind: 'format-error'; message: string } | { kind: 'mismatch'; detail: string } | { kind: 'crash'; detail: string };

/**
 * Our reading of every table SQLite listed. A WITHOUT ROWID table (an index b-tree, which the reader does
 * not read) must be refused with SqliteFormatError or read the same; every other table read the same.
 */
export function compareValid(image: () => SqliteImage, expected: Expected): Verdict {
  try {
    const db = image();
    for (const t of expected.tables ?? []) {
      let ours;
      try {
        ours = readTable(db, t.name);
      } catch (err) {
        if (t.withoutRowid && err instanceof SqliteFormatError) continue;
        throw err;
      }
      const d = diffTable(ours, t);
      if (d) return { kind: 'mismatch', detail: d };
    }
    return { kind: 'same' };
  } catch (err) {
    return err instanceof SqliteFormatError ? { kind: 'format-error', message: err.message } : { kind: 'crash', detail: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

/**
 * A damaged file, table by table: our reader may refuse a table (SqliteFormatError) or read rows, but rows
 * it reads must be SQLite's own reading of that file or, for a table SQLite could not read, the rows
 * before the damage. (A WITHOUT ROWID table is refused either way and says nothing about the damage.)
 */
export function compareCorrupted(image: () => SqliteImage, now: Expected, before: Expected): Verdict {
  try {
    const db = image();
    const nowByName = new Map((now.tables ?? []).map((t) => [t.name, t]));
    const beforeByName = new Map((before.tables ?? []).map((t) => [t.name, t]));
    let refused: string | undefined;
    for (const name of new Set([...nowByName.keys(), ...beforeByName.keys()])) {
      const original = beforeByName.get(name);
      let ours;
      try {
        ours = readTable(db, name);
      } catch (err) {
        if (!(err instanceof SqliteFormatError)) throw err;
        if (!original?.withoutRowid) refused ??= err.message;
        continue;
      }
      if (!ours) continue; // a schema entry the damage hid: no rows reported is never wrong rows
      const t = nowByName.get(name);
      const asSqlite = t && !t.error ? diffTable(ours, t) : 'unreadable by SQLite';
      if (!asSqlite) continue;
      const asBefore = original ? diffTable(ours, original, true) : 'no such table before';
      if (asBefore) return { kind: 'mismatch', detail: `${asSqlite}; before the damage: ${asBefore}` };
    }
    return refused ? { kind: 'format-error', message: refused } : { kind: 'same' };
  } catch (err) {
    return err instanceof SqliteFormatError ? { kind: 'format-error', message: err.message } : { kind: 'crash', detail: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}
