// The version 1 index (`index-v1.json` + `records-v1.bin`, no checksum), read once so that an upgrade
// keeps the records of logs deleted since they were read; the next save replaces it with the current
// format and removes these files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileEntry } from './fileEntry';
import { columnsFrom } from './columnBytes';
import type { StoreSnapshot } from './persist';

export const LEGACY_FILES = ['index-v1.json', 'records-v1.bin'] as const;

interface IndexFileV1 {
  version: number;
  recordsBytes: number;
  length: number;
  files: FileEntry[];
  models: string[];
  sessions: string[];
  projects: string[];
  branches: string[];
}

export function loadLegacySnapshot(dir: string): StoreSnapshot | undefined {
  let index: IndexFileV1;
  let bytes: Buffer;
  try {
    index = JSON.parse(readFileSync(join(dir, LEGACY_FILES[0]), 'utf8')) as IndexFileV1;
    bytes = readFileSync(join(dir, LEGACY_FILES[1]));
  } catch {
    return undefined;
  }
  if (index.version !== 1 || bytes.length !== index.recordsBytes) return undefined;
  return { files: index.files, columns: columnsFrom(bytes, index.length, index) };
}
