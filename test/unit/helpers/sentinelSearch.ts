// Looks for sentinel strings in files and texts: as UTF-8 or Latin-1 bytes, as UTF-16, JSON-escaped
// (`\u0053ENTINEL`), and inside gzip or brotli streams, so an encoding cannot hide a leak.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export interface Leak {
  where: string;
  context: string;
}

/** Every file under `dir`, recursively (symlinks are not followed). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

function unpacked(bytes: Buffer): Buffer[] {
  const out = [bytes];
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) out.push(gunzipSync(bytes));
  try {
    out.push(brotliDecompressSync(bytes));
  } catch {
    // not brotli (almost everything)
  }
  return out;
}

/** Where `needle` occurs in `bytes`, with a little context. */
export function findIn(bytes: Buffer, needle: string, where: string): Leak[] {
  const leaks: Leak[] = [];
  for (const b of unpacked(bytes)) {
    for (const [form, text] of [
      ['', b.toString('latin1')],
      [' (UTF-16)', b.toString('utf16le')],
      [' (JSON-escaped)', b.toString('utf8').replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))],
    ] as const) {
      const at = text.toUpperCase().indexOf(needle.toUpperCase());
      if (at >= 0) {
        leaks.push({ where: `${where}${form}`, context: text.slice(Math.max(0, at - 60), at + 60) });
        break;
      }
    }
  }
  return leaks;
}

export function findInFiles(dir: string, needle: string): Leak[] {
  return filesUnder(dir).flatMap((f) => findIn(readFileSync(f), needle, f));
}
