// Runs test/unit/helpers/sqliteCorpus.py: random databases written by the real SQLite (python3's sqlite3)
// with what SQLite reads from them, or SQLite's reading of given (damaged) files. One process per batch.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** The generator, found from the project folder (tests and scripts run there). */
export const CORPUS_SCRIPT = resolve('test/unit/helpers/sqliteCorpus.py');

/** One generated database, as the generator describes it. */
export interface CorpusCase {
  i: number;
  db: string;
  wal: string | null;
  /** SQLite's reading: JSON of { integrity, tables, pages }. */
  expected: string;
  pageSize: number;
  reserve: number;
  autoVacuum: 0 | 1 | 2;
  journal: 'wal' | 'rollback';
  notes: string[];
  rows: number;
  integrity: string;
  pageCount: number;
  freelistPages: number;
  overflowPages: number;
  maxDepth: number;
  walFrames: number;
  committedFrames: number;
  uncommittedFrames: number;
  staleFrames: number;
}

function python(spec: Record<string, unknown>, timeoutMs: number): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn('python3', [CORPUS_SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) done(out);
      else fail(new Error(`sqliteCorpus.py ${signal ? `killed (${signal}, over ${timeoutMs} ms)` : `exited ${code}`}: ${err.slice(-3000)}`));
    });
    child.stdin.end(JSON.stringify(spec));
  });
}

/** Cases `from` … `from + count - 1` of corpus `seed`, written into `dir`. */
export async function generateCases(dir: string, seed: number, from: number, count: number): Promise<CorpusCase[]> {
  const out = await python({ dir, seed, from, count }, 10 * 60_000);
  return out
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CorpusCase);
}

/** SQLite's reading of each [db, wal, out json]; a table (or schema) it cannot read is written as an error. */
export async function sqliteReads(dir: string, files: [string, string | null, string][]): Promise<void> {
  await python({ mode: 'read', dir, files }, 10 * 60_000);
}
