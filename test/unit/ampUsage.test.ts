import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCES } from '../../src/core/sources/registry';
import { assistant, shellUse, thread, toolResult, user, writeThread } from './helpers/ampThreads';
import { tempDir } from './helpers/engine';
import { assertSameDays, ccusageBinary, ccusageDaily, reportOf, scanSources } from './helpers/geminiLines';

const HAIKU = 'claude-haiku-4-5-20251001';
const T1 = 'T-019fa4db-29cf-70c9-8d9b-81524df70e52';
const T2 = 'T-019fa4db-29cf-70c9-8d9b-000000000002';

async function amp(dir: string, cache?: string) {
  return scanSources(['amp'], { AMP_DATA_DIR: dir }, cache ? { cache } : {});
}

describe('Amp usage', () => {
  it('counts each assistant message, cache reads and writes beside input, project from the thread tree', async () => {
    const dir = tempDir();
    writeThread(dir, thread(T1, [
      user([{ type: 'text', text: 'hi' }]),
      assistant({ model: HAIKU, timestamp: '2026-09-20T11:42:10.652Z', input: 10, output: 178, cacheWrite: 986, cacheRead: 11372 }),
      assistant({ model: HAIKU, timestamp: '2026-09-20T11:43:00.000Z', input: 5, output: 42, cacheRead: 12000 }),
      assistant({ model: HAIKU, timestamp: '2026-09-20T11:44:00.000Z' }),
    ]));
    const r = reportOf(await amp(dir), ['amp']);
    const d = r.rows[0]!;
    assert.deepEqual([d.inputTokens, d.outputTokens, d.cacheCreationTokens, d.cacheReadTokens], [15, 220, 986, 23372]);
    const s = reportOf(await amp(dir), ['amp'], 'session').rows[0]!;
    assert.equal(s.key.split('\u0000')[1], T1);
    assert.deepEqual(s.projects, ['/home/dev/app']);
  });

  it('prefers the usage ledger, with cache counts from the message each event points to', async () => {
    const dir = tempDir();
    const m = assistant({ model: HAIKU, timestamp: '2026-09-20T11:42:10.652Z', input: 99, output: 99, cacheWrite: 50, cacheRead: 700 });
    writeThread(dir, thread(T1, [m], { usageLedger: { events: [
      { id: 'ev1', timestamp: '2026-09-20T11:42:11.000Z', model: 'gpt-5', credits: 1.5, tokens: { input: 1, output: 2 }, toMessageId: m.messageId },
      { id: 'ev2', timestamp: '2026-09-20T11:50:00.000Z', model: 'gpt-5', tokens: { total: 345 } },
    ] } }));
    const r = reportOf(await amp(dir), ['amp']);
    assert.deepEqual([r.totals.inputTokens, r.totals.outputTokens, r.totals.cacheCreationTokens, r.totals.cacheReadTokens], [1, 347, 50, 700]);
  });

  it('replaces a thread\'s counts when it is rewritten, and retries a half-written one', async () => {
    const dir = tempDir();
    const cache = tempDir();
    const a = assistant({ model: HAIKU, timestamp: '2026-09-20T11:42:10.652Z', input: 10, output: 20 });
    const path = writeThread(dir, thread(T1, [a]));
    assert.equal(reportOf(await amp(dir, cache), ['amp']).totals.totalTokens, 30);
    writeThread(dir, thread(T1, [a, assistant({ model: HAIKU, timestamp: '2026-09-20T11:43:10.652Z', input: 1, output: 2 })]));
    assert.equal(reportOf(await amp(dir, cache), ['amp']).totals.totalTokens, 33);
    writeFileSync(path, '{"id":"T-1","messages":[{"role":');
    const r = reportOf(await amp(dir, cache), ['amp']);
    assert.equal(r.totals.totalTokens, 33);
    assert.equal(r.diagnostics.skippedLines, 1);
  });

  it('reports shell runs with their exit codes and apply_patch edits', async () => {
    const dir = tempDir();
    writeThread(dir, thread(T1, [
      user([{ type: 'text', text: 'run the tests' }], Date.parse('2026-09-20T11:40:00Z')),
      assistant({ model: HAIKU, timestamp: '2026-09-20T11:42:10.652Z', input: 1, output: 1 }, [shellUse('TU-1', 'npm test', '/home/dev/app/pkg'), shellUse('TU-2', 'ls -la'), { type: 'tool_use', id: 'TU-3', name: 'apply_patch', input: { patchText: '*** Begin Patch' } }]),
      user([toolResult('TU-1', { output: '1 failing', exitCode: 1 }), toolResult('TU-2', { output: 'a', exitCode: 0 }), toolResult('TU-3', { files: [{ uri: 'file:///home/dev/app/a.ts', type: 'update' }], summary: '1 file' })]),
      assistant({ model: HAIKU, timestamp: '2026-09-20T11:45:00.000Z', input: 1, output: 1 }, [{ type: 'tool_use', id: 'TU-4', name: 'Bash', input: { cmd: 'git commit -m x' } }]),
      user([toolResult('TU-4', { output: '[main 1a2b3c4] x', exitCode: 0 })]),
    ]));
    const runs = (await amp(dir)).store.activity.events.map((a) => [a.kind, a.label, a.exitCode, a.sessionId, a.cwd]);
    assert.deepEqual(runs.sort(), [
      ['commit', 'git commit', 0, T1, '/home/dev/app'],
      ['edit', 'apply_patch', undefined, T1, '/home/dev/app'],
      ['test', 'npm test', 1, T1, '/home/dev/app/pkg'],
    ].sort());
  });

  it('finds threads in AMP_DATA_DIR, $XDG_DATA_HOME/amp or ~/.local/share/amp', () => {
    const env = { env: {}, home: '/home/dev', platform: 'linux' as const };
    assert.deepEqual(SOURCES.amp.roots(env), [join('/home/dev', '.local', 'share', 'amp')]);
    assert.deepEqual(SOURCES.amp.roots({ ...env, platform: 'darwin', home: '/Users/dev' }), [join('/Users/dev', '.local', 'share', 'amp')]);
    assert.deepEqual(SOURCES.amp.roots({ ...env, env: { XDG_DATA_HOME: '/x' } }), [join('/x', 'amp')]);
    assert.deepEqual(SOURCES.amp.roots({ ...env, env: { AMP_DATA_DIR: '/a,/b', XDG_DATA_HOME: '/x' } }), ['/a', '/b']);
  });

  it('equals ccusage amp daily on the same files', async function () {
    const ccusage = ccusageBinary();
    if (!ccusage) this.skip();
    const dir = tempDir();
    writeThread(dir, thread(T1, [
      user([{ type: 'text', text: 'hi' }]),
      assistant({ model: HAIKU, timestamp: '2026-09-20T11:42:10.652Z', input: 10, output: 178, cacheWrite: 986, cacheRead: 11372 }),
      assistant({ model: 'claude-sonnet-4-5', timestamp: '2026-09-20T23:59:00.000Z', input: 3000, output: 800, cacheRead: 40000 }),
      assistant({ model: HAIKU, timestamp: '2026-09-21T00:01:00.000Z', input: 5, output: 42, cacheRead: 12000 }),
    ]));
    const m = assistant({ model: HAIKU, timestamp: '2026-09-22T09:00:00.000Z', input: 99, output: 99, cacheWrite: 50, cacheRead: 700 });
    writeThread(dir, thread(T2, [m], { usageLedger: { events: [
      { id: 'ev1', timestamp: '2026-09-22T09:00:01.000Z', model: 'gpt-5', credits: 1.5, tokens: { input: 1200, output: 300 }, toMessageId: m.messageId },
      { id: 'ev2', timestamp: '2026-09-22T09:10:00.000Z', model: HAIKU, tokens: { input: 40, output: 2 } },
    ] } }));
    const cc = ccusageDaily(ccusage!, 'amp', { AMP_DATA_DIR: dir });
    assertSameDays(reportOf(await amp(dir), ['amp']).rows, cc);
    assert.equal(cc.length, 3);
  });
});
