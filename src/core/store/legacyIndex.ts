// Older index formats, read once so that an upgrade keeps the records of logs deleted since they were
// read; the next save writes the current format and removes these files.
// - version 1: `index-v1.json` + `records-v1.bin`, no checksum;
// - version 2: `index-v2.bin`, sealed (sealedFile.ts): the length of a JSON header, the header, padding
//   to 8 bytes, the record columns raw; no saved totals (they are summed from the records).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileEntry } from './fileEntry';
import { columnsFrom, RECORD_BYTES } from './columnBytes';
import type { StoreSnapshot } from './persist';
import { unseal } from './sealedFile';

export const LEGACY_FILES = ['index-v2.bin', 'index-v1.json', 'records-v1.bin'] as const;

interface OldHeader {
  version: number;
  recordsBytes: number;
  length: number;
  files: FileEntry[];
  models: string[];
  sessions: string[];
  projects: string[];
  branches: string[];
}

/** The snapshot of the newest older index there is, why it cannot be trusted, or undefined (none). */
export function loadLegacySnapshot(dir: string): StoreSnapshot | { problem: string } | undefined {
  const v2 = join(dir, LEGACY_FILES[0]);
  let bytes: Buffer | undefined;
  try {
    bytes = readFileSync(v2);
  } catch {
    return loadV1(dir);
  }
  const sealed = unseal(bytes);
  if ('problem' in sealed) return { problem: `${v2}: ${sealed.problem}` };
  try {
    const payload = sealed.payload;
    const jsonBytes = payload.readUInt32LE(0);
    const header = JSON.parse(payload.toString('utf8', 4, 4 + jsonBytes)) as OldHeader;
    const records = payload.subarray((4 + jsonBytes + 7) & ~7);
    if (header.version !== 2 || !Array.isArray(header.files)) throw new Error(`unexpected header (version ${String(header.version)})`);
    if (records.length !== header.recordsBytes || header.recordsBytes !== header.length * RECORD_BYTES) throw new Error(`records of ${records.length} bytes do not match the header`);
    return { files: header.files, columns: columnsFrom(records, header.length, header) };
  } catch (err) {
    return { problem: `${v2}: ${(err as Error).message}` };
  }
}

function loadV1(dir: string): StoreSnapshot | undefined {
  let index: OldHeader;
  let bytes: Buffer;
  try {
    index = JSON.parse(readFileSync(join(dir, LEGACY_FILES[1]), 'utf8')) as OldHeader;
    bytes = readFileSync(join(dir, LEGACY_FILES[2]));
  } catch {
    return undefined;
  }
  if (index.version !== 1 || bytes.length !== index.recordsBytes) return undefined;
  return { files: index.files, columns: columnsFrom(bytes, index.length, index) };
}
