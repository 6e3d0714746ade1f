// Record columns as raw bytes, column after column (f64s, then u32s, then u8s), for the index file.
import { COLUMN_NAMES, type ColumnsData } from './recordColumns';

export const RECORD_BYTES = COLUMN_NAMES.F64.length * 8 + COLUMN_NAMES.U32.length * 4 + COLUMN_NAMES.U8.length;

import type { Dictionaries } from './persist';

/** The columns' bytes, without copying them. */
export function columnBytes(c: ColumnsData): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (const k of COLUMN_NAMES.F64) parts.push(new Uint8Array(c.f64[k].buffer, c.f64[k].byteOffset, c.length * 8));
  for (const k of COLUMN_NAMES.U32) parts.push(new Uint8Array(c.u32[k].buffer, c.u32[k].byteOffset, c.length * 4));
  for (const k of COLUMN_NAMES.U8) parts.push(new Uint8Array(c.u8[k].buffer, c.u8[k].byteOffset, c.length));
  return parts;
}

/** Columns of `n` records over `bytes`: views when the buffer is its own 8-aligned memory, else a copy. */
export function columnsFrom(bytes: Buffer, n: number, dict: Dictionaries): ColumnsData {
  // Buffers of up to Buffer.poolSize may share Node's allocation pool with others: copied.
  if (bytes.byteOffset % 8 === 0 && bytes.buffer.byteLength > Buffer.poolSize) return columnsOver(bytes.buffer as ArrayBuffer, bytes.byteOffset, n, dict);
  const ab = new ArrayBuffer(bytes.length);
  new Uint8Array(ab).set(bytes);
  return columnsOver(ab, 0, n, dict);
}

function columnsOver(ab: ArrayBuffer, byteOffset: number, n: number, dict: Dictionaries): ColumnsData {
  let at = byteOffset;
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
  return { length: n, f64, u32, u8, models: dict.models, sessions: dict.sessions, projects: dict.projects, branches: dict.branches };
}
