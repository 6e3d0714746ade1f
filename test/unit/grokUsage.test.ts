import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SOURCES } from '../../src/core/sources/registry';
import { appendLines, tempDir, writeLines } from './helpers/engine';
import { assertSameDays, ccusageBinary, ccusageDaily, reportOf, scanSources } from './helpers/geminiLines';
import { summaryOf, turnCompleted, updatesPath, userChunk, writeSession } from './helpers/grokUpdates';

const T = Date.parse('2026-04-16T21:20:00Z') / 1000;
const APP = '/home/dev/app';

async function grok(home: string, cache?: string) {
  return scanSources(['grok'], { GROK_HOME: home }, cache ? { cache } : {});
}

function totalsOf(r: ReturnType<typeof reportOf>): number[] {
  const t = r.totals;
  return [t.inputTokens, t.outputTokens, t.cacheReadTokens, t.cacheCreationTokens, t.reasoningTokens, t.totalTokens];
}

describe('Grok Build CLI usage', () => {
  it('reads turn_completed usage per model: cache out of input, reasoning inside output, recorded cost, summary metadata', async () => {
    const home = tempDir();
    writeSession(
      home,
      APP,
      'sess-1',
      [
        userChunk(T - 60),
        turnCompleted({ seconds: T, agentMs: T * 1000 + 123, byModel: { 'grok-4.3': { input: 1000, output: 300, cached: 600, cacheCreation: 50, reasoning: 100, ticks: 1_381_600_000 }, 'grok-code-fast-1': { input: 200, output: 20, cached: 50 } } }),
        // No modelUsage: the top-level counts under summary.json's current model.
        turnCompleted({ seconds: T + 10, byModel: null, total: { input: 400, output: 40, cached: 100 } }),
        turnCompleted({ seconds: T + 20, nullUsage: true }),
        turnCompleted({ seconds: T + 30, byModel: { 'grok-4.3': { input: 0, output: 0 } } }),
      ],
      summaryOf('sess-1', `${APP}/`),
    );
    const result = await grok(home);
    const r = reportOf(result, ['grok']);
    assert.deepEqual(totalsOf(r), [350 + 150 + 300, 360, 750, 50, 100, 1960]);
    assert.equal(r.diagnostics.skippedLines, 0);
    const s = reportOf(result, ['grok'], 'session').rows[0]!;
    assert.deepEqual([s.key.split('\u0000')[1], s.projects, [...s.models].sort()], ['sess-1', [APP], ['grok-4.3', 'grok-code-fast-1']]);
    // grok-4.3 turn 1: the recorded 0.13816 USD; the rest priced from the bundled xai/ table.
    assert.ok(r.totals.costUSD > 0.13816 && r.totals.costUSD < 0.14, String(r.totals.costUSD));
    assert.equal(r.totals.unpricedTokens, 0);
  });

  it('dates a turn by _meta.agentTimestampMs, else timestamp in epoch seconds; the project falls back to the folder name', async () => {
    const home = tempDir();
    writeSession(home, '/srv/my app', 's2', [
      turnCompleted({ seconds: T, agentMs: (T + 86_400) * 1000, byModel: { 'grok-4.3': { input: 10, output: 1 } } }),
      turnCompleted({ seconds: T + 0.5, byModel: { 'grok-4.3': { input: 20, output: 2 } } }),
    ]);
    const result = await grok(home);
    assert.deepEqual(reportOf(result, ['grok']).rows.map((d) => [d.key, d.totalTokens]), [['2026-04-16', 22], ['2026-04-17', 11]]);
    assert.deepEqual(reportOf(result, ['grok'], 'session').rows[0]!.projects, ['/srv/my app']);
  });

  it('counts an eventId once across files, and a line without one once per file', async () => {
    const home = tempDir();
    const turn = turnCompleted({ seconds: T, eventId: 'ev-1', byModel: { 'grok-4.3': { input: 100, output: 10 } } });
    const bare = turnCompleted({ seconds: T + 5, eventId: null, byModel: { 'grok-4.3': { input: 7, output: 1 } } });
    const bare2 = turnCompleted({ seconds: T + 5, eventId: null, byModel: { 'grok-4.3': { input: 8, output: 1 } } });
    writeSession(home, APP, 'parent', [turn, bare, bare, bare2]);
    // A fork's copy of the parent's turn, and the same bare line in another session.
    writeSession(home, APP, 'fork', [turn, bare]);
    assert.equal(reportOf(await grok(home), ['grok']).totals.totalTokens, 110 + 8 + 9 + 8);
  });

  it('reads appended turns incrementally; a rewritten log is read again without counting its turns twice', async () => {
    const home = tempDir();
    const cache = tempDir();
    const a = turnCompleted({ seconds: T, byModel: { 'grok-4.3': { input: 100, output: 10 } } });
    const b = turnCompleted({ seconds: T + 60, byModel: { 'grok-4.3': { input: 50, output: 5 } } });
    const file = writeSession(home, APP, 's1', [userChunk(T - 1), a]);
    assert.equal(reportOf(await grok(home, cache), ['grok']).totals.totalTokens, 110);
    appendLines(file, [userChunk(T + 30), b]);
    const second = await grok(home, cache);
    assert.equal(reportOf(second, ['grok']).totals.totalTokens, 165);
    assert.equal((await grok(home, cache)).bytesRead, 0);
    // Rewritten (replaced by a new file with the same turns and one more).
    const c = turnCompleted({ seconds: T + 120, byModel: { 'grok-4.3': { input: 1, output: 1 } } });
    writeLines(`${file}.new`, [a, b, c]);
    renameSync(`${file}.new`, file);
    assert.equal(reportOf(await grok(home, cache), ['grok']).totals.totalTokens, 167);
  });

  it('counts malformed lines and bad counts as skips with their reason; a half-written last line waits', async () => {
    const home = tempDir();
    const cache = tempDir();
    const late = turnCompleted({ seconds: T + 100, byModel: { 'grok-4.3': { input: 40, output: 4 } } });
    const file = writeSession(home, APP, 's1', [
      turnCompleted({ seconds: T, byModel: { 'grok-4.3': { input: 100, output: 10 } } }),
      '{"timestamp":1776374401,"params":{"update":{"sessionUpdate":"turn_completed","usage":{"inputTokens":1',
      JSON.stringify({ timestamp: T + 2, params: { update: { sessionUpdate: 'turn_completed', usage: { inputTokens: -5, outputTokens: 3 } } } }),
      JSON.stringify({ timestamp: T + 3, params: { update: { sessionUpdate: 'turn_completed', usage: { modelUsage: { 'grok-4.3': null } } } } }),
      JSON.stringify({ params: { update: { sessionUpdate: 'turn_completed', usage: { inputTokens: 5, outputTokens: 3 } } } }),
    ]);
    appendFileSync(file, late.slice(0, 50));
    let r = reportOf(await grok(home, cache), ['grok']);
    assert.equal(r.totals.totalTokens, 110);
    assert.equal(r.diagnostics.skippedLines, 4);
    assert.deepEqual(r.diagnostics.files[0]!.skipped, { 'malformed JSON': 1, 'invalid usage.inputTokens: Too small: expected number to be >=0': 1, 'invalid usage.modelUsage.grok-4.3: Invalid input: expected object, received null': 1, 'invalid timestamp': 1 });
    assert.equal(r.diagnostics.pendingBytes, 50);
    appendFileSync(file, `${late.slice(50)}\n`);
    r = reportOf(await grok(home, cache), ['grok']);
    assert.equal(r.totals.totalTokens, 154);
    assert.equal(r.diagnostics.pendingBytes, 0);
  });

  it('finds sessions/**/updates.jsonl in GROK_HOME or ~/.grok, not outside sessions/', async () => {
    const env = { env: {}, home: '/home/dev', platform: 'linux' as const };
    assert.deepEqual(SOURCES.grok.roots(env), [join('/home/dev', '.grok')]);
    assert.deepEqual(SOURCES.grok.roots({ ...env, env: { GROK_HOME: ' /g ' } }), ['/g']);
    assert.deepEqual(SOURCES.grok.roots({ ...env, env: { GROK_HOME: '' } }), [join('/home/dev', '.grok')]);
    const home = tempDir();
    const line = (n: number): string[] => [turnCompleted({ seconds: T, eventId: `e${n}`, byModel: { 'grok-4.3': { input: n, output: 0 } } })];
    writeSession(home, APP, 's1', line(1));
    writeLines(join(home, 'sessions', encodeURIComponent(APP), 's1', 'subagents', 'c1', 'updates.jsonl'), line(2));
    writeLines(join(home, 'updates.jsonl'), line(4));
    writeLines(join(home, 'sessions', 'p', 's9', 'other.jsonl'), line(8));
    assert.equal(reportOf(await grok(home), ['grok']).totals.totalTokens, 3);
    // ~/.grok when GROK_HOME is unset.
    const user = tempDir();
    writeSession(join(user, '.grok'), APP, 's1', line(32));
    assert.equal(reportOf(await scanSources(['grok'], {}, { home: user }), ['grok']).totals.totalTokens, 32);
  });

  it("has ccusage grok daily's token columns and cost on the same files", async function () {
    const ccusage = ccusageBinary();
    if (!ccusage) this.skip();
    const home = tempDir();
    const turn = turnCompleted({ seconds: T, agentMs: T * 1000 + 500, eventId: 'ev-a', byModel: { 'grok-4.3': { input: 165_026, output: 3270, cached: 127_360, reasoning: 1145, ticks: 1_381_600_000 } } });
    writeSession(
      home,
      APP,
      'sess-1',
      [
        userChunk(T - 30),
        turn,
        turnCompleted({ seconds: T + 3 * 3600, eventId: 'ev-b', byModel: { 'grok-4.3': { input: 5000, output: 200, cached: 6000, cacheCreation: 10, ticks: 9_000_000 }, 'grok-code-fast-1': { input: 3000, output: 100, cached: 500, cacheCreation: 400, ticks: 1_000_000 } } }),
        turnCompleted({ seconds: T + 7200, nullUsage: true }),
        turnCompleted({ seconds: T + 7300, eventId: null, byModel: null, total: { input: 800, output: 80, cached: 100, ticks: 2_500_000 } }),
        turnCompleted({ seconds: T + 7300, eventId: null, byModel: null, total: { input: 800, output: 80, cached: 100, ticks: 2_500_000 } }),
      ],
      summaryOf('sess-1', APP),
    );
    writeSession(home, '/home/dev/web', 'fork-1', [turn, turnCompleted({ seconds: T + 86_400 * 2 + 10, eventId: 'ev-c', byModel: { 'grok-4.5-build': { input: 42_000, output: 900, cached: 30_000, reasoning: 300, ticks: 77_000_000 } } })]);
    const cc = ccusageDaily(ccusage!, 'grok', { GROK_HOME: home });
    assertSameDays(reportOf(await grok(home), ['grok']).rows, cc);
    assert.equal(cc.length, 3);
  });

  it('awu-meter daily --json --source grok reports it under bySource', function () {
    const cli = resolve('dist/cli.js');
    if (!existsSync(cli)) this.skip();
    const home = tempDir();
    writeSession(home, APP, 's1', [turnCompleted({ seconds: T, byModel: { 'grok-4.3': { input: 100, output: 10, cached: 40, ticks: 5_000_000 } } })]);
    const r = spawnSync(process.execPath, [cli, 'daily', '--json', '--tz', 'UTC', '--source', 'grok'], { env: { PATH: process.env.PATH ?? '', HOME: tempDir(), GROK_HOME: home, AWU_METER_CACHE_DIR: tempDir() }, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { days: { date: string; bySource: Record<string, { inputTokens: number; cacheReadTokens: number; totalTokens: number; costUSD: number }> }[] };
    assert.deepEqual(out.days.map((d) => [d.date, Object.keys(d.bySource)]), [['2026-04-16', ['grok']]]);
    const g = out.days[0]!.bySource.grok!;
    assert.deepEqual([g.inputTokens, g.cacheReadTokens, g.totalTokens, g.costUSD], [60, 40, 110, 0.0005]);
  });
});
