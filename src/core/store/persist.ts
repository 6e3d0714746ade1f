// The index on disk: one file, `index-v3.bin`, written to a temporary name, flushed and renamed
// (atomicFile.ts), so a reader never sees half a file and concurrent writers never mix two snapshots.
// Layout: a 24-byte lead (magic, the head's offset and length), the records sealed with their own
// checksum (sealedFile.ts), then the head sealed: the length of a JSON header (files, dictionaries,
// counts), the header, padding to 8 bytes, and the saved totals (rollups.ts). Opening reads the lead and
// the head only; the records are read, and their checksum checked, when something needs them (see
// UsageStore). A file that fails a checksum (a disk fault, a copy cut short) is reported, never trusted.
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { type FileHandle, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { columnsFrom, RECORD_BYTES } from './columnBytes';
import { writeFileAtomic, writeFileAtomicAsync } from './atomicFile';
import type { FileEntry } from './fileEntry';
import { LEGACY_FILES, loadLegacySnapshot } from './legacyIndex';
import { COLUMN_NAMES, type ColumnsData, RecordColumns } from './recordColumns';
import { ROLLUP_TIERS, type RollupData, rollupBytes, rollupsFrom, rollupsOf } from './rollups';
import { SEAL_HEADER_BYTES, seal, unseal } from './sealedFile';

export const STORE_VERSION = 3;
export const INDEX_FILE = `index-v${STORE_VERSION}.bin`;
/** Every file the index has been kept in. */
export const INDEX_FILES: readonly string[] = [INDEX_FILE, ...LEGACY_FILES];

const LEAD = Buffer.from('AWUIDX03', 'latin1');
const LEAD_BYTES = 24;

interface IndexHeader {
  version: number;
  savedAt: string;
  /** Names this snapshot; records read later must come from the same one. */
  snapshotId: string;
  recordsBytes: number;
  length: number;
  rollupLength: number;
  rollupTiers: readonly number[];
  files: FileEntry[];
  models: string[];
  sessions: string[];
  projects: string[];
  branches: string[];
}

export type Dictionaries = Pick<ColumnsData, 'models' | 'sessions' | 'projects' | 'branches'>;

/** What opening reads: everything but the records. */
export interface StoreHead {
  files: FileEntry[];
  dictionaries: Dictionaries;
  /** Undefined when saved with other long-context tiers (they are summed again from the records). */
  rollups?: RollupData;
  /** Where the records are, for SavedRecords.load. */
  records: SavedRecords;
}

export interface StoreSnapshot {
  files: FileEntry[];
  columns: ColumnsData;
  rollups?: RollupData;
}

export interface LoadedSnapshot {
  /** A current index: its head, its records still on disk. */
  head?: StoreHead;
  /** An older format, loaded whole; the next save writes the current one. */
  snapshot?: StoreSnapshot;
  /** Why a saved index was not used (it exists but cannot be trusted or read). */
  problem?: string;
  legacy?: boolean;
}

/**
 * The records of an opened index. The file stays open until they are read: a save by another process
 * renames a new file over the path, and this one is still read through the open descriptor (POSIX;
 * Windows cannot rename over an open file, so there they are read at once).
 */
export class SavedRecords {
  /** Closes the descriptor of records never read once their store is gone. */
  private static readonly unread = new FinalizationRegistry<number>((fd) => closeSync(fd));

  constructor(
    private fd: number | undefined,
    private readonly path: string,
    private readonly at: number,
    private readonly bytes: number,
    private readonly length: number,
    private readonly dict: Dictionaries,
  ) {
    if (fd !== undefined) SavedRecords.unread.register(this, fd, this);
  }

  static none(dict: Dictionaries): SavedRecords {
    return new SavedRecords(undefined, '', 0, 0, 0, dict);
  }

  get count(): number {
    return this.length;
  }

  /** The records, or why they cannot be trusted. Closes the file. */
  load(): { columns: ColumnsData } | { problem: string } {
    if (this.fd === undefined) return { columns: columnsFrom(Buffer.alloc(0), 0, this.dict) };
    try {
      const buf = Buffer.allocUnsafeSlow(this.bytes);
      const got = readFully(this.fd, buf, this.at);
      if (got !== this.bytes) return { problem: `${this.path}: checksum mismatch over ${got} bytes of records (truncated)` };
      const sealed = unseal(buf);
      if ('problem' in sealed) return { problem: `${this.path}: ${sealed.problem}` };
      if (sealed.payload.length !== this.length * RECORD_BYTES) return { problem: `${this.path}: records of ${sealed.payload.length} bytes do not match the header` };
      return { columns: columnsFrom(sealed.payload, this.length, this.dict) };
    } catch (err) {
      return { problem: `could not read ${this.path} (${(err as Error).message})` };
    } finally {
      this.close();
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    SavedRecords.unread.unregister(this);
    closeSync(this.fd);
    this.fd = undefined;
  }
}

function readFully(fd: number, buf: Buffer, position: number): number {
  let got = 0;
  while (got < buf.length) {
    const n = readSync(fd, buf, got, buf.length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

/** The saved index with its records read (tests, tools); the store opens it with openIndex. */
export function loadSnapshot(dir: string): LoadedSnapshot {
  const opened = openIndex(dir, false);
  if (!opened.head) return opened;
  const { head, ...rest } = opened;
  const records = head.records.load();
  if ('problem' in records) return { problem: records.problem };
  return { ...rest, snapshot: { files: head.files, columns: records.columns, ...(head.rollups ? { rollups: head.rollups } : {}) } };
}

/**
 * Opens the saved index: its head (files, dictionaries, saved totals), the records left on disk for
 * later (`lazy`, not on Windows: see SavedRecords), else loaded with it. An older format is loaded whole.
 */
export function openIndex(dir: string, lazy = process.platform !== 'win32'): LoadedSnapshot {
  const path = join(dir, INDEX_FILE);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      const legacy = loadLegacySnapshot(dir);
      if (legacy && 'problem' in legacy) return { problem: legacy.problem };
      return legacy ? { snapshot: legacy, legacy: true } : {};
    }
    return { problem: `could not read ${path} (${(err as Error).message})` };
  }
  let keepOpen = false;
  try {
    const r = readHead(fd, path);
    if ('problem' in r) return r;
    keepOpen = true; // the records own the descriptor now, and close it when read
    if (lazy) return r;
    const records = r.head.records.load();
    if ('problem' in records) return records;
    return { snapshot: { files: r.head.files, columns: records.columns, ...(r.head.rollups ? { rollups: r.head.rollups } : {}) } };
  } catch (err) {
    return { problem: `${path}: ${(err as Error).message}` };
  } finally {
    if (!keepOpen) closeSync(fd);
  }
}

function readHead(fd: number, path: string): { head: StoreHead } | { problem: string } {
  const size = fstatSync(fd).size;
  const lead = Buffer.alloc(LEAD_BYTES);
  const got = readFully(fd, lead, 0);
  if (got < LEAD_BYTES) return { problem: `${path}: only ${got} bytes, shorter than its header` };
  if (!lead.subarray(0, LEAD.length).equals(LEAD)) return { problem: `${path}: not an index file (wrong header)` };
  const headAt = Number(lead.readBigUInt64LE(8));
  const headBytes = Number(lead.readBigUInt64LE(16));
  if (headAt + headBytes !== size || headAt < LEAD_BYTES) return { problem: `${path}: checksum mismatch over ${size} bytes (truncated or corrupted: its header gives ${headAt + headBytes})` };
  const headBuf = Buffer.alloc(headBytes);
  readFully(fd, headBuf, headAt);
  const sealed = unseal(headBuf);
  if ('problem' in sealed) return { problem: `${path}: ${sealed.problem}` };
  const payload = sealed.payload;
  const jsonBytes = payload.readUInt32LE(0);
  const header = JSON.parse(payload.toString('utf8', 4, 4 + jsonBytes)) as IndexHeader;
  if (header.version !== STORE_VERSION || !Array.isArray(header.files)) return { problem: `${path}: unexpected header (version ${String(header.version)})` };
  if (header.recordsBytes !== SEAL_HEADER_BYTES + header.length * RECORD_BYTES || LEAD_BYTES + header.recordsBytes !== headAt) return { problem: `${path}: records of ${headAt - LEAD_BYTES} bytes do not match the header` };
  const dictionaries: Dictionaries = { models: header.models, sessions: header.sessions, projects: header.projects, branches: header.branches };
  const sameTiers = JSON.stringify(header.rollupTiers) === JSON.stringify(ROLLUP_TIERS);
  const rollups = sameTiers ? rollupsFrom(payload.subarray(align8(4 + jsonBytes)), header.rollupLength) : undefined;
  const records = new SavedRecords(fd, path, LEAD_BYTES, header.recordsBytes, header.length, dictionaries);
  return { head: { files: header.files, dictionaries, ...(rollups ? { rollups } : {}), records } };
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

/** Columns of the live records written in pieces of this many records. */
const PIECE = 65_536;

/** The records' bytes column after column, only the live ones (`keep`), in pieces. */
function* recordPieces(c: ColumnsData, keep: Uint32Array | undefined): Generator<Uint8Array> {
  const n = keep ? keep.length : c.length;
  const columns: (Float64Array | Uint32Array | Uint8Array)[] = [...COLUMN_NAMES.F64.map((k) => c.f64[k]), ...COLUMN_NAMES.U32.map((k) => c.u32[k]), ...COLUMN_NAMES.U8.map((k) => c.u8[k])];
  for (const col of columns) {
    if (!keep) {
      yield new Uint8Array(col.buffer, col.byteOffset, n * col.BYTES_PER_ELEMENT);
      continue;
    }
    const piece = new (col.constructor as new (n: number) => typeof col)(Math.min(PIECE, n));
    for (let at = 0; at < n; at += PIECE) {
      const end = Math.min(n, at + PIECE);
      for (let j = at; j < end; j++) piece[j - at] = col[keep[j]!]!;
      yield new Uint8Array(piece.buffer, 0, (end - at) * col.BYTES_PER_ELEMENT);
    }
  }
}

interface Encoded {
  /** Bytes before the records' payload: lead and the records' seal header (its checksum filled in last). */
  lead: Buffer;
  pieces: Iterable<Uint8Array>;
  /** Called after the pieces: the records' checksum and the sealed head. */
  tail: () => { sum: Buffer; head: Buffer };
}

function encode(snap: StoreSnapshot & { keep?: Uint32Array }, rollups: RollupData): Encoded {
  const c = snap.columns;
  const n = snap.keep ? snap.keep.length : c.length;
  const recordsBytes = SEAL_HEADER_BYTES + n * RECORD_BYTES;
  const header: IndexHeader = {
    version: STORE_VERSION,
    savedAt: new Date().toISOString(),
    snapshotId: randomUUID(),
    recordsBytes,
    length: n,
    rollupLength: rollups.length,
    rollupTiers: ROLLUP_TIERS,
    files: snap.files,
    models: c.models,
    sessions: c.sessions,
    projects: c.projects,
    branches: c.branches,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const pad = Buffer.alloc(align8(4 + json.length) - json.length);
  pad.writeUInt32LE(json.length, 0);
  const head = seal([pad.subarray(0, 4), json, pad.subarray(4), ...rollupBytes(rollups)]);
  const lead = Buffer.alloc(LEAD_BYTES + SEAL_HEADER_BYTES);
  LEAD.copy(lead, 0);
  lead.writeBigUInt64LE(BigInt(LEAD_BYTES + recordsBytes), 8);
  lead.writeBigUInt64LE(BigInt(head.length), 16);
  // The records' seal header: its magic (from seal() of nothing) and, once the pieces are hashed, the sum.
  seal([]).copy(lead, LEAD_BYTES, 0, SEAL_HEADER_BYTES - 32);
  const hash = createHash('sha256');
  const pieces = (function* () {
    for (const p of recordPieces(c, snap.keep)) {
      hash.update(p);
      yield p;
    }
  })();
  return { lead, pieces, tail: () => ({ sum: hash.digest(), head }) };
}

const SUM_AT = LEAD_BYTES + SEAL_HEADER_BYTES - 32;

/** Saved totals of a snapshot: given, or summed from its records. */
function rollupsFor(snap: StoreSnapshot, rollups: RollupData | undefined): RollupData {
  return rollups ?? snap.rollups ?? rollupsOf(new RecordColumns(snap.columns));
}

export function saveSnapshot(dir: string, snap: StoreSnapshot & { keep?: Uint32Array }, rollups?: RollupData): void {
  mkdirSync(dir, { recursive: true });
  const e = encode(snap, rollupsFor(snap, rollups));
  writeFileAtomic(join(dir, INDEX_FILE), (fd) => {
    let at = 0;
    const put = (b: Uint8Array, position = at): void => {
      let done = 0;
      while (done < b.byteLength) done += writeSync(fd, b, done, b.byteLength - done, position + done);
      if (position === at) at += b.byteLength;
    };
    put(e.lead);
    for (const p of e.pieces) put(p);
    const { sum, head } = e.tail();
    put(head);
    put(sum, SUM_AT);
  });
  for (const f of LEGACY_FILES) rmSync(join(dir, f), { force: true });
}

/** saveSnapshot with the writes off the calling thread (the editor's event loop stays free). */
export async function saveSnapshotAsync(dir: string, snap: StoreSnapshot & { keep?: Uint32Array }, rollups?: RollupData): Promise<void> {
  await mkdir(dir, { recursive: true });
  const e = encode(snap, rollupsFor(snap, rollups));
  await writeFileAtomicAsync(join(dir, INDEX_FILE), async (handle: FileHandle) => {
    let at = 0;
    const put = async (b: Uint8Array, position = at): Promise<void> => {
      let done = 0;
      // Copied: the pieces' memory is reused for the next piece while the write is under way.
      const bytes = Buffer.from(b);
      while (done < bytes.byteLength) done += (await handle.write(bytes, done, bytes.byteLength - done, position + done)).bytesWritten;
      if (position === at) at += bytes.byteLength;
    };
    await put(e.lead);
    for (const p of e.pieces) await put(p);
    const { sum, head } = e.tail();
    await put(head);
    await put(sum, SUM_AT);
  });
  for (const f of LEGACY_FILES) await rm(join(dir, f), { force: true });
}
