// One small set of logs per JSONL source, written by the fixture helpers, for tests that rewrite or
// damage them (anyJson.test.ts, junkLines.test.ts). Each writes its logs under a root and returns the
// environment that points its sources there.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceId } from '../../../src/core/types';
import { analytics } from './aiderLogs';
import { assistantLine, bashUseLine, editUseLine, toolResultLine, userPromptLine } from './claudeLines';
import { agentMessage, execCall, execEnd, execOutput, sessionMeta, shellCall, shellOutput, tokenCount, turnContext } from './codexLines';
import { assistantMessage, sessionStart, shutdown, toolComplete, toolStart, userMessage as copilotUser } from './copilotEvents';
import { chatRequest, session, terminalRun, workspace } from './copilotChatSessions';
import { chatSpan, cliChatSpan, inferenceLog, sessionStartLog } from './copilotOtel';
import { writeLines } from './engine';
import { geminiMessage, header, json, userMessage } from './geminiLines';
import { summaryOf, turnCompleted, userChunk, writeSession } from './grokUpdates';
import { piAssistant, piBash, piHeader, piToolResult, piUser, toolCall as piToolCall } from './piLines';
import { qwenAssistant, qwenToolResult, shellCall as qwenShell } from './qwenChats';

export interface Fixture {
  sources: SourceId[];
  /** The source names sessions after the file's path (which differs between the copies). */
  pathSessions?: boolean;
  /** Where another log of the source would be listed (relative to the root), if it reads more than one. */
  extraFile?: string;
  /** Writes the logs under `root`; returns the environment that points the sources at them. */
  write(root: string): Record<string, string>;
}

const S1 = '0199a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b';
const SONNET = 'claude-sonnet-4-5';

export const JSONL_FIXTURES: Record<string, Fixture> = {
  claude: {
    sources: ['claude'],
    extraFile: 'projects/-home-dev-my-app/junk.jsonl',
    write(root) {
      const ids = { sessionId: S1, cwd: '/home/dev/my app', gitBranch: 'feat/x' };
      writeLines(join(root, 'projects', '-home-dev-my-app', `${S1}.jsonl`), [
        userPromptLine(S1, '2026-09-20T10:00:00.000Z', 'Fix "the" bug in src/a.ts \\ now 😀'),
        // Streaming copies of one response: the largest counts once.
        assistantLine({ ...ids, messageId: 'msg_01A/b', requestId: 'req_01A', timestamp: '2026-09-20T10:00:01.000Z', input: 3, output: 10, cacheRead: 4000 }),
        assistantLine({ ...ids, messageId: 'msg_01A/b', requestId: 'req_01A', timestamp: '2026-09-20T10:00:02.000Z', input: 3, output: 200, cacheCreation5m: 100, cacheCreation1h: 50, cacheRead: 4000, thinking: 30 }),
        bashUseLine({ ...ids, timestamp: '2026-09-20T10:00:03.000Z', toolUseId: 'toolu_01', messageId: 'msg_02', requestId: 'req_02', command: 'npm test' }),
        toolResultLine({ sessionId: S1, timestamp: '2026-09-20T10:00:09.000Z', toolUseId: 'toolu_01', ok: false, exitCode: 2 }),
        editUseLine({ ...ids, timestamp: '2026-09-20T10:00:10.000Z', toolUseId: 'toolu_02', messageId: 'msg_03', requestId: 'req_03' }),
        toolResultLine({ sessionId: S1, timestamp: '2026-09-20T10:00:11.000Z', toolUseId: 'toolu_02', ok: true }),
        assistantLine({ ...ids, messageId: 'msg_04', requestId: 'req_04', model: 'claude-opus-4-1-20250805', timestamp: '2026-09-21T23:59:59.999Z', input: 7, output: 70, speed: 'fast' }),
        assistantLine({ ...ids, messageId: 'msg_s', requestId: 'req_s', model: '<synthetic>', timestamp: '2026-09-21T12:00:00Z' }),
        // A sidechain replay of a parent message counts once.
        assistantLine({ ...ids, messageId: 'msg_04', requestId: 'req_04', model: 'claude-opus-4-1-20250805', timestamp: '2026-09-21T23:59:59.999Z', input: 7, output: 70, speed: 'fast', isSidechain: true }),
        // No ids: counted every time.
        assistantLine({ sessionId: S1, timestamp: '2026-09-22T08:00:00Z', input: 1, output: 1 }),
        assistantLine({ sessionId: S1, timestamp: '2026-09-22T08:00:00Z', input: 1, output: 1 }),
      ]);
      return { CLAUDE_CONFIG_DIR: root };
    },
  },
  codex: {
    sources: ['codex'],
    extraFile: 'sessions/2026/09/20/rollout-2026-09-20T11-00-00-junk.jsonl',
    write(root) {
      const id = '019dabc6-8fef-7681-a054-b5bb75fcb97d';
      const fork = '019dabc7-0000-7000-8000-000000000001';
      const u = (input: number, cached: number, output: number, reasoning: number) => ({ input, cached, output, reasoning });
      writeLines(join(root, 'sessions', '2026', '09', '20', `rollout-2026-09-20T10-00-00-${id}.jsonl`), [
        sessionMeta({ id, cwd: '/home/dev/api', timestamp: '2026-09-20T10:00:00.000Z', branch: 'fix/a' }),
        turnContext('2026-09-20T10:00:01.000Z', 'gpt-5.4'),
        tokenCount('2026-09-20T10:00:02.000Z', null),
        tokenCount('2026-09-20T10:00:03.000Z', u(10000, 8000, 500, 100)),
        tokenCount('2026-09-20T10:00:04.000Z', u(10000, 8000, 500, 100)),
        agentMessage('2026-09-20T10:00:05.000Z', 'done "token_count" mention / in text'),
        execCall('2026-09-20T10:00:06.000Z', 'call_1', 'cargo test'),
        execOutput('2026-09-20T10:00:07.000Z', 'call_1', 101),
        shellCall('2026-09-20T10:00:08.000Z', 'call_2', ['bash', '-lc', 'git commit -m "x"']),
        shellOutput('2026-09-20T10:00:09.000Z', 'call_2', 0),
        execCall('2026-09-20T10:00:10.000Z', 'call_3', 'npm test'),
        execEnd('2026-09-20T10:00:11.000Z', 'call_3', 1),
        tokenCount('2026-09-21T10:00:06.000Z', u(22000, 19000, 800, 300), u(12000, 11000, 300, 200)),
      ]);
      writeLines(join(root, 'sessions', '2026', '09', '22', `rollout-2026-09-22T10-00-00-${fork}.jsonl`), [
        sessionMeta({ id: fork, cwd: '/home/dev/api', timestamp: '2026-09-22T10:00:00.000Z', forkedFrom: id }),
        turnContext('2026-09-22T10:00:00.100Z', 'gpt-5.4'),
        tokenCount('2026-09-22T10:00:00.200Z', u(10000, 8000, 500, 100)),
        tokenCount('2026-09-22T10:00:00.300Z', u(22000, 19000, 800, 300)),
        tokenCount('2026-09-22T10:05:00.000Z', u(30000, 20000, 1000, 300)),
      ]);
      return { CODEX_HOME: root };
    },
  },
  gemini: {
    sources: ['gemini'],
    extraFile: 'rusty/chats/session-2026-09-21T10-00-junk.jsonl',
    write(root) {
      const pro = 'gemini-2.5-pro';
      writeLines(join(root, 'rusty', 'chats', 'session-2026-09-20T10-00-5f0c2d1e.jsonl'), json([
        header({ sessionId: S1, startTime: '2026-09-20T10:00:00.000Z' }),
        userMessage('u1', '2026-09-20T10:00:01.000Z', 'Run the tests in ./src/'),
        geminiMessage({ id: 'm1', timestamp: '2026-09-20T10:00:02.000Z', model: pro, tokens: null }),
        geminiMessage({ id: 'm1', timestamp: '2026-09-20T10:00:02.000Z', model: pro, tokens: { input: 8665, output: 94, cached: 4000, thoughts: 243 } }),
        { $set: { lastUpdated: '2026-09-20T10:00:03.000Z' } },
        geminiMessage({ id: 'm1', timestamp: '2026-09-20T10:00:02.000Z', model: pro, tokens: { input: 8665, output: 94, cached: 4000, thoughts: 243 }, shell: [{ command: 'cargo test', status: 'error', exitCode: 101 }] }),
        geminiMessage({ id: 'm2', timestamp: '2026-09-21T10:00:02.000Z', model: 'gemini-2.5-flash', tokens: { input: 1000, output: 10, cached: 200, tool: 5, total: 1215 }, edits: ['replace'] }),
      ]));
      return { GEMINI_DATA_DIR: root };
    },
  },
  qwen: {
    sources: ['qwen'],
    extraFile: 'projects/-home-dev-app/chats/junk.jsonl',
    write(root) {
      const model = 'qwen3-coder-plus';
      writeLines(join(root, 'projects', '-home-dev-app', 'chats', `${S1}.jsonl`), [
        qwenAssistant(S1, '2026-09-20T10:00:05.000Z', model, { prompt: 1000, candidates: 200, thoughts: 50, cached: 400 }, [qwenShell('c1', 'npm test')]),
        qwenToolResult(S1, '2026-09-20T10:00:06.000Z', 'c1', 'run_shell_command', 'error', 'Exit Code: 1'),
        qwenAssistant(S1, '2026-09-20T10:00:06.000Z', model, { prompt: 100, candidates: 20, total: 500 }),
        qwenAssistant(S1, '2026-09-21T10:00:07.000Z', model, undefined),
      ]);
      return { QWEN_DATA_DIR: root };
    },
  },
  pi: {
    sources: ['pi'],
    extraFile: '--home-dev-app--/2026-09-21T10-00-00-000Z_junk.jsonl',
    write(root) {
      writeLines(join(root, '--home-dev-app--', `2026-09-20T10-00-00-000Z_${S1}.jsonl`), [
        piHeader(S1, '2026-09-20T10:00:00.000Z', '/home/dev/app'),
        piUser('2026-09-20T10:00:01.000Z'),
        piAssistant('2026-09-20T10:00:02.000Z', SONNET, { input: 100, output: 20, cacheRead: 1000, cacheWrite: 50, cost: 0.0123 }, [piToolCall('t1', 'bash', { command: 'cargo test' })]),
        piToolResult('2026-09-20T10:00:03.000Z', 't1', 'bash', 'failed\nCommand exited with code 101', true),
        piAssistant('2026-09-20T10:00:02.000Z', SONNET, { input: 100, output: 20, cacheRead: 1000, cacheWrite: 50, cost: 0.0123 }),
        piAssistant('2026-09-21T10:00:04.000Z', 'gpt-5', { totalTokens: 77 }),
        piBash('2026-09-21T10:00:05.000Z', 'npm test', 0),
      ]);
      return { PI_AGENT_DIR: root };
    },
  },
  openclaw: {
    sources: ['openclaw'],
    extraFile: 'agents/main/sessions/junk.jsonl',
    write(root) {
      const modelChange = JSON.stringify({ type: 'model_change', id: 'mc1', parentId: null, timestamp: '2026-09-20T10:00:00.500Z', provider: 'anthropic', modelId: SONNET });
      const unnamed = JSON.stringify({ type: 'message', id: 'n1', parentId: null, timestamp: '2026-09-20T10:00:05.000Z', message: { role: 'assistant', content: [], usage: { input: 100, output: 20, cacheRead: 0, cacheWrite: 0, totalTokens: 120 }, timestamp: Date.parse('2026-09-20T10:00:05.000Z') } });
      const lines = [piHeader('s1', '2026-09-20T10:00:00.000Z', '/home/dev/bot'), modelChange, unnamed, piAssistant('2026-09-20T10:00:06.000Z', 'gpt-5', { input: 10, output: 5, cost: 0.01 })];
      writeLines(join(root, 'agents', 'main', 'sessions', 's1.jsonl'), lines);
      writeLines(join(root, 'agents', 'main', 'sessions', 's1.jsonl.reset.2026-09-20T11-00-00.000Z'), lines);
      return { OPENCLAW_DIR: root };
    },
  },
  kimi: {
    sources: ['kimi'],
    extraFile: 'sessions/g1/junk/wire.jsonl',
    write(root) {
      const t = Date.parse('2026-09-20T10:00:00Z') / 1000;
      const status = (s: number, usage: Record<string, number>, id = `msg-${s}`): string => JSON.stringify({ timestamp: s, message: { type: 'StatusUpdate', payload: { context_usage: 0.12, token_usage: usage, message_id: id } } });
      writeFileSync(join(root, 'config.json'), JSON.stringify({ model: 'kimi-k2' }));
      writeLines(join(root, 'sessions', 'g1', 's1', 'wire.jsonl'), [
        JSON.stringify({ type: 'metadata', protocol_version: '1.3' }),
        JSON.stringify({ timestamp: t, message: { type: 'TurnBegin', payload: { user_input: 'hello /there' } } }),
        status(t + 1.123, { input_other: 100, output: 50, input_cache_read: 10, input_cache_creation: 20 }),
        status(t + 1.123, { input_other: 100, output: 50, input_cache_read: 10, input_cache_creation: 20 }),
        status(t + 86400, { total: 432 }),
      ]);
      return { KIMI_DATA_DIR: root };
    },
  },
  grok: {
    sources: ['grok'],
    extraFile: 'sessions/junk/s9/updates.jsonl',
    write(root) {
      const t = Date.parse('2026-04-16T21:20:00Z') / 1000;
      writeSession(root, '/home/dev/app', 'sess-1', [
        userChunk(t - 60),
        turnCompleted({ seconds: t, agentMs: t * 1000 + 123, byModel: { 'grok-4.3': { input: 1000, output: 300, cached: 600, cacheCreation: 50, reasoning: 100, ticks: 1_381_600_000 }, 'grok-code-fast-1': { input: 200, output: 20, cached: 50 } } }),
        turnCompleted({ seconds: t + 86400, byModel: null, total: { input: 400, output: 40, cached: 100 } }),
        turnCompleted({ seconds: t + 86410, nullUsage: true }),
      ], summaryOf('sess-1', '/home/dev/app/'));
      return { GROK_HOME: root };
    },
  },
  copilot: {
    sources: ['copilot'],
    extraFile: 'session-state/junk/events.jsonl',
    write(root) {
      writeLines(join(root, 'session-state', S1, 'events.jsonl'), [
        sessionStart(S1, '2026-09-20T10:00:00.000Z', '/home/dev/api', 'feat/y'),
        copilotUser('2026-09-20T10:00:01.000Z'),
        assistantMessage('2026-09-20T10:00:05.000Z', SONNET, 120),
        toolStart('2026-09-20T10:00:06.000Z', 'tc1', 'npm test'),
        toolComplete('2026-09-20T10:00:07.000Z', 'tc1', false, 'exit code 1'),
        assistantMessage('2026-09-20T10:00:09.000Z', SONNET, 380),
        shutdown('2026-09-20T10:10:00.000Z', { [SONNET]: { input: 3000, output: 500, cacheRead: 6000, cacheWrite: 1000, requests: 3 } }),
      ]);
      // A session still running: provisional output-only counts.
      writeLines(join(root, 'session-state', 'S2', 'events.jsonl'), [sessionStart('S2', '2026-09-21T10:00:00.000Z'), assistantMessage('2026-09-21T10:00:05.000Z', SONNET, 77)]);
      return { COPILOT_HOME: root };
    },
  },
  'copilot otel': {
    sources: ['copilot', 'copilot-chat'],
    extraFile: 'otel/junk.jsonl',
    write(root) {
      writeLines(join(root, 'otel', 'copilot.jsonl'), [
        cliChatSpan({ traceId: 't1', spanId: 's1', model: SONNET, end: '2026-09-20T10:00:05.250Z', conversation: 'cli-1', responseId: 'r1' }, { input: 800, output: 50, cacheRead: 200, cacheWrite: 30, reasoning: 12 }),
        sessionStartLog({ traceId: 't2', spanId: 's0', time: '2026-09-20T10:59:00Z', session: 'vs-1', model: 'gpt-5' }),
        chatSpan({ traceId: 't2', spanId: 's2', model: 'gpt-5', end: '2026-09-20T11:00:00Z', conversation: 'req-1', responseId: 'r2' }, { input: 1000, output: 300, cacheRead: 4000, reasoning: 100 }),
        inferenceLog({ traceId: 't3', spanId: 's3', time: '2026-09-21T11:00:00Z', model: 'gpt-5', responseId: 'r3' }, { input: 500, output: 50 }),
      ]);
      return { COPILOT_HOME: root };
    },
  },
  'copilot-chat op log': {
    sources: ['copilot-chat'],
    extraFile: 'Code/User/workspaceStorage/ws/chatSessions/junk.jsonl',
    write(root) {
      const t0 = Date.parse('2026-09-20T10:00:00Z');
      const file = join(workspace(root, 'ws', '/home/dev/api'), 's3.jsonl');
      writeLines(file, [
        { kind: 0, v: session('s3', t0, [chatRequest({ id: 'r1', timestamp: t0, modelId: 'copilot/gpt-5', response: [terminalRun('npm test', 1)] })]) },
        { kind: 1, k: ['inputState', 'inputText'], v: 'Hey /there' },
        { kind: 2, k: ['requests'], v: [chatRequest({ id: 'r2', timestamp: t0 + 86_400_000, modelId: 'copilot/gpt-5', usage: { promptTokens: 1200, completionTokens: 300 } })] },
        { kind: 2, k: ['requests'], i: 1, v: [chatRequest({ id: 'r2', timestamp: t0 + 86_400_000, modelId: 'copilot/claude-sonnet-4.5', usage: { promptTokens: 1200, completionTokens: 300 } })] },
      ].map((o) => JSON.stringify(o)));
      return { VSCODE_APPDATA: root };
    },
  },
  'aider analytics': {
    sources: ['aider'],
    pathSessions: true,
    write(root) {
      mkdirSync(join(root, 'repo'));
      writeLines(join(root, 'logs', 'aider-analytics.jsonl'), [
        analytics('launched', 1790000000),
        analytics('message_send', 1790000060, { main_model: 'gpt-5', prompt_tokens: 12034, completion_tokens: 456, total_tokens: 12490, cost: 0.0196, total_cost: 0.0196 }),
        analytics('message_send', 1790090120, { main_model: 'anthropic/claude-sonnet-4-5', prompt_tokens: 100, completion_tokens: 5, total_tokens: 105 }),
      ]);
      return { AWU_METER_AIDER_DIRS: join(root, 'repo'), AIDER_ANALYTICS_LOG: join(root, 'logs', 'aider-analytics.jsonl') };
    },
  },
};

