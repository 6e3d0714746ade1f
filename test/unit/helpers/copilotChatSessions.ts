// GitHub Copilot Chat session files in the documented shapes (log-formats.md §7.1).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function chatRequest(o: { id: string; timestamp: number; modelId?: string; details?: string; response?: unknown[]; usage?: Record<string, number> }): Record<string, unknown> {
  return {
    requestId: o.id,
    timestamp: o.timestamp,
    ...(o.modelId ? { modelId: o.modelId } : {}),
    agent: { id: 'github.copilot.editsAgent' },
    message: { text: 'Fix the failing test', parts: [] },
    response: o.response ?? [{ value: 'Done.' }],
    result: { timings: { firstProgress: 900, totalElapsed: 5200 }, ...(o.details ? { details: o.details } : {}), ...(o.usage ? { usage: o.usage } : {}), metadata: {} },
  };
}

export function terminalRun(command: string, exitCode?: number): Record<string, unknown> {
  return {
    kind: 'toolInvocationSerialized',
    toolId: 'run_in_terminal',
    toolCallId: `call_${command.length}`,
    invocationMessage: 'Running command',
    isConfirmed: true,
    isComplete: true,
    toolSpecificData: { kind: 'terminal', commandLine: { original: command }, language: 'sh', ...(exitCode !== undefined ? { terminalCommandState: { exitCode } } : {}) },
  };
}

export function session(sessionId: string, created: number, requests: unknown[]): Record<string, unknown> {
  return { version: 3, sessionId, creationDate: created, lastMessageDate: created, initialLocation: 'panel', responderUsername: 'GitHub Copilot', requests };
}

/** `<appData>/Code/User/workspaceStorage/<ws>/` with its workspace.json; returns its chatSessions dir. */
export function workspace(appData: string, ws: string, folder: string): string {
  const dir = join(appData, 'Code', 'User', 'workspaceStorage', ws);
  mkdirSync(join(dir, 'chatSessions'), { recursive: true });
  writeFileSync(join(dir, 'workspace.json'), JSON.stringify({ folder: `file://${folder}` }));
  return join(dir, 'chatSessions');
}
