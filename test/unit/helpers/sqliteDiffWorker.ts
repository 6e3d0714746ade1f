// Worker thread of the SQLite differential run (helpers/sqliteDifferential.ts): reads each case's files
// with our reader and compares with what SQLite read, reporting one verdict per case as it goes, so the
// parent can tell a hang (no report in time) from a slow batch, and a crash here cannot take it down.
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { applyWal, SqliteImage } from '../../../src/core/scan/sqliteReader';
import { compareCorrupted, compareValid, type Expected, type Verdict } from './sqliteCompare';

export interface DiffJob {
  id: string;
  db: string;
  wal: string | null;
  /** SQLite's reading of these files. */
  expected: string;
  /** For a damaged file: SQLite's reading of the file before the damage. */
  before?: string;
}

export interface DiffResult {
  id: string;
  verdict: Verdict;
  ms: number;
}

const json = (path: string): Expected => JSON.parse(readFileSync(path, 'utf8')) as Expected;

function run(job: DiffJob): Verdict {
  const bytes = readFileSync(job.db);
  const wal = job.wal ? readFileSync(job.wal) : undefined;
  const image = (): SqliteImage => new SqliteImage(applyWal(bytes, wal));
  return job.before ? compareCorrupted(image, json(job.expected), json(job.before)) : compareValid(image, json(job.expected));
}

parentPort?.on('message', (jobs: DiffJob[]) => {
  for (const job of jobs) {
    const t0 = performance.now();
    const verdict = run(job);
    parentPort!.postMessage({ id: job.id, verdict, ms: performance.now() - t0 } satisfies DiffResult);
  }
  parentPort!.postMessage({ done: true });
});
