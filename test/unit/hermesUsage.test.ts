import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCES } from '../../src/core/sources/registry';
import { tempDir } from './helpers/engine';
import { assertSameDays, ccusageBinary, ccusageDaily, reportOf, scanSources } from './helpers/geminiLines';
import { writeHermesDb } from './helpers/hermesDb';

const T = Date.parse('2026-09-20T10:00:00Z') / 1000;

async function hermes(home: string, cache?: string) {
  return scanSources(['hermes'], { HERMES_HOME: home }, cache ? { cache } : {});
}

describe('Hermes Agent usage', () => {
  it('counts each session\'s totals at its start, with the actual cost first, reasoning as output', async () => {
    const home = tempDir();
    writeHermesDb(join(home, 'state.db'), [
      { id: 's1', model: 'claude-sonnet-4-20250514', started: T + 0.25, input: 1200, output: 300, cacheRead: 50, cacheWrite: 20, reasoning: 10, provider: 'anthropic', estimated: 0.12, actual: 0.34 },
      { id: 's2', model: null, started: T, input: 5 },
      { id: 's3', model: 'gpt-5', started: T, input: 0 },
    ]);
    assert.ok(existsSync(join(home, 'state.db-wal')));
    const r = reportOf(await hermes(home), ['hermes']);
    assert.deepEqual(r.rows.map((d) => [d.key, d.inputTokens, d.outputTokens, d.cacheReadTokens, d.cacheCreationTokens, d.reasoningTokens]), [['2026-09-20', 1200, 310, 50, 20, 10]]);
    assert.ok(Math.abs(r.totals.costUSD - 0.34) < 1e-12);
    assert.ok(SOURCES.hermes.approximate);
  });

  it('replaces the totals as the database changes', async () => {
    const home = tempDir();
    const cache = tempDir();
    writeHermesDb(join(home, 'state.db'), [{ id: 's1', model: 'gpt-5', started: T, input: 10, output: 1 }]);
    assert.equal(reportOf(await hermes(home, cache), ['hermes']).totals.totalTokens, 11);
    writeHermesDb(join(home, 'state.db'), [{ id: 's1', model: 'gpt-5', started: T, input: 100, output: 10 }, { id: 's2', model: 'gpt-5', started: T + 86400, input: 1, output: 1 }]);
    assert.equal(reportOf(await hermes(home, cache), ['hermes']).totals.totalTokens, 112);
  });

  it('finds the database in HERMES_HOME or ~/.hermes', () => {
    const env = { env: {}, home: '/home/dev', platform: 'linux' as const };
    assert.deepEqual(SOURCES.hermes.roots(env), [join('/home/dev', '.hermes')]);
    assert.deepEqual(SOURCES.hermes.roots({ ...env, env: { HERMES_HOME: '/h1,/h2' } }), ['/h1', '/h2']);
  });

  it('equals ccusage hermes daily on the same database (Claude models and recorded costs)', async function () {
    const ccusage = ccusageBinary();
    if (!ccusage) this.skip();
    const home = tempDir();
    writeHermesDb(join(home, 'state.db'), [
      { id: 's1', model: 'claude-sonnet-4-5', started: T, input: 1200, output: 300, cacheRead: 50000, cacheWrite: 2000, reasoning: 100, provider: 'anthropic' },
      { id: 's2', model: 'claude-haiku-4-5', started: T + 50000, input: 40000, output: 1200, cacheRead: 3000, provider: 'anthropic', estimated: 0, actual: 0 },
      { id: 's3', model: 'gpt-5', started: T + 200000, input: 100, output: 20, estimated: 0.2, actual: 0.5 },
    ]);
    // Claude models, or recorded costs: ccusage prices a Hermes gpt-5 session as `openai/gpt-5`, another
    // entry of its embedded tables ($2.50 per million input tokens), where we use gpt-5's list price. And
    // with no actual cost (NULL) it reads 0 and prices the tokens, where we take Hermes's estimate.
    const cc = ccusageDaily(ccusage!, 'hermes', { HERMES_HOME: home });
    assertSameDays(reportOf(await hermes(home), ['hermes']).rows, cc, (c) => c.totalTokens - c.inputTokens - c.cacheReadTokens - c.cacheCreationTokens);
    assert.deepEqual(cc.map((c) => c.date), ['2026-09-20', '2026-09-22']);
  });
});
