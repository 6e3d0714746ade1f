// The durable usage store: every counted record (numbers and hashed ids, never text), the read state of
// every log file, and the dedup index over records. Records outlive the files they came from, so
// history stays right after an agent deletes old transcripts.
import { statSync } from 'node:fs';
import { ActivityLog } from '../activity/activityLog';
import { FLAG_HAS_KEY, RecordColumns } from '../scan/recordColumns';
import type { ScanBatch, ScanTask } from '../scan/scanFiles';
import type { SourceFile } from '../sources/logSource';
import { SOURCE_IDS, type SourceId } from '../types';
import { withCompanions } from '../scan/readWholeFile';
import { COPILOT_KEY2_OTEL } from '../sources/copilot/otelKeys';
import { hasCopilotRecords, reconcileCopilot } from './copilotReconcile';
import { DedupIndex, shouldReplace } from './dedupIndex';
import type { FileEntry } from './fileEntry';
import { loadSnapshot, saveSnapshot, saveSnapshotAsync } from './persist';

/**
 * Sources whose copy of a record read last is the current one: Gemini CLI appends a message again
 * whenever it changes; Copilot CLI's provisional per-message counts are retracted (a copy with no
 * tokens and no cost deletes the record) once the session's exact totals arrive.
 */
const LATER_COPY_WINS = new Uint8Array(256);
for (const s of ['gemini', 'copilot'] as const) LATER_COPY_WINS[SOURCE_IDS.indexOf(s)] = 1;

const COPILOT_CHAT = SOURCE_IDS.indexOf('copilot-chat');

/** A retraction deletes its stored copy (Copilot Chat: only records read from an OpenTelemetry export). */
function retracts(c: RecordColumns, j: number): boolean {
  const source = c.u8.source[j]!;
  if (LATER_COPY_WINS[source] !== 1 && !(source === COPILOT_CHAT && c.f64.key2[j] === COPILOT_KEY2_OTEL)) return false;
  return isRetraction(c, j);
}

function isRetraction(c: RecordColumns, j: number): boolean {
  const u = c.u32;
  return u.input[j] === 0 && u.output[j] === 0 && u.cacheCreation[j] === 0 && u.cacheRead[j] === 0 && Number.isNaN(c.f64.cost[j]!);
}

export class UsageStore {
  readonly files = new Map<string, FileEntry>();
  columns: RecordColumns;
  private activityLog: ActivityLog | undefined;
  private dedup: DedupIndex | undefined;
  private nextFileId = 1;
  private dirty = false;

  private constructor(
    private readonly dir: string | undefined,
    files: FileEntry[],
    columns: RecordColumns,
  ) {
    this.columns = columns;
    for (const f of files) {
      this.files.set(f.path, f);
      this.nextFileId = Math.max(this.nextFileId, f.id + 1);
    }
  }

  /** Opens the store persisted in `dir`, or an empty one (in memory only when `dir` is undefined). */
  static open(dir: string | undefined): UsageStore {
    const snap = dir ? loadSnapshot(dir) : undefined;
    return snap ? new UsageStore(dir, snap.files, new RecordColumns(snap.columns)) : new UsageStore(dir, [], new RecordColumns());
  }

  /**
   * Compares the listed files with what was read before and returns the reads needed: new bytes of
   * grown files, whole files that are new, replaced (new inode) or truncated. Files no longer listed
   * are marked missing; their records stay.
   */
  planScan(listed: { source: SourceId; file: SourceFile }[]): ScanTask[] {
    const tasks: ScanTask[] = [];
    const seen = new Set<string>();
    for (const { source, file } of listed) {
      if (seen.has(file.path)) continue; // listed by two sources (Copilot's OpenTelemetry exports): read once
      seen.add(file.path);
      let st;
      try {
        st = statSync(file.path);
      } catch (err) {
        const entry = this.entryFor(source, file);
        entry.error = (err as Error).message;
        this.dirty = true;
        continue;
      }
      const entry = this.entryFor(source, file);
      if (entry.missing) {
        entry.missing = false;
        this.dirty = true;
      }
      const replaced = entry.ino !== 0 && (st.ino !== entry.ino || st.dev !== entry.dev);
      const truncated = st.size < entry.offset + entry.pendingBytes && st.size < entry.size;
      if (file.mode === 'whole') {
        // Read whole on any change (to it or its companions); the old records stay until a read succeeds (see merge).
        const { size, mtimeMs } = withCompanions({ size: st.size, mtimeMs: st.mtimeMs }, file.companions);
        if (!replaced && size === entry.size && mtimeMs === entry.mtimeMs && !entry.error) continue;
        tasks.push({ fileId: entry.id, source, path: file.path, root: file.root, offset: 0, state: entry.state, size, whole: true, ...(file.companions ? { companions: file.companions } : {}) });
        continue;
      }
      if (replaced || truncated) this.resetFile(entry);
      else if (st.size === entry.size && st.mtimeMs === entry.mtimeMs && !entry.error) continue;
      tasks.push({ fileId: entry.id, source, path: file.path, root: file.root, offset: entry.offset, state: entry.state, size: st.size });
    }
    for (const entry of this.files.values()) {
      if (!seen.has(entry.path) && !entry.missing) {
        entry.missing = true;
        this.dirty = true;
      }
    }
    return tasks;
  }

  /** Merges a scan's records into the store, applying the dedup rules. */
  merge(batch: ScanBatch): void {
    if (batch.toolRuns.length > 0) this.activity.addToolRuns(batch.toolRuns);
    if (batch.columns.length === 0 && batch.files.length === 0) return;
    const src = new RecordColumns(batch.columns);
    const dedup = (this.dedup ??= new DedupIndex(this.columns));
    const remap = this.columns.remapFrom(src);
    const cols = this.columns;
    const rewritten = batch.files.filter((f) => f.whole === 'read');
    if (rewritten.length > 0) this.dropRecordsOf(new Set(rewritten.map((f) => f.fileId)));
    for (let j = 0; j < src.length; j++) {
      if ((src.u8.flags[j]! & FLAG_HAS_KEY) === 0) {
        cols.copyFrom(src, j, remap);
        continue;
      }
      const dup = dedup.find(src, j);
      const later = LATER_COPY_WINS[src.u8.source[j]!] === 1;
      if (retracts(src, j)) {
        if (dup !== undefined) {
          dedup.remove(dup);
          cols.markDeleted(dup);
        }
      } else if (dup === undefined) dedup.add(cols.copyFrom(src, j, remap));
      else if (later || shouldReplace(src, j, cols, dup)) {
        dedup.remove(dup);
        cols.copyFrom(src, j, remap, dup);
        dedup.add(dup);
      }
    }
    if (hasCopilotRecords(src)) reconcileCopilot(cols, dedup);
    const byId = new Map<number, FileEntry>();
    for (const e of this.files.values()) byId.set(e.id, e);
    for (const f of batch.files) {
      const entry = byId.get(f.fileId);
      if (!entry) continue;
      if (f.whole === 'retry') {
        // Caught mid-rewrite: noted once, identity kept so that the next scan reads the file again.
        Object.assign(entry.skipped, f.skipped);
        continue;
      }
      if (f.whole === 'read') entry.skipped = {};
      for (const [reason, n] of Object.entries(f.skipped)) entry.skipped[reason] = (entry.skipped[reason] ?? 0) + n;
      if (f.error !== undefined) {
        entry.error = f.error;
        continue;
      }
      delete entry.error;
      const r = f.result!;
      Object.assign(entry, { dev: r.dev, ino: r.ino, size: r.size, mtimeMs: r.mtimeMs, offset: r.offset, pendingBytes: r.pendingBytes });
      if (f.state === undefined) delete entry.state;
      else entry.state = f.state;
    }
    this.dirty = true;
  }

  /** The test-command patterns the stored activity was classified with, without loading the activity. */
  activityPatternsKey(): string | undefined {
    return this.activityLog ? this.activityLog.patternsKey : ActivityLog.savedPatternsKey(this.dir);
  }

  /** Outcome activity (classified tool runs and edits) read from the same files; loaded when first asked for. */
  get activity(): ActivityLog {
    return (this.activityLog ??= ActivityLog.load(this.dir));
  }

  save(): void {
    // Activity first: if the index write is then lost, the lines are read again and dedupe.
    this.activityLog?.save(this.dir);
    if (!this.dir || !this.dirty) return;
    saveSnapshot(this.dir, { files: [...this.files.values()], columns: this.columns.toData(true) });
    this.dirty = false;
  }

  /** save() with the writes off the calling thread, for the editor. */
  async saveAsync(): Promise<void> {
    await this.activityLog?.saveAsync(this.dir);
    if (!this.dir || !this.dirty) return;
    this.dirty = false;
    await saveSnapshotAsync(this.dir, { files: [...this.files.values()], columns: this.columns.toData(true) });
  }

  private entryFor(source: SourceId, file: SourceFile): FileEntry {
    let entry = this.files.get(file.path);
    if (!entry) {
      entry = { id: this.nextFileId++, source, path: file.path, root: file.root, dev: 0, ino: 0, size: 0, mtimeMs: 0, offset: 0, pendingBytes: 0, skipped: {} };
      this.files.set(file.path, entry);
      this.dirty = true;
    }
    return entry;
  }

  /**
   * Reads a replaced or truncated file again from its start. Codex usage is cumulative within a file, so
   * its records are dropped and recomputed; Claude records are kept and re-read copies dedupe onto them.
   */
  private resetFile(entry: FileEntry): void {
    if (entry.source === 'codex') this.dropRecordsOf(new Set([entry.id]));
    Object.assign(entry, { offset: 0, pendingBytes: 0, size: 0, mtimeMs: 0, skipped: {} });
    delete entry.state;
    this.dirty = true;
  }

  /** Deletes the stored records of these files (they are about to be read again from their start). */
  private dropRecordsOf(fileIds: Set<number>): void {
    const dedup = (this.dedup ??= new DedupIndex(this.columns));
    const cols = this.columns;
    for (let i = 0; i < cols.length; i++) {
      if (fileIds.has(cols.u32.file[i]!) && !cols.isDeleted(i)) {
        dedup.remove(i);
        cols.markDeleted(i);
      }
    }
  }
}
