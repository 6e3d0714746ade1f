// The durable usage store: every counted record (numbers and hashed ids, never text), the read state of
// every log file, the dedup index over records, and the records' saved totals (rollups.ts). Records
// outlive the files they came from, so history stays right after an agent deletes old transcripts.
// Opening reads the file list and the saved totals only; the records (and the dedup index over them)
// are read when new bytes are merged or a caller asks for `columns`, so a run that finds nothing new
// costs what the totals cost, not what the history holds.
import { statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { ACTIVITY_FILES, ActivityLog } from '../activity/activityLog';
import { fingerprintOf } from '../scan/fingerprint';
import { FLAG_HAS_KEY, RecordColumns } from './recordColumns';
import { type RollupData, emptyRollups, rollupsOf } from './rollups';
import type { ScanBatch, ScanTask } from '../scan/scanFiles';
import type { SourceFile } from '../sources/logSource';
import { SOURCE_IDS, type SourceId } from '../types';
import { withCompanions } from '../scan/readWholeFile';
import { COPILOT_KEY2_OTEL } from '../sources/copilot/otelKeys';
import { hasCopilotRecords, reconcileCopilot } from './copilotReconcile';
import { DedupIndex, shouldReplace } from './dedupIndex';
import type { FileEntry } from './fileEntry';
import { withFileLock } from './fileLock';
import { removeOrphanedTemps } from './atomicFile';
import { type Dictionaries, INDEX_FILES, openIndex, SavedRecords, saveSnapshot, saveSnapshotAsync, type StoreSnapshot } from './persist';

const SAVE_LOCK = 'save.lock';

/**
 * A file whose last change (ctime) was less than this before it was stat'ed for reading is "racy": a
 * rewrite in the same timestamp tick (coarse on some file systems, up to 2 s on FAT) would leave size,
 * mtime and ctime as they were, so its fingerprint is checked until the change is that old (as git
 * does for racily clean index entries).
 */
const RACY_MS = 3_000;

/**
 * A date-bounded read (planScan's `since`) leaves unread the files last modified more than this before
 * the range starts. Agents append, so a file holds no record dated after its last change, give or take
 * the difference between the clock that dated the records and the file system's (another machine's
 * logs synced here, a VM or container whose clock drifted): a day covers that with room to spare.
 */
export const SINCE_SKEW_MS = 86_400_000;

export interface PlanOptions {
  /** Epoch ms: only records at or after this are wanted now; older files not yet read may wait. */
  since?: number;
}

export interface StoreStats {
  /** Times the records were read from the saved index (0 on a run that used only the saved totals). */
  recordLoads: number;
  /** Times the saved totals were summed again from the records. */
  rollupBuilds: number;
}

/**
 * Sources whose copy of a record read last is the current one: Gemini CLI appends a message again
 * whenever it changes; Copilot CLI's provisional per-message counts are retracted (a copy with no
 * tokens and no cost deletes the record) once the session's exact totals arrive.
 */
const LATER_COPY_WINS = new Uint8Array(256);
for (const s of ['gemini', 'copilot'] as const) LATER_COPY_WINS[SOURCE_IDS.indexOf(s)] = 1;

const COPILOT_CHAT = SOURCE_IDS.indexOf('copilot-chat');

/** The last change of a file and its companions (a database's write-ahead log). */
function newest(st: Stats, companions: string[] | undefined): number {
  return companions ? withCompanions({ size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs }, companions).mtimeMs : st.mtimeMs;
}

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
  readonly stats: StoreStats = { recordLoads: 0, rollupBuilds: 0 };
  private records: RecordColumns | undefined;
  /** The records still on disk (undefined once read, or when there is no saved index). */
  private savedRecords: SavedRecords | undefined;
  private readonly dict: Dictionaries;
  /** The saved totals; undefined (or stale) until summed from the records. */
  private rollupRows: RollupData | undefined;
  private rollupsStale = false;
  private activityLog: ActivityLog | undefined;
  private dedup: DedupIndex | undefined;
  private nextFileId = 1;
  private dirty = false;
  private loadWarning: string | undefined;
  private saveWarning: string | undefined;

  private constructor(
    private readonly dir: string | undefined,
    files: FileEntry[],
    records: RecordColumns | SavedRecords,
    dict: Dictionaries,
    rollups: RollupData | undefined,
  ) {
    if (records instanceof RecordColumns) this.records = records;
    else this.savedRecords = records;
    this.dict = dict;
    this.rollupRows = rollups;
    for (const f of files) {
      this.files.set(f.path, f);
      this.nextFileId = Math.max(this.nextFileId, f.id + 1);
    }
  }

  /**
   * Opens the store persisted in `dir`, or an empty one (in memory only when `dir` is undefined). A saved
   * index that cannot be trusted (checksum, truncation) is discarded with a warning: every log is read again.
   */
  static open(dir: string | undefined): UsageStore {
    const loaded = dir ? openIndex(dir) : {};
    let store: UsageStore;
    if (loaded.head) {
      const h = loaded.head;
      store = new UsageStore(dir, h.files, h.records, h.dictionaries, h.rollups);
    } else if (loaded.snapshot) {
      const snap = loaded.snapshot;
      store = new UsageStore(dir, snap.files, new RecordColumns(snap.columns), snap.columns, snap.rollups);
    } else store = UsageStore.empty(dir);
    if (loaded.problem) store.discarded(loaded.problem);
    if (loaded.legacy) store.dirty = true;
    return store;
  }

  private static empty(dir: string | undefined): UsageStore {
    const records = new RecordColumns();
    return new UsageStore(dir, [], records, records.toData(), emptyRollups());
  }

  private discarded(problem: string): void {
    this.loadWarning = `The usage index was discarded and rebuilt from the logs: ${problem}. Usage from logs deleted since it was saved could not be recovered.`;
    this.dirty = true;
  }

  /** Every stored record; read from the saved index when first asked for. */
  get columns(): RecordColumns {
    if (this.records) return this.records;
    const saved = this.savedRecords!;
    this.savedRecords = undefined;
    this.stats.recordLoads++;
    const r = saved.load();
    if ('problem' in r) {
      // The records cannot be trusted: start over as with a damaged index (every log is read again).
      this.files.clear();
      this.nextFileId = 1;
      this.records = new RecordColumns();
      this.rollupRows = emptyRollups();
      this.rollupsStale = false;
      this.discarded(r.problem);
      return this.records;
    }
    this.records = new RecordColumns(r.columns);
    return this.records;
  }

  /** How many records are stored (deleted slots included until the next save), without reading them. */
  get recordCount(): number {
    return this.records ? this.records.length : (this.savedRecords?.count ?? 0);
  }

  /** Whether the records have been read (a run that finds nothing new leaves them on disk). */
  get recordsLoaded(): boolean {
    return this.records !== undefined;
  }

  /**
   * Reads the records now, before merging new ones. Returns false when they could not be trusted: the
   * store then starts over empty, and a plan made before must be made again.
   */
  loadRecords(): boolean {
    if (this.records) return true;
    const warning = this.loadWarning;
    void this.columns;
    return this.loadWarning === warning;
  }

  /** The live records' totals per 15-minute slot, source, model, project and session (see rollups.ts). */
  get rollups(): RollupData {
    if (!this.rollupRows || this.rollupsStale) {
      this.rollupRows = rollupsOf(this.columns);
      this.rollupsStale = false;
      this.stats.rollupBuilds++;
    }
    return this.rollupRows;
  }

  modelName(id: number): string {
    return this.records ? this.records.modelName(id) : this.dict.models[id]!;
  }
  projectName(id: number): string {
    return this.records ? this.records.projectName(id) : this.dict.projects[id]!;
  }
  sessionName(id: number): string {
    return this.records ? this.records.sessionName(id) : this.dict.sessions[id]!;
  }

  /** Problems with the index itself (not the logs), for the diagnostics: a discarded index, a failed save. */
  get warnings(): string[] {
    const activity = this.activityLog?.problem;
    return [this.loadWarning, activity && `Outcome activity was discarded (${activity}) and is read again from the logs.`, this.saveWarning].filter((w): w is string => w !== undefined);
  }

  /**
   * Compares the listed files with what was read before and returns the reads needed: new bytes of
   * grown files, whole files that are new, replaced (new inode) or truncated. Files no longer listed
   * are marked missing; their records stay.
   */
  planScan(listed: { source: SourceId; file: SourceFile }[], opts: PlanOptions = {}): ScanTask[] {
    const tasks: ScanTask[] = [];
    const oldest = opts.since === undefined ? -Infinity : opts.since - SINCE_SKEW_MS;
    const seen = new Set<string>();
    const now = Date.now();
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
      if (entry.ino === 0 && !entry.error && newest(st, file.companions) < oldest) {
        // Never read, and too old to hold records in range: read by a later query that wants them.
        if (!entry.outsideRange) {
          entry.outsideRange = true;
          this.dirty = true;
        }
        continue;
      }
      const replaced = entry.ino !== 0 && (st.ino !== entry.ino || st.dev !== entry.dev);
      const truncated = st.size < entry.offset + entry.pendingBytes && st.size < entry.size;
      if (file.mode === 'whole') {
        // Read whole on any change (to it or its companions); the old records stay until a read succeeds (see merge).
        const { size, mtimeMs, ctimeMs } = withCompanions({ size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs }, file.companions);
        if (!replaced && size === entry.size && mtimeMs === entry.mtimeMs && (entry.ctimeMs === undefined || ctimeMs === entry.ctimeMs) && !entry.error) continue;
        tasks.push({ fileId: entry.id, source, path: file.path, root: file.root, offset: 0, state: entry.state, size, whole: true, ...(file.companions ? { companions: file.companions } : {}) });
        continue;
      }
      if (replaced || truncated) this.resetFile(entry);
      else if (st.size === entry.size && st.mtimeMs === entry.mtimeMs && !entry.error) {
        if (!this.mayHaveChanged(entry, st, now)) continue;
        if (this.readBytesIntact(entry)) {
          // Only its metadata changed (or a racy entry checked out): nothing to read. Kept in memory;
          // saved with the next change, else checked again next time (two small reads).
          Object.assign(entry, { ctimeMs: st.ctimeMs, seenAt: now });
          continue;
        }
        this.resetFile(entry); // rewritten with other content of the same size and mtime
      } else if (!this.readBytesIntact(entry)) this.resetFile(entry); // grown or touched, but not by appending
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

  /** Size and mtime are as read before: could the content have changed all the same? */
  private mayHaveChanged(entry: FileEntry, st: Stats, now: number): boolean {
    if (entry.ctimeMs === undefined || entry.seenAt === undefined) {
      // Read by an older version: adopt the times, as size and mtime were all it compared.
      Object.assign(entry, { ctimeMs: st.ctimeMs, seenAt: now });
      return false;
    }
    return st.ctimeMs !== entry.ctimeMs || Math.max(entry.ctimeMs, entry.mtimeMs) > entry.seenAt - RACY_MS;
  }

  /** The bytes read before are still the file's first bytes (by their fingerprint, when one was taken). */
  private readBytesIntact(entry: FileEntry): boolean {
    return entry.fp === undefined || fingerprintOf(entry.path, entry.offset + entry.pendingBytes) === entry.fp;
  }

  /** Merges a scan's records into the store, applying the dedup rules. */
  merge(batch: ScanBatch): void {
    if (batch.toolRuns.length > 0) this.activity.addToolRuns(batch.toolRuns);
    if (batch.columns.length === 0 && batch.files.length === 0) return;
    this.rollupsStale = true;
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
      delete entry.outsideRange;
      const r = f.result!;
      Object.assign(entry, { dev: r.dev, ino: r.ino, size: r.size, mtimeMs: r.mtimeMs, ctimeMs: r.ctimeMs, seenAt: r.seenAt, offset: r.offset, pendingBytes: r.pendingBytes });
      if (f.state === undefined) delete entry.state;
      else entry.state = f.state;
      if (f.fp === undefined) delete entry.fp;
      else entry.fp = f.fp;
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

  /**
   * Writes what changed. Never throws: a failed save (a full disk, a read-only folder) becomes a warning,
   * the store stays as it is in memory, and the saved index stays as it was (the next run reads again).
   */
  save(): boolean {
    try {
      // Activity first: if the index write is then lost, the lines are read again and dedupe.
      this.activityLog?.save(this.dir);
      const dir = this.dirty ? this.dir : undefined;
      if (dir) saveSnapshot(dir, this.snapshot(), this.rollups);
      this.dirty = false;
      return this.saved(dir !== undefined);
    } catch (err) {
      return this.saveFailed(err);
    }
  }

  /** save() with the writes off the calling thread, for the editor. */
  async saveAsync(): Promise<boolean> {
    const wasDirty = this.dirty;
    try {
      await this.activityLog?.saveAsync(this.dir);
      if (!this.dir || !this.dirty) return this.saved();
      this.dirty = false;
      // The records are written from memory as they are: no merge may run until this returns (the
      // editor's index chains its saves after its merges).
      await saveSnapshotAsync(this.dir, this.snapshot(), this.rollups);
      return this.saved(true);
    } catch (err) {
      this.dirty ||= wasDirty;
      return this.saveFailed(err);
    }
  }

  /**
   * saveAsync() under the index folder's save lock, which CLI runs and editor windows share: their saves
   * (activity, then index) follow one another, never interleave.
   */
  async saveShared(): Promise<boolean> {
    if (!this.dir || !(this.dirty || this.activityLog?.unsaved)) return true;
    try {
      return await withFileLock(join(this.dir, SAVE_LOCK), () => this.saveAsync());
    } catch (err) {
      return this.saveFailed(err);
    }
  }

  /** What a save writes: the live records (without a copy), the files. */
  private snapshot(): StoreSnapshot & { keep?: Uint32Array } {
    const cols = this.columns;
    let deleted = 0;
    for (let i = 0; i < cols.length; i++) if (cols.isDeleted(i)) deleted++;
    let keep: Uint32Array | undefined;
    if (deleted > 0) {
      keep = new Uint32Array(cols.length - deleted);
      for (let i = 0, j = 0; i < cols.length; i++) if (!cols.isDeleted(i)) keep[j++] = i;
    }
    return { files: [...this.files.values()], columns: cols.view(), ...(keep ? { keep } : {}) };
  }

  private saved(wrote = false): boolean {
    this.saveWarning = undefined;
    // What saves killed midway left behind (their renames never came) is removed after a save of ours.
    if (wrote && this.dir) removeOrphanedTemps(this.dir, [...INDEX_FILES, ...ACTIVITY_FILES]);
    return true;
  }

  private saveFailed(err: unknown): boolean {
    const what = err instanceof Error ? err.message : String(err); // e.g. "ENOSPC: no space left on device, write"
    this.saveWarning = `Could not save the usage index in ${this.dir} (${what}). This run's figures are complete; the next run reads again what this one read.`;
    return false;
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
    delete entry.fp;
    this.dirty = true;
  }

  /** Deletes the stored records of these files (they are about to be read again from their start). */
  private dropRecordsOf(fileIds: Set<number>): void {
    this.rollupsStale = true;
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
