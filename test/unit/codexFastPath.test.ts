import { strict as assert } from 'node:assert';
import { createCodexParser } from '../../src/core/sources/codex/fileParser';
import { regularLine, regularTokenCount, shellAnswerFromBytes } from '../../src/core/sources/codex/fastLines';
import { NO_COUNTS, readTokenCountLine } from '../../src/core/sources/codex/fastTokenCount';
import { toTotals } from '../../src/core/sources/codex/usageState';
import { parseTimestamp } from '../../src/core/scan/timestamp';
import { codexLineSchema, codexTokenCountSchema } from '../../src/core/sources/codex/schema';
import type { ParseSink } from '../../src/core/scan/fileParser';
import type { ToolRunEvent } from '../../src/core/types';
import { execCall, execEnd, execOutput, shellOutput, tokenCount } from './helpers/codexLines';

/** Values only: the fast path may write a missing optional member as `undefined`. */
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('the fast paths for Codex lines', () => {
  it('read a token_count payload exactly as its schema does, or defer to it', () => {
    const u = { input_tokens: 10, cached_input_tokens: 4, output_tokens: 3, reasoning_output_tokens: 1, total_tokens: 13 };
    const payloads: Record<string, unknown>[] = [
      JSON.parse(tokenCount('2026-09-20T10:00:00Z', { input: 10, cached: 4, output: 3, reasoning: 1 })).payload,
      JSON.parse(tokenCount('2026-09-20T10:00:00Z', null)).payload,
      { type: 'token_count' },
      { type: 'token_count', info: { total_token_usage: { input_tokens: 5 } }, model: 'gpt-5.5' },
      { type: 'token_count', info: { total_token_usage: u, last_token_usage: null, model: null } },
      { type: 'token_count', info: { total_token_usage: { ...u, input_tokens: '10' } } },
      { type: 'token_count', info: { total_token_usage: { ...u, output_tokens: -1 } } },
      { type: 'token_count', info: { total_token_usage: { ...u, output_tokens: 2.5 } } },
      { type: 'token_count', info: { total_token_usage: { ...u, total_tokens: null } } },
      { type: 'token_count', info: { total_token_usage: [] } },
      { type: 'token_count', info: 'x' },
      { type: 'token_count', info: { model: 7 } },
      { type: 'token_count', model: 3 },
    ];
    let fastCount = 0;
    for (const p of payloads) {
      const fast = regularTokenCount(p);
      const general = codexTokenCountSchema.safeParse(p);
      if (fast === undefined) continue;
      fastCount++;
      assert.ok(general.success, `fast read what the schema rejects: ${JSON.stringify(p)}`);
      assert.deepEqual(plain(fast), plain(general.data));
    }
    assert.equal(fastCount, 5);
  });

  it('read a token_count line from its bytes exactly as the general path does, or defer to it', () => {
    const u = { input_tokens: 10, cached_input_tokens: 4, output_tokens: 3, reasoning_output_tokens: 1, total_tokens: 13 };
    const ts = '2026-09-20T10:00:00.123Z';
    const line = (payload: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ timestamp: ts, type: 'event_msg', payload, ...extra });
    const lines = [
      tokenCount('2026-09-20T10:00:00Z', { input: 10, cached: 4, output: 3, reasoning: 1 }),
      tokenCount('2026-09-20T10:00:00.5Z', { input: 10, cached: 4, output: 3, reasoning: 1 }, { input: 2, cached: 0, output: 1, reasoning: 0 }),
      tokenCount('2026-09-20T10:00:00Z', null),
      line({ type: 'token_count' }),
      line({ type: 'token_count', info: { total_token_usage: { input_tokens: 5 } }, model: 'gpt-5.5' }),
      line({ type: 'token_count', info: { total_token_usage: u, last_token_usage: null, model: 'gpt-5' }, model: null }),
      line({ type: 'token_count', info: { total_token_usage: null, last_token_usage: null } }),
      line({ type: 'token_count', info: { last_token_usage: { ...u, total_tokens: undefined } }, model: '' }),
      line({ info: { total_token_usage: u }, type: 'token_count', rate_limits: { primary: { used_percent: 1.5 } } }),
      line({ type: 'token_count', info: { total_token_usage: { ...u, input_tokens: '10' } } }),
      line({ type: 'token_count', info: { total_token_usage: { ...u, output_tokens: -1 } } }),
      line({ type: 'token_count', info: { total_token_usage: { ...u, output_tokens: 2.5 } } }),
      line({ type: 'token_count', info: { total_token_usage: { ...u, output_tokens: 1e3 } } }),
      line({ type: 'token_count', info: { total_token_usage: [] } }),
      line({ type: 'token_count', info: 'x' }),
      line({ type: 'token_count', info: { model: 7, total_token_usage: u } }),
      line({ type: 'token_count', info: { total_token_usage: u }, model: 'caf\u00e9' }),
      line({ type: 'agent_message', info: { total_token_usage: u } }),
      line([]),
      JSON.stringify({ type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: u } } }),
      JSON.stringify({ timestamp: 1758362400, type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: u } } }),
      JSON.stringify({ timestamp: '2026-02-30T10:00:00Z', type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: u } } }),
      line({ type: 'token_count', info: { total_token_usage: u } }, { type: 'response_item' }),
      line({ type: 'token_count', info: { total_token_usage: u } }).replace('"total_token_usage"', '"total_token_\\u0075sage"'),
      ' ' + line({ type: 'token_count', info: { total_token_usage: u } }).replace(/,/g, ' , ').replace(/:/g, ' : ') + ' ',
      line({ type: 'token_count', info: { total_token_usage: u } }).slice(0, -1),
      line({ type: 'token_count', info: { total_token_usage: u } }) + 'x',
    ];
    let fastCount = 0;
    for (const text of lines) {
      const buf = Buffer.from(text);
      const fast = readTokenCountLine(buf, 0, buf.length);
      if (fast === undefined) continue;
      fastCount++;
      // The general path: JSON.parse, the line and payload schemas, then the counts.
      const raw = JSON.parse(text);
      const parsed = regularLine(raw) ?? codexLineSchema.parse(raw);
      assert.equal(parsed.type, 'event_msg', text);
      const data = regularTokenCount(parsed.payload!) ?? codexTokenCountSchema.parse(parsed.payload);
      const info = data.info;
      const total = info?.total_token_usage ? toTotals(info.total_token_usage) : undefined;
      const last = info?.last_token_usage ? toTotals(info.last_token_usage) : undefined;
      if (!total && !last) {
        assert.equal(fast, NO_COUNTS, text);
        continue;
      }
      assert.notEqual(fast, NO_COUNTS, text);
      const model = data.model ?? info?.model ?? undefined;
      assert.deepEqual(fast, { ts: parseTimestamp(parsed.timestamp), ...(total ? { total } : {}), ...(last ? { last } : {}), ...(model !== undefined ? { model } : {}) }, text);
    }
    assert.equal(fastCount, 11);
  });

  it('accept a line shape only where the line schema does', () => {
    let fastCount = 0;
    for (const raw of [{ type: 'x' }, { type: 'x', timestamp: 1, payload: {} }, { type: 1 }, { type: 'x', payload: [] }, { type: 'x', payload: null }, { type: 'x', timestamp: null }, [], null]) {
      const fast = regularLine(raw);
      if (!fast) continue;
      fastCount++;
      const general = codexLineSchema.safeParse(raw);
      assert.ok(general.success, JSON.stringify(raw));
      assert.deepEqual(fast, general.data);
    }
    assert.equal(fastCount, 2);
  });

  it('read the exit code of a shell answer from its bytes, in Codex key order only', () => {
    const read = (line: string) => {
      const buf = Buffer.from(line);
      return shellAnswerFromBytes(buf, 0, buf.length, buf.indexOf('"call_id"'));
    };
    assert.deepEqual(read(execOutput('2026-09-20T10:00:05Z', 'c1', 101)), { exitCode: 101, timestamp: Date.parse('2026-09-20T10:00:05Z') });
    assert.deepEqual(read(execEnd('2026-09-20T10:00:05Z', 'c1', 0, 'exit_code: 3 "exit_code":4')), { exitCode: 0, timestamp: Date.parse('2026-09-20T10:00:05Z') });
    // Not the regular shape: the caller parses the line.
    assert.equal(read(shellOutput('2026-09-20T10:00:05Z', 'c1', 2)), undefined); // legacy JSON text
    assert.equal(read(execOutput('2026-09-20T10:00:05Z', 'c1', 1).replace('Command:', '\\u0050rocess exited with code 9 ')), undefined);
    assert.equal(read(JSON.stringify({ type: 'response_item', timestamp: '2026-09-20T10:00:05Z', payload: { type: 'function_call_output', call_id: 'c1', output: 'Process exited with code 1\n' } })), undefined);
    assert.equal(read(execEnd('2026-09-20T10:00:05Z', 'c1', 0).replace('"exit_code":0', '"exit_code":null')), undefined);
    assert.equal(read(execEnd('not a time', 'c1', 0)), undefined);
  });

  it('give a scan the same tool runs as the general path for every answer shape', () => {
    const ts = (s: number) => `2026-09-20T10:00:${String(s).padStart(2, '0')}Z`;
    const lines = [
      execCall(ts(1), 'a', 'npm test'),
      execOutput(ts(2), 'a', 1),
      execCall(ts(3), 'b', 'npm test'),
      execEnd(ts(4), 'b', 0),
      execCall(ts(5), 'c', 'npm test'),
      shellOutput(ts(6), 'c', 2),
      execCall(ts(7), 'd', 'npm test'),
      JSON.stringify({ type: 'response_item', timestamp: ts(8), payload: { type: 'function_call_output', call_id: 'd', output: 'Process exited with code 3\n' } }),
      execCall(ts(9), 'e', 'npm test'),
      execOutput(ts(10), 'e', 1).replace('Command:', '\\u0050rocess exited with code 9 '),
    ];
    const buf = Buffer.from(lines.join('\n') + '\n');
    const runs: ToolRunEvent[] = [];
    const sink: ParseSink = { record() {}, skip(reason) { assert.fail(reason); }, toolRun(e) { runs.push(e); } };
    const parser = createCodexParser('s1', undefined, { toolRuns: true });
    parser.parseRegion(buf, 0, buf.length, sink);
    assert.deepEqual(runs.map((r) => r.exitCode), [1, 0, 2, 3, 9]);
  });
});
