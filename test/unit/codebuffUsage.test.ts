import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SOURCES } from '../../src/core/sources/registry';
import { tempDir } from './helpers/engine';
import { assertSameDays, ccusageBinary, ccusageDaily, reportOf, scanSources } from './helpers/geminiLines';

function chat(channelDir: string, project: string, chatId: string, messages: unknown[]): string {
  const path = join(channelDir, 'projects', project, 'chats', chatId, 'chat-messages.json');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(messages, null, 2));
  return path;
}

const user = { role: 'user', text: 'hello' };

async function codebuff(dir: string, cache?: string) {
  return scanSources(['codebuff'], { CODEBUFF_DATA_DIR: dir }, cache ? { cache } : {});
}

describe('Codebuff usage', () => {
  it('reads assistant usage from metadata, codebuff metadata or the run state, OpenAI cached tokens out of input', async () => {
    const dir = join(tempDir(), 'manicode');
    chat(dir, 'app', '2026-09-20T03-04-05.000Z', [
      user,
      { id: 'a1', role: 'assistant', timestamp: '2026-09-20T03:04:06.000Z', metadata: { model: 'claude-sonnet-4-20250514', usage: { inputTokens: 100, outputTokens: 50, cacheCreationInputTokens: 20, cacheReadInputTokens: 10 } }, credits: 1.25 },
      { variant: 'agent', metadata: { runState: { sessionState: { mainAgentState: { messageHistory: [{ role: 'user', providerOptions: {} }, { role: 'assistant', providerOptions: { codebuff: { model: 'openai/gpt-5', usage: { prompt_tokens: 100, completion_tokens: 50, prompt_tokens_details: { cached_tokens: 10 } } } } }] } } } } },
      { variant: 'ai', metadata: { codebuff: { usage: { totalTokens: 789 } } } },
      { variant: 'ai', credits: 2 },
    ]);
    const result = await codebuff(dir);
    const r = reportOf(result, ['codebuff']);
    assert.deepEqual(r.rows.map((d) => [d.key, d.inputTokens, d.outputTokens, d.cacheCreationTokens, d.cacheReadTokens]), [['2026-09-20', 100 + 90, 50 + 50 + 789, 20, 20]]);
    const s = reportOf(result, ['codebuff'], 'session').rows[0]!;
    assert.deepEqual([s.key.split('\u0000')[1], s.projects], ['manicode/app/2026-09-20T03-04-05.000Z', ['app']]);
  });

  it('replaces a chat\'s counts when it is rewritten', async () => {
    const dir = join(tempDir(), 'manicode');
    const cache = tempDir();
    const m = (n: number) => ({ id: `a${n}`, role: 'assistant', metadata: { model: 'gpt-5', usage: { inputTokens: n, outputTokens: 1 } } });
    chat(dir, 'app', '2026-09-20T03-04-05.000Z', [m(10)]);
    assert.equal(reportOf(await codebuff(dir, cache), ['codebuff']).totals.totalTokens, 11);
    chat(dir, 'app', '2026-09-20T03-04-05.000Z', [m(10), m(20)]);
    assert.equal(reportOf(await codebuff(dir, cache), ['codebuff']).totals.totalTokens, 32);
  });

  it('finds chats in CODEBUFF_DATA_DIR or ~/.config/manicode and its channels', () => {
    const env = { env: {}, home: '/home/dev', platform: 'linux' as const };
    assert.deepEqual(SOURCES.codebuff.roots(env), ['manicode', 'manicode-dev', 'manicode-staging'].map((c) => join('/home/dev', '.config', c, 'projects')));
    assert.deepEqual(SOURCES.codebuff.roots({ ...env, env: { CODEBUFF_DATA_DIR: '/c/manicode,/d/projects' } }), [join('/c/manicode', 'projects'), '/d/projects']);
  });

  it('equals ccusage codebuff daily on the same files', async function () {
    const ccusage = ccusageBinary();
    if (!ccusage) this.skip();
    const dir = join(tempDir(), 'manicode');
    chat(dir, 'app', '2026-09-20T03-04-05.000Z', [
      user,
      { id: 'a1', role: 'assistant', timestamp: '2026-09-20T03:04:06.000Z', metadata: { model: 'claude-sonnet-4-5', usage: { inputTokens: 3000, outputTokens: 700, cacheCreationInputTokens: 2000, cacheReadInputTokens: 40000 } } },
      { variant: 'ai', timestamp: '2026-09-20T23:59:00.000Z', metadata: { model: 'claude-haiku-4-5', codebuff: { usage: { inputTokens: 100, outputTokens: 20, totalTokens: 150 } } } },
    ]);
    chat(dir, 'web', '2026-09-22T08-00-00.000Z', [{ variant: 'ai', metadata: { model: 'claude-sonnet-4-5', usage: { inputTokens: 10, outputTokens: 5 } } }]);
    const cc = ccusageDaily(ccusage!, 'codebuff', { CODEBUFF_DATA_DIR: dir });
    assertSameDays(reportOf(await codebuff(dir), ['codebuff']).rows, cc, (c) => c.totalTokens - c.inputTokens - c.cacheReadTokens - c.cacheCreationTokens);
    assert.equal(cc.length, 2);
  });
});
