import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MID_REWRITE } from '../../src/core/scan/readWholeFile';
import { clineSource, kiloCodeSource, rooCodeSource } from '../../src/core/sources/cline/clineFamily';
import type { SourceId } from '../../src/core/types';
import { apiReq, command, commandOutput, completion, storageDir, task, writeHistoryItem, writeTask, writeTaskHistory } from './helpers/clineTasks';
import { tempDir, writeLines } from './helpers/engine';
import { geminiMessage, header, json, reportOf, scanSources } from './helpers/geminiLines';

const FAMILY: SourceId[] = ['cline', 'roo-code', 'kilo-code'];
const SONNET = 'claude-sonnet-4-5';
const T0 = Date.UTC(2026, 8, 20, 10, 0, 0);

/** A Linux home with VS Code's user dir at ~/.config/Code/User. */
function home(): { home: string; user: string } {
  const h = tempDir();
  return { home: h, user: join(h, '.config', 'Code', 'User') };
}

async function scanHome(h: string, cache?: string, sources = FAMILY) {
  return scanSources(sources, {}, { home: h, ...(cache ? { cache } : {}) });
}

describe('Cline, Roo Code and Kilo Code usage', () => {
  it('sums api_req_started usage with the cost each extension recorded, per source and project', async () => {
    const { home: h, user } = home();
    const cline = storageDir(user, 'cline');
    writeTask(cline, '1758362400000', [
      task(T0),
      apiReq(T0 + 1000, { tokensIn: 100, tokensOut: 50, cacheWrites: 5, cacheReads: 20, cost: 0.12 }, SONNET),
      command(T0 + 2000, 'npm test'),
      commandOutput(T0 + 3000, 'ok 3 tests'),
      // A placeholder (request still streaming) and a cancelled request that was still billed.
      apiReq(T0 + 4000, {}),
      apiReq(T0 + 5000, { tokensIn: 10, tokensOut: 2, cost: 0.01, cancelReason: 'user_cancelled' }),
      // Usage of requests the user deleted, and of sub-agents: spent all the same.
      apiReq(T0 + 6000, { tokensIn: 7, tokensOut: 3, cost: 0.002 }, undefined, 'deleted_api_reqs'),
      { ts: T0 + 7000, type: 'say', say: 'subagent_usage', text: JSON.stringify({ source: 'subagents', tokensIn: 40, tokensOut: 4, cacheWrites: 0, cacheReads: 0, cost: 0.004 }) },
      completion(T0 + 8000),
    ]);
    writeTaskHistory(cline, [{ id: '1758362400000', cwd: '/home/dev/api' }]);
    // Roo Code: tokensIn includes cache reads and writes (apiProtocol says so); a context condense costs extra.
    const roo = storageDir(user, 'roo-code');
    writeTask(roo, '0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', [
      task(T0),
      apiReq(T0 + 1000, { tokensIn: 1000, tokensOut: 100, cacheWrites: 200, cacheReads: 600, cost: 0.5, apiProtocol: 'anthropic' }, SONNET),
      { ts: T0 + 2000, type: 'say', say: 'condense_context', contextCondense: { cost: 0.03, prevContextTokens: 90000, newContextTokens: 12000, summary: 'Summary' } },
    ]);
    writeHistoryItem(roo, '0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', '/home/dev/web');
    // Kilo Code: a legacy api_req_finished row carries the usage of the started row before it.
    const kilo = storageDir(user, 'kilo-code');
    writeTask(kilo, '1758362500000', [task(T0), apiReq(T0 + 1000, {}, SONNET), apiReq(T0 + 1500, { tokensIn: 30, tokensOut: 3, cost: 0.001 }, undefined, 'api_req_finished')]);

    const r = reportOf(await scanHome(h), FAMILY);
    const day = r.rows[0]!;
    const cl = day.bySource.cline!;
    assert.deepEqual([cl.inputTokens, cl.outputTokens, cl.cacheCreationTokens, cl.cacheReadTokens, cl.totalTokens], [157, 59, 5, 20, 241]);
    assert.ok(Math.abs(cl.costUSD - 0.136) < 1e-12, String(cl.costUSD));
    const ro = day.bySource['roo-code']!;
    assert.deepEqual([ro.inputTokens, ro.outputTokens, ro.cacheCreationTokens, ro.cacheReadTokens, ro.totalTokens], [200, 100, 200, 600, 1100]);
    assert.ok(Math.abs(ro.costUSD - 0.53) < 1e-12, String(ro.costUSD));
    const ki = day.bySource['kilo-code']!;
    assert.deepEqual([ki.inputTokens, ki.outputTokens, ki.totalTokens], [30, 3, 33]);
    assert.ok(Math.abs(ki.costUSD - 0.001) < 1e-12);
    assert.equal(day.unpricedTokens, 0);
    const projects = reportOf(await scanHome(h), FAMILY, 'project').rows.map((p) => [p.key, p.totalTokens]).sort();
    assert.deepEqual(projects, [['', 33], ['/home/dev/api', 241], ['/home/dev/web', 1100]]);
    const sessions = reportOf(await scanHome(h), FAMILY, 'session').rows.map((s) => s.key.split('\u0000')[1]).sort();
    assert.deepEqual(sessions, ['0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', '1758362400000', '1758362500000']);
  });

  it('prices rows without a recorded cost from the list, and leaves usage without a model unpriced', async () => {
    const { home: h, user } = home();
    writeTask(storageDir(user, 'cline'), '1758362400000', [
      apiReq(T0, { tokensIn: 1000, tokensOut: 100, cacheWrites: 0, cacheReads: 0 }, SONNET),
      { ts: T0 + 1, type: 'say', say: 'api_req_started', text: JSON.stringify({ tokensIn: 5, tokensOut: 5 }) },
    ]);
    writeTask(storageDir(user, 'cline'), '1758362400001', [{ ts: T0 + 2, type: 'say', say: 'api_req_started', text: JSON.stringify({ tokensIn: 7, tokensOut: 3 }) }]);
    const r = reportOf(await scanHome(h), FAMILY);
    const day = r.rows[0]!;
    // A row without modelInfo takes the model the task named last; a task that never names one is unpriced.
    assert.ok(Math.abs(day.costUSD - (1000 * 3e-6 + 100 * 15e-6 + 5 * 3e-6 + 5 * 15e-6)) < 1e-12, String(day.costUSD));
    assert.equal(day.unpricedTokens, 10);
    assert.deepEqual(r.unpriced.map((u) => [u.source, u.model]), [['cline', 'unknown']]);
  });

  it('counts malformed rows as skips and a file caught mid-rewrite as a retry, never failing', async () => {
    const { home: h, user } = home();
    const cache = tempDir();
    const storage = storageDir(user, 'cline');
    const messages = [task(T0), apiReq(T0 + 1000, { tokensIn: 100, tokensOut: 10, cost: 0.01 }, SONNET), { ts: T0 + 2000, type: 'say', say: 'api_req_started', text: '{"tokensIn":' }, 42];
    const file = writeTask(storage, '1758362400000', messages);
    let r = reportOf(await scanHome(h, cache), FAMILY);
    assert.equal(r.totals.totalTokens, 110);
    assert.deepEqual(r.diagnostics.files[0]!.skipped, { 'invalid api_req_started text': 1, 'not a message object': 1 });
    // The extension rewrites the file with one more request; we catch it half written.
    const next = JSON.stringify([...messages, apiReq(T0 + 3000, { tokensIn: 200, tokensOut: 20, cost: 0.02 }, SONNET)]);
    writeTask(storage, '1758362400000', next.slice(0, next.length - 25));
    r = reportOf(await scanHome(h, cache), FAMILY);
    assert.equal(r.totals.totalTokens, 110);
    assert.deepEqual(r.diagnostics.files[0]!.skipped, { 'invalid api_req_started text': 1, 'not a message object': 1, [MID_REWRITE]: 1 });
    // Read again next time, whole: the rows of the last read are replaced, not added to.
    writeTask(storage, '1758362400000', next);
    const third = await scanHome(h, cache);
    assert.equal(third.bytesRead, statSync(file).size);
    r = reportOf(third, FAMILY);
    assert.equal(r.totals.totalTokens, 330);
    assert.deepEqual(r.diagnostics.files[0]!.skipped, { 'invalid api_req_started text': 1, 'not a message object': 1 });
    assert.equal((await scanHome(h, cache)).bytesRead, 0);
    // An empty file (truncated before the rewrite) is a retry too.
    writeTask(storage, '1758362400000', '');
    assert.equal(reportOf(await scanHome(h, cache), FAMILY).totals.totalTokens, 330);
  });

  it('keeps the history of a deleted task and counts each re-read once', async () => {
    const { home: h, user } = home();
    const cache = tempDir();
    const storage = storageDir(user, 'roo-code');
    writeTask(storage, 'a', [apiReq(T0, { tokensIn: 100, tokensOut: 10, cost: 0.01 }, SONNET)]);
    writeTask(storage, 'b', [apiReq(T0, { tokensIn: 1, tokensOut: 1, cost: 0.001 }, SONNET)]);
    await scanHome(h, cache);
    writeTask(storage, 'b', [apiReq(T0, { tokensIn: 1, tokensOut: 1, cost: 0.001 }, SONNET), apiReq(T0 + 1, { tokensIn: 2, tokensOut: 2, cost: 0.002 }, SONNET)]);
    rmSync(join(storage, 'tasks', 'a'), { recursive: true });
    const r = reportOf(await scanHome(h, cache), FAMILY);
    assert.equal(r.totals.totalTokens, 110 + 2 + 4);
    assert.equal(r.diagnostics.filesMissing, 1);
    assert.equal(reportOf(await scanHome(h), FAMILY).totals.totalTokens, 6);
  });

  it('reads every VS Code build and remote server, per platform', async () => {
    const h = tempDir();
    const users = ['Code', 'Code - Insiders', 'VSCodium', 'Cursor', 'Windsurf'].map((p) => join(h, '.config', p, 'User'));
    users.push(join(h, '.vscode-server', 'data', 'User'), join(h, '.vscode-server-insiders', 'data', 'User'), join(h, '.cursor-server', 'data', 'User'));
    users.forEach((u, i) => writeTask(storageDir(u, 'cline'), String(1758362400000 + i), [apiReq(T0 + i, { tokensIn: 1, tokensOut: 0, cost: 0 }, SONNET)]));
    writeTask(join(h, '.cline', 'data'), '1758362499999', [apiReq(T0, { tokensIn: 1, tokensOut: 0, cost: 0 }, SONNET)]);
    assert.equal(reportOf(await scanHome(h), FAMILY).totals.totalTokens, users.length + 1);
    const mac = clineSource.roots({ env: {}, home: '/Users/dev', platform: 'darwin' });
    assert.ok(mac.includes(join('/Users/dev', 'Library', 'Application Support', 'Code', 'User', 'globalStorage', 'saoudrizwan.claude-dev')), mac.join('\n'));
    const win = rooCodeSource.roots({ env: { APPDATA: 'C:\\Users\\dev\\AppData\\Roaming' }, home: 'C:\\Users\\dev', platform: 'win32' });
    assert.ok(win.includes(join('C:\\Users\\dev\\AppData\\Roaming', 'Cursor', 'User', 'globalStorage', 'rooveterinaryinc.roo-cline')), win.join('\n'));
    const custom = kiloCodeSource.roots({ env: { VSCODE_APPDATA: '/data' }, home: '/home/dev', platform: 'linux' });
    assert.ok(custom.includes(join('/data', 'Windsurf', 'User', 'globalStorage', 'kilocode.kilo-code')));
    assert.ok(clineSource.roots({ env: { CLINE_DATA_DIR: '/cline' }, home: '/h', platform: 'linux' }).includes('/cline'));
  });

  it('reports the commands a task ran (no exit code is recorded)', async () => {
    const { home: h, user } = home();
    const storage = storageDir(user, 'cline');
    writeTask(storage, '1758362400000', [task(T0), command(T0 + 1, 'npm test'), commandOutput(T0 + 2, '1 failing'), command(T0 + 3, 'ls -la')]);
    writeTaskHistory(storage, [{ id: '1758362400000', cwd: '/home/dev/api' }]);
    const result = await scanHome(h);
    assert.deepEqual(result.store.activity.events.map((a) => [a.source, a.kind, a.label, a.exitCode, a.sessionId, a.cwd]), [['cline', 'test', 'npm test', undefined, '1758362400000', '/home/dev/api']]);
  });

  it('awu-meter daily --json reports the new sources in bySource, and --source takes them', function () {
    const CLI = resolve('dist/cli.js');
    if (!existsSync(CLI)) execFileSync(process.execPath, ['esbuild.config.mjs'], { stdio: 'inherit' });
    const { home: h, user } = home();
    writeTask(storageDir(user, 'cline'), '1758362400000', [apiReq(T0, { tokensIn: 100, tokensOut: 10, cost: 0.01 }, SONNET)]);
    writeTask(storageDir(user, 'kilo-code'), '1758362400001', [apiReq(T0, { tokensIn: 1, tokensOut: 1, cost: 0.001 }, SONNET)]);
    const gemini = join(h, '.gemini', 'tmp');
    writeLines(join(gemini, 'p', 'chats', 'session-2026-09-20T10-00-5f0c2d1e.jsonl'), json([header({ sessionId: 's', startTime: '2026-09-20T10:00:00Z' }), geminiMessage({ id: 'm', timestamp: '2026-09-20T10:00:01Z', model: 'gemini-2.5-flash', tokens: { input: 10, output: 1, cached: 0 } })]));
    const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOME: h, XDG_CONFIG_HOME: join(h, '.config'), AWU_METER_CACHE_DIR: tempDir() }, encoding: 'utf8' });
    const all = run(['daily', '--json', '--tz', 'UTC']);
    assert.equal(all.status, 0, all.stderr);
    const day = (JSON.parse(all.stdout) as { days: { bySource: Record<string, { totalTokens: number }> }[] }).days[0]!;
    assert.deepEqual(Object.fromEntries(Object.entries(day.bySource).map(([k, v]) => [k, v.totalTokens])), { gemini: 11, cline: 110, 'kilo-code': 2 });
    const some = run(['daily', '--json', '--tz', 'UTC', '--source', 'gemini,roo-code']);
    assert.equal(some.status, 0, some.stderr);
    assert.deepEqual(Object.keys((JSON.parse(some.stdout) as { days: { bySource: object }[] }).days[0]!.bySource), ['gemini']);
    const bad = run(['daily', '--source', 'kilo']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /Known: claude, codex, gemini, cline, roo-code, kilo-code/);
  });
});
