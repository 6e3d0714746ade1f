// The index on disk: one file, `index-v2.bin`, sealed with a checksum (sealedFile.ts). Its payload is
// the length of a JSON header (files, dictionaries, counts), the header, padding to 8 bytes, then the
// record columns raw. It is written to a temporary name, flushed and renamed (atomicFile.ts), so a
// reader never sees half a file and concurrent writers never mix two snapshots; a file that fails its
// checksum anyway (a disk fault, a copy cut short) is reported and never trusted.
import { readFileSync, mkdirSync, rmSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ColumnsData } from '../scan/recordColumns';
import { columnBytes, columnsFrom, RECORD_BYTES } from './columnBytes';
import { writeFileAtomic, writeFileAtomicAsync } from './atomicFile';
import type { FileEntry } from './fileEntry';
import { LEGACY_FILES, loadLegacySnapshot } from './legacyIndex';
import { seal, unseal } from './sealedFile';

export const STORE_VERSION = 2;
export const INDEX_FILE = `index-v${STORE_VERSION}.bin`;
/** Every file the index has been kept in. */
export const INDEX_FILES: readonly string[] = [INDEX_FILE, ...LEGACY_FILES];

interface IndexHeader {
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

export interface LoadedSnapshot {
  snapshot?: StoreSnapshot;
  /** Why a saved index was not used (it exists but cannot be trusted or read). */
  problem?: string;
  /** Loaded from an older format; the next save writes the current one. */
  legacy?: boolean;
}

export function loadSnapshot(dir: string): LoadedSnapshot {
  const path = join(dir, INDEX_FILE);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      const legacy = loadLegacySnapshot(dir);
      return legacy ? { snapshot: legacy, legacy: true } : {};
    }
    return { problem: `could not read ${path} (${(err as Error).message})` };
  }
  const sealed = unseal(bytes);
  if ('problem' in sealed) return { problem: `${path}: ${sealed.problem}` };
  try {
    return { snapshot: decode(sealed.payload) };
  } catch (err) {
    return { problem: `${path}: ${(err as Error).message}` };
  }
}

function decode(payload: Buffer): StoreSnapshot {
  const jsonBytes = payload.readUInt32LE(0);
  const header = JSON.parse(payload.toString('utf8', 4, 4 + jsonBytes)) as IndexHeader;
  const records = payload.subarray(align8(4 + jsonBytes));
  if (header.version !== STORE_VERSION || !Array.isArray(header.files)) throw new Error(`unexpected header (version ${String(header.version)})`);
  if (records.length !== header.recordsBytes || header.recordsBytes !== header.length * RECORD_BYTES) throw new Error(`records of ${records.length} bytes do not match the header`);
  return { files: header.files, columns: columnsFrom(records, header.length, header) };
}

function align8(n: number): number {
  return (n + 7) & ~7;
}

/** The sealed file's bytes. */
function encode(snap: StoreSnapshot): Buffer {
  const c = snap.columns;
  const header: IndexHeader = {
    version: STORE_VERSION,
    savedAt: new Date().toISOString(),
    recordsBytes: c.length * RECORD_BYTES,
    length: c.length,
    files: snap.files,
    models: c.models,
    sessions: c.sessions,
    projects: c.projects,
    branches: c.branches,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const lead = Buffer.alloc(align8(4 + json.length) - json.length);
  lead.writeUInt32LE(json.length, 0);
  return seal([lead.subarray(0, 4), json, lead.subarray(4), ...columnBytes(c)]);
}

export function saveSnapshot(dir: string, snap: StoreSnapshot): void {
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, INDEX_FILE), encode(snap));
  for (const f of LEGACY_FILES) rmSync(join(dir, f), { force: true });
}

/** saveSnapshot with the writes off the calling thread (the editor's event loop stays free). */
export async function saveSnapshotAsync(dir: string, snap: StoreSnapshot): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFileAtomicAsync(join(dir, INDEX_FILE), encode(snap));
  for (const f of LEGACY_FILES) await rm(join(dir, f), { force: true });
}
