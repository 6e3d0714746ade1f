// Which stored record a new one duplicates (log-formats.md §1.6, matching ccusage 20):
// - the same message id and request id is one API response (streaming copies, resumed-file copies);
// - for Claude, the same message id where either side is a sidechain line is a /btw replay of the parent.
// When a duplicate is found, `shouldReplace` decides which copy is kept.
// The index is an open-addressing table of record numbers over the records' 53-bit key hashes (4 bytes
// a slot, no per-key objects): records sharing a key sit along one probe run in the order they were added.
import { FLAG_HAS_KEY, FLAG_SIDECHAIN, type RecordColumns } from './recordColumns';

const CLAUDE = 0;
const EMPTY = 0;
const REMOVED = -1;
const TWO_32 = 4_294_967_296;

function slotOf(key: number, mask: number): number {
  // Keys are integers below 2^53: mix their high and low 32 bits.
  const lo = key >>> 0;
  const hi = Math.floor(key / TWO_32) >>> 0;
  return (Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> 0) & mask;
}

export class DedupIndex {
  /** Record number + 1, EMPTY or REMOVED. */
  private slots: Int32Array;
  private used = 0;
  private live = 0;

  constructor(private readonly cols: RecordColumns) {
    let n = 0;
    for (let i = 0; i < cols.length; i++) if (!cols.isDeleted(i) && (cols.u8.flags[i]! & FLAG_HAS_KEY) !== 0) n++;
    this.slots = new Int32Array(capacityFor(n));
    for (let i = 0; i < cols.length; i++) if (!cols.isDeleted(i) && (cols.u8.flags[i]! & FLAG_HAS_KEY) !== 0) this.add(i);
  }

  /** Bytes held, for the store's statistics. */
  get bytes(): number {
    return this.slots.byteLength;
  }

  add(i: number): void {
    if ((this.used + 1) * 10 > this.slots.length * 7) this.rehash(capacityFor(this.live + 1));
    const mask = this.slots.length - 1;
    // Never into a REMOVED slot: keeps records of one key in the order they were added.
    let s = slotOf(this.cols.f64.key1[i]!, mask);
    while (this.slots[s] !== EMPTY) s = (s + 1) & mask;
    this.slots[s] = i + 1;
    this.used++;
    this.live++;
  }

  remove(i: number): void {
    const mask = this.slots.length - 1;
    let s = slotOf(this.cols.f64.key1[i]!, mask);
    for (let v = this.slots[s]!; v !== EMPTY; s = (s + 1) & mask, v = this.slots[s]!) {
      if (v === i + 1) {
        this.slots[s] = REMOVED;
        this.live--;
        return;
      }
    }
  }

  /** The stored record that record `j` of `src` duplicates, if any. */
  find(src: RecordColumns, j: number): number | undefined {
    const key = src.f64.key1[j]!;
    const source = src.u8.source[j]!;
    const key2 = src.f64.key2[j]!;
    const c = this.cols;
    const key1s = c.f64.key1;
    const mask = this.slots.length - 1;
    const start = slotOf(key, mask);
    let sidechainMatch: number | undefined;
    const sidechain = source === CLAUDE && (src.u8.flags[j]! & FLAG_SIDECHAIN) !== 0;
    for (let s = start, v = this.slots[s]!; v !== EMPTY; s = (s + 1) & mask, v = this.slots[s]!) {
      if (v === REMOVED) continue;
      const i = v - 1;
      if (key1s[i] !== key || c.u8.source[i] !== source) continue;
      if (c.f64.key2[i] === key2) return i;
      if (source === CLAUDE && sidechainMatch === undefined && (sidechain || (c.u8.flags[i]! & FLAG_SIDECHAIN) !== 0)) sidechainMatch = i;
    }
    return sidechainMatch;
  }

  private rehash(capacity: number): void {
    const old = this.slots;
    this.slots = new Int32Array(capacity);
    this.used = 0;
    this.live = 0;
    const mask = capacity - 1;
    for (const v of old) {
      if (v <= 0) continue;
      let s = slotOf(this.cols.f64.key1[v - 1]!, mask);
      while (this.slots[s] !== EMPTY) s = (s + 1) & mask;
      this.slots[s] = v;
      this.used++;
      this.live++;
    }
  }
}

/** A power of two with room for `n` keys at most half full. */
function capacityFor(n: number): number {
  let cap = 1024;
  while (cap < n * 2) cap *= 2;
  return cap;
}

function total(c: RecordColumns, i: number): number {
  const u = c.u32;
  return u.input[i]! + u.output[i]! + u.cacheCreation[i]! + u.cacheRead[i]!;
}

/** A main-chain copy beats a sidechain copy; otherwise the larger token total wins (later streaming copies). */
export function shouldReplace(src: RecordColumns, j: number, stored: RecordColumns, i: number): boolean {
  const candSide = (src.u8.flags[j]! & FLAG_SIDECHAIN) !== 0;
  const storedSide = (stored.u8.flags[i]! & FLAG_SIDECHAIN) !== 0;
  if (candSide !== storedSide) return storedSide;
  return total(src, j) > total(stored, i);
}
