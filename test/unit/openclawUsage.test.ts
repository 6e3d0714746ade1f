import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { SOURCES } from '../../src/core/sources/registry';
import { tempDir, writeLines } from './helpers/engine';
import { assertSameDays, ccusageBinary, ccusageDaily, reportOf, scanSources } from './helpers/geminiLines';
import { piAssistant, piBash, piHeader } from './helpers/piLines';

const SONNET = 'claude-sonnet-4-5';

function modelChange(timestamp: string, modelId: string): string {
  return JSON.stringify({ type: 'model_change', id: 'mc1', parentId: null, timestamp, provider: 'anthropic', modelId });
}

/** An assistant entry without a model of its own (OpenClaw names it in model_change). */
function unnamed(timestamp: string, input: number, output: number): string {
  return JSON.stringify({ type: 'message', id: `n-${timestamp}`, parentId: null, timestamp, message: { role: 'assistant', content: [], usage: { input, output, cacheRead: 0, cacheWrite: 0, totalTokens: input + output }, timestamp: Date.parse(timestamp) } });
}

async function openclaw(dir: string) {
  return scanSources(['openclaw'], { OPENCLAW_DIR: dir });
}

describe('OpenClaw usage', () => {
  it('reads pi-format sessions, the model from model_change, archived copies counted once', async () => {
    const dir = tempDir();
    const lines = [piHeader('s1', '2026-09-20T10:00:00.000Z', '/home/dev/bot'), modelChange('2026-09-20T10:00:00.500Z', SONNET), unnamed('2026-09-20T10:00:05.000Z', 100, 20), piAssistant('2026-09-20T10:00:06.000Z', 'gpt-5', { input: 10, output: 5, cost: 0.01 }), piBash('2026-09-20T10:00:07.000Z', 'npm test', 0)];
    writeLines(join(dir, 'agents', 'main', 'sessions', 's1.jsonl'), lines);
    writeLines(join(dir, 'agents', 'main', 'sessions', 's1.jsonl.reset.2026-09-20T11-00-00.000Z'), lines);
    const result = await openclaw(dir);
    const r = reportOf(result, ['openclaw']);
    assert.deepEqual([r.totals.inputTokens, r.totals.outputTokens], [110, 25]);
    const s = reportOf(result, ['openclaw'], 'session').rows[0]!;
    assert.deepEqual([s.key.split('\u0000')[1], s.projects, s.models], ['s1', ['/home/dev/bot'], [SONNET, 'gpt-5'].sort()]);
    assert.deepEqual(result.store.activity.events.map((a) => [a.source, a.label, a.exitCode]), [['openclaw', 'npm test', 0]]);
  });

  it('finds sessions in OPENCLAW_DIR or ~/.openclaw and its former names', () => {
    const env = { env: {}, home: '/home/dev', platform: 'linux' as const };
    assert.deepEqual(SOURCES.openclaw.roots(env), ['.openclaw', '.clawdbot', '.moltbot', '.moldbot'].map((h) => join('/home/dev', h)));
    assert.deepEqual(SOURCES.openclaw.roots({ ...env, env: { OPENCLAW_DIR: '/o' } }), ['/o']);
  });

  it('equals ccusage openclaw daily on the same files', async function () {
    const ccusage = ccusageBinary();
    if (!ccusage) this.skip();
    const dir = tempDir();
    const s1 = [piHeader('s1', '2026-09-20T10:00:00.000Z'), modelChange('2026-09-20T10:00:00.500Z', SONNET), unnamed('2026-09-20T10:00:05.000Z', 3000, 700), piAssistant('2026-09-20T23:59:06.000Z', 'gpt-5', { input: 1000, output: 50, cacheRead: 9000 }), piAssistant('2026-09-21T00:00:06.000Z', SONNET, { input: 10, output: 5, cacheWrite: 2000, cost: 0.0123 })];
    writeLines(join(dir, 'sessions', 's1.jsonl'), s1);
    writeLines(join(dir, 'sessions', 's1.jsonl.deleted.1790000000000'), s1);
    writeLines(join(dir, 'sessions', 's2.jsonl'), [piHeader('s2', '2026-09-22T10:00:00.000Z'), piAssistant('2026-09-22T10:00:05.000Z', SONNET, { input: 40, output: 2, cacheRead: 100 })]);
    const cc = ccusageDaily(ccusage!, 'openclaw', { OPENCLAW_DIR: dir });
    assertSameDays(reportOf(await openclaw(dir), ['openclaw']).rows, cc);
    assert.equal(cc.length, 3);
  });
});
