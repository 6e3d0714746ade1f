// Values read straight from log bytes without building intermediate strings: 53-bit hashes of ids,
// ISO timestamps, and an intern table for the short strings that repeat on every line (session ids,
// paths, model names).

/** cyrb53 over bytes [start, end) (UTF-8): the dedup hash of ids. Equal to hashUtf8(the same string). */
export function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = start; i < end; i++) {
    const ch = buf[i]!;
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The dedup hash of an id given as a string: the same value hashBytes gives for its UTF-8 bytes. */
export function hashUtf8(s: string): number {
  const bytes = Buffer.from(s, 'utf8');
  return hashBytes(bytes, 0, bytes.length);
}

function digits(buf: Uint8Array, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * `YYYY-MM-DDTHH:MM:SS[.fff…]Z` between quotes at [start, end) (the quotes excluded) → epoch ms, or
 * undefined for any other form (the caller then parses the decoded string).
 */
export function isoTimestampBytes(buf: Uint8Array, start: number, end: number): number | undefined {
  const len = end - start;
  if (len < 20 || buf[end - 1] !== 0x5a || buf[start + 4] !== 0x2d || buf[start + 7] !== 0x2d || buf[start + 10] !== 0x54 || buf[start + 13] !== 0x3a || buf[start + 16] !== 0x3a) return undefined;
  const y = digits(buf, start, 4);
  const mo = digits(buf, start + 5, 2);
  const d = digits(buf, start + 8, 2);
  const h = digits(buf, start + 11, 2);
  const mi = digits(buf, start + 14, 2);
  const s = digits(buf, start + 17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return undefined;
  let ms = 0;
  if (len > 20) {
    if (buf[start + 19] !== 0x2e) return undefined;
    const fracLen = len - 21;
    if (fracLen < 1) return undefined;
    const frac = digits(buf, start + 20, Math.min(fracLen, 3));
    if (frac < 0 || (fracLen > 3 && digits(buf, start + 23, fracLen - 3) < 0)) return undefined;
    ms = fracLen >= 3 ? frac : frac * (fracLen === 1 ? 100 : 10);
  }
  // Reject what Date.UTC would roll over into the next day or month (Feb 30, a leap second at 23:59:60),
  // without building a Date per line to find out.
  if (d > daysInMonth(y < 100 ? 1900 + y : y, mo) || (s === 60 && h === 23 && mi === 59)) return undefined;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in month `mo` (1-12) of year `y` (Gregorian, as Date.UTC counts them). */
function daysInMonth(y: number, mo: number): number {
  return mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : MONTH_DAYS[mo - 1]!;
}

/** Decodes short repeated strings once: keyed by their bytes' hash, confirmed byte for byte. */
export class StringIntern {
  private readonly table = new Map<number, { bytes: Buffer; value: string }>();
  /** The last few values, checked first: consecutive lines mostly repeat a session's id, path and model. */
  private readonly recent: { bytes: Buffer; value: string }[] = [];
  private next = 0;

  get(buf: Buffer, start: number, end: number): string {
    for (const r of this.recent) if (sameBytes(r.bytes, buf, start, end)) return r.value;
    const h = hashBytes(buf, start, end);
    let hit = this.table.get(h);
    if (!hit || !sameBytes(hit.bytes, buf, start, end)) {
      hit = { bytes: Buffer.from(buf.subarray(start, end)), value: buf.toString('utf8', start, end) };
      if (this.table.size < 65536) this.table.set(h, hit);
    }
    this.recent[this.next] = hit;
    this.next = (this.next + 1) % RECENT;
    return hit.value;
  }
}

const RECENT = 4;

function sameBytes(bytes: Buffer, buf: Buffer, start: number, end: number): boolean {
  if (bytes.length !== end - start) return false;
  for (let k = 0; k < bytes.length; k++) if (bytes[k] !== buf[start + k]) return false;
  return true;
}
