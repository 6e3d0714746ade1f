// The scan worker's work (started by scanWorker.ts): scans the files it is given and posts the columns
// back in batches of about `batchBytes` of input (transferring the buffers), so the main thread merges
// while the worker reads on.
import { parentPort } from 'node:worker_threads';
import { type ScanBatch, scanFiles, type ScanOptions, type ScanTask } from './scanFiles';

/** Large batches merge fastest in all; the editor asks for small ones, whose merges are short. */
const DEFAULT_BATCH_BYTES = 64 * 1024 * 1024;

function post(batch: ScanBatch, last: boolean, bytes: number): void {
  const c = batch.columns;
  const transfer = [...Object.values(c.f64), ...Object.values(c.u32), ...Object.values(c.u8)].map((a) => a.buffer as ArrayBuffer);
  parentPort?.postMessage({ batch, last, bytes }, transfer);
}

/** Serves one scan request; `beforeLast` runs just before the last batch is posted (the worker ends then). */
export function serveScan(beforeLast: () => void): void {
  parentPort?.on('message', (msg: { tasks: ScanTask[]; options: ScanOptions; batchBytes?: number }) => {
    const batchBytes = msg.batchBytes ?? DEFAULT_BATCH_BYTES;
    let group: ScanTask[] = [];
    let groupBytes = 0;
    for (const task of msg.tasks) {
      group.push(task);
      groupBytes += Math.max(0, task.size - task.offset);
      if (groupBytes >= batchBytes) {
        post(scanFiles(group, msg.options), false, groupBytes);
        group = [];
        groupBytes = 0;
      }
    }
    const last = scanFiles(group, msg.options);
    beforeLast();
    post(last, true, groupBytes);
  });
}
