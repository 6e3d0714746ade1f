// Qwen Code chat records in the documented shape (log-formats.md §9.3).
let n = 0;

export interface QwenUsage {
  prompt: number;
  candidates: number;
  thoughts?: number;
  cached?: number;
  /** Default: prompt + candidates + thoughts (cached inside prompt, as Gemini counts it). */
  total?: number;
}

function base(type: string, sessionId: string, timestamp: string, cwd: string): Record<string, unknown> {
  return { uuid: `u-${++n}`, parentUuid: null, sessionId, timestamp, type, cwd, version: '0.2.1', gitBranch: 'main' };
}

export function qwenAssistant(sessionId: string, timestamp: string, model: string, u: QwenUsage | undefined, parts: unknown[] = [{ text: 'Done.' }], cwd = '/home/dev/app'): string {
  const usage = u && {
    promptTokenCount: u.prompt,
    candidatesTokenCount: u.candidates,
    ...(u.thoughts !== undefined ? { thoughtsTokenCount: u.thoughts } : {}),
    ...(u.cached !== undefined ? { cachedContentTokenCount: u.cached } : {}),
    totalTokenCount: u.total ?? u.prompt + u.candidates + (u.thoughts ?? 0),
  };
  return JSON.stringify({ ...base('assistant', sessionId, timestamp, cwd), model, message: { role: 'model', parts }, ...(usage ? { usageMetadata: usage } : {}) });
}

export function shellCall(id: string, command: string): Record<string, unknown> {
  return { functionCall: { id, name: 'run_shell_command', args: { command, description: 'Run it.' } } };
}

export function qwenToolResult(sessionId: string, timestamp: string, callId: string, name: string, status: 'success' | 'error' | 'cancelled', output: string, cwd = '/home/dev/app'): string {
  return JSON.stringify({ ...base('tool_result', sessionId, timestamp, cwd), message: { role: 'user', parts: [{ functionResponse: { id: callId, name, response: { output } } }] }, toolCallResult: { callId, status, resultDisplay: output } });
}
