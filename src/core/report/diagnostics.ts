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
  const d: Diagnostics = { filesRead: 0, filesMissing: 0, skippedLines: 0, pendingBytes: 0, files: [], futureRecords: 0, indexWarnings: store.warnings };
  const cols = store.columns;
  const wanted = new Set(sources.map((s) => SOURCE_IDS.indexOf(s)));
  for (let i = 0; i < cols.length; i++) {
    if (cols.f64.ts[i]! > now + DAY_MS && !cols.isDeleted(i) && wanted.has(cols.u8.source[i]!)) d.futureRecords++;
  }
  for (const f of store.files.values()) {
    if (!sources.includes(f.source)) continue;
    if (f.missing) d.filesMissing++;
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
