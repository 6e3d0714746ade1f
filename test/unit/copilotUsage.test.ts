import { strict as assert } from 'node:assert';
import { appendFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { copilotSource } from '../../src/core/sources/copilot/copilotSource';
import { SOURCES } from '../../src/core/sources/registry';
import { assistantMessage, sessionResume, sessionStart, shutdown, toolComplete, toolStart, userMessage } from './helpers/copilotEvents';
import { appendLines, tempDir, writeLines } from './helpers/engine';
import { assertSameDays, ccusageBinary, ccusageDaily, reportOf, scanSources } from './helpers/geminiLines';

const S1 = '8c1f2e3d-4b5a-4697-8a1b-2c3d4e5f6a7b';
const S2 = '9d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a';
const S3 = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';
const SONNET = 'claude-sonnet-4.5';

function events(home: string, session: string): string {
  return join(home, 'session-state', session, 'events.jsonl');
}

async function copilot(home: string, cache?: string) {
  return scanSources(['copilot'], { COPILOT_HOME: home }, cache ? { cache } : {});
}

describe('GitHub Copilot CLI usage', () => {
  it('counts the exact per-model totals of a shutdown, cache reads and writes taken out of input', async () => {
    const home = tempDir();
    writeLines(events(home, S1), [
      sessionStart(S1, '2026-09-20T10:00:00.000Z'),
      userMessage('2026-09-20T10:00:01.000Z'),
      assistantMessage('2026-09-20T10:00:05.000Z', SONNET, 120),
      assistantMessage('2026-09-20T10:00:09.000Z', SONNET, 380),
      shutdown('2026-09-20T10:10:00.000Z', { [SONNET]: { input: 3000, output: 500, cacheRead: 6000, cacheWrite: 1000, requests: 3 } }),
    ]);
    const r = reportOf(await copilot(home), ['copilot']);
    const day = r.rows[0]!;
    assert.deepEqual([day.inputTokens, day.outputTokens, day.cacheCreationTokens, day.cacheReadTokens, day.totalTokens], [3000, 500, 1000, 6000, 10500]);
    // ccusage 20.0.24 prices the same shutdown at 0.02205.
    assert.ok(Math.abs(day.costUSD - 0.02205) < 1e-12, String(day.costUSD));
    const s = reportOf(await copilot(home), ['copilot'], 'session').rows[0]!;
    assert.equal(s.key.split('\u0000')[1], S1);
    assert.deepEqual(s.projects, ['/home/dev/api']);
    assert.ok(copilotSource.approximate);
  });

  it('counts output tokens provisionally until the shutdown, then only the exact totals, also across reads', async () => {
    const home = tempDir();
    const cache = tempDir();
    const file = events(home, S1);
    writeLines(file, [sessionStart(S1, '2026-09-20T10:00:00Z'), assistantMessage('2026-09-20T10:00:05Z', SONNET, 120)]);
    let r = reportOf(await copilot(home, cache), ['copilot']);
    assert.deepEqual([r.totals.inputTokens, r.totals.outputTokens], [0, 120]);
    appendLines(file, [assistantMessage('2026-09-20T10:00:09Z', SONNET, 380)]);
    r = reportOf(await copilot(home, cache), ['copilot']);
    assert.equal(r.totals.outputTokens, 500);
    // The process exits: its exact totals replace the provisional counts.
    appendLines(file, [shutdown('2026-09-20T10:10:00Z', { [SONNET]: { input: 3000, output: 510, cacheRead: 6000 } })]);
    r = reportOf(await copilot(home, cache), ['copilot']);
    assert.deepEqual([r.totals.inputTokens, r.totals.outputTokens, r.totals.cacheReadTokens], [3000, 510, 6000]);
    // Resumed: a new process, provisional again until its own shutdown, which adds (not replaces) its totals.
    appendLines(file, [sessionResume('2026-09-21T09:00:00Z'), assistantMessage('2026-09-21T09:00:05Z', SONNET, 70)]);
    r = reportOf(await copilot(home, cache), ['copilot']);
    assert.equal(r.totals.outputTokens, 580);
    appendLines(file, [shutdown('2026-09-21T09:30:00Z', { [SONNET]: { input: 100, output: 75 } })]);
    r = reportOf(await copilot(home, cache), ['copilot']);
    assert.deepEqual(r.rows.map((d) => [d.key, d.inputTokens, d.outputTokens]), [['2026-09-20', 3000, 510], ['2026-09-21', 100, 75]]);
    // The same file read afresh gives the same totals.
    assert.equal(reportOf(await copilot(home), ['copilot']).totals.totalTokens, r.totals.totalTokens);
  });

  it('skips malformed lines, waits for a half-written one, and keeps history of deleted sessions', async () => {
    const home = tempDir();
    const cache = tempDir();
    const file = events(home, S1);
    const last = shutdown('2026-09-20T10:10:00Z', { [SONNET]: { input: 10, output: 5 } });
    writeLines(file, [sessionStart(S1, '2026-09-20T10:00:00Z'), '{"type":"assistant.message","id":"x","data":{"outputTokens":'], false);
    appendFileSync(file, `\n${last.slice(0, 30)}`);
    let r = reportOf(await copilot(home, cache), ['copilot']);
    assert.equal(r.totals.totalTokens, 0);
    assert.equal(r.diagnostics.skippedLines, 1);
    assert.equal(r.diagnostics.pendingBytes, 30);
    appendFileSync(file, `${last.slice(30)}\n`);
    r = reportOf(await copilot(home, cache), ['copilot']);
    assert.equal(r.totals.totalTokens, 15);
    writeLines(events(home, S2), [sessionStart(S2, '2026-09-22T10:00:00Z'), shutdown('2026-09-22T10:10:00Z', { 'gpt-5': { input: 1, output: 1 } })]);
    rmSync(join(home, 'session-state', S1), { recursive: true });
    r = reportOf(await copilot(home, cache), ['copilot']);
    assert.equal(r.totals.totalTokens, 17);
    assert.equal(r.diagnostics.filesMissing, 1);
    assert.ok(statSync(events(home, S2)).size > 0);
  });

  it('reports shell runs with the exit code from the result text, or the success flag', async () => {
    const home = tempDir();
    writeLines(events(home, S1), [
      sessionStart(S1, '2026-09-20T10:00:00Z', '/home/dev/web'),
      toolStart('2026-09-20T10:00:01Z', 'c1', 'npm test'),
      toolComplete('2026-09-20T10:00:05Z', 'c1', false, '2 failing\n<exited with exit code 1>'),
      toolStart('2026-09-20T10:00:06Z', 'c2', 'git commit -m "fix"'),
      toolComplete('2026-09-20T10:00:07Z', 'c2', true, '[main abc123] fix'),
      toolStart('2026-09-20T10:00:08Z', 'c3', 'ls'),
      toolComplete('2026-09-20T10:00:09Z', 'c3', true, 'a b'),
    ]);
    const result = await copilot(home);
    const runs = result.store.activity.events.map((a) => [a.kind, a.label, a.exitCode, a.sessionId, a.cwd]).sort();
    assert.deepEqual(runs, [
      ['commit', 'git commit', 0, S1, '/home/dev/web'],
      ['test', 'npm test', 1, S1, '/home/dev/web'],
    ]);
  });

  it('keeps what a later read adds after a first read that found no usage', async () => {
    const home = tempDir();
    const cache = tempDir();
    writeLines(events(home, S1), [sessionStart(S1, '2026-09-20T10:00:00Z')]);
    assert.equal(reportOf(await copilot(home, cache), ['copilot']).totals.totalTokens, 0);
    appendLines(events(home, S1), [shutdown('2026-09-20T10:10:00Z', { [SONNET]: { input: 10, output: 5 } })]);
    assert.equal(reportOf(await copilot(home, cache), ['copilot']).totals.totalTokens, 15);
  });

  it('finds sessions in COPILOT_HOME, COPILOT_CONFIG_DIR or ~/.copilot', () => {
    const env = { env: {}, home: '/home/dev', platform: 'linux' as const };
    assert.deepEqual(SOURCES.copilot.roots(env), [join('/home/dev', '.copilot')]);
    assert.deepEqual(SOURCES.copilot.roots({ ...env, env: { COPILOT_HOME: '/c' } }), ['/c']);
    assert.deepEqual(SOURCES.copilot.roots({ ...env, env: { COPILOT_CONFIG_DIR: ' /d ' } }), ['/d']);
  });

  it('equals ccusage copilot daily on the same files', async function () {
    const ccusage = ccusageBinary();
    if (!ccusage) this.skip();
    const home = tempDir();
    writeLines(events(home, S1), [
      sessionStart(S1, '2026-09-20T10:00:00Z'),
      assistantMessage('2026-09-20T10:00:05Z', SONNET, 120),
      shutdown('2026-09-20T10:10:00Z', { [SONNET]: { input: 3000, output: 500, cacheRead: 6000, cacheWrite: 1000, requests: 3 }, 'gpt-5': { input: 2000, output: 300, cacheRead: 500, reasoning: 100 } }),
      '{"type":"session.shutdown","id":"broken"',
    ]);
    // One shutdown per session here: ccusage 20.0.24 subtracts an earlier shutdown's counts from a later
    // one in the same file, as if cumulative, while each is its own process's (later ccusage sums them,
    // as we do: see the test above).
    writeLines(events(home, S3), [
      sessionStart(S3, '2026-09-20T23:00:00Z'),
      assistantMessage('2026-09-20T23:10:00Z', SONNET, 50),
      shutdown('2026-09-21T00:30:00Z', { [SONNET]: { input: 800, output: 90, cacheRead: 12000 } }),
    ]);
    writeLines(events(home, S2), [
      sessionStart(S2, '2026-09-22T10:00:00Z', '/home/dev/web'),
      shutdown('2026-09-22T10:10:00Z', { 'gpt-5': { input: 40000, output: 1200, cacheRead: 30000 }, [SONNET]: { input: 0, output: 0 } }),
    ]);
    const cc = ccusageDaily(ccusage!, 'copilot', { COPILOT_HOME: home });
    assertSameDays(reportOf(await copilot(home), ['copilot']).rows, cc);
    assert.equal(cc.length, 3);
  });
});
