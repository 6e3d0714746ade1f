import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCES } from '../../src/core/sources/registry';
import { tempDir } from './helpers/engine';
import { assertSameDays, ccusageBinary, ccusageDaily, reportOf, scanSources } from './helpers/geminiLines';
import { addToolParts } from './helpers/kilo-cliParts';
import { writeOpencodeDb } from './helpers/opencodeDb';

const T = Date.parse('2026-09-20T10:00:00Z');
const SESSIONS = [{ id: 'ses_1', directory: '/home/dev/app' }];

async function kilo(dir: string, cache?: string) {
  return scanSources(['kilo-cli'], { KILO_DATA_DIR: dir }, cache ? { cache } : {});
}

describe('Kilo CLI usage', () => {
  it('counts assistant messages of kilo.db (OpenCode\'s schema, with its WAL), the recorded cost even when 0', async () => {
    const dir = tempDir();
    writeOpencodeDb(join(dir, 'kilo.db'), SESSIONS, [
      { id: 'msg_1', sessionId: 'ses_1', created: T, model: 'claude-sonnet-4-5', cost: 0.02, tokens: { input: 100, output: 50, reasoning: 5, cacheRead: 10, cacheWrite: 20 } },
      { id: 'msg_2', sessionId: 'ses_1', created: T + 1000, model: 'claude-sonnet-4-5', tokens: { input: 1000, output: 10 } },
      { id: 'msg_3', sessionId: 'ses_1', created: T + 2000, role: 'user' },
    ]);
    assert.ok(existsSync(join(dir, 'kilo.db-wal')));
    const result = await kilo(dir);
    const r = reportOf(result, ['kilo-cli']);
    assert.deepEqual([r.totals.inputTokens, r.totals.outputTokens, r.totals.cacheReadTokens, r.totals.cacheCreationTokens, r.totals.reasoningTokens], [1100, 65, 10, 20, 5]);
    assert.ok(Math.abs(r.totals.costUSD - 0.02) < 1e-12, String(r.totals.costUSD));
    assert.deepEqual(reportOf(result, ['kilo-cli'], 'session').rows[0]!.projects, ['/home/dev/app']);
  });

  it('replaces its counts when the database changes', async () => {
    const dir = tempDir();
    const cache = tempDir();
    writeOpencodeDb(join(dir, 'kilo.db'), SESSIONS, [{ id: 'msg_1', sessionId: 'ses_1', created: T, tokens: { input: 10, output: 1 } }]);
    assert.equal(reportOf(await kilo(dir, cache), ['kilo-cli']).totals.totalTokens, 11);
    writeOpencodeDb(join(dir, 'kilo.db'), SESSIONS, [{ id: 'msg_2', sessionId: 'ses_1', created: T + 5, tokens: { input: 1, output: 1 } }]);
    assert.equal(reportOf(await kilo(dir, cache), ['kilo-cli']).totals.totalTokens, 13);
  });

  it('reports bash runs with their exit codes and completed edits from the part table', async () => {
    const dir = tempDir();
    const db = join(dir, 'kilo.db');
    writeOpencodeDb(db, SESSIONS, [{ id: 'msg_1', sessionId: 'ses_1', created: T, tokens: { input: 1, output: 1 } }]);
    const part = { messageId: 'msg_1', sessionId: 'ses_1', created: T + 100 };
    addToolParts(db, [
      { ...part, id: 'p1', tool: 'bash', status: 'completed', command: 'npm test', exit: 1 },
      { ...part, id: 'p2', tool: 'bash', status: 'completed', command: 'git commit -m x', exit: 0 },
      { ...part, id: 'p3', tool: 'bash', status: 'error', command: 'pytest', interrupted: true },
      { ...part, id: 'p4', tool: 'edit', status: 'completed' },
      { ...part, id: 'p5', tool: 'write', status: 'error' },
      { ...part, id: 'p6', tool: 'bash', status: 'completed', command: 'ls', exit: 0 },
    ]);
    const runs = (await kilo(dir)).store.activity.events.map((a) => [a.kind, a.label, a.exitCode, a.sessionId, a.cwd]);
    assert.deepEqual(runs.sort(), [
      ['commit', 'git commit', 0, 'ses_1', '/home/dev/app'],
      ['edit', 'Edit', undefined, 'ses_1', '/home/dev/app'],
      ['test', 'npm test', 1, 'ses_1', '/home/dev/app'],
      ['test', 'pytest', undefined, 'ses_1', '/home/dev/app'],
    ].sort());
  });

  it('finds kilo.db in KILO_DATA_DIR, $XDG_DATA_HOME/kilo or ~/.local/share/kilo', () => {
    const env = { env: {}, home: '/home/dev', platform: 'linux' as const };
    assert.deepEqual(SOURCES['kilo-cli'].roots(env), [join('/home/dev', '.local', 'share', 'kilo')]);
    assert.deepEqual(SOURCES['kilo-cli'].roots({ ...env, env: { XDG_DATA_HOME: '/x' } }), [join('/x', 'kilo')]);
    assert.deepEqual(SOURCES['kilo-cli'].roots({ ...env, env: { KILO_DATA_DIR: '/a,/b' } }), ['/a', '/b']);
  });

  it('equals ccusage kilo daily on the same database', async function () {
    const ccusage = ccusageBinary();
    if (!ccusage) this.skip();
    const dir = tempDir();
    writeOpencodeDb(join(dir, 'kilo.db'), SESSIONS, [
      { id: 'msg_1', sessionId: 'ses_1', created: T, model: 'claude-sonnet-4-5', cost: 0.02, tokens: { input: 100, output: 50, reasoning: 5, cacheRead: 10, cacheWrite: 20 } },
      { id: 'msg_2', sessionId: 'ses_1', created: T + 50_000_000, model: 'claude-sonnet-4-5', cost: 0, tokens: { input: 3000, output: 700, cacheRead: 40000 } },
      { id: 'msg_3', sessionId: 'ses_1', created: T + 200_000_000, model: 'claude-haiku-4-5', cost: 0.5, tokens: { input: 10, output: 2, total: 40 } },
    ]);
    const cc = ccusageDaily(ccusage!, 'kilo', { KILO_DATA_DIR: dir });
    assertSameDays(reportOf(await kilo(dir), ['kilo-cli']).rows, cc, (c) => c.totalTokens - c.inputTokens - c.cacheReadTokens - c.cacheCreationTokens);
    assert.equal(cc.length, 2);
  });
});
