// One incremental update: list every enabled source's files, read what changed, merge, persist.
// Several processes may update one index at once: each saves a complete snapshot (see UsageStore.saveShared).
import { SOURCES } from '../sources/registry';
import type { SourceEnv } from '../sources/sourceEnv';
import { UsageStore } from '../store/usageStore';
import type { SourceId, ToolRunEvent } from '../types';
import { reclassifyActivity } from '../activity/reclassify';
import { runScan } from './scanPool';

export interface UpdateOptions {
  sources: readonly SourceId[];
  env: SourceEnv;
  /** Where the index lives; undefined reads everything in memory and persists nothing (--no-cache). */
  cacheDir: string | undefined;
  /**
   * Also collect outcome activity (test runs, commits, merges, edits) into the store. On by default: the
   * store's read offsets are shared, so a read without it would miss that activity for good.
   */
  toolRuns?: boolean;
  testPatterns?: string[];
  workers?: number;
  workerPath?: string;
  onProgress?: (doneBytes: number, totalBytes: number) => void;
  /**
   * Epoch ms of the earliest record the caller will report (--since, the status bar's today or week):
   * log files last changed well before it and never read are left for a query that wants them
   * (UsageStore.planScan). Undefined reads every file.
   */
  since?: number;
}

export interface UpdateResult {
  store: UsageStore;
  toolRuns: ToolRunEvent[];
  roots: Partial<Record<SourceId, string[]>>;
  bytesRead: number;
  /** Files read (in whole or their new bytes). */
  filesRead: number;
}

export async function updateUsage(options: UpdateOptions): Promise<UpdateResult> {
  const store = UsageStore.open(options.cacheDir);
  const readBefore = store.files.size > 0;
  const roots: Partial<Record<SourceId, string[]>> = {};
  const listed = options.sources.flatMap((id) => {
    const source = SOURCES[id];
    const r = source.roots(options.env);
    roots[id] = r;
    return source.listFiles(r).map((file) => ({ source: id, file }));
  });
  const plan = { ...(options.since !== undefined ? { since: options.since } : {}) };
  let tasks = store.planScan(listed, plan);
  // Merging needs the stored records; if they turn out damaged the store starts over: plan again.
  if (tasks.length > 0 && !store.loadRecords()) tasks = store.planScan(listed, plan);
  const total = tasks.reduce((s, t) => s + Math.max(0, t.size - t.offset), 0);
  let done = 0;
  const toolRuns: ToolRunEvent[] = [];
  const pool = {
    ...(options.testPatterns ? { testPatterns: options.testPatterns } : {}),
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.workerPath !== undefined ? { workerPath: options.workerPath } : {}),
    ...(options.cacheDir !== undefined ? { codeCacheDir: options.cacheDir } : {}),
  };
  await runScan(tasks, {
    ...pool,
    toolRuns: options.toolRuns ?? true,
    onProgress: (bytes) => {
      done += bytes;
      options.onProgress?.(done, total);
    },
  }, (batch) => {
    // Copies with equal totals carry the same numbers, so the order batches merge in does not change totals.
    store.merge(batch);
    for (const run of batch.toolRuns) toolRuns.push(run);
  });
  if (options.toolRuns ?? true) {
    await reclassifyActivity(store, listed, pool, readBefore);
  }
  // A failed save is a warning in store.warnings; the figures of this run are complete either way.
  await store.saveShared();
  return { store, toolRuns, roots, bytesRead: total, filesRead: tasks.length };
}
