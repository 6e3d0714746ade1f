// Test commands are classified as the logs are read. When the patterns differ from the ones the stored
// activity was classified with, every listed file is read again for its activity alone (usage records
// and read offsets stay as they are). Used by every reader of the index: the CLI and the editor.
import { type PoolOptions, runScan } from '../scan/scanPool';
import { UsageStore } from '../store/usageStore';
import type { ToolRunEvent } from '../types';

type Listed = Parameters<UsageStore['planScan']>[0];
export type RereadOptions = Pick<PoolOptions, 'testPatterns' | 'workers' | 'workerPath' | 'batchBytes' | 'codeCacheDir'>;

export function patternsKey(testPatterns: readonly string[] | undefined): string {
  return JSON.stringify(testPatterns ?? []);
}

/**
 * Brings the store's activity in line with `options.testPatterns`. `readBefore`: the store held files
 * before this update (a first read has just classified everything with these patterns).
 */
export async function reclassifyActivity(store: UsageStore, listed: Listed, options: RereadOptions, readBefore: boolean): Promise<void> {
  const key = patternsKey(options.testPatterns);
  if (store.activityPatternsKey() === key) return;
  if (readBefore) store.activity.replaceAll(await rereadActivity(listed, options));
  store.activity.patternsKey = key;
}

async function rereadActivity(listed: Listed, options: RereadOptions): Promise<ToolRunEvent[]> {
  const fresh = UsageStore.open(undefined);
  const tasks = fresh.planScan(listed);
  const runs: ToolRunEvent[] = [];
  await runScan(tasks, { ...options, toolRuns: true }, (batch) => {
    for (const run of batch.toolRuns) runs.push(run);
  });
  return runs;
}
