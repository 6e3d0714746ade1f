// A small read-only SQLite reader over bytes already read into memory: enough to list a table's rows
// (table b-trees, records, overflow pages, UTF-8 text), with the write-ahead log applied. Agents keep
// their SQLite files open in WAL mode, where recent commits live only in `<db>-wal` until a checkpoint;
// a WASM SQLite (sql.js) would not see them, and Node 20 (VS Code's) has no node:sqlite, so a native
// build would be needed per platform. Reading the format directly needs neither, and runs
// synchronously inside the scan workers. Never writes; an inconsistent image (caught mid-checkpoint)
// throws SqliteFormatError and the caller retries next scan.

import { columnNames, isWellFormed, tableSchema } from './sqliteSchema';

export { columnNames };

export class SqliteFormatError extends Error {}

export type SqlValue = null | number | string | Uint8Array;

const MAGIC = 'SQLite format 3\u0000';

function fail(msg: string): never {
  throw new SqliteFormatError(msg);
}

/** The database image with the committed frames of `wal` (if any) applied. */
export function applyWal(db: Buffer, wal: Buffer | undefined): Buffer {
  if (!wal || wal.length < 32) return db;
  const magic = wal.readUInt32BE(0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return db;
  const bigEndian = magic === 0x377f0683;
  const pageSize = wal.readUInt32BE(8);
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  let [s0, s1] = checksum(wal, 0, 24, 0, 0, bigEndian);
  if (s0 !== wal.readUInt32BE(24) || s1 !== wal.readUInt32BE(28)) return db;
  const frameSize = 24 + pageSize;
  const pending = new Map<number, number>(); // page → frame offset, in the open transaction
  const committed = new Map<number, number>();
  let dbPages = 0;
  for (let at = 32; at + frameSize <= wal.length; at += frameSize) {
    if (wal.readUInt32BE(at + 8) !== salt1 || wal.readUInt32BE(at + 12) !== salt2) break;
    [s0, s1] = checksum(wal, at, 8, s0, s1, bigEndian);
    [s0, s1] = checksum(wal, at + 24, pageSize, s0, s1, bigEndian);
    if (s0 !== wal.readUInt32BE(at + 16) || s1 !== wal.readUInt32BE(at + 20)) break;
    pending.set(wal.readUInt32BE(at), at + 24);
    const commitSize = wal.readUInt32BE(at + 4);
    if (commitSize > 0) {
      for (const [p, off] of pending) committed.set(p, off);
      pending.clear();
      dbPages = commitSize;
    }
  }
  if (committed.size === 0) return db;
  const image = Buffer.alloc(dbPages * pageSize);
  db.copy(image, 0, 0, Math.min(db.length, image.length));
  for (const [page, off] of committed) if (page >= 1 && page <= dbPages) wal.copy(image, (page - 1) * pageSize, off, off + pageSize);
  return image;
}

/** SQLite's WAL checksum over [at, at + len) (len a multiple of 8), continuing from (s0, s1). */
function checksum(b: Buffer, at: number, len: number, s0: number, s1: number, bigEndian: boolean): [number, number] {
  for (let i = at; i < at + len; i += 8) {
    const x0 = bigEndian ? b.readUInt32BE(i) : b.readUInt32LE(i);
    const x1 = bigEndian ? b.readUInt32BE(i + 4) : b.readUInt32LE(i + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
}

export class SqliteImage {
  private readonly pageSize: number;
  private readonly usable: number;
  private readonly pageCount: number;
  private schema: { type: string; name: string; rootpage: number; sql: string }[] | undefined;

  constructor(private readonly bytes: Buffer) {
    if (bytes.length < 100 || bytes.toString('latin1', 0, 16) !== MAGIC) fail('not an SQLite database');
    const ps = bytes.readUInt16BE(16);
    this.pageSize = ps === 1 ? 65536 : ps;
    if (this.pageSize < 512 || (this.pageSize & (this.pageSize - 1)) !== 0) fail('bad page size');
    this.usable = this.pageSize - bytes[20]!;
    if (this.usable < 480) fail('bad reserved space');
    if (bytes.readUInt32BE(56) > 1) fail('only UTF-8 databases are read');
    this.pageCount = Math.floor(bytes.length / this.pageSize);
  }

  /** Column names of a table, from its CREATE TABLE statement; undefined when there is no such table. */
  columns(table: string): string[] | undefined {
    const entry = this.master().find((e) => e.type === 'table' && e.name === table);
    return entry ? columnNames(entry.sql) : undefined;
  }

  /**
   * Every row of `table` as an object keyed by column name, as SQLite reads it: an INTEGER PRIMARY KEY
   * column is the rowid, and a column added after the row was stored has its DEFAULT.
   */
  *rows(table: string): Generator<Record<string, SqlValue>> {
    const entry = this.master().find((e) => e.type === 'table' && e.name === table);
    if (!entry) return;
    if (!isWellFormed(entry.sql)) fail(`damaged schema of ${table}`);
    const { columns, withoutRowid } = tableSchema(entry.sql);
    if (withoutRowid) fail(`${table} is a WITHOUT ROWID table`);
    for (const [rowid, values] of this.tableRecords(entry.rootpage)) {
      const row: Record<string, SqlValue> = {};
      columns.forEach((c, i) => (row[c.name] = c.rowidAlias ? rowid : i < values.length ? values[i]! : c.missing));
      yield row;
    }
  }

  private master(): { type: string; name: string; rootpage: number; sql: string }[] {
    if (!this.schema) {
      this.schema = [];
      for (const [, v] of this.tableRecords(1)) {
        const [type, name, , rootpage, sql] = v;
        if (typeof type === 'string' && typeof name === 'string' && typeof rootpage === 'number' && typeof sql === 'string') this.schema.push({ type, name, rootpage, sql });
      }
    }
    return this.schema;
  }

  private page(n: number): number {
    if (n < 1 || n > this.pageCount) fail(`page ${n} out of range`);
    return (n - 1) * this.pageSize;
  }

  /**
   * The rowids and records of a table b-tree, in rowid order (iterative). Damage is refused, never read
   * past: a page reached twice (a cycle, or a page in two places), a page with no cells below the root
   * or interior (as SQLite), cells outside their page, a payload larger than the file.
   */
  private *tableRecords(root: number): Generator<[number, SqlValue[]]> {
    const used = new Set<number>();
    const stack = [root];
    while (stack.length > 0) {
      const n = stack.pop()!;
      const start = this.use(used, n);
      const hdr = start + (n === 1 ? 100 : 0);
      const kind = this.bytes[hdr]!;
      if (kind !== 0x05 && kind !== 0x0d) fail(`page ${n} is not a table b-tree page`);
      const cells = this.bytes.readUInt16BE(hdr + 3);
      const pointers = hdr + (kind === 0x05 ? 12 : 8);
      const end = start + this.usable;
      if (pointers + 2 * cells > end - 4 * cells) fail(`page ${n}: ${cells} cells do not fit`);
      if (cells === 0 && (n !== root || (kind === 0x05 && n !== 1))) fail(`page ${n}: no cells`);
      const cell = (i: number): number => {
        const at = start + this.bytes.readUInt16BE(pointers + 2 * i);
        if (at < pointers + 2 * cells || at > end - 4) fail(`page ${n}: cell ${i} outside the page`);
        return at;
      };
      if (kind === 0x05) {
        const children: number[] = [];
        for (let i = 0; i < cells; i++) children.push(this.bytes.readUInt32BE(cell(i)));
        children.push(this.bytes.readUInt32BE(hdr + 8));
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      } else {
        for (let i = 0; i < cells; i++) yield this.leafRecord(cell(i), end, used);
      }
    }
  }

  /** Page `n`'s offset, once per walk: a page met again is damage (a cycle, or shared by two parents). */
  private use(used: Set<number>, n: number): number {
    if (used.has(n)) fail(`page ${n} reached twice`);
    used.add(n);
    return this.page(n);
  }

  private leafRecord(cell: number, end: number, used: Set<number>): [number, SqlValue[]] {
    const [size, a] = varint(this.bytes, cell);
    const [rowid, b] = signedVarint(this.bytes, a);
    if (b > end) fail('cell header outside its page');
    return [rowid, decodeRecord(this.payload(b, size, end, used))];
  }

  /** A cell's payload: its local part (which must end inside the page), then its overflow pages. */
  private payload(at: number, size: number, end: number, used: Set<number>): Buffer {
    const u = this.usable;
    const x = u - 35;
    if (size <= x) {
      if (at + size > end) fail('cell outside its page');
      return this.bytes.subarray(at, at + size);
    }
    if (size > this.pageCount * u) fail('payload larger than the database');
    const m = Math.floor(((u - 12) * 32) / 255) - 23;
    const k = m + ((size - m) % (u - 4));
    const local = k <= x ? k : m;
    if (at + local + 4 > end) fail('cell outside its page');
    const out = Buffer.allocUnsafe(size);
    this.bytes.copy(out, 0, at, at + local);
    let filled = local;
    let next = this.bytes.readUInt32BE(at + local);
    while (filled < size) {
      if (next === 0) fail('broken overflow chain');
      const p = this.use(used, next);
      const n = Math.min(u - 4, size - filled);
      this.bytes.copy(out, filled, p + 4, p + 4 + n);
      filled += n;
      next = this.bytes.readUInt32BE(p);
    }
    return out;
  }
}

function varint(b: Buffer, at: number): [number, number] {
  let v = 0;
  for (let i = 0; i < 8; i++) {
    const byte = b[at + i]!;
    v = v * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [v, at + i + 1];
  }
  return [v * 256 + b[at + 8]!, at + 9];
}

/** A varint read as SQLite's signed 64-bit integer (a rowid), as the nearest number. */
function signedVarint(b: Buffer, at: number): [number, number] {
  const [v, next] = varint(b, at);
  if (next - at < 9) return [v, next];
  let big = 0n;
  for (let i = 0; i < 8; i++) big = (big << 7n) | BigInt(b[at + i]! & 0x7f);
  return [Number(BigInt.asIntN(64, (big << 8n) | BigInt(b[at + 8]!))), next];
}

/** A record's values; a header or values that do not fill the payload exactly are damage. */
function decodeRecord(p: Buffer): SqlValue[] {
  const [headerSize, first] = varint(p, 0);
  if (headerSize < first || headerSize > p.length) fail('bad record header');
  const types: number[] = [];
  for (let at = first; at < headerSize; ) {
    const [t, next] = varint(p, at);
    if (next > headerSize) fail('bad record header');
    types.push(t);
    at = next;
  }
  const out: SqlValue[] = [];
  let at = headerSize;
  const need = (len: number): void => {
    if (at + len > p.length) fail('record shorter than its header');
  };
  for (const t of types) {
    if (t === 0) out.push(null);
    else if (t >= 1 && t <= 6) {
      const len = [0, 1, 2, 3, 4, 6, 8][t]!;
      need(len);
      out.push(len === 8 ? Number(p.readBigInt64BE(at)) : p.readIntBE(at, len));
      at += len;
    } else if (t === 7) {
      need(8);
      out.push(p.readDoubleBE(at));
      at += 8;
    } else if (t === 8 || t === 9) out.push(t - 8);
    else if (t >= 12) {
      const len = Math.floor((t - 12) / 2);
      need(len);
      out.push(t % 2 === 1 ? p.toString('utf8', at, at + len) : p.subarray(at, at + len));
      at += len;
    } else fail(`bad serial type ${t}`);
  }
  // As SQLite: the values the header describes fill the payload exactly.
  if (at !== p.length) fail('record size does not match its header');
  return out;
}
