// The SQLite reader (src/core/scan/sqliteReader.ts) against SQLite itself: random databases written by
// the real SQLite (python3's sqlite3; helpers/sqliteCorpus.py) over page sizes 512–65,536, reserved
// bytes, auto-vacuum, freelists, overflow chains, deep b-trees, and WAL logs with committed and
// uncommitted frames, checkpoints and torn tails, read by our reader and by SQLite: the same rows. Then
// damaged copies of each: SqliteFormatError, or what SQLite reads, never a hang, a crash or wrong rows.
// `node scripts/sqliteDifferential.mjs` runs the same on a thousand databases and more.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { tempDir } from './helpers/engine';
import { runDifferential, type DiffReport } from './helpers/sqliteDifferential';

const CASES = 200;

describe('the SQLite reader against SQLite itself', function () {
  // The whole run is one python3 process per 50 databases and a worker thread; ~30 s on the 2-core machine.
  this.timeout(240_000);
  let report: DiffReport;

  before(async function () {
    if (!existsSync(resolve('out/test/unit/helpers/sqliteDiffWorker.js'))) execFileSync(process.execPath, ['esbuild.config.mjs', '--tests'], { stdio: 'inherit' });
    report = await runDifferential({ dir: tempDir('awu-sqlite-diff-'), seed: 20261204, count: CASES, damagedPerCase: 2 });
  });

  const failures = (damaged: boolean): string =>
    report.failures
      .filter((f) => f.id.includes('.d') === damaged)
      .slice(0, 10)
      .map((f) => `${f.id} (${f.what.slice(0, 300)}): ${JSON.stringify(f.verdict)}`)
      .join('\n');

  it(`reads every table of ${CASES} random databases as SQLite does`, () => {
    assert.equal(report.cases.length, CASES);
    // SQLite finds every generated database sound: integrity_check says ok or, at most, notes a value a
    // column's affinity would not have stored (SQLite itself fills an added column's default that way).
    const unsound = report.cases.filter((c) => c.integrity !== 'ok' && !/^(NUMERIC|TEXT|INTEGER|REAL|BLOB) value in /.test(c.integrity));
    assert.deepEqual(unsound.map((c) => [c.i, c.integrity]), []);
    assert.deepEqual(report.valid, { same: CASES, 'format-error': 0, mismatch: 0, crash: 0, hang: 0 }, failures(false));
    assert.ok(report.cases.reduce((n, c) => n + c.rows, 0) > 20_000, 'rows compared');
  });

  it('covers page sizes 512–65,536, reserved bytes, auto-vacuum, freelists, overflow chains, deep trees and schema changes', () => {
    const count = (pred: (c: DiffReport['cases'][number]) => boolean): number => report.cases.filter(pred).length;
    for (const size of [512, 1024, 2048, 4096, 8192, 16384, 32768, 65536]) assert.ok(count((c) => c.pageSize === size) >= 5, `page size ${size}`);
    assert.ok(count((c) => c.reserve > 0) >= 10, 'reserved bytes at the end of each page');
    assert.ok(count((c) => c.autoVacuum === 1) >= 10 && count((c) => c.autoVacuum === 2) >= 10, 'full and incremental auto-vacuum');
    assert.ok(count((c) => c.freelistPages > 0) >= 20, 'freelist pages');
    assert.ok(count((c) => c.overflowPages > 0) >= CASES / 2, 'overflow chains');
    assert.ok(count((c) => c.maxDepth >= 3) >= 5, 'b-trees of three levels and more');
    for (const note of ['delete', 'update', 'drop', 'add-column', 'rename-column', 'vacuum', 'incremental-vacuum']) assert.ok(count((c) => c.notes.includes(note)) >= 3, note);
  });

  it('covers WAL logs: committed frames, uncommitted ones after them, checkpoints in the middle, restarted and torn logs', () => {
    const count = (pred: (c: DiffReport['cases'][number]) => boolean): number => report.cases.filter(pred).length;
    assert.ok(count((c) => c.journal === 'rollback') >= 30 && count((c) => c.journal === 'wal') >= 60, 'rollback-journal and WAL databases');
    assert.ok(count((c) => c.committedFrames > 0) >= 50, 'commits in the WAL');
    assert.ok(count((c) => c.committedFrames > 0 && c.uncommittedFrames > 0) >= 10, 'uncommitted frames after committed ones');
    assert.ok(count((c) => c.staleFrames > 0) >= 10, 'frames of an earlier generation after a restart');
    for (const mode of ['passive', 'full', 'restart', 'truncate']) assert.ok(count((c) => c.notes.includes(`checkpoint-${mode}`)) >= 3, `checkpoint ${mode}`);
    assert.ok(count((c) => c.notes.includes('torn-wal')) >= 5, 'WALs cut at a random byte');
    assert.ok(count((c) => c.notes.includes('open-transaction')) >= 10, 'a transaction still open, its pages spilled into the WAL');
  });

  it('refuses damaged copies with SqliteFormatError or reads what SQLite reads: never a hang, a crash or wrong rows', () => {
    assert.deepEqual([report.damaged.mismatch, report.damaged.crash, report.damaged.hang], [0, 0, 0], failures(true));
    assert.equal(report.damaged.same + report.damaged['format-error'], 2 * CASES);
    assert.ok(report.damaged['format-error'] >= CASES / 2 && report.damaged.same >= CASES / 4, JSON.stringify(report.damaged));
    for (const kind of ['random bytes', 'page header', 'cell count', 'cell pointer', 'payload size', 'record header', 'child pointer', 'overflow pointer', 'page type', 'file header', 'zero page', 'swap pages', 'WAL byte']) {
      assert.ok((report.damageKinds[kind] ?? 0) >= 5, `damage: ${kind}`);
    }
    assert.ok(report.slowestMs < 5_000, `slowest database: ${report.slowestMs} ms`);
  });
});
