// pi session entries in the documented shapes (log-formats.md §9.2).
let n = 0;
const nextId = (): string => `e${(++n).toString(16).padStart(7, '0')}`;

export function piHeader(id: string, timestamp: string, cwd = '/home/dev/app'): string {
  return JSON.stringify({ type: 'session', version: 3, id, timestamp, cwd });
}

export interface PiUsage {
  input?: number;
  output?: number;
  cacheRead?: number;
  cacheWrite?: number;
  totalTokens?: number;
  /** usage.cost.total; undefined writes no cost object. */
  cost?: number;
}

export function piAssistant(timestamp: string, model: string, u: PiUsage, content: unknown[] = [{ type: 'text', text: 'Done.' }], id = nextId()): string {
  const input = u.input ?? 0;
  const output = u.output ?? 0;
  const cacheRead = u.cacheRead ?? 0;
  const cacheWrite = u.cacheWrite ?? 0;
  const usage: Record<string, unknown> = { input, output, cacheRead, cacheWrite, totalTokens: u.totalTokens ?? input + output + cacheRead + cacheWrite };
  if (u.cost !== undefined) usage.cost = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: u.cost };
  return JSON.stringify({
    type: 'message',
    id,
    parentId: null,
    timestamp,
    message: { role: 'assistant', content, api: 'anthropic-messages', provider: 'anthropic', model, usage, stopReason: 'stop', timestamp: Date.parse(timestamp) },
  });
}

export function piUser(timestamp: string, text = 'Fix the failing test'): string {
  return JSON.stringify({ type: 'message', id: nextId(), parentId: null, timestamp, message: { role: 'user', content: [{ type: 'text', text }], timestamp: Date.parse(timestamp) } });
}

export function toolCall(id: string, name: string, args: Record<string, unknown>): Record<string, unknown> {
  return { type: 'toolCall', id, name, arguments: args };
}

export function piToolResult(timestamp: string, toolCallId: string, toolName: string, text: string, isError = false): string {
  return JSON.stringify({ type: 'message', id: nextId(), parentId: null, timestamp, message: { role: 'toolResult', toolCallId, toolName, content: [{ type: 'text', text }], isError, timestamp: Date.parse(timestamp) } });
}

export function piBash(timestamp: string, command: string, exitCode: number | undefined, cancelled = false): string {
  return JSON.stringify({ type: 'message', id: nextId(), parentId: null, timestamp, message: { role: 'bashExecution', command, output: 'ok', exitCode, cancelled, truncated: false, timestamp: Date.parse(timestamp) } });
}
