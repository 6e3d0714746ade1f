// The differential run of src/core/scan/sqliteReader.ts against SQLite: batches of random databases
// written by the real SQLite (one python3 process per batch), damaged copies of them read by SQLite too,
// and our reader over both in a worker thread watched for hangs. Used by sqliteDifferential.test.ts (a
// few hundred databases) and scripts/sqliteDifferential.mjs (a thousand and more).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { applyWal } from '../../../src/core/scan/sqliteReader';
import type { Expected, Verdict } from './sqliteCompare';
import { generateCases, sqliteReads, type CorpusCase } from './sqliteCorpus';
import { corruptImage, corruptWal, Rng } from './sqliteCorrupt';
import type { DiffJob, DiffResult } from './sqliteDiffWorker';

export interface DiffOptions {
  /** A work folder; each batch's files are deleted once compared. */
  dir: string;
  seed: number;
  /** How many databases. */
  count: number;
  /** Damaged copies per database. */
  damagedPerCase: number;
  /** Databases per python3 process. */
  batch?: number;
  /** Batches in flight at once. */
  parallel?: number;
  /** A case with no verdict after this long is a hang. */
  hangMs?: number;
  workerPath?: string;
  onBatch?: (done: number, total: number) => void;
}

export interface DiffFailure {
  id: string;
  what: string;
  verdict: Verdict | { kind: 'hang' };
}

type Kind = Verdict['kind'] | 'hang';

export interface DiffReport {
  cases: CorpusCase[];
  valid: Record<Kind, number>;
  damaged: Record<Kind, number>;
  /** Damage by kind (`cell count`, `WAL byte`, …): how many copies got it. */
  damageKinds: Record<string, number>;
  /** Our reader's refusals of damaged copies, by message (numbers left out). */
  formatErrors: Record<string, number>;
  failures: DiffFailure[];
  slowestMs: number;
}

const zero = (): Record<Kind, number> => ({ same: 0, 'format-error': 0, mismatch: 0, crash: 0, hang: 0 });

type Result = { id: string; verdict: Verdict | { kind: 'hang' }; ms: number };

/** Runs the jobs in a worker; a job with no verdict within hangMs is a hang (the worker is ended, the rest go on). */
async function runJobs(jobs: DiffJob[], workerPath: string, hangMs: number): Promise<Result[]> {
  const results: Result[] = [];
  let rest = jobs;
  while (rest.length > 0) {
    const batch = rest;
    const got: DiffResult[] = [];
    const outcome = await new Promise<string>((done) => {
      const worker = new Worker(workerPath);
      let state: 'running' | 'done' | 'hang' = 'running';
      const stop = (why: 'done' | 'hang'): void => {
        state = why;
        void worker.terminate();
      };
      let timer = setTimeout(() => stop('hang'), hangMs);
      worker.on('message', (m: DiffResult | { done: true }) => {
        clearTimeout(timer);
        if ('done' in m) return stop('done');
        got.push(m);
        timer = setTimeout(() => stop('hang'), hangMs);
      });
      // The first outcome holds: an 'error' is followed by 'exit', as is every stop.
      worker.on('error', (err) => {
        clearTimeout(timer);
        done(`${err.name}: ${err.message}`);
      });
      worker.on('exit', (code) => {
        clearTimeout(timer);
        done(state === 'running' ? `exited with code ${code}` : state);
      });
      worker.postMessage(batch);
    });
    results.push(...got);
    if (outcome === 'done') break;
    const stuck = batch[got.length]!;
    results.push({ id: stuck.id, verdict: outcome === 'hang' ? { kind: 'hang' } : { kind: 'crash', detail: `worker died: ${outcome}` }, ms: outcome === 'hang' ? hangMs : 0 });
    rest = batch.slice(got.length + 1);
  }
  return results;
}

/** Damaged copies of a case: its image (WAL applied) with one kind of damage, or its WAL with a byte changed. */
function damage(c: CorpusCase, n: number, seed: number, dir: string): { job: DiffJob; what: string }[] {
  const db = readFileSync(c.db);
  const wal = c.wal ? readFileSync(c.wal) : undefined;
  const pages = (JSON.parse(readFileSync(c.expected, 'utf8')) as Expected).pages ?? [];
  let image: Buffer;
  try {
    image = applyWal(db, wal);
  } catch {
    return []; // the comparison of the case itself reports it
  }
  const out: { job: DiffJob; what: string }[] = [];
  for (let v = 0; v < n; v++) {
    const rng = new Rng(seed * 7919 + c.i * 131 + v);
    const id = `${c.i}.d${v}`;
    const path = join(dir, `${id}.db`);
    if (wal && wal.length > 32 && rng.int(4) === 0) {
      const d = corruptWal(wal, rng);
      writeFileSync(path, db);
      writeFileSync(`${path}-wal`, d.bytes);
      out.push({ job: { id, db: path, wal: `${path}-wal`, expected: join(dir, `${id}.json`), before: c.expected }, what: d.what });
    } else {
      const d = corruptImage(image, c.pageSize, pages, rng);
      writeFileSync(path, d.bytes);
      out.push({ job: { id, db: path, wal: null, expected: join(dir, `${id}.json`), before: c.expected }, what: d.what });
    }
  }
  return out;
}

export async function runDifferential(opts: DiffOptions): Promise<DiffReport> {
  const batch = opts.batch ?? 50;
  const workerPath = opts.workerPath ?? resolve('out/test/unit/helpers/sqliteDiffWorker.js');
  const hangMs = opts.hangMs ?? 20_000;
  const report: DiffReport = { cases: [], valid: zero(), damaged: zero(), damageKinds: {}, formatErrors: {}, failures: [], slowestMs: 0 };
  const starts: number[] = [];
  for (let from = 0; from < opts.count; from += batch) starts.push(from);
  let done = 0;
  const slot = async (): Promise<void> => {
    for (let from = starts.shift(); from !== undefined; from = starts.shift()) {
      const dir = join(opts.dir, `batch-${from}`);
      mkdirSync(dir, { recursive: true });
      const cases = await generateCases(dir, opts.seed, from, Math.min(batch, opts.count - from));
      const damaged = cases.flatMap((c) => damage(c, opts.damagedPerCase, opts.seed, dir));
      await sqliteReads(dir, damaged.map(({ job }) => [job.db, job.wal, job.expected]));
      const what = new Map(damaged.map((d) => [d.job.id, d.what]));
      const jobs: DiffJob[] = [...cases.map((c) => ({ id: String(c.i), db: c.db, wal: c.wal, expected: c.expected })), ...damaged.map((d) => d.job)];
      for (const r of await runJobs(jobs, workerPath, hangMs)) {
        const isDamaged = what.has(r.id);
        const tally = isDamaged ? report.damaged : report.valid;
        tally[r.verdict.kind]++;
        report.slowestMs = Math.max(report.slowestMs, r.ms);
        const kind = what.get(r.id)?.split(':')[0];
        if (kind) report.damageKinds[kind] = (report.damageKinds[kind] ?? 0) + 1;
        if (isDamaged && r.verdict.kind === 'format-error') {
          const key = r.verdict.message.replace(/\d+/g, 'N');
          report.formatErrors[key] = (report.formatErrors[key] ?? 0) + 1;
        }
        const ok = r.verdict.kind === 'same' || (isDamaged && r.verdict.kind === 'format-error');
        if (!ok) report.failures.push({ id: r.id, what: what.get(r.id) ?? JSON.stringify(cases.find((c) => String(c.i) === r.id)), verdict: r.verdict });
      }
      report.cases.push(...cases);
      if (report.failures.length === 0) rmSync(dir, { recursive: true, force: true });
      opts.onBatch?.((done += cases.length), opts.count);
    }
  };
  await Promise.all(Array.from({ length: opts.parallel ?? 2 }, slot));
  report.cases.sort((a, b) => a.i - b.i);
  return report;
}
