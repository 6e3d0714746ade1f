// Which stored record a new one duplicates (log-formats.md §1.6, matching ccusage 20):
// - the same message id and request id is one API response (streaming copies, resumed-file copies);
// - for Claude, the same message id where either side is a sidechain line is a /btw replay of the parent.
// When a duplicate is found, `shouldReplace` decides which copy is kept.
import { FLAG_HAS_KEY, FLAG_SIDECHAIN, type RecordColumns } from '../scan/recordColumns';

const CLAUDE = 0;

export class DedupIndex {
  private readonly byKey1 = new Map<number, number | number[]>();

  constructor(private readonly cols: RecordColumns) {
    for (let i = 0; i < cols.length; i++) if (!cols.isDeleted(i) && (cols.u8.flags[i]! & FLAG_HAS_KEY) !== 0) this.add(i);
  }

  add(i: number): void {
    const k = this.cols.f64.key1[i]!;
    const cur = this.byKey1.get(k);
    if (cur === undefined) this.byKey1.set(k, i);
    else if (typeof cur === 'number') this.byKey1.set(k, [cur, i]);
    else cur.push(i);
  }

  remove(i: number): void {
    const k = this.cols.f64.key1[i]!;
    const cur = this.byKey1.get(k);
    if (cur === i) this.byKey1.delete(k);
    else if (Array.isArray(cur)) {
      const rest = cur.filter((x) => x !== i);
      this.byKey1.set(k, rest.length === 1 ? rest[0]! : rest);
    }
  }

  /** The stored record that record `j` of `src` duplicates, if any. */
  find(src: RecordColumns, j: number): number | undefined {
    const cur = this.byKey1.get(src.f64.key1[j]!);
    if (cur === undefined) return undefined;
    const list = typeof cur === 'number' ? [cur] : cur;
    const source = src.u8.source[j]!;
    const key2 = src.f64.key2[j]!;
    const c = this.cols;
    for (const i of list) if (c.u8.source[i] === source && c.f64.key2[i] === key2) return i;
    if (source !== CLAUDE) return undefined;
    const sidechain = (src.u8.flags[j]! & FLAG_SIDECHAIN) !== 0;
    for (const i of list) if (c.u8.source[i] === source && (sidechain || (c.u8.flags[i]! & FLAG_SIDECHAIN) !== 0)) return i;
    return undefined;
  }
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
