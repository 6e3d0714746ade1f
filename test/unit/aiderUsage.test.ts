import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aiderCount } from '../../src/core/sources/aider/parsers';
import { SOURCES } from '../../src/core/sources/registry';
import { analytics, ask, runStart, tokens } from './helpers/aiderLogs';
import { appendLines, tempDir, writeLines } from './helpers/engine';
import { reportOf, scanSources } from './helpers/geminiLines';

const HISTORY = '.aider.chat.history.md';

async function aider(env: Record<string, string>, opts: { home?: string; cache?: string } = {}) {
  return scanSources(['aider'], env, { home: opts.home ?? tempDir(), ...(opts.cache ? { cache: opts.cache } : {}) });
}

describe('Aider usage', () => {
  it('reads the rounded token lines of a chat history, cache taken out of "sent", with the cost shown', async () => {
    const repo = tempDir();
    writeLines(join(repo, HISTORY), [
      ...runStart('2026-09-20 10:00:00'),
      ...ask('fix the bug'),
      ...tokens('Tokens: 12k sent, 1.2k cache write, 3.4k cache hit, 456 received.'),
      'Cost: $0.02 message, $0.02 session.',
      '> Applied edit to src/app.py  ',
      '> Commit 1a2b3c4 fix: handle empty input  ',
      ...ask('and the tests'),
      ...tokens('Tokens: 2.5k sent, 120 received. Cost: $0.0081 message, $0.03 session.'),
      ...runStart('2026-09-21 09:00:00', 'gpt-5'),
      ...tokens('Tokens: 1,234 sent, 56 received.'),
    ]);
    const result = await aider({ AWU_METER_AIDER_DIRS: repo });
    const r = reportOf(result, ['aider']);
    const day1 = new Date(2026, 8, 20, 10, 0, 0).getTime();
    assert.deepEqual(r.rows.map((d) => [d.key, d.inputTokens, d.outputTokens, d.cacheCreationTokens, d.cacheReadTokens]), [
      [new Date(day1).toISOString().slice(0, 10), 12000 - 1200 - 3400 + 2500, 456 + 120, 1200, 3400],
      [new Date(2026, 8, 21, 9).toISOString().slice(0, 10), 1234, 56, 0, 0],
    ]);
    assert.ok(Math.abs(r.rows[0]!.costUSD - 0.0281) < 1e-12, String(r.rows[0]!.costUSD));
    const s = reportOf(result, ['aider'], 'session');
    assert.equal(s.rows.length, 2);
    assert.deepEqual(s.rows[0]!.projects, [repo]);
    assert.deepEqual(s.rows[0]!.models, ['anthropic/claude-sonnet-4-5']);
    const runs = result.store.activity.events.map((a) => [a.kind, a.label, a.exitCode, a.cwd]);
    assert.deepEqual(runs.sort(), [['commit', 'git commit', 0, repo], ['edit', 'Edit', undefined, repo]].sort());
    assert.ok(SOURCES.aider.approximate);
  });

  it('reads appended runs incrementally without counting a line twice', async () => {
    const repo = tempDir();
    const cache = tempDir();
    const file = join(repo, HISTORY);
    writeLines(file, [...runStart('2026-09-20 10:00:00'), ...tokens('Tokens: 1k sent, 10 received.')]);
    assert.equal(reportOf(await aider({ AWU_METER_AIDER_DIRS: repo }, { cache }), ['aider']).totals.totalTokens, 1010);
    appendLines(file, [...ask('more'), ...tokens('Tokens: 2k sent, 20 received.')]);
    assert.equal(reportOf(await aider({ AWU_METER_AIDER_DIRS: repo }, { cache }), ['aider']).totals.totalTokens, 3030);
    assert.equal(reportOf(await aider({ AWU_METER_AIDER_DIRS: repo }), ['aider']).totals.totalTokens, 3030);
  });

  it('prefers the analytics log when there is one (exact counts and cost), and then skips histories', async () => {
    const home = tempDir();
    const repo = tempDir();
    writeLines(join(repo, HISTORY), [...runStart('2026-09-20 10:00:00'), ...tokens('Tokens: 12k sent, 456 received.')]);
    const log = join(home, 'logs', 'aider-analytics.jsonl');
    mkdirSync(join(home, 'logs'));
    writeLines(log, [
      analytics('launched', 1790000000),
      analytics('message_send', 1790000060, { main_model: 'gpt-5', weak_model: 'gpt-5-mini', edit_format: 'diff', prompt_tokens: 12034, completion_tokens: 456, total_tokens: 12490, cost: 0.0196, total_cost: 0.0196 }),
      analytics('message_send', 1790000120, { main_model: null, prompt_tokens: 100, completion_tokens: 5, total_tokens: 105 }),
      '{"event":"message_send","properties":{',
    ]);
    const r = reportOf(await aider({ AWU_METER_AIDER_DIRS: repo, AIDER_ANALYTICS_LOG: log }, { home }), ['aider']);
    assert.deepEqual([r.totals.inputTokens, r.totals.outputTokens], [12134, 461]);
    assert.equal(r.diagnostics.skippedLines, 1);
    assert.ok(r.totals.costUSD >= 0.0196);
  });

  it('finds histories in the home folder, the configured files\' folders and AWU_METER_AIDER_DIRS projects', () => {
    const home = tempDir();
    const projects = tempDir();
    mkdirSync(join(projects, 'a'));
    mkdirSync(join(projects, 'b'));
    writeFileSync(join(projects, 'a', HISTORY), '');
    writeFileSync(join(home, '.aider.conf.yml'), 'model: gpt-5\nanalytics-log: ~/aider/analytics.jsonl  # exact counts\n');
    const env = { env: { AWU_METER_AIDER_DIRS: projects, AIDER_CHAT_HISTORY_FILE: '/srv/notes/chat.md' }, home, platform: 'linux' as const };
    assert.deepEqual(SOURCES.aider.roots(env), [home, '/srv/notes', join(home, 'aider'), projects, join(projects, 'a')]);
    // A history under another name is recognised by its first line.
    writeFileSync(join(home, 'chat.md'), '\n# aider chat started at 2026-09-20 10:00:00\n');
    writeFileSync(join(home, 'README.md'), '# Hello\n');
    assert.deepEqual(SOURCES.aider.listFiles([home]).map((f) => f.path), [join(home, 'chat.md')]);
  });

  it('reads rounded counts as aider formats them', () => {
    assert.deepEqual(['999', '1.2k', '12k', '1,234', '2.5M', ''].map((t) => aiderCount(t)), [999, 1200, 12000, 1234, 2500000, 0]);
  });
});
