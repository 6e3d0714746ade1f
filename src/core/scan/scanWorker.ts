// Worker thread entry: loads the scan code (scanWorkerMain.js, beside this file) through V8's code cache
// when the pool names a cache file, since every cold scan starts fresh workers that would otherwise
// compile the same half megabyte again. The cache is written once the scan has run, so it also holds
// the functions the scan compiled.
import { join } from 'node:path';
import { workerData } from 'node:worker_threads';
import { loadWithCodeCache } from '../runtime/codeCache';

const data = workerData as { codeCacheFile?: string } | undefined;
const main = loadWithCodeCache(join(__dirname, 'scanWorkerMain.js'), data?.codeCacheFile, module);
(main.exports as typeof import('./scanWorkerMain')).serveScan(() => main.saveIfNeeded());
