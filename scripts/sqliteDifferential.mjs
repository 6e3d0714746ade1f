#!/usr/bin/env node
// The SQLite reader (src/core/scan/sqliteReader.ts) against SQLite itself, at scale: what the unit test
// sqliteDifferential.test.ts does on 200 databases, here on --count (default 1,000) random databases
// written by the real SQLite (python3's sqlite3), each also read back by SQLite, plus --damaged copies of
// each (default 3) read by both. Prints what the corpus covered and every verdict; exits 1 on any
// difference, crash or hang.
//
//   node scripts/sqliteDifferential.mjs [--count 1000] [--damaged 3] [--seed 1] [--parallel 2] [--keep]
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT); // the generator is found from the project folder
const { values: args } = parseArgs({
  options: { count: { type: 'string', default: '1000' }, damaged: { type: 'string', default: '3' }, seed: { type: 'string', default: '1' }, parallel: { type: 'string', default: '2' }, keep: { type: 'boolean', default: false } },
});

const work = mkdtempSync(join(tmpdir(), 'awu-sqlite-diff-'));
const bundle = join(work, 'bundle');
await esbuild.build({
  entryPoints: { differential: 'test/unit/helpers/sqliteDifferential.ts', worker: 'test/unit/helpers/sqliteDiffWorker.ts' },
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', outdir: bundle, logLevel: 'warning',
});
const { runDifferential } = createRequire(import.meta.url)(join(bundle, 'differential.js'));

const started = Date.now();
const count = Number(args.count);
const report = await runDifferential({
  dir: join(work, 'dbs'), seed: Number(args.seed), count, damagedPerCase: Number(args.damaged), parallel: Number(args.parallel), workerPath: join(bundle, 'worker.js'),
  onBatch: (done, total) => process.stderr.write(`\r${done}/${total} databases (${((Date.now() - started) / 1000).toFixed(0)} s)`),
});
process.stderr.write('\n');

const cases = report.cases;
const n = (pred) => cases.filter(pred).length;
const tally = (key) => Object.entries(cases.reduce((m, c) => ((m[c[key]] = (m[c[key]] ?? 0) + 1), m), {})).map(([k, v]) => `${k}: ${v}`).join(', ');
const notes = Object.entries(cases.flatMap((c) => c.notes).reduce((m, k) => ((m[k] = (m[k] ?? 0) + 1), m), {})).sort().map(([k, v]) => `${k} ${v}`).join(', ');
console.log(`${cases.length} databases (seed ${args.seed}), ${cases.reduce((s, c) => s + c.rows, 0)} rows, ${(cases.reduce((s, c) => s + c.pageCount, 0))} pages; SQLite's integrity_check ok on ${n((c) => c.integrity === 'ok')}`);
console.log(`  page sizes: ${tally('pageSize')}`);
console.log(`  reserved bytes per page: ${tally('reserve')}; auto-vacuum (0 none, 1 full, 2 incremental): ${tally('autoVacuum')}; journal: ${tally('journal')}`);
console.log(`  with freelist pages ${n((c) => c.freelistPages > 0)}, overflow pages ${n((c) => c.overflowPages > 0)}, b-trees of 3+ levels ${n((c) => c.maxDepth >= 3)}`);
console.log(`  WAL: committed frames ${n((c) => c.committedFrames > 0)}, uncommitted frames after them ${n((c) => c.committedFrames > 0 && c.uncommittedFrames > 0)}, only uncommitted ${n((c) => c.committedFrames === 0 && c.uncommittedFrames > 0)}, frames of an earlier generation ${n((c) => c.staleFrames > 0)}`);
console.log(`  operations: ${notes}`);
console.log(`valid databases: ${JSON.stringify(report.valid)}`);
console.log(`damaged copies: ${JSON.stringify(report.damaged)}`);
console.log(`  damage: ${Object.entries(report.damageKinds).sort().map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(`  refused with SqliteFormatError: ${Object.entries(report.formatErrors).sort((a, b) => b[1] - a[1]).map(([k, v]) => `"${k}" ${v}`).join(', ')}`);
console.log(`slowest database ${report.slowestMs.toFixed(0)} ms; ${((Date.now() - started) / 1000).toFixed(0)} s in all`);
for (const f of report.failures.slice(0, 30)) console.log(`FAIL ${f.id}: ${f.what.slice(0, 400)} → ${JSON.stringify(f.verdict)}`);
if (report.failures.length > 0) console.log(`${report.failures.length} failures; their files are kept in ${work}`);
else if (!args.keep) rmSync(work, { recursive: true, force: true });
process.exitCode = report.failures.length > 0 ? 1 : 0;
