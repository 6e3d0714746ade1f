import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { assistantLine, bashUseLine, toolResultLine, userPromptLine } from './helpers/claudeLines';
import { report, scan, tempDir, writeLines } from './helpers/engine';

const S1 = '11111111-1111-4111-8111-111111111111';
const S2 = '22222222-2222-4222-8222-222222222222';

function projectFile(root: string, session: string, sub?: string): string {
  return sub ? join(root, 'projects', '-home-dev-app', session, 'subagents', `${sub}.jsonl`) : join(root, 'projects', '-home-dev-app', `${session}.jsonl`);
}

describe('Claude Code usage', () => {
  it('keeps the largest of the streaming copies of one response', async () => {
    const root = tempDir();
    const base = { sessionId: S1, messageId: 'msg_1', requestId: 'req_1', timestamp: '2026-09-20T10:00:00.000Z', input: 3, cacheRead: 1000, cacheCreation1h: 200 };
    writeLines(projectFile(root, S1), [assistantLine({ ...base, output: 21 }), assistantLine({ ...base, output: 561 }), assistantLine({ ...base, output: 300 })]);
    const r = report(await scan({ claude: root }));
    assert.equal(r.rows.length, 1);
    const day = r.rows[0]!;
    assert.equal(day.outputTokens, 561);
    assert.equal(day.inputTokens, 3);
    assert.equal(day.cacheReadTokens, 1000);
    assert.equal(day.cacheCreationTokens, 200);
    assert.equal(day.totalTokens, 3 + 561 + 1000 + 200);
  });

  it('counts a response copied into a resumed session file once, under the session of the line', async () => {
    const root = tempDir();
    const original = assistantLine({ sessionId: S1, messageId: 'msg_a', requestId: 'req_a', timestamp: '2026-09-20T10:00:00Z', input: 10, output: 100 });
    writeLines(projectFile(root, S1), [original]);
    writeLines(projectFile(root, S2), [original, assistantLine({ sessionId: S2, messageId: 'msg_b', requestId: 'req_b', timestamp: '2026-09-20T11:00:00Z', input: 5, output: 50 })]);
    const result = await scan({ claude: root });
    const sessions = report(result, 'session').rows;
    assert.deepEqual(sessions.map((s) => [s.key.split('\u0000')[1], s.totalTokens]), [[S1, 110], [S2, 55]]);
  });

  it('drops sidechain replays of a parent message whatever the file order, and counts distinct sidechain messages', async () => {
    for (const order of ['parent-first', 'sidechain-first']) {
      const root = tempDir();
      const parent = assistantLine({ sessionId: S1, messageId: 'msg_p', requestId: 'req_p', timestamp: '2026-09-20T10:00:00Z', input: 4, output: 40, cacheRead: 5000 });
      const replay = assistantLine({ sessionId: S1, messageId: 'msg_p', requestId: 'req_replay', timestamp: '2026-09-20T10:05:00Z', input: 4, output: 40, cacheRead: 5000, isSidechain: true });
      const own = assistantLine({ sessionId: S1, messageId: 'msg_side', requestId: 'req_side', timestamp: '2026-09-20T10:06:00Z', input: 7, output: 70, isSidechain: true });
      // Files are read in path order: name them so that each order is exercised.
      const first = order === 'parent-first' ? projectFile(root, 'a-parent') : projectFile(root, 'b-parent');
      writeLines(first, [parent]);
      writeLines(join(root, 'projects', '-home-dev-app', 'a-side', 'subagents', 'agent-1.jsonl'), [replay, own]);
      const day = report(await scan({ claude: root })).rows[0]!;
      assert.equal(day.totalTokens, 4 + 40 + 5000 + 7 + 70, order);
    }
  });

  it('skips <synthetic> lines and counts lines without ids every time', async () => {
    const root = tempDir();
    writeLines(projectFile(root, S1), [
      assistantLine({ sessionId: S1, messageId: 'msg_s', requestId: 'req_s', model: '<synthetic>', timestamp: '2026-09-20T10:00:00Z' }),
      assistantLine({ sessionId: S1, timestamp: '2026-09-20T10:01:00Z', input: 1, output: 2 }),
      assistantLine({ sessionId: S1, timestamp: '2026-09-20T10:02:00Z', input: 1, output: 2 }),
    ]);
    const r = report(await scan({ claude: root }));
    assert.equal(r.totals.totalTokens, 6);
    assert.equal(r.diagnostics.skippedLines, 0);
  });

  it('reads only top-level and message fields, never look-alike keys inside content', async () => {
    const root = tempDir();
    const content = [{ type: 'tool_use', id: 'toolu_x', name: 'mcp__db__query', input: { model: 'gpt-4', id: 'fake', requestId: 'fake', timestamp: '1999-01-01T00:00:00Z', usage: { input_tokens: 999999, output_tokens: 1 } } }];
    writeLines(projectFile(root, S1), [assistantLine({ sessionId: S1, messageId: 'msg_1', requestId: 'req_1', timestamp: '2026-09-20T10:00:00Z', input: 3, output: 4, content, model: 'claude-opus-4-1' })]);
    const r = report(await scan({ claude: root }));
    assert.equal(r.rows.length, 1);
    assert.equal(r.rows[0]!.key, '2026-09-20');
    assert.equal(r.totals.totalTokens, 7);
    assert.deepEqual(r.rows[0]!.models, ['claude-opus-4-1']);
  });

  it('counts malformed, null-field and invalid lines per file and reason, and keeps reading', async () => {
    const root = tempDir();
    const good = assistantLine({ sessionId: S1, messageId: 'msg_1', requestId: 'req_1', timestamp: '2026-09-20T10:00:00Z', input: 1, output: 1 });
    const nullReq = good.replace('"requestId":"req_1"', '"requestId":null').replace('msg_1', 'msg_2');
    const badTokens = assistantLine({ sessionId: S1, messageId: 'msg_3', requestId: 'req_3', timestamp: '2026-09-20T10:00:00Z' }).replace('"output_tokens":0', '"output_tokens":-5');
    writeLines(projectFile(root, S1), ['{"type":"assistant","message":{"usage":{"input_tokens":5', good, '', '   ', nullReq, badTokens, userPromptLine(S1, '2026-09-20T09:59:00Z', 'hi')]);
    const r = report(await scan({ claude: root }));
    assert.equal(r.totals.totalTokens, 2);
    assert.equal(r.diagnostics.skippedLines, 3);
    const file = r.diagnostics.files[0]!;
    assert.equal(file.skipped['malformed JSON'], 1);
    assert.equal(file.skipped['null requestId'], 1);
    assert.ok(Object.keys(file.skipped).some((k) => k.startsWith('invalid message.usage.output_tokens')), JSON.stringify(file.skipped));
  });

  it('keeps the 1-hour share of cache writes and thinking tokens as a part of output', async () => {
    const root = tempDir();
    writeLines(projectFile(root, S1), [assistantLine({ sessionId: S1, messageId: 'm', requestId: 'r', timestamp: '2026-09-20T10:00:00Z', cacheCreation5m: 400, cacheCreation1h: 1000, output: 202, thinking: 50, input: 6, cacheRead: 62300, model: 'claude-sonnet-4-6' })]);
    const result = await scan({ claude: root });
    const rec = result.store.columns.get(0);
    assert.equal(rec.cacheCreation, 1400);
    assert.equal(rec.cacheCreation1h, 1000);
    assert.equal(rec.reasoning, 50);
    const day = report(result).rows[0]!;
    assert.equal(day.reasoningTokens, 50);
    assert.equal(day.totalTokens, 6 + 202 + 1400 + 62300);
    assert.ok(Math.abs(day.costUSD - 0.029238) < 1e-9, String(day.costUSD));
  });

  it('attributes sub-agent files to their session and reports Bash runs with exit codes', async () => {
    const root = tempDir();
    writeLines(projectFile(root, S1), [
      bashUseLine({ sessionId: S1, timestamp: '2026-09-20T10:00:00Z', toolUseId: 'toolu_1', command: 'npm test', messageId: 'm1', requestId: 'r1' }),
      toolResultLine({ sessionId: S1, timestamp: '2026-09-20T10:00:05Z', toolUseId: 'toolu_1', ok: false, exitCode: 2 }),
      bashUseLine({ sessionId: S1, timestamp: '2026-09-20T10:01:00Z', toolUseId: 'toolu_2', command: 'npm test', messageId: 'm2', requestId: 'r2' }),
      toolResultLine({ sessionId: S1, timestamp: '2026-09-20T10:01:09Z', toolUseId: 'toolu_2', ok: true }),
    ]);
    writeLines(projectFile(root, S1, 'agent-a1'), [JSON.parse(JSON.stringify(assistantLine({ sessionId: S1, messageId: 'm3', requestId: 'r3', timestamp: '2026-09-20T10:02:00Z', input: 1, output: 1, isSidechain: true })))]);
    const result = await scan({ claude: root }, { toolRuns: true });
    assert.deepEqual(
      result.toolRuns.map((t) => [t.command, t.exitCode, new Date(t.timestamp).toISOString()]),
      [
        ['npm test', 2, '2026-09-20T10:00:05.000Z'],
        ['npm test', 0, '2026-09-20T10:01:09.000Z'],
      ],
    );
    const sessions = report(result, 'session').rows;
    assert.equal(sessions.length, 1);
    assert.equal(sessions[0]!.totalTokens, 42 + 42 + 2);
  });
});

describe('Claude Code lines that only look like usage lines', () => {
  it('ignores a Task tool result whose toolUseResult carries usage, without reporting it as unreadable', async () => {
    const root = tempDir();
    const taskResult = JSON.stringify({
      parentUuid: 'p',
      isSidechain: false,
      type: 'user',
      message: { role: 'user', content: [{ tool_use_id: 'toolu_task', type: 'tool_result', content: [{ type: 'text', text: 'done' }] }] },
      uuid: 'u1',
      timestamp: '2026-09-20T10:00:10Z',
      toolUseResult: { status: 'completed', agentId: 'a1', totalTokens: 5000, usage: { input_tokens: 10, output_tokens: 4990 } },
      sessionId: S1,
      cwd: '/home/dev/app',
    });
    writeLines(projectFile(root, S1), [assistantLine({ sessionId: S1, messageId: 'm', requestId: 'r', timestamp: '2026-09-20T10:00:00Z', input: 1, output: 1 }), taskResult]);
    const r = report(await scan({ claude: root }));
    assert.equal(r.totals.totalTokens, 2);
    assert.equal(r.diagnostics.skippedLines, 0);
  });
});
