import { strict as assert } from 'node:assert';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCES } from '../../src/core/sources/registry';
import type { SourceId } from '../../src/core/types';
import { chatRequest, session } from './helpers/copilotChatSessions';
import { assistantMessage, sessionStart, shutdown } from './helpers/copilotEvents';
import { agentSpan, agentTurnLog, chatSpan, cliAgentSpan, cliChatSpan, cliMetric, inferenceLog, sessionStartLog } from './helpers/copilotOtel';
import { appendLines, tempDir, writeLines } from './helpers/engine';
import { assertSameDays, ccusageBinary, ccusageDaily, reportOf, scanSources } from './helpers/geminiLines';

const SONNET = 'claude-sonnet-4.5';
const GPT = 'gpt-5';
const BOTH: SourceId[] = ['copilot', 'copilot-chat'];

const otel = (home: string, name = 'copilot.jsonl'): string => join(home, 'otel', name);
const events = (home: string, session: string): string => join(home, 'session-state', session, 'events.jsonl');
const scanOtel = (home: string, opts: { cache?: string; env?: Record<string, string>; sources?: SourceId[] } = {}) =>
  scanSources(opts.sources ?? BOTH, { COPILOT_HOME: home, ...opts.env }, opts.cache ? { cache: opts.cache } : {});

function totals(r: ReturnType<typeof reportOf>): number[] {
  const t = r.totals;
  return [t.inputTokens, t.outputTokens, t.cacheCreationTokens, t.cacheReadTokens, t.reasoningTokens];
}

describe('GitHub Copilot OpenTelemetry exports', () => {
  it('counts chat spans with cache reads taken out of input: CLI spans under copilot, VS Code Chat spans under copilot-chat', async () => {
    const home = tempDir();
    writeLines(otel(home), [
      cliMetric(),
      cliChatSpan({ traceId: 't1', spanId: 's1', model: SONNET, end: '2026-09-20T10:00:05.250Z', conversation: 'cli-1', responseId: 'r1' }, { input: 800, output: 50, cacheRead: 200, cacheWrite: 30, reasoning: 12 }),
      chatSpan({ traceId: 't2', spanId: 's2', model: GPT, end: '2026-09-20T11:00:00Z', conversation: 'req-1', responseId: 'r2' }, { input: 1000, output: 300, cacheRead: 4000, reasoning: 100 }),
    ]);
    const result = await scanOtel(home);
    assert.deepEqual(totals(reportOf(result, ['copilot'])), [800, 50, 30, 200, 12]);
    assert.deepEqual(totals(reportOf(result, ['copilot-chat'])), [1000, 300, 0, 4000, 100]);
    const s = reportOf(result, ['copilot'], 'session').rows[0]!;
    assert.equal(s.key.split('\u0000')[1], 'cli-1');
    // A copilot-chat day with exported tokens has tokens, no longer zero.
    assert.equal(reportOf(result, ['copilot-chat']).rows[0]!.totalTokens, 5300);
  });

  it('counts a span written twice, in one file or in two, once (ccusage 20.0.24 counts every copy)', async () => {
    const home = tempDir();
    const exported = join(tempDir(), 'exporter.jsonl');
    const line = cliChatSpan({ traceId: 't1', spanId: 's1', model: SONNET, end: '2026-09-20T10:00:00Z', conversation: 'c1', responseId: 'r1' }, { input: 100, output: 10 });
    const noResponseId = chatSpan({ traceId: 't2', spanId: 's2', model: GPT, end: '2026-09-20T10:01:00Z', conversation: 'c2' }, { input: 7, output: 3 });
    writeLines(otel(home), [line, line, noResponseId, noResponseId]);
    writeLines(exported, [line, noResponseId]);
    const r = reportOf(await scanOtel(home, { env: { COPILOT_OTEL_FILE_EXPORTER_PATH: exported } }), BOTH);
    assert.deepEqual([r.totals.inputTokens, r.totals.outputTokens], [107, 13]);
    const ccusage = ccusageBinary();
    if (ccusage) {
      // ccusage keys records by trace and span id but never drops a repeated key: 3 copies of each.
      const cc = ccusageDaily(ccusage, 'copilot', { COPILOT_HOME: home, COPILOT_OTEL_FILE_EXPORTER_PATH: exported });
      assert.deepEqual([cc[0]!.inputTokens, cc[0]!.outputTokens], [321, 39]);
    }
  });

  it('prefers chat spans to inference logs, agent-turn logs and invoke_agent summaries, in any order and across reads', async () => {
    const home = tempDir();
    const cache = tempDir();
    const file = otel(home);
    // Trace A: the inference log is written before its chat span (another exporter), which comes in a later read.
    // Trace B: an agent summary after its chat span. Trace C: only an agent-turn log. Trace D: only an inference log.
    writeLines(file, [
      inferenceLog({ traceId: 'A', spanId: 'a1', time: '2026-09-20T10:00:00Z', model: GPT, responseId: 'ra' }, { input: 900, output: 90 }),
      chatSpan({ traceId: 'B', spanId: 'b1', model: GPT, end: '2026-09-20T10:05:00Z', conversation: 'c', responseId: 'rb' }, { input: 10, output: 1 }),
      agentSpan({ traceId: 'B', spanId: 'b0', model: GPT, end: '2026-09-20T10:06:00Z', conversation: 'c' }, { input: 5000, output: 500 }),
      sessionStartLog({ traceId: 'C', spanId: 'c0', time: '2026-09-20T10:07:00Z', session: 'chat-session-c', model: SONNET }),
      agentTurnLog({ traceId: 'C', spanId: 'c1', time: '2026-09-20T10:08:00Z', turn: 1 }, { input: 20, output: 2 }),
      inferenceLog({ traceId: 'D', spanId: 'd1', time: '2026-09-20T10:09:00Z', model: GPT, responseId: 'rd' }, { input: 30, output: 3 }),
    ]);
    let r = reportOf(await scanOtel(home, { cache }), BOTH);
    assert.deepEqual([r.totals.inputTokens, r.totals.outputTokens], [960, 96]);
    appendLines(file, [
      chatSpan({ traceId: 'A', spanId: 'a1', model: GPT, end: '2026-09-20T10:00:01Z', conversation: 'c', responseId: 'ra' }, { input: 300, output: 90, cacheRead: 600 }),
      // A summary of trace C: the agent-turn log outranks it.
      agentSpan({ traceId: 'C', spanId: 'c9', model: SONNET, end: '2026-09-20T10:10:00Z', conversation: 'chat-session-c' }, { input: 999, output: 99 }),
    ]);
    r = reportOf(await scanOtel(home, { cache }), BOTH);
    assert.deepEqual([r.totals.inputTokens, r.totals.outputTokens, r.totals.cacheReadTokens], [360, 96, 600]);
    // The agent-turn log took its model and session from its trace.
    const sessions = reportOf(await scanOtel(home), ['copilot-chat'], 'session').rows.map((row) => [row.key.split('\u0000')[1], row.models]);
    assert.ok(sessions.some(([id, models]) => id === 'chat-session-c' && JSON.stringify(models) === JSON.stringify([SONNET])), JSON.stringify(sessions));
    // A fresh read of the same file agrees.
    assert.deepEqual(totals(reportOf(await scanOtel(home), BOTH)), totals(r));
  });

  it('waits for a half-written line, counts malformed and unusable lines, and reads appends incrementally', async () => {
    const home = tempDir();
    const cache = tempDir();
    const file = otel(home);
    const first = cliChatSpan({ traceId: 't1', spanId: 's1', model: SONNET, end: '2026-09-20T10:00:00Z', conversation: 'c1', responseId: 'r1' }, { input: 100, output: 10 });
    const second = cliChatSpan({ traceId: 't2', spanId: 's2', model: SONNET, end: '2026-09-20T10:01:00Z', conversation: 'c1', responseId: 'r2' }, { input: 200, output: 20 });
    const redacted = first.replace('"gen_ai.usage.output_tokens":10', '"gen_ai.usage.output_tokens":"[REDACTED]"').replace('"r1"', '"r3"');
    writeLines(file, [first, '{"type":"span","attributes":{"gen_ai.usage.input_tokens":', redacted]);
    appendFileSync(file, second.slice(0, 40));
    let r = reportOf(await scanOtel(home, { cache }), BOTH);
    assert.equal(r.totals.totalTokens, 110);
    assert.equal(r.diagnostics.skippedLines, 2);
    assert.equal(r.diagnostics.pendingBytes, 40);
    const reasons = Object.keys(r.diagnostics.files.flatMap((f) => [f.skipped]).reduce((a, b) => ({ ...a, ...b }), {})).sort();
    assert.deepEqual(reasons.length, 2, JSON.stringify(reasons));
    assert.ok(reasons.includes('malformed JSON'));
    assert.ok(reasons.some((x) => x.startsWith('invalid gen_ai.usage.output_tokens')), JSON.stringify(reasons));
    appendFileSync(file, `${second.slice(40)}\n`);
    r = reportOf(await scanOtel(home, { cache }), BOTH);
    assert.equal(r.totals.totalTokens, 330);
    assert.equal(r.diagnostics.pendingBytes, 0);
    assert.equal(r.diagnostics.skippedLines, 2);
  });

  it('drops CLI exports a shutdown covers (per session and model), and replaces provisional counts with later exports', async () => {
    const home = tempDir();
    const cache = tempDir();
    writeLines(events(home, 'S1'), [
      sessionStart('S1', '2026-09-20T09:00:00Z'),
      assistantMessage('2026-09-20T09:10:00Z', SONNET, 400),
      shutdown('2026-09-20T10:00:00Z', { [SONNET]: { input: 5000, output: 500 } }),
      // A resumed process, still running: provisional output-only counts.
      assistantMessage('2026-09-20T11:00:00Z', SONNET, 70),
    ]);
    writeLines(otel(home), [
      cliChatSpan({ traceId: 't1', spanId: 's1', model: SONNET, end: '2026-09-20T09:10:00Z', conversation: 'S1', responseId: 'r1' }, { input: 4000, output: 400 }),
      cliChatSpan({ traceId: 't2', spanId: 's2', model: GPT, end: '2026-09-20T09:20:00Z', conversation: 'S1', responseId: 'r2' }, { input: 30, output: 3 }),
    ]);
    let r = reportOf(await scanOtel(home, { cache }), ['copilot']);
    // The shutdown covers the Sonnet span; the GPT span is of a model the shutdown does not name; the running process is provisional.
    assert.deepEqual([r.totals.inputTokens, r.totals.outputTokens], [5030, 573]);
    appendLines(otel(home), [cliChatSpan({ traceId: 't3', spanId: 's3', model: SONNET, end: '2026-09-20T11:00:01Z', conversation: 'S1', responseId: 'r3' }, { input: 60, output: 72 })]);
    r = reportOf(await scanOtel(home, { cache }), ['copilot']);
    assert.deepEqual([r.totals.inputTokens, r.totals.outputTokens], [5090, 575]);
    // Its shutdown arrives: exact totals replace the exported span too.
    appendLines(events(home, 'S1'), [shutdown('2026-09-20T12:00:00Z', { [SONNET]: { input: 61, output: 73 } })]);
    r = reportOf(await scanOtel(home, { cache }), ['copilot']);
    assert.deepEqual([r.totals.inputTokens, r.totals.outputTokens], [5091, 576]);
    assert.deepEqual(totals(reportOf(await scanOtel(home), ['copilot'])), totals(r));
  });

  it('finds exports in COPILOT_HOME/otel, COPILOT_OTEL_FILE_EXPORTER_PATH and extra paths; copilot-chat alone reads them too', async () => {
    const env = { env: { COPILOT_HOME: '/c', COPILOT_OTEL_FILE_EXPORTER_PATH: ' /x/out.jsonl ' }, home: '/home/dev', platform: 'linux' as const };
    assert.deepEqual(SOURCES.copilot.roots(env), ['/c', '/x/out.jsonl']);
    assert.ok(SOURCES['copilot-chat'].roots(env).includes(join('/c', 'otel')));
    const home = tempDir();
    const extra = join(tempDir(), 'otel');
    writeLines(otel(home, 'a.jsonl'), [chatSpan({ traceId: 't1', spanId: 's1', model: GPT, end: '2026-09-20T10:00:00Z', responseId: 'r1' }, { input: 1, output: 1 })]);
    writeLines(join(extra, 'b.jsonl'), [chatSpan({ traceId: 't2', spanId: 's2', model: GPT, end: '2026-09-20T10:00:00Z', responseId: 'r2' }, { input: 2, output: 2 })]);
    const listed = SOURCES.copilot.listFiles([home, extra]).map((f) => f.path);
    assert.deepEqual(listed, [otel(home, 'a.jsonl'), join(extra, 'b.jsonl')]);
    const ws = tempDir();
    writeLines(join(ws, 'chatSessions', 's.json'), [JSON.stringify(session('s', Date.parse('2026-09-20T09:00:00Z'), [chatRequest({ id: 'q', timestamp: Date.parse('2026-09-20T09:00:00Z'), modelId: 'copilot/gpt-5' })]))]);
    assert.deepEqual(SOURCES['copilot-chat'].listFiles([join(ws, 'chatSessions'), join(home, 'otel')]).map((f) => [f.path, f.mode]), [
      [join(ws, 'chatSessions', 's.json'), 'whole'],
      [otel(home, 'a.jsonl'), undefined],
    ]);
    const r = reportOf(await scanOtel(home, { sources: ['copilot-chat'] }), ['copilot-chat']);
    assert.equal(r.totals.totalTokens, 2);
  });

  it('equals ccusage copilot daily on the same CLI session logs and exports', async function () {
    const ccusage = ccusageBinary();
    if (!ccusage) this.skip();
    const home = tempDir();
    const exported = join(tempDir(), 'exporter.jsonl');
    // One shutdown per session (ccusage 20.0.24 treats later shutdowns as cumulative; see copilotUsage.test.ts).
    writeLines(events(home, 'S1'), [
      sessionStart('S1', '2026-09-20T09:00:00Z'),
      assistantMessage('2026-09-20T09:10:00Z', SONNET, 400),
      shutdown('2026-09-20T10:00:00Z', { [SONNET]: { input: 5000, output: 500, cacheRead: 20000, cacheWrite: 1000 } }),
    ]);
    writeLines(otel(home), [
      cliMetric(),
      cliChatSpan({ traceId: 't1', spanId: 's1', model: SONNET, end: '2026-09-20T09:10:00Z', conversation: 'S1', responseId: 'r1' }, { input: 4000, output: 400, cacheRead: 9000 }),
      cliChatSpan({ traceId: 't2', spanId: 's2', model: GPT, end: '2026-09-20T09:20:00Z', conversation: 'S1', responseId: 'r2' }, { input: 3000, output: 300, cacheRead: 1000, reasoning: 120 }),
      cliChatSpan({ traceId: 't3', spanId: 's3', model: SONNET, end: '2026-09-20T11:00:00Z', conversation: 'S1', responseId: 'r3' }, { input: 600, output: 70, cacheRead: 8000, cacheWrite: 500 }),
      cliAgentSpan({ traceId: 't3', spanId: 's0', model: SONNET, end: '2026-09-20T11:00:02Z', conversation: 'S1' }, { input: 9999, output: 999 }),
      '{"type":"span","traceId":"t4"',
    ]);
    writeLines(exported, [
      cliChatSpan({ traceId: 't5', spanId: 's5', model: GPT, end: '2026-09-21T23:59:59.900Z', conversation: 'S2', responseId: 'r5' }, { input: 12000, output: 800, cacheRead: 30000 }),
      cliAgentSpan({ traceId: 't6', spanId: 's6', model: SONNET, end: '2026-09-22T08:00:00Z', conversation: 'S3' }, { input: 1500, output: 150 }),
    ]);
    const cc = ccusageDaily(ccusage!, 'copilot', { COPILOT_HOME: home, COPILOT_OTEL_FILE_EXPORTER_PATH: exported });
    assertSameDays(reportOf(await scanOtel(home, { env: { COPILOT_OTEL_FILE_EXPORTER_PATH: exported } }), ['copilot']).rows, cc);
    assert.equal(cc.length, 3);
  });

  it('equals ccusage copilot daily on VS Code Copilot Chat exports (copilot and copilot-chat together)', async function () {
    const ccusage = ccusageBinary();
    if (!ccusage) this.skip();
    const home = tempDir();
    writeLines(otel(home, 'vscode.jsonl'), [
      chatSpan({ traceId: 'A', spanId: 'a1', model: GPT, end: '2026-09-20T10:00:01Z', conversation: 'q1', responseId: 'ra' }, { input: 300, output: 90, cacheRead: 600, reasoning: 40 }),
      inferenceLog({ traceId: 'A', spanId: 'a1', time: '2026-09-20T10:00:00Z', model: GPT, responseId: 'ra' }, { input: 900, output: 90 }),
      agentSpan({ traceId: 'A', spanId: 'a0', model: GPT, end: '2026-09-20T10:00:05Z', conversation: 'q1' }, { input: 5000, output: 500 }),
      inferenceLog({ traceId: 'D', spanId: 'd1', time: '2026-09-20T12:00:00Z', model: SONNET, responseId: 'rd' }, { input: 30, output: 3 }),
      sessionStartLog({ traceId: 'C', spanId: 'c0', time: '2026-09-21T10:07:00Z', session: 'chat-c', model: SONNET }),
      agentTurnLog({ traceId: 'C', spanId: 'c1', time: '2026-09-21T10:08:00Z', turn: 1 }, { input: 2000, output: 200 }),
      chatSpan({ traceId: 'E', spanId: 'e1', model: SONNET, end: '2026-09-21T11:00:00Z', conversation: 'q2', responseId: 're' }, { input: 100, output: 1000, cacheRead: 50000, cacheWrite: 2000 }),
    ]);
    writeLines(otel(home, 'cli.jsonl'), [cliChatSpan({ traceId: 'F', spanId: 'f1', model: SONNET, end: '2026-09-21T12:00:00Z', conversation: 'S9', responseId: 'rf' }, { input: 10, output: 10 })]);
    const cc = ccusageDaily(ccusage!, 'copilot', { COPILOT_HOME: home });
    const result = await scanOtel(home);
    assertSameDays(reportOf(result, BOTH).rows, cc);
    assert.equal(reportOf(result, ['copilot']).totals.totalTokens, 20);
  });
});
