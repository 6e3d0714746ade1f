// Nothing writes into agent logs: every command of the CLI, and the editor's index and log watcher, over
// Claude Code, Codex, OpenCode and Hermes folders (the databases with their `-wal` and `-shm`, as while
// the agents run) made read-only (0444 files, 0555 folders). As root the modes stop nothing, so the
// folders are compared before and after (content, size, mtime, ctime, inode, listing), and the runs are
// traced with strace: no open for writing, appending, creating or truncating, and no rename, unlink,
// chmod, utimes or the like, on any path under the log folders.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { agentLogFolders, logFiles, setReadOnly, snapshot, type AgentLogFolders } from './helpers/agentLogFolders';
import { assistantLine } from './helpers/claudeLines';
import { tempDir } from './helpers/engine';
import { straceWorks, traceWrites } from './helpers/straceWrites';

const CLI = resolve('dist/cli.js');
const EDITOR_RUN = resolve('out/test/unit/helpers/editorReadRun.js');
const RANGE = ['--since', '2026-03-01', '--until', '2026-03-03', '--tz', 'UTC'];

/**
 * Every command, each output form once (the reports share one scan; --json and tables differ only in
 * printing), the week in every format, and a run without the index; `out` receives the exports.
 */
function commands(out: string): string[][] {
  return [
    ['daily', ...RANGE],
    ...['daily', 'weekly', 'monthly', 'session', 'project', 'tasks'].map((c) => [c, ...RANGE, '--json']),
    ['tasks', ...RANGE],
    ...['md', 'csv', 'json', 'html'].map((f) => ['week', '--week', '2026-W10', '--tz', 'UTC', '--format', f, '--out', join(out, `week.${f}`)]),
    ['week', '--week', '2026-W10', '--tz', 'UTC', '--no-subjects'],
    ['daily', ...RANGE, '--json', '--no-cache'],
  ];
}

/** The incremental paths after an agent wrote on. */
const AFTER_APPEND = [['daily', ...RANGE, '--json'], ['tasks', ...RANGE, '--json'], ['week', '--week', '2026-W10', '--tz', 'UTC', '--format', 'json']];

const quoted = (args: string[]): string => [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');

describe('nothing writes into agent logs', function () {
  let fx: AgentLogFolders;
  let env: Record<string, string>;

  before(function () {
    if (!existsSync(CLI)) execFileSync(process.execPath, ['esbuild.config.mjs'], { stdio: 'inherit' });
    fx = agentLogFolders();
    env = { ...fx.env, PATH: process.env.PATH ?? '', HOME: tempDir('awu-ro-home-'), TZ: 'UTC' };
    setReadOnly(fx.roots);
  });

  after(() => fx && setReadOnly(fx.roots, true));

  /** An agent writes on: one more Claude Code line (the folder unlocked for it, then locked again). */
  function agentAppends(n: number): void {
    setReadOnly(fx.roots, true);
    const file = logFiles([fx.claudeRoot]).find((f) => f.endsWith(`${fx.claudeId}.jsonl`))!;
    appendFileSync(file, `${assistantLine({ sessionId: fx.claudeId, cwd: fx.repo.dir, timestamp: '2026-03-02T15:00:00.000Z', messageId: `m-more-${n}`, requestId: `r-more-${n}`, input: 10, output: 5 })}\n`);
    setReadOnly(fx.roots);
  }

  it('every CLI command, cold and after an agent wrote on, leaves the log folders as they were and (strace) opens no log for writing', function () {
    const traced = straceWorks(); // else (no strace, or no ptrace here) the comparison of the folders only
    const cache = tempDir('awu-ro-cache-');
    const out = tempDir('awu-ro-out-');
    for (const round of [0, 1]) {
      if (round === 1) agentAppends(0);
      const before = snapshot(fx.roots);
      const script = (round === 0 ? commands(out) : AFTER_APPEND).map(quoted).join(' && ');
      const runEnv = { ...env, AWU_METER_CACHE_DIR: cache };
      if (traced) {
        const t = traceWrites('sh', ['-c', script], fx.roots, { env: runEnv });
        assert.equal(t.status, 0, t.stderr.slice(-2000));
        assert.deepEqual(t.changes, [], `round ${round}: writes under the log folders:\n${t.changes.join('\n')}`);
        if (round === 0) for (const f of logFiles(fx.roots).filter((f) => !f.endsWith('-shm'))) assert.ok(t.readOnly.has(f), `the trace saw ${f} read`);
      } else {
        const r = spawnSync('sh', ['-c', script], { env: runEnv, encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr.slice(-2000));
      }
      assert.deepEqual(snapshot(fx.roots), before, `round ${round}: the log folders changed`);
    }
    // The runs read every source (a clean result is not an empty one), the line appended too.
    const r = spawnSync(process.execPath, [CLI, 'daily', ...RANGE, '--json'], { env: { ...env, AWU_METER_CACHE_DIR: cache }, encoding: 'utf8' });
    const days = (JSON.parse(r.stdout) as { days: { bySource: Record<string, unknown> }[] }).days;
    for (const s of ['claude', 'codex', 'opencode', 'hermes']) assert.ok(days.some((d) => s in d.bySource), `${s} was read`);
    if (!traced) this.skip(); // reported as pending: the strace half did not run
  });

  it("the editor's index and log watcher read the logs without opening one for writing (strace)", function () {
    if (!straceWorks()) this.skip();
    const storage = tempDir('awu-ro-editor-');
    const before = snapshot(fx.roots);
    const arg = JSON.stringify({ env: fx.env, storage, workerPath: resolve('dist/scanWorker.js') });
    const t = traceWrites(process.execPath, [EDITOR_RUN, arg], fx.roots, { env: { ...env } });
    assert.equal(t.status, 0, t.stderr.slice(-2000));
    const run = JSON.parse(t.stdout) as { bytesRead: number; records: number; activity: number };
    assert.ok(run.bytesRead > 0 && run.records > 0 && run.activity > 0, t.stdout);
    assert.deepEqual(t.changes, [], `writes under the log folders:\n${t.changes.join('\n')}`);
    for (const f of logFiles(fx.roots).filter((f) => !f.endsWith('-shm'))) assert.ok(t.readOnly.has(f), `the trace saw ${f} read`);
    assert.deepEqual(snapshot(fx.roots), before);
  });

  it('the trace does catch a write: an append, an open for update and a rename under a watched folder', function () {
    if (!straceWorks()) this.skip();
    const root = tempDir('awu-ro-probe-');
    mkdirSync(join(root, 'projects'));
    writeFileSync(join(root, 'projects', 'a.jsonl'), '{}\n');
    const probe = `const fs = require('fs'); const p = ${JSON.stringify(join(root, 'projects', 'a.jsonl'))};
      fs.readFileSync(p); fs.appendFileSync(p, 'x'); fs.closeSync(fs.openSync(p, 'r+')); fs.renameSync(p, p + '.bak');`;
    const t = traceWrites(process.execPath, ['-e', probe], [root]);
    assert.equal(t.status, 0, t.stderr);
    assert.equal(t.changes.filter((c) => /O_APPEND/.test(c)).length, 1, t.changes.join('\n'));
    assert.equal(t.changes.filter((c) => /O_RDWR/.test(c)).length, 1, t.changes.join('\n'));
    assert.ok(t.changes.some((c) => /^rename/.test(c)), t.changes.join('\n'));
    assert.ok(t.readOnly.has(join(root, 'projects', 'a.jsonl')));
  });
});
