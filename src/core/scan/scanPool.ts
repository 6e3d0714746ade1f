// Spreads a scan over worker threads (one per core, files balanced by bytes), or runs it in-process
// when the work is small or no worker bundle is available.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { codeCacheFile } from '../runtime/codeCache';
import { type ScanBatch, scanFiles, type ScanOptions, type ScanTask } from './scanFiles';

export interface PoolOptions extends ScanOptions {
  /** Worker count; 0 scans in-process. Default: one per core when the work is large enough. */
  workers?: number;
  /** Path of the built scan worker; default: scanWorker.js beside the running bundle. */
  workerPath?: string;
  onProgress?: (bytes: number) => void;
  /** Input bytes per batch a worker posts (default 64 MiB); smaller keeps each merge on the caller's thread short. */
  batchBytes?: number;
  /** The cache dir beside which workers keep V8's code cache of the scan code (none when undefined). */
  codeCacheDir?: string;
}

const IN_PROCESS_BELOW_BYTES = 16 * 1024 * 1024;

/** Scans `tasks`, handing each batch of results to `onBatch` as soon as it is ready. */
export async function runScan(tasks: ScanTask[], options: PoolOptions, onBatch: (batch: ScanBatch) => void): Promise<void> {
  const bytes = tasks.reduce((sum, t) => sum + Math.max(0, t.size - t.offset), 0);
  const workerPath = options.workerPath ?? join(__dirname, 'scanWorker.js');
  let count = options.workers ?? (bytes < IN_PROCESS_BELOW_BYTES ? 0 : availableParallelism());
  count = Math.min(count, tasks.length);
  const scanOptions: ScanOptions = { toolRuns: options.toolRuns, ...(options.testPatterns ? { testPatterns: options.testPatterns } : {}) };
  if (count <= 0 || !existsSync(workerPath)) {
    onBatch(scanFiles(tasks, scanOptions, options.onProgress));
    return;
  }
  const groups = balance(tasks, count);
  await Promise.all(groups.map((group) => runWorker(workerPath, group, scanOptions, onBatch, options)));
}

/** Largest files first, each to the least-loaded group; each group keeps path order. */
function balance(tasks: ScanTask[], count: number): ScanTask[][] {
  const groups: ScanTask[][] = Array.from({ length: count }, () => []);
  const load = new Array<number>(count).fill(0);
  const order = tasks.map((t, i) => i).sort((a, b) => tasks[b]!.size - tasks[b]!.offset - (tasks[a]!.size - tasks[a]!.offset) || a - b);
  for (const i of order) {
    let target = 0;
    for (let g = 1; g < count; g++) if (load[g]! < load[target]!) target = g;
    groups[target]!.push(tasks[i]!);
    load[target]! += tasks[i]!.size - tasks[i]!.offset;
  }
  for (const g of groups) g.sort((a, b) => a.fileId - b.fileId);
  return groups.filter((g) => g.length > 0);
}

function runWorker(
  path: string,
  tasks: ScanTask[],
  options: ScanOptions,
  onBatch: (batch: ScanBatch) => void,
  { onProgress, batchBytes, codeCacheDir }: PoolOptions,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path, { workerData: { codeCacheFile: codeCacheDir && codeCacheFile(codeCacheDir, 'scanWorker') } });
    worker.on('message', (msg: { batch: ScanBatch; last: boolean; bytes: number }) => {
      try {
        onBatch(msg.batch);
      } catch (err) {
        reject(err);
        void worker.terminate();
        return;
      }
      onProgress?.(msg.bytes);
      if (msg.last) {
        resolve();
        void worker.terminate();
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`scan worker exited with code ${code}`));
    });
    worker.postMessage({ tasks, options, ...(batchBytes ? { batchBytes } : {}) });
  });
}
