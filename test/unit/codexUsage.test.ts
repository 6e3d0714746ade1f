import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { agentMessage, execCall, execOutput, sessionMeta, shellCall, shellOutput, tokenCount, turnContext } from './helpers/codexLines';
import { report, scan, tempDir, writeLines } from './helpers/engine';

const ID = '019dabc6-8fef-7681-a054-b5bb75fcb97d';
const FORK = '019dabc7-0000-7000-8000-000000000001';

function rollout(home: string, id: string, day = '2026/09/20'): string {
  return join(home, 'sessions', day, `rollout-2026-09-20T10-00-00-${id}.jsonl`);
}

describe('Codex CLI usage', () => {
  it('counts the growth of the cumulative total: re-emitted totals and rate-limit updates add nothing', async () => {
    const home = tempDir();
    writeLines(rollout(home, ID), [
      sessionMeta({ id: ID, cwd: '/home/dev/api', timestamp: '2026-09-20T10:00:00.000Z' }),
      turnContext('2026-09-20T10:00:01.000Z', 'gpt-5.4'),
      tokenCount('2026-09-20T10:00:02.000Z', null),
      tokenCount('2026-09-20T10:00:03.000Z', { input: 10000, cached: 8000, output: 500, reasoning: 100 }),
      tokenCount('2026-09-20T10:00:04.000Z', { input: 10000, cached: 8000, output: 500, reasoning: 100 }),
      agentMessage('2026-09-20T10:00:05.000Z', 'done "token_count" mention in text'),
      tokenCount('2026-09-20T10:00:06.000Z', { input: 22000, cached: 19000, output: 800, reasoning: 300 }, { input: 12000, cached: 11000, output: 300, reasoning: 200 }),
    ]);
    const r = report(await scan({ codex: home }));
    const day = r.rows[0]!;
    assert.equal(day.inputTokens, 3000);
    assert.equal(day.cacheReadTokens, 19000);
    assert.equal(day.outputTokens, 800);
    assert.equal(day.reasoningTokens, 300);
    assert.equal(day.cacheCreationTokens, 0);
    assert.equal(day.totalTokens, 22800);
    assert.deepEqual(day.models, ['gpt-5.4']);
    // ccusage 20.0.24 on the same records (log-formats.md §2.7): costUSD 0.02425
    assert.ok(Math.abs(day.costUSD - 0.02425) < 1e-9, String(day.costUSD));
  });

  it('uses the last call when the total goes backwards (a restarted process)', async () => {
    const home = tempDir();
    writeLines(rollout(home, ID), [
      sessionMeta({ id: ID, cwd: '/x', timestamp: '2026-09-20T10:00:00Z' }),
      turnContext('2026-09-20T10:00:01Z', 'gpt-5'),
      tokenCount('2026-09-20T10:00:02Z', { input: 5000, cached: 0, output: 100, reasoning: 0 }),
      tokenCount('2026-09-20T10:00:03Z', { input: 1000, cached: 0, output: 10, reasoning: 0 }, { input: 1000, cached: 0, output: 10, reasoning: 0 }),
    ]);
    assert.equal(report(await scan({ codex: home })).totals.totalTokens, 5100 + 1010);
  });

  it('adds nothing for the parent history a fork or sub-agent replays in its first second', async () => {
    for (const subagent of [false, true]) {
      const home = tempDir();
      writeLines(rollout(home, FORK), [
        sessionMeta({ id: FORK, cwd: '/x', timestamp: '2026-09-20T12:00:00.000Z', forkedFrom: ID, subagent }),
        turnContext('2026-09-20T12:00:00.100Z', 'gpt-5'),
        tokenCount('2026-09-20T12:00:00.200Z', { input: 1000, cached: 0, output: 10, reasoning: 0 }),
        tokenCount('2026-09-20T12:00:00.300Z', { input: 2000, cached: 0, output: 20, reasoning: 0 }),
        tokenCount('2026-09-20T12:00:00.400Z', { input: 3000, cached: 0, output: 30, reasoning: 0 }),
        tokenCount('2026-09-20T12:00:07.000Z', { input: 3500, cached: 100, output: 45, reasoning: 5 }),
      ]);
      assert.equal(report(await scan({ codex: home })).totals.totalTokens, 515, `subagent=${subagent}`);
    }
  });

  it('counts a fork whose first second holds a single token count', async () => {
    const home = tempDir();
    writeLines(rollout(home, FORK), [
      sessionMeta({ id: FORK, cwd: '/x', timestamp: '2026-09-20T12:00:00Z', forkedFrom: ID }),
      tokenCount('2026-09-20T12:00:00.500Z', { input: 100, cached: 0, output: 1, reasoning: 0 }),
      tokenCount('2026-09-20T12:00:09.000Z', { input: 300, cached: 0, output: 2, reasoning: 0 }),
    ]);
    const r = report(await scan({ codex: home }));
    assert.equal(r.totals.totalTokens, 302);
    assert.deepEqual(r.rows[0]!.models, ['gpt-5']);
  });

  it('counts a session once when the same rollout is in sessions/ and archived_sessions/', async () => {
    const home = tempDir();
    const lines = [sessionMeta({ id: ID, cwd: '/x', timestamp: '2026-09-20T10:00:00Z' }), turnContext('2026-09-20T10:00:01Z', 'gpt-5'), tokenCount('2026-09-20T10:00:02Z', { input: 100, cached: 0, output: 10, reasoning: 0 })];
    writeLines(rollout(home, ID), lines);
    writeLines(join(home, 'archived_sessions', `rollout-2026-09-20T10-00-00-${ID}.jsonl`), lines);
    assert.equal(report(await scan({ codex: home })).totals.totalTokens, 110);
  });

  it('reports shell runs with their exit codes from all output encodings', async () => {
    const home = tempDir();
    writeLines(rollout(home, ID), [
      sessionMeta({ id: ID, cwd: '/home/dev/api', timestamp: '2026-09-20T10:00:00Z' }),
      execCall('2026-09-20T10:00:01Z', 'c1', 'pytest -q'),
      execOutput('2026-09-20T10:00:03Z', 'c1', 1),
      shellCall('2026-09-20T10:00:04Z', 'c2', ['bash', '-lc', 'cargo test']),
      shellOutput('2026-09-20T10:00:09Z', 'c2', 0),
      JSON.stringify({ timestamp: '2026-09-20T10:00:10Z', type: 'response_item', payload: { type: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd: 'go test ./...' }), call_id: 'c3' } }),
      JSON.stringify({ timestamp: '2026-09-20T10:00:11Z', type: 'response_item', payload: { type: 'function_call_output', call_id: 'c3', output: 'Process running' } }),
      JSON.stringify({ timestamp: '2026-09-20T10:00:12Z', type: 'event_msg', payload: { type: 'exec_command_end', call_id: 'c3', exit_code: 0, command: ['bash', '-lc', 'go test ./...'] } }),
    ]);
    const result = await scan({ codex: home }, { toolRuns: true });
    const runs = result.toolRuns.map((t) => [t.kind, t.command, t.exitCode, t.sessionId, t.cwd]).sort();
    // Labels only: the command lines themselves are not kept.
    assert.deepEqual(runs, [
      ['test', 'cargo test', 0, ID, '/home/dev/api'],
      ['test', 'go test', 0, ID, '/home/dev/api'],
      ['test', 'pytest', 1, ID, '/home/dev/api'],
    ]);
  });
});
