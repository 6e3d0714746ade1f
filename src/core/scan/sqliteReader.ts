// A small read-only SQLite reader over bytes already read into memory: enough to list a table's rows
// (table b-trees, records, overflow pages, UTF-8 text), with the write-ahead log applied. Agents keep
// their SQLite files open in WAL mode, where recent commits live only in `<db>-wal` until a checkpoint;
// a WASM SQLite (sql.js) would not see them, and Node 20 (VS Code's) has no node:sqlite, so a native
// build would be needed per platform. Reading the format directly needs neither, and runs
// synchronously inside the scan workers. Never writes; an inconsistent image (caught mid-checkpoint)
// throws SqliteFormatError and the caller retries next scan.

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
    if (bytes.readUInt32BE(56) > 1) fail('only UTF-8 databases are read');
    this.pageCount = Math.floor(bytes.length / this.pageSize);
  }

  /** Column names of a table, from its CREATE TABLE statement; undefined when there is no such table. */
  columns(table: string): string[] | undefined {
    const entry = this.master().find((e) => e.type === 'table' && e.name === table);
    return entry ? columnNames(entry.sql) : undefined;
  }

  /** Every row of `table` as an object keyed by column name (missing trailing columns are null). */
  *rows(table: string): Generator<Record<string, SqlValue>> {
    const entry = this.master().find((e) => e.type === 'table' && e.name === table);
    if (!entry) return;
    const names = columnNames(entry.sql);
    for (const values of this.tableRecords(entry.rootpage)) {
      const row: Record<string, SqlValue> = {};
      names.forEach((n, i) => (row[n] = values[i] ?? null));
      yield row;
    }
  }

  private master(): { type: string; name: string; rootpage: number; sql: string }[] {
    if (!this.schema) {
      this.schema = [];
      for (const v of this.tableRecords(1)) {
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

  /** The records of a table b-tree, in rowid order (iterative, bounded by the page count). */
  private *tableRecords(root: number): Generator<SqlValue[]> {
    const stack = [root];
    let visited = 0;
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (++visited > this.pageCount) fail('b-tree cycle');
      const start = this.page(n);
      const hdr = start + (n === 1 ? 100 : 0);
      const kind = this.bytes[hdr]!;
      const cells = this.bytes.readUInt16BE(hdr + 3);
      if (kind === 0x05) {
        const children: number[] = [];
        for (let i = 0; i < cells; i++) children.push(this.bytes.readUInt32BE(start + this.bytes.readUInt16BE(hdr + 12 + 2 * i)));
        children.push(this.bytes.readUInt32BE(hdr + 8));
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      } else if (kind === 0x0d) {
        for (let i = 0; i < cells; i++) yield this.leafRecord(start + this.bytes.readUInt16BE(hdr + 8 + 2 * i));
      } else fail(`page ${n} is not a table b-tree page`);
    }
  }

  private leafRecord(cell: number): SqlValue[] {
    const [size, a] = varint(this.bytes, cell);
    const [, b] = varint(this.bytes, a); // rowid
    return decodeRecord(this.payload(b, size));
  }

  /** A cell's payload: its local part, then its overflow pages. */
  private payload(at: number, size: number): Buffer {
    const u = this.usable;
    const x = u - 35;
    if (size <= x) return this.bytes.subarray(at, at + size);
    const m = Math.floor(((u - 12) * 32) / 255) - 23;
    const k = m + ((size - m) % (u - 4));
    const local = k <= x ? k : m;
    const out = Buffer.allocUnsafe(size);
    this.bytes.copy(out, 0, at, at + local);
    let filled = local;
    let next = this.bytes.readUInt32BE(at + local);
    let hops = 0;
    while (filled < size) {
      if (next === 0 || ++hops > this.pageCount) fail('broken overflow chain');
      const p = this.page(next);
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

function decodeRecord(p: Buffer): SqlValue[] {
  const [headerSize, first] = varint(p, 0);
  const types: number[] = [];
  for (let at = first; at < headerSize; ) {
    const [t, next] = varint(p, at);
    types.push(t);
    at = next;
  }
  const out: SqlValue[] = [];
  let at = headerSize;
  for (const t of types) {
    if (t === 0) out.push(null);
    else if (t >= 1 && t <= 6) {
      const len = [0, 1, 2, 3, 4, 6, 8][t]!;
      out.push(len === 8 ? Number(p.readBigInt64BE(at)) : p.readIntBE(at, len));
      at += len;
    } else if (t === 7) {
      out.push(p.readDoubleBE(at));
      at += 8;
    } else if (t === 8 || t === 9) out.push(t - 8);
    else if (t >= 12) {
      const len = Math.floor((t - 12) / 2);
      out.push(t % 2 === 1 ? p.toString('utf8', at, at + len) : p.subarray(at, at + len));
      at += len;
    } else fail(`bad serial type ${t}`);
  }
  return out;
}

const CONSTRAINTS = /^(constraint|primary|foreign|unique|check)\b/i;

/** Column names from `CREATE TABLE name (col type …, …, constraints)`, quotes removed. */
export function columnNames(sql: string): string[] {
  const open = sql.indexOf('(');
  const close = sql.lastIndexOf(')');
  if (open < 0 || close < open) return [];
  const body = sql.slice(open + 1, close);
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (const ch of body) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === '`' || ch === "'") quote = ch;
    else if (ch === '[') quote = ']';
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  parts.push(cur);
  return parts
    .map((p) => p.trim())
    .filter((p) => p && !CONSTRAINTS.test(p))
    .map((p) => {
      const m = /^(?:"((?:[^"]|"")*)"|`([^`]*)`|\[([^\]]*)\]|'([^']*)'|(\S+))/.exec(p);
      return m ? (m[1]?.replace(/""/g, '"') ?? m[2] ?? m[3] ?? m[4] ?? m[5]!) : p;
    });
}
