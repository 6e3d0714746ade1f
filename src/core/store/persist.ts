// The index on disk: `index.json` (files, dictionaries, counts) and `records.bin` (the record columns,
// raw). Both are written to a temporary name and renamed, so a reader never sees half a file; the
// index names the byte length of the records file it belongs to, so a mismatched pair is discarded.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { COLUMN_NAMES, type ColumnsData } from '../scan/recordColumns';
import type { FileEntry } from './fileEntry';

export const STORE_VERSION = 1;

interface IndexFile {
  version: number;
  savedAt: string;
  recordsBytes: number;
  length: number;
  files: FileEntry[];
  models: string[];
  sessions: string[];
  projects: string[];
  branches: string[];
}

export interface StoreSnapshot {
  files: FileEntry[];
  columns: ColumnsData;
}

const INDEX = `index-v${STORE_VERSION}.json`;
const RECORDS = `records-v${STORE_VERSION}.bin`;

export function loadSnapshot(dir: string): StoreSnapshot | undefined {
  let index: IndexFile;
  let bytes: Buffer;
  try {
    index = JSON.parse(readFileSync(join(dir, INDEX), 'utf8')) as IndexFile;
    bytes = readFileSync(join(dir, RECORDS));
  } catch {
    return undefined;
  }
  if (index.version !== STORE_VERSION || bytes.length !== index.recordsBytes) return undefined;
  const n = index.length;
  // Copy into an aligned ArrayBuffer so typed-array views can start at any column.
  const ab = new ArrayBuffer(bytes.length);
  new Uint8Array(ab).set(bytes);
  let at = 0;
  const view = <T>(Ctor: new (b: ArrayBuffer, o: number, n: number) => T, width: number): T => {
    const v = new Ctor(ab, at, n);
    at += n * width;
    return v;
  };
  const f64 = {} as ColumnsData['f64'];
  for (const k of COLUMN_NAMES.F64) f64[k] = view(Float64Array, 8);
  const u32 = {} as ColumnsData['u32'];
  for (const k of COLUMN_NAMES.U32) u32[k] = view(Uint32Array, 4);
  const u8 = {} as ColumnsData['u8'];
  for (const k of COLUMN_NAMES.U8) u8[k] = view(Uint8Array, 1);
  return {
    files: index.files,
    columns: { length: n, f64, u32, u8, models: index.models, sessions: index.sessions, projects: index.projects, branches: index.branches },
  };
}

/** The two files' contents: the record columns, raw, and the index that names their length. */
function snapshotFiles(snap: StoreSnapshot): { records: Buffer; index: string } {
  const c = snap.columns;
  const parts: Buffer[] = [];
  for (const k of COLUMN_NAMES.F64) parts.push(Buffer.from(c.f64[k].buffer, c.f64[k].byteOffset, c.length * 8));
  for (const k of COLUMN_NAMES.U32) parts.push(Buffer.from(c.u32[k].buffer, c.u32[k].byteOffset, c.length * 4));
  for (const k of COLUMN_NAMES.U8) parts.push(Buffer.from(c.u8[k].buffer, c.u8[k].byteOffset, c.length));
  const records = Buffer.concat(parts);
  const index: IndexFile = {
    version: STORE_VERSION,
    savedAt: new Date().toISOString(),
    recordsBytes: records.length,
    length: c.length,
    files: snap.files,
    models: c.models,
    sessions: c.sessions,
    projects: c.projects,
    branches: c.branches,
  };
  return { records, index: JSON.stringify(index) };
}

export function saveSnapshot(dir: string, snap: StoreSnapshot): void {
  mkdirSync(dir, { recursive: true });
  const { records, index } = snapshotFiles(snap);
  const tmp = `.tmp-${process.pid}-${Date.now()}`;
  writeFileSync(join(dir, RECORDS + tmp), records);
  writeFileSync(join(dir, INDEX + tmp), index);
  renameSync(join(dir, RECORDS + tmp), join(dir, RECORDS));
  renameSync(join(dir, INDEX + tmp), join(dir, INDEX));
}

/** saveSnapshot with the writes off the calling thread (the editor's event loop stays free). */
export async function saveSnapshotAsync(dir: string, snap: StoreSnapshot): Promise<void> {
  await mkdir(dir, { recursive: true });
  const { records, index } = snapshotFiles(snap);
  const tmp = `.tmp-${process.pid}-${Date.now()}`;
  await writeFile(join(dir, RECORDS + tmp), records);
  await writeFile(join(dir, INDEX + tmp), index);
  await rename(join(dir, RECORDS + tmp), join(dir, RECORDS));
  await rename(join(dir, INDEX + tmp), join(dir, INDEX));
}
