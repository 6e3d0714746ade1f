import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { gooseTime } from '../../src/core/sources/goose/sessionsDbParser';
import { SOURCES } from '../../src/core/sources/registry';
import { tempDir } from './helpers/engine';
import { assertSameDays, ccusageBinary, ccusageDaily, reportOf, scanSources } from './helpers/geminiLines';
import { writeGooseDb } from './helpers/gooseDb';

function db(root: string): string {
  return join(root, 'data', 'sessions', 'sessions.db');
}

async function goose(root: string, cache?: string) {
  return scanSources(['goose'], { GOOSE_PATH_ROOT: root }, cache ? { cache } : {});
}

describe('Goose usage', () => {
  it('counts each session\'s accumulated totals at its start, the rest of the total as reasoning, working_dir as project', async () => {
    const root = tempDir();
    writeGooseDb(db(root), [
      { id: 's1', model: 'claude-sonnet-4-20250514', provider: 'anthropic', created: '2026-09-20 01:02:03', cwd: '/home/dev/app', accTotal: 180, accInput: 100, accOutput: 50, total: 20, input: 10, output: 10 },
      { id: 's2', model: 'gpt-5', created: '2026-09-21 10:00:00', total: 30, input: 20, output: 10 },
      { id: 's3', created: '2026-09-21 10:00:00', input: 5 },
    ]);
    const result = await goose(root);
    const r = reportOf(result, ['goose']);
    assert.deepEqual(r.rows.map((d) => [d.key, d.inputTokens, d.outputTokens, d.reasoningTokens]), [['2026-09-20', 100, 80, 30], ['2026-09-21', 20, 10, 0]]);
    assert.deepEqual(reportOf(result, ['goose'], 'session').rows[0]!.projects, ['/home/dev/app']);
    assert.ok(SOURCES.goose.approximate);
  });

  it('replaces the totals as the database changes', async () => {
    const root = tempDir();
    const cache = tempDir();
    writeGooseDb(db(root), [{ id: 's1', model: 'gpt-5', created: '2026-09-20 01:02:03', accInput: 10, accOutput: 1 }]);
    assert.equal(reportOf(await goose(root, cache), ['goose']).totals.totalTokens, 11);
    writeGooseDb(db(root), [{ id: 's1', model: 'gpt-5', created: '2026-09-20 01:02:03', accInput: 100, accOutput: 10 }]);
    assert.equal(reportOf(await goose(root, cache), ['goose']).totals.totalTokens, 110);
  });

  it('reads the times Goose writes and finds its database on each platform', () => {
    assert.deepEqual(['2026-05-01 01:02:03', '2026-05-01', 1777597323, '2026-05-01T01:02:03Z'].map((t) => gooseTime(t)), [Date.parse('2026-05-01T01:02:03Z'), Date.parse('2026-05-01T00:00:00Z'), 1777597323000, Date.parse('2026-05-01T01:02:03Z')]);
    assert.deepEqual(SOURCES.goose.roots({ env: { GOOSE_PATH_ROOT: '/g' }, home: '/home/dev', platform: 'linux' }), [join('/g', 'data', 'sessions')]);
    assert.ok(SOURCES.goose.roots({ env: {}, home: '/Users/dev', platform: 'darwin' }).includes(join('/Users/dev', 'Library', 'Application Support', 'goose', 'sessions')));
    assert.ok(SOURCES.goose.roots({ env: { APPDATA: 'C:\\Users\\dev\\AppData\\Roaming' }, home: 'C:\\Users\\dev', platform: 'win32' }).includes(join('C:\\Users\\dev\\AppData\\Roaming', 'Block', 'goose', 'data', 'sessions')));
  });

  it('equals ccusage goose daily on the same database', async function () {
    const ccusage = ccusageBinary();
    if (!ccusage) this.skip();
    const root = tempDir();
    writeGooseDb(db(root), [
      { id: 's1', model: 'claude-sonnet-4-5', provider: 'anthropic', created: '2026-09-20 01:02:03', accTotal: 5200, accInput: 4000, accOutput: 900 },
      { id: 's2', model: 'claude-haiku-4-5', provider: 'anthropic', created: '2026-09-20 23:59:00', total: 1200, input: 1000, output: 200 },
      { id: 's3', model: 'gpt-5', provider: 'openai', created: '2026-09-22 08:00:00', accInput: 40000, accOutput: 1200 },
    ]);
    const cc = ccusageDaily(ccusage!, 'goose', { GOOSE_PATH_ROOT: root });
    assertSameDays(reportOf(await goose(root), ['goose']).rows, cc, (c) => c.totalTokens - c.inputTokens - c.cacheReadTokens - c.cacheCreationTokens);
    assert.deepEqual(cc.map((c) => c.date), ['2026-09-20', '2026-09-22']);
  });
});
