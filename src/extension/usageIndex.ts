// The extension's copy of the usage index: opened once from global storage and kept in memory, brought
// up to date incrementally (only bytes appended since the last read), parsed off the main thread when
// the work is large, and persisted at most every SAVE_EVERY_MS. No `vscode` here (the bench runs it).
//
// Several windows share one index directory. Each window keeps its own store and reads the log files
// itself; they all write complete snapshots (records + per-file offsets in one checksummed file,
// written to a temp name and renamed). Whichever window (or CLI run) saves last wins, and that is
// safe: a snapshot is always self-consistent, and the logs are append-only, so what a lost snapshot had
// counted is simply read again from the files (their offsets in the surviving snapshot are behind). A
// save lock keeps each save's activity log and index together.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { reclassifyActivity } from '../core/activity/reclassify';
import type { ScanBatch } from '../core/scan/scanFiles';
import { runScan } from '../core/scan/scanPool';
import type { SourceFile } from '../core/sources/logSource';
import { SOURCES } from '../core/sources/registry';
import { isDirectory, type SourceEnv } from '../core/sources/sourceEnv';
import { UsageStore } from '../core/store/usageStore';
import type { SourceId } from '../core/types';

/**
 * Below this many bytes to read, a scan runs on the main thread (~10 ms at most); above, in worker
 * threads, whose start-up and warm-up (~0.4 s) would dominate a small live update.
 */
const WORKER_THRESHOLD_BYTES = 2 * 1024 * 1024;
const SAVE_EVERY_MS = 30_000;
/** Small worker batches: each merge runs on the editor's event loop. */
const EDITOR_BATCH_BYTES = 8 * 1024 * 1024;
/**
 * A large read runs in chunks of about this many bytes, so that it can stop between them when cancelled.
 * Each chunk starts its workers afresh (about 0.4 s of start-up and warm-up on the dev machine: 128 MiB
 * chunks made a 512 MiB read 2.9× slower), so chunks are large: ~3 s of reading each.
 */
const CHUNK_BYTES = 1024 * 1024 * 1024;

export interface IndexOptions {
  /** Where the index lives (the extension's global storage); undefined = memory only. */
  cacheDir: string | undefined;
  /** dist/scanWorker.js */
  workerPath: string;
  /** Also collect agents' shell commands (for outcome detection). */
  toolRuns: boolean;
  log?: (message: string) => void;
  /** Chunk size of large reads (default CHUNK_BYTES). */
  chunkBytes?: number;
}

export interface ScanRequest {
  sources: readonly SourceId[];
  roots: Partial<Record<SourceId, string[]>>;
  testPatterns?: string[];
  /**
   * Only these files changed (watch events on files listed before): the last listing is reused instead
   * of walking the log folders again (a walk costs tens of ms of main-thread time on a big history).
   */
  changedFiles?: ReadonlySet<string>;
  onProgress?: (doneBytes: number, totalBytes: number) => void;
  /** Checked between chunks of a large read: true stops it (what was read is kept, the rest read later). */
  isCancelled?: () => boolean;
}

export interface IndexUpdate {
  store: UsageStore;
  /** Log files listed across the enabled sources' roots. */
  filesListed: number;
  bytesRead: number;
  ms: number;
  /** The read stopped early (isCancelled); bytesRead is what was planned. */
  cancelled: boolean;
}

/** Lets the event loop run (timers, I/O, other extensions) before the next piece of main-thread work. */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Merges worker batches one per turn of the event loop, in the order they came. Batches of two workers
 * that arrive together would otherwise merge back to back in one turn, and every other extension would
 * wait for both.
 */
class MergeQueue {
  private readonly pending: ScanBatch[] = [];
  private draining: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;

  constructor(private readonly merge: (batch: ScanBatch) => void) {}

  push(batch: ScanBatch): void {
    this.pending.push(batch);
    this.draining ??= this.drain();
  }

  /** Resolves when every batch pushed so far is merged (or skipped after a failed merge). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** The first merge's error, if one failed. */
  throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      await yieldToLoop();
      const batch = this.pending.shift()!;
      if (this.failure) continue; // the update fails; what is left is not merged
      try {
        this.merge(batch);
      } catch (error) {
        this.failure = { error };
      }
    }
    this.draining = undefined;
  }
}

/** Tasks in order, cut into runs of about `bytes` each. */
function chunks<T extends { size: number; offset: number }>(tasks: T[], bytes: number): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let sum = 0;
  for (const t of tasks) {
    cur.push(t);
    sum += Math.max(0, t.size - t.offset);
    if (sum >= bytes) {
      out.push(cur);
      cur = [];
      sum = 0;
    }
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** A source's roots from its own rules (environment, defaults), plus the user's extra folders. */
export function sourceRoots(id: SourceId, env: SourceEnv, extraPaths: readonly string[]): string[] {
  const extra = extraPaths.flatMap((raw) => {
    const p = raw.startsWith('~/') ? join(env.home, raw.slice(2)) : raw;
    if (id === 'claude' && isDirectory(join(p, 'projects'))) return [join(p, 'projects')];
    if (id === 'codex' && (isDirectory(join(p, 'sessions')) || isDirectory(join(p, 'archived_sessions')))) return [join(p, 'sessions'), join(p, 'archived_sessions')];
    return [p];
  });
  return [...new Set([...(SOURCES[id]?.roots(env) ?? []), ...extra])];
}

export class UsageIndex {
  private store: UsageStore | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private queued: Promise<IndexUpdate> | undefined;
  private latest: ScanRequest | undefined;
  /** Requests merged while waiting: a follow-up reuses the listing only if every merged request could. */
  private merged: Set<string> | undefined | null = null;
  private lastListing: { key: string; listed: { source: SourceId; file: SourceFile }[]; paths: Set<string> } | undefined;
  private lastSave = 0;
  private unsaved = false;
  private saveTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly opts: IndexOptions) {}

  /** The store as last updated (undefined before the first update). */
  get current(): UsageStore | undefined {
    return this.store;
  }

  /**
   * Brings the index up to date. Calls made while an update runs share one follow-up update (with the
   * latest request), so a burst of file events costs at most two scans.
   */
  update(request: ScanRequest): Promise<IndexUpdate> {
    this.latest = request;
    // Changed-file sets of coalesced requests are united; one request without a set means a full listing.
    if (this.merged === null) this.merged = request.changedFiles ? new Set(request.changedFiles) : undefined;
    else if (this.merged && request.changedFiles) for (const p of request.changedFiles) this.merged.add(p);
    else this.merged = undefined;
    if (this.queued) return this.queued;
    const run = this.chain.then(() => {
      this.queued = undefined;
      const changed = this.merged;
      this.merged = null;
      const { changedFiles: _ignored, ...rest } = this.latest!;
      return this.run(changed ? { ...rest, changedFiles: changed } : rest);
    });
    this.queued = run;
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async run(req: ScanRequest): Promise<IndexUpdate> {
    const started = Date.now();
    const store = (this.store ??= UsageStore.open(this.opts.cacheDir));
    const key = JSON.stringify([req.sources, req.roots]);
    const last = this.lastListing;
    let listed: { source: SourceId; file: SourceFile }[];
    if (last && last.key === key && req.changedFiles && [...req.changedFiles].every((p) => last.paths.has(p))) {
      listed = last.listed;
    } else {
      listed = [];
      for (const id of req.sources) {
        const source = SOURCES[id];
        const roots = req.roots[id] ?? [];
        const files = source?.listFilesAsync ? await source.listFilesAsync(roots) : (source?.listFiles(roots) ?? []);
        for (const file of files) listed.push({ source: id, file });
        // Listing is synchronous: let the event loop run between sources.
        await new Promise((r) => setImmediate(r));
      }
      this.lastListing = { key, listed, paths: new Set(listed.map((l) => l.file.path)) };
    }
    const readBefore = store.files.size > 0;
    let tasks = store.planScan(listed);
    // Records are loaded before new ones merge; saved records found damaged restart the store empty, and
    // the plan must then read every file again (as updateUsage does).
    if (tasks.length > 0 && !store.loadRecords()) tasks = store.planScan(listed);
    const total = tasks.reduce((s, t) => s + Math.max(0, t.size - t.offset), 0);
    const patterns = req.testPatterns && req.testPatterns.length > 0 ? { testPatterns: req.testPatterns } : {};
    let done = 0;
    let cancelled = false;
    const merges = new MergeQueue((batch) => store.merge(batch));
    for (const chunk of chunks(tasks, this.opts.chunkBytes ?? CHUNK_BYTES)) {
      if (req.isCancelled?.()) {
        cancelled = true;
        break;
      }
      const bytes = chunk.reduce((s, t) => s + Math.max(0, t.size - t.offset), 0);
      try {
        await runScan(
          chunk,
          {
            toolRuns: this.opts.toolRuns,
            ...patterns,
            workers: bytes >= WORKER_THRESHOLD_BYTES ? Math.max(1, availableParallelism()) : 0,
            workerPath: this.opts.workerPath,
            ...this.codeCacheDir(),
            batchBytes: EDITOR_BATCH_BYTES,
            onProgress: (b) => {
              done += b;
              req.onProgress?.(done, total);
            },
          },
          (batch) => merges.push(batch),
        );
      } finally {
        // A failed read leaves no merge running into the next update.
        await merges.idle();
      }
      merges.throwIfFailed();
    }
    if (this.opts.toolRuns && !cancelled) {
      await yieldToLoop();
      const before = store.activityPatternsKey();
      await reclassifyActivity(store, listed, { ...patterns, workers: Math.max(1, availableParallelism()), workerPath: this.opts.workerPath, ...this.codeCacheDir(), batchBytes: EDITOR_BATCH_BYTES }, readBefore);
      if (store.activityPatternsKey() !== before) this.unsaved = true;
    }
    if (tasks.length > 0) {
      this.unsaved = true;
      // The saved totals are summed again after a merge, a pass over every record: in a turn of its own,
      // not in the one that then starts the save (or builds the figures).
      await yieldToLoop();
      void store.rollups;
    }
    // A cold scan is saved at once (another window or a restart then starts from it); small increments
    // are saved at most every SAVE_EVERY_MS, since a save rewrites the whole index.
    if (this.unsaved) {
      await yieldToLoop();
      if (total >= WORKER_THRESHOLD_BYTES || Date.now() - this.lastSave >= SAVE_EVERY_MS) await this.save();
      else this.scheduleSave();
    }
    return { store, filesListed: listed.length, bytesRead: total, ms: Date.now() - started, cancelled };
  }

  /** Workers keep their compiled code beside the index. */
  private codeCacheDir(): { codeCacheDir?: string } {
    return this.opts.cacheDir ? { codeCacheDir: this.opts.cacheDir } : {};
  }

  private scheduleSave(): void {
    if (this.saveTimer || this.disposed) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      // Through the chain, so that a save never runs in the middle of a merge.
      this.chain = this.chain.then(() => this.save());
    }, Math.max(0, this.lastSave + SAVE_EVERY_MS - Date.now()));
  }

  /** Writes the index now if it has unsaved changes. */
  async save(): Promise<void> {
    const store = this.store;
    const dir = this.opts.cacheDir;
    if (!store || !this.unsaved) return;
    this.unsaved = false;
    this.lastSave = Date.now();
    if (!dir) return;
    // A failure is kept in store.warnings (Show Diagnostics) and logged; what is in memory stays right.
    if (await store.saveShared()) return;
    this.unsaved = true; // tried again with the next save
    this.opts.log?.(store.warnings.at(-1) ?? 'Could not save the usage index.');
  }

  /** Saves what is unsaved and stops the timer (deactivation). */
  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    await this.chain;
    await this.save();
  }
}
