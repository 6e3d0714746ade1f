import { strict as assert } from 'node:assert';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCES } from '../../src/core/sources/registry';
import { appendLines, tempDir, writeLines } from './helpers/engine';
import { assertSameDays, ccusageBinary, ccusageDaily, reportOf, scanSources } from './helpers/geminiLines';
import { piAssistant, piBash, piHeader, piToolResult, piUser, toolCall } from './helpers/piLines';

const SONNET = 'claude-sonnet-4-5';
const S1 = '0199a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b';
const S2 = '0199a1b2-c3d4-7e5f-8a6b-000000000002';

function sessionFile(root: string, session: string, start = '2026-09-20T10-00-00-000Z', dir = '--home-dev-app--'): string {
  return join(root, dir, `${start}_${session}.jsonl`);
}

async function pi(root: string, cache?: string) {
  return scanSources(['pi'], { PI_AGENT_DIR: root }, cache ? { cache } : {});
}

describe('pi usage', () => {
  it('counts each assistant call, the recorded cost first, cwd from the header', async () => {
    const root = tempDir();
    writeLines(sessionFile(root, S1), [
      piHeader(S1, '2026-09-20T10:00:00.000Z'),
      piUser('2026-09-20T10:00:01.000Z'),
      piAssistant('2026-09-20T10:00:05.000Z', SONNET, { input: 100, output: 50, cacheRead: 1000, cacheWrite: 200, cost: 0.5 }),
      piAssistant('2026-09-20T10:00:06.000Z', SONNET, { input: 100, output: 50 }),
    ]);
    const r = reportOf(await pi(root), ['pi']);
    const d = r.rows[0]!;
    assert.deepEqual([d.inputTokens, d.outputTokens, d.cacheReadTokens, d.cacheCreationTokens, d.totalTokens], [200, 100, 1000, 200, 1500]);
    assert.ok(Math.abs(d.costUSD - (0.5 + 100 * 3e-6 + 50 * 15e-6)) < 1e-12, String(d.costUSD));
    const s = reportOf(await pi(root), ['pi'], 'session').rows[0]!;
    assert.equal(s.key.split('\u0000')[1], S1);
    assert.deepEqual(s.projects, ['/home/dev/app']);
  });

  it('counts a line written twice once, also across reads, and waits for a half-written line', async () => {
    const root = tempDir();
    const cache = tempDir();
    const file = sessionFile(root, S1);
    const line = piAssistant('2026-09-20T10:00:05.000Z', SONNET, { input: 10, output: 5 }, undefined, 'x1');
    writeLines(file, [piHeader(S1, '2026-09-20T10:00:00.000Z'), line]);
    assert.equal(reportOf(await pi(root, cache), ['pi']).totals.totalTokens, 15);
    // The same entry again (another id, same content), and a second one in two writes.
    const next = piAssistant('2026-09-20T10:00:09.000Z', SONNET, { input: 1, output: 1 });
    appendLines(file, [piAssistant('2026-09-20T10:00:05.000Z', SONNET, { input: 10, output: 5 }, undefined, 'x2')]);
    appendFileSync(file, next.slice(0, 40));
    let r = reportOf(await pi(root, cache), ['pi']);
    assert.equal(r.totals.totalTokens, 15);
    assert.equal(r.diagnostics.pendingBytes, 40);
    appendFileSync(file, `${next.slice(40)}\n{"type":"message","message":{"usage":\n`);
    r = reportOf(await pi(root, cache), ['pi']);
    assert.equal(r.totals.totalTokens, 17);
    assert.equal(r.diagnostics.skippedLines, 1);
    assert.equal(reportOf(await pi(root), ['pi']).totals.totalTokens, 17);
  });

  it('takes totalTokens as output when the parts are missing, and any rest of it as output', async () => {
    const root = tempDir();
    writeLines(sessionFile(root, S1), [
      piHeader(S1, '2026-09-20T10:00:00.000Z'),
      JSON.stringify({ type: 'message', id: 'a', parentId: null, timestamp: '2026-09-20T10:00:01.000Z', message: { role: 'assistant', model: 'gpt-5', usage: { totalTokens: 333 } } }),
      piAssistant('2026-09-20T10:00:02.000Z', SONNET, { input: 10, output: 5, totalTokens: 40, cost: 0.01 }),
      piAssistant('2026-09-20T10:00:03.000Z', SONNET, {}),
    ]);
    const r = reportOf(await pi(root), ['pi']);
    assert.deepEqual([r.totals.inputTokens, r.totals.outputTokens, r.totals.totalTokens], [10, 333 + 30, 373]);
  });

  it('reports bash tool runs with their exit codes, the user\'s ! runs, and edits', async () => {
    const root = tempDir();
    writeLines(sessionFile(root, S1), [
      piHeader(S1, '2026-09-20T10:00:00.000Z', '/home/dev/web'),
      piAssistant('2026-09-20T10:00:01.000Z', SONNET, { input: 1, output: 1 }, [toolCall('t1', 'bash', { command: 'npm test' }), toolCall('t2', 'edit', { path: 'src/a.ts', oldText: 'a', newText: 'b' })]),
      piToolResult('2026-09-20T10:00:04.000Z', 't1', 'bash', '2 failing\n\nCommand exited with code 1', true),
      piToolResult('2026-09-20T10:00:05.000Z', 't2', 'edit', 'Successfully replaced text in src/a.ts.'),
      piAssistant('2026-09-20T10:00:06.000Z', SONNET, { input: 1, output: 1 }, [toolCall('t3', 'bash', { command: 'npm test' }), toolCall('t4', 'write', { path: 'b.ts', content: 'x' })]),
      piToolResult('2026-09-20T10:00:08.000Z', 't3', 'bash', '3 passing'),
      piToolResult('2026-09-20T10:00:09.000Z', 't4', 'write', 'Permission denied', true),
      piBash('2026-09-20T10:01:00.000Z', 'git commit -m "fix"', 0),
      piBash('2026-09-20T10:02:00.000Z', 'pytest -x', undefined, true),
      piBash('2026-09-20T10:03:00.000Z', 'ls', 0),
    ]);
    const runs = (await pi(root)).store.activity.events.map((a) => [a.kind, a.label, a.exitCode, a.sessionId, a.cwd]);
    assert.deepEqual(runs.sort(), [
      ['commit', 'git commit', 0, S1, '/home/dev/web'],
      ['edit', 'Edit', undefined, S1, '/home/dev/web'],
      ['test', 'npm test', 0, S1, '/home/dev/web'],
      ['test', 'npm test', 1, S1, '/home/dev/web'],
      ['test', 'pytest', undefined, S1, '/home/dev/web'],
    ].sort());
  });

  it('pairs a tool result with its call across reads', async () => {
    const root = tempDir();
    const cache = tempDir();
    const file = sessionFile(root, S1);
    writeLines(file, [piHeader(S1, '2026-09-20T10:00:00.000Z'), piAssistant('2026-09-20T10:00:01.000Z', SONNET, { input: 1, output: 1 }, [toolCall('t1', 'bash', { command: 'cargo test' })])]);
    await pi(root, cache);
    appendLines(file, [piToolResult('2026-09-20T10:00:04.000Z', 't1', 'bash', 'ok')]);
    const runs = (await pi(root, cache)).store.activity.events.map((a) => [a.label, a.exitCode]);
    assert.deepEqual(runs, [['cargo test', 0]]);
  });

  it('finds sessions in PI_AGENT_DIR, PI_CODING_AGENT_DIR/sessions or ~/.pi/agent/sessions', () => {
    const env = { env: {}, home: '/home/dev', platform: 'linux' as const };
    assert.deepEqual(SOURCES.pi.roots(env), [join('/home/dev', '.pi', 'agent', 'sessions')]);
    assert.deepEqual(SOURCES.pi.roots({ ...env, platform: 'win32', home: 'C:\\Users\\dev' }), [join('C:\\Users\\dev', '.pi', 'agent', 'sessions')]);
    assert.deepEqual(SOURCES.pi.roots({ ...env, env: { PI_CODING_AGENT_DIR: '/p' } }), [join('/p', 'sessions')]);
    assert.deepEqual(SOURCES.pi.roots({ ...env, env: { PI_AGENT_DIR: '/a, /b,', PI_CODING_AGENT_DIR: '/p' } }), ['/a', '/b']);
  });

  it('equals ccusage pi daily on the same files', async function () {
    const ccusage = ccusageBinary();
    if (!ccusage) this.skip();
    const root = tempDir();
    writeLines(sessionFile(root, S1), [
      piHeader(S1, '2026-09-20T10:00:00.000Z'),
      piAssistant('2026-09-20T10:00:05.000Z', SONNET, { input: 100, output: 50, cacheRead: 1000, cacheWrite: 200, cost: 0.00215 }),
      piAssistant('2026-09-20T10:00:06.000Z', SONNET, { input: 100, output: 50, cost: 0 }),
      piAssistant('2026-09-20T10:00:07.000Z', SONNET, { input: 3000, output: 700, cacheRead: 50000 }),
      piAssistant('2026-09-20T10:00:07.000Z', SONNET, { input: 3000, output: 700, cacheRead: 50000 }),
      JSON.stringify({ type: 'message', id: 'a', parentId: null, timestamp: '2026-09-20T23:59:59.000Z', message: { role: 'assistant', model: 'gpt-5', usage: { totalTokens: 333 } } }),
      '{"type":"message","message":{"role":"assistant","usage":',
    ]);
    writeLines(sessionFile(root, S2, '2026-09-21T08-00-00-000Z', '--home-dev-web--'), [
      piHeader(S2, '2026-09-21T08:00:00.000Z', '/home/dev/web'),
      piAssistant('2026-09-21T08:00:05.000Z', 'gpt-5', { input: 40000, output: 1200, cacheRead: 30000 }),
      piAssistant('2026-09-21T09:00:05.000Z', SONNET, { input: 10, output: 20, cacheWrite: 3000, cost: 0.0123 }),
    ]);
    const cc = ccusageDaily(ccusage!, 'pi', { PI_AGENT_DIR: root });
    assertSameDays(reportOf(await pi(root), ['pi']).rows, cc);
    assert.equal(cc.length, 2);
  });
});
