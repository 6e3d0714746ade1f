// GitHub Copilot CLI `events.jsonl` events in the documented shapes (log-formats.md §7.2).
let n = 0;
const nextId = (): string => `0198c2d0-0000-7000-8000-${String(++n).padStart(12, '0')}`;

function event(type: string, timestamp: string, data: Record<string, unknown>, id = nextId()): string {
  return JSON.stringify({ type, id, parentId: null, timestamp, data });
}

export function sessionStart(sessionId: string, timestamp: string, cwd = '/home/dev/api', branch = 'main'): string {
  return event('session.start', timestamp, { sessionId, version: 1, producer: 'copilot-agent', copilotVersion: '1.0.3', startTime: timestamp, context: { cwd, gitRoot: cwd, repository: 'dev/api', branch, headCommit: 'abc123' } });
}

export function sessionResume(timestamp: string): string {
  return event('session.resume', timestamp, { resumeTime: timestamp, eventCount: 12 });
}

export function userMessage(timestamp: string, content = 'Fix the failing test'): string {
  return event('user.message', timestamp, { content, transformedContent: content, attachments: [] });
}

export function assistantMessage(timestamp: string, model: string, outputTokens: number, toolRequests: unknown[] = [], id?: string): string {
  return event('assistant.message', timestamp, { content: 'I will run the tests.', model, reasoningText: '', toolRequests, outputTokens, messageId: `m-${timestamp}`, turnId: 't1', requestId: `r-${timestamp}` }, id);
}

export interface ModelUsage {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
  reasoning?: number;
  requests?: number;
}

/** `inputTokens` includes cache reads and writes, as the CLI writes them. */
export function shutdown(timestamp: string, models: Record<string, ModelUsage>, id?: string): string {
  const modelMetrics = Object.fromEntries(
    Object.entries(models).map(([model, u]) => [
      model,
      { requests: { count: u.requests ?? 1, cost: u.requests ?? 1 }, usage: { inputTokens: u.input + (u.cacheRead ?? 0) + (u.cacheWrite ?? 0), outputTokens: u.output, cacheReadTokens: u.cacheRead ?? 0, cacheWriteTokens: u.cacheWrite ?? 0, reasoningTokens: u.reasoning ?? 0 } },
    ]),
  );
  return event('session.shutdown', timestamp, { shutdownType: 'routine', totalPremiumRequests: 1, totalApiDurationMs: 4200, sessionStartTime: timestamp, modelMetrics }, id);
}

export function toolStart(timestamp: string, callId: string, command: string, toolName = 'bash'): string {
  return event('tool.execution_start', timestamp, { toolCallId: callId, toolName, arguments: { command, description: 'Run it' }, turnId: 't1' });
}

export function toolComplete(timestamp: string, callId: string, success: boolean, content: string): string {
  return event('tool.execution_complete', timestamp, { toolCallId: callId, success, result: { content, detailedContent: content }, turnId: 't1' });
}
