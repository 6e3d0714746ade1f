import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { SOURCES } from '../../src/core/sources/registry';
import { appendLines, tempDir, writeLines } from './helpers/engine';
import { assertSameDays, ccusageBinary, ccusageDaily, reportOf, scanSources } from './helpers/geminiLines';
import { qwenAssistant, qwenToolResult, shellCall } from './helpers/qwenChats';

const S1 = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
const S2 = '5e6f7a8b-9c0d-4e1f-8a2b-000000000002';
const QWEN = 'qwen3-coder-plus';

function chat(root: string, session: string, project = '-home-dev-app'): string {
  return join(root, 'projects', project, 'chats', `${session}.jsonl`);
}

async function qwen(root: string, cache?: string) {
  return scanSources(['qwen'], { QWEN_DATA_DIR: root }, cache ? { cache } : {});
}

describe('Qwen Code usage', () => {
  it('reads usageMetadata as Gemini tokens: cached prompt tokens out of input, thoughts in output; cwd as project', async () => {
    const root = tempDir();
    writeLines(chat(root, S1), [
      qwenAssistant(S1, '2026-09-20T10:00:05.000Z', QWEN, { prompt: 1000, candidates: 200, thoughts: 50, cached: 400 }),
      qwenAssistant(S1, '2026-09-20T10:00:06.000Z', QWEN, { prompt: 100, candidates: 20, total: 500 }),
      qwenAssistant(S1, '2026-09-20T10:00:07.000Z', QWEN, undefined),
    ]);
    const r = reportOf(await qwen(root), ['qwen']);
    assert.deepEqual([r.totals.inputTokens, r.totals.cacheReadTokens, r.totals.outputTokens, r.totals.reasoningTokens], [600 + 100, 400, 250 + 400, 50]);
    const s = reportOf(await qwen(root), ['qwen'], 'session').rows[0]!;
    assert.equal(s.key.split('\u0000')[1], S1);
    assert.deepEqual(s.projects, ['/home/dev/app']);
  });

  it('counts a line written twice once, across reads too', async () => {
    const root = tempDir();
    const cache = tempDir();
    const line = qwenAssistant(S1, '2026-09-20T10:00:05.000Z', QWEN, { prompt: 10, candidates: 5 });
    writeLines(chat(root, S1), [line]);
    assert.equal(reportOf(await qwen(root, cache), ['qwen']).totals.totalTokens, 15);
    appendLines(chat(root, S1), [qwenAssistant(S1, '2026-09-20T10:00:05.000Z', QWEN, { prompt: 10, candidates: 5 }), '{"type":"assistant","usageMetadata":']);
    const r = reportOf(await qwen(root, cache), ['qwen']);
    assert.equal(r.totals.totalTokens, 15);
    assert.equal(r.diagnostics.skippedLines, 1);
  });

  it('reports shell runs (Exit Code only when not 0) and edits, paired across reads', async () => {
    const root = tempDir();
    const cache = tempDir();
    const file = chat(root, S1);
    writeLines(file, [qwenAssistant(S1, '2026-09-20T10:00:05.000Z', QWEN, { prompt: 1, candidates: 1 }, [shellCall('c1', 'npm test'), shellCall('c2', 'git commit -m x'), { functionCall: { id: 'c3', name: 'edit', args: { file_path: '/home/dev/app/a.ts' } } }, shellCall('c4', 'pytest')])]);
    await qwen(root, cache);
    appendLines(file, [
      qwenToolResult(S1, '2026-09-20T10:00:09.000Z', 'c1', 'run_shell_command', 'error', 'Command: npm test\nOutput: 1 failing\nError: (none)\nExit Code: 1'),
      qwenToolResult(S1, '2026-09-20T10:00:10.000Z', 'c2', 'run_shell_command', 'success', 'Command: git commit -m x\nOutput: [main 1a2b3c4] x'),
      qwenToolResult(S1, '2026-09-20T10:00:11.000Z', 'c3', 'edit', 'success', 'Successfully modified file'),
      qwenToolResult(S1, '2026-09-20T10:00:12.000Z', 'c4', 'run_shell_command', 'cancelled', 'Command was cancelled by user'),
    ]);
    const runs = (await qwen(root, cache)).store.activity.events.map((a) => [a.kind, a.label, a.exitCode, a.cwd]);
    assert.deepEqual(runs.sort(), [['commit', 'git commit', 0, '/home/dev/app'], ['edit', 'Edit', undefined, '/home/dev/app'], ['test', 'npm test', 1, '/home/dev/app']].sort());
  });

  it('finds chats in QWEN_DATA_DIR or ~/.qwen', () => {
    const env = { env: {}, home: '/home/dev', platform: 'linux' as const };
    assert.deepEqual(SOURCES.qwen.roots(env), [join('/home/dev', '.qwen')]);
    assert.deepEqual(SOURCES.qwen.roots({ ...env, env: { QWEN_DATA_DIR: '/q1, /q2' } }), ['/q1', '/q2']);
  });

  it('equals ccusage qwen daily on records without cached tokens (ccusage counts cached ones twice)', async function () {
    const ccusage = ccusageBinary();
    if (!ccusage) this.skip();
    const root = tempDir();
    writeLines(chat(root, S1), [
      qwenAssistant(S1, '2026-09-20T10:00:05.000Z', 'gpt-5', { prompt: 1000, candidates: 200, thoughts: 100 }),
      qwenAssistant(S1, '2026-09-20T10:00:05.000Z', 'gpt-5', { prompt: 1000, candidates: 200, thoughts: 100 }),
      qwenAssistant(S1, '2026-09-20T23:59:06.000Z', 'gpt-5', { prompt: 100, candidates: 20, total: 500 }),
      qwenAssistant(S1, '2026-09-21T00:00:06.000Z', 'claude-sonnet-4-5', { prompt: 3000, candidates: 700 }),
    ]);
    writeLines(chat(root, S2, '-home-dev-web'), [qwenAssistant(S2, '2026-09-22T08:00:00.000Z', 'gpt-5', { prompt: 40000, candidates: 1200 }, undefined, '/home/dev/web')]);
    const cc = ccusageDaily(ccusage!, 'qwen', { QWEN_DATA_DIR: root });
    // ccusage's outputTokens leave thoughts and the rest of the total out (its totalTokens has them).
    assertSameDays(reportOf(await qwen(root), ['qwen']).rows, cc, (c) => c.totalTokens - c.inputTokens - c.cacheReadTokens - c.cacheCreationTokens);
    assert.equal(cc.length, 3);
  });
});
