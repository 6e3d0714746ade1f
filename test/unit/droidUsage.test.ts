import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { normalizeDroidModel } from '../../src/core/sources/droid/settingsParser';
import { SOURCES } from '../../src/core/sources/registry';
import { tempDir } from './helpers/engine';
import { assertSameDays, ccusageBinary, ccusageDaily, reportOf, scanSources } from './helpers/geminiLines';

function settings(path: string, doc: Record<string, unknown>): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(doc, null, 2));
}

function usage(input: number, output: number, extra: Record<string, number> = {}): Record<string, number> {
  return { inputTokens: input, outputTokens: output, cacheCreationTokens: 0, cacheReadTokens: 0, thinkingTokens: 0, ...extra };
}

async function droid(dir: string, cache?: string) {
  return scanSources(['droid'], { DROID_SESSIONS_DIR: dir }, cache ? { cache } : {});
}

describe('Droid usage', () => {
  it('counts each session\'s running totals once, at its start, thinking as output', async () => {
    const dir = tempDir();
    settings(join(dir, 'a.settings.json'), { model: 'Claude-Sonnet-4-[Anthropic]', providerLock: 'anthropic', providerLockTimestamp: '2026-09-20T01:02:03.000Z', tokenUsage: usage(100, 50, { cacheCreationTokens: 20, cacheReadTokens: 10, thinkingTokens: 5 }) });
    settings(join(dir, 'zero.settings.json'), { model: 'gpt-5', tokenUsage: { inputTokens: 0 } });
    const r = reportOf(await droid(dir), ['droid']);
    assert.deepEqual(r.rows.map((d) => [d.key, d.inputTokens, d.outputTokens, d.cacheCreationTokens, d.cacheReadTokens, d.reasoningTokens]), [['2026-09-20', 100, 55, 20, 10, 5]]);
    assert.deepEqual(reportOf(await droid(dir), ['droid'], 'session').rows[0]!.models, ['claude-sonnet-4']);
    assert.ok(SOURCES.droid.approximate);
  });

  it('replaces the totals when the file is rewritten, and counts a session in two files once', async () => {
    const dir = tempDir();
    const cache = tempDir();
    const f = join(dir, 'c.settings.json');
    settings(f, { model: 'gpt-5', providerLockTimestamp: '2026-09-20T01:02:03.000Z', tokenUsage: usage(10, 20) });
    assert.equal(reportOf(await droid(dir, cache), ['droid']).totals.totalTokens, 30);
    settings(f, { model: 'gpt-5', providerLockTimestamp: '2026-09-20T01:02:03.000Z', tokenUsage: usage(100, 200) });
    settings(join(dir, 'archive', 'c.settings.json'), { model: 'gpt-5', providerLockTimestamp: '2026-09-20T01:02:03.000Z', tokenUsage: usage(10, 20) });
    assert.equal(reportOf(await droid(dir, cache), ['droid']).totals.totalTokens, 300);
    assert.equal(reportOf(await droid(dir), ['droid']).totals.totalTokens, 300);
  });

  it('takes the model from the transcript when the settings have none', async () => {
    const dir = tempDir();
    settings(join(dir, 'b.settings.json'), { providerLock: 'anthropic', providerLockTimestamp: '2026-09-21T01:02:03.000Z', tokenUsage: usage(10, 20) });
    writeFileSync(join(dir, 'b.jsonl'), '{"content":"Model: Claude Opus 4.5 Thinking [Anthropic]"}\n');
    assert.deepEqual(reportOf(await droid(dir), ['droid'], 'session').rows[0]!.models, ['claude-opus-4-5-thinking']);
    assert.deepEqual(['custom:Claude-Opus-4.5-Thinking-[Anthropic]-0', 'gemini-2.5-pro'].map(normalizeDroidModel), ['claude-opus-4-5-thinking-0', 'gemini-2-5-pro']);
  });

  it('finds sessions in DROID_SESSIONS_DIR or ~/.factory/sessions', () => {
    const env = { env: {}, home: '/home/dev', platform: 'linux' as const };
    assert.deepEqual(SOURCES.droid.roots(env), [join('/home/dev', '.factory', 'sessions')]);
    assert.deepEqual(SOURCES.droid.roots({ ...env, env: { DROID_SESSIONS_DIR: '/d1,/d2' } }), ['/d1', '/d2']);
  });

  it('equals ccusage droid daily on the same files', async function () {
    const ccusage = ccusageBinary();
    if (!ccusage) this.skip();
    const dir = tempDir();
    settings(join(dir, 'a.settings.json'), { model: 'Claude-Sonnet-4-5-[Anthropic]', providerLock: 'anthropic', providerLockTimestamp: '2026-09-20T01:02:03.000Z', tokenUsage: usage(1000, 500, { cacheCreationTokens: 2000, cacheReadTokens: 30000, thinkingTokens: 120 }) });
    settings(join(dir, 'p', 'b.settings.json'), { model: 'gpt-5', providerLock: 'openai', providerLockTimestamp: '2026-09-20T23:02:03.000Z', tokenUsage: usage(4000, 900, { cacheReadTokens: 1000 }) });
    settings(join(dir, 'c.settings.json'), { model: 'gpt-5', providerLock: 'openai', providerLockTimestamp: '2026-09-22T10:00:00.000Z', tokenUsage: usage(100, 200) });
    settings(join(dir, 'archive', 'c.settings.json'), { model: 'gpt-5', providerLock: 'openai', providerLockTimestamp: '2026-09-21T10:00:00.000Z', tokenUsage: usage(10, 20) });
    const cc = ccusageDaily(ccusage!, 'droid', { DROID_SESSIONS_DIR: dir });
    assertSameDays(reportOf(await droid(dir), ['droid']).rows, cc, (c) => c.totalTokens - c.inputTokens - c.cacheReadTokens - c.cacheCreationTokens);
    assert.deepEqual(cc.map((c) => c.date), ['2026-09-20', '2026-09-22']);
  });
});
