// Worker thread entry: scans the files it is given and posts the columns back (transferring the buffers).
import { parentPort } from 'node:worker_threads';
import { scanFiles, type ScanOptions, type ScanTask } from './scanFiles';

parentPort?.on('message', (msg: { tasks: ScanTask[]; options: ScanOptions }) => {
  let pendingBytes = 0;
  const batch = scanFiles(msg.tasks, msg.options, (bytes) => {
    pendingBytes += bytes;
    if (pendingBytes >= 32 * 1024 * 1024) {
      parentPort?.postMessage({ progress: pendingBytes });
      pendingBytes = 0;
    }
  });
  if (pendingBytes > 0) parentPort?.postMessage({ progress: pendingBytes });
  const c = batch.columns;
  const transfer = [...Object.values(c.f64), ...Object.values(c.u32), ...Object.values(c.u8)].map((a) => a.buffer as ArrayBuffer);
  parentPort?.postMessage({ batch }, transfer);
});
