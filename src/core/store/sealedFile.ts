// A checksummed container: 8 bytes of magic, the SHA-256 of everything after the checksum, then the
// payload (which starts 8-byte aligned). A file cut short or changed on disk fails the check.
import { createHash } from 'node:crypto';

const MAGIC = Buffer.from('AWUSEAL1', 'latin1');
const SUM_BYTES = 32;
export const SEAL_HEADER_BYTES = MAGIC.length + SUM_BYTES;

export function seal(parts: readonly Uint8Array[]): Buffer {
  const size = parts.reduce((s, p) => s + p.byteLength, 0);
  const out = Buffer.allocUnsafe(SEAL_HEADER_BYTES + size);
  MAGIC.copy(out, 0);
  let at = SEAL_HEADER_BYTES;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  createHash('sha256').update(out.subarray(SEAL_HEADER_BYTES)).digest().copy(out, MAGIC.length);
  return out;
}

/** The payload, or why the file cannot be trusted. */
export function unseal(bytes: Buffer): { payload: Buffer } | { problem: string } {
  if (bytes.length < SEAL_HEADER_BYTES) return { problem: `only ${bytes.length} bytes, shorter than its header` };
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return { problem: 'not an index file (wrong header)' };
  const payload = bytes.subarray(SEAL_HEADER_BYTES);
  const sum = createHash('sha256').update(payload).digest();
  if (!sum.equals(bytes.subarray(MAGIC.length, SEAL_HEADER_BYTES))) return { problem: `checksum mismatch over ${bytes.length} bytes (truncated or corrupted)` };
  return { payload };
}
