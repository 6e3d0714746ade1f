import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCES } from '../../src/core/sources/registry';
import { appendLines, tempDir, writeLines } from './helpers/engine';
import { ccusageBinary, ccusageDaily, reportOf, scanSources } from './helpers/geminiLines';

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

function status(seconds: number, usage: Record<string, number>, messageId = `msg-${seconds}`): string {
  return JSON.stringify({ timestamp: seconds, message: { type: 'StatusUpdate', payload: { context_usage: 0.12, token_usage: usage, message_id: messageId } } });
}

function wire(root: string, group: string, session: string): string {
  return join(root, 'sessions', group, session, 'wire.jsonl');
}

const T = Date.parse('2026-09-20T10:00:00Z') / 1000;
const HEAD = [JSON.stringify({ type: 'metadata', protocol_version: '1.3' }), JSON.stringify({ timestamp: T, message: { type: 'TurnBegin', payload: { user_input: 'hello' } } })];

async function kimi(root: string, cache?: string) {
  return scanSources(['kimi'], { KIMI_DATA_DIR: root }, cache ? { cache } : {});
}

describe('Kimi CLI usage', () => {
  it('counts StatusUpdate token usage with the config model, the work dir from kimi.json', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'config.json'), JSON.stringify({ model: 'kimi-k2' }));
    writeFileSync(join(root, 'kimi.json'), JSON.stringify({ work_dirs: [{ path: '/home/dev/app', last_session_id: 's1' }] }));
    writeLines(wire(root, md5('/home/dev/app'), 's1'), [...HEAD, status(T + 1.123, { input_other: 100, output: 50, input_cache_read: 10, input_cache_creation: 20 }), status(T + 2, { total: 432 }), status(T + 3, { input_other: 0, output: 0 })]);
    const result = await kimi(root);
    const r = reportOf(result, ['kimi']);
    assert.deepEqual([r.totals.inputTokens, r.totals.outputTokens, r.totals.cacheReadTokens, r.totals.cacheCreationTokens], [100, 482, 10, 20]);
    const s = reportOf(result, ['kimi'], 'session').rows[0]!;
    assert.deepEqual([s.key.split('\u0000')[1], s.projects, s.models], ['s1', ['/home/dev/app'], ['kimi-k2']]);
    // No bundled price for Kimi models: the cost is unknown, not 0.
    assert.ok(r.totals.unpricedTokens > 0);
  });

  it('reads appended lines incrementally, a line written twice once', async () => {
    const root = tempDir();
    const cache = tempDir();
    const file = wire(root, 'g', 's1');
    const line = status(T + 1, { input_other: 10, output: 5 });
    writeLines(file, [...HEAD, line]);
    assert.equal(reportOf(await kimi(root, cache), ['kimi']).totals.totalTokens, 15);
    appendLines(file, [line, status(T + 5, { input_other: 1, output: 1 })]);
    assert.equal(reportOf(await kimi(root, cache), ['kimi']).totals.totalTokens, 17);
  });

  it('finds sessions in KIMI_DATA_DIR, KIMI_SHARE_DIR or ~/.kimi', () => {
    const env = { env: {}, home: '/home/dev', platform: 'linux' as const };
    assert.deepEqual(SOURCES.kimi.roots(env), [join('/home/dev', '.kimi')]);
    assert.deepEqual(SOURCES.kimi.roots({ ...env, env: { KIMI_SHARE_DIR: '/k' } }), ['/k']);
    assert.deepEqual(SOURCES.kimi.roots({ ...env, env: { KIMI_DATA_DIR: '/a,/b', KIMI_SHARE_DIR: '/k' } }), ['/a', '/b']);
  });

  it('has ccusage kimi daily\'s token counts on the same files (its prices come from another table)', async function () {
    const ccusage = ccusageBinary();
    if (!ccusage) this.skip();
    const root = tempDir();
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'config.json'), JSON.stringify({ model: 'kimi-for-coding' }));
    writeLines(wire(root, 'g1', 's1'), [...HEAD, status(T + 1.5, { input_other: 1000, output: 300, input_cache_read: 5000, input_cache_creation: 200, total: 6600 }), status(T + 1.5, { input_other: 1000, output: 300, input_cache_read: 5000, input_cache_creation: 200, total: 6600 }), status(T + 50000, { total: 432 })]);
    writeLines(wire(root, 'g2', 's2'), [...HEAD, status(T + 200000, { input_other: 7, output: 3 }, 'm9')]);
    const cc = ccusageDaily(ccusage!, 'kimi', { KIMI_DATA_DIR: root });
    const ours = reportOf(await kimi(root), ['kimi']).rows;
    assert.deepEqual(
      ours.map((d) => [d.key, d.inputTokens, d.cacheReadTokens, d.cacheCreationTokens, d.totalTokens]),
      cc.map((c) => [c.date, c.inputTokens, c.cacheReadTokens, c.cacheCreationTokens, c.totalTokens]),
    );
    assert.equal(cc.length, 2);
  });
});
