// What could not be read, per file and reason, for the diagnostics view and the CLI's JSON.
import type { UsageStore } from '../store/usageStore';
import { SOURCE_IDS, type SourceId } from '../types';

export interface FileProblem {
  path: string;
  source: SourceId;
  skipped: Record<string, number>;
  error?: string;
  missing?: boolean;
}

export interface Diagnostics {
  filesRead: number;
  /** Files a date-bounded read left unread: too old to hold records in its range (read by a wider query). */
  filesOutsideRange: number;
  /** Files that are gone; what was counted from them is kept. */
  filesMissing: number;
  skippedLines: number;
  /** Bytes of half-written last lines waiting for their newline. */
  pendingBytes: number;
  files: FileProblem[];
  /** Records dated more than a day after now (a skewed clock); they are counted on their own date. */
  futureRecords: number;
  /** Problems with the index itself: a saved index discarded (checksum, truncation), a save that failed. */
  indexWarnings: string[];
}

const DAY_MS = 86_400_000;

export function collectDiagnostics(store: UsageStore, sources: readonly SourceId[], now: number): Diagnostics {
  const d: Diagnostics = { filesRead: 0, filesOutsideRange: 0, filesMissing: 0, skippedLines: 0, pendingBytes: 0, files: [], futureRecords: 0, indexWarnings: store.warnings };
  d.futureRecords = futureRecords(store, new Set(sources.map((s) => SOURCE_IDS.indexOf(s))), now + DAY_MS);
  for (const f of store.files.values()) {
    if (!sources.includes(f.source)) continue;
    if (f.missing) d.filesMissing++;
    else if (f.outsideRange) d.filesOutsideRange++;
    else d.filesRead++;
    d.pendingBytes += f.pendingBytes;
    const skipped = Object.values(f.skipped).reduce((a, b) => a + b, 0);
    d.skippedLines += skipped;
    if (skipped > 0 || f.error) {
      d.files.push({ path: f.path, source: f.source, skipped: f.skipped, ...(f.error ? { error: f.error } : {}), ...(f.missing ? { missing: true } : {}) });
    }
  }
  d.files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return d;
}

/** Records dated after `after`: from the saved totals, or the records when a 15-minute row straddles it. */
function futureRecords(store: UsageStore, wanted: Set<number>, after: number): number {
  if (!store.recordsLoaded) {
    const r = store.rollups;
    let n = 0;
    let straddles = false;
    for (let i = 0; i < r.length; i++) {
      if (r.f64.last[i]! <= after || !wanted.has(r.u8.source[i]!)) continue;
      if (r.f64.first[i]! > after) n += r.f64.records[i]!;
      else straddles = true;
    }
    if (!straddles) return n;
  }
  const cols = store.columns;
  let n = 0;
  for (let i = 0; i < cols.length; i++) if (cols.f64.ts[i]! > after && !cols.isDeleted(i) && wanted.has(cols.u8.source[i]!)) n++;
  return n;
}
