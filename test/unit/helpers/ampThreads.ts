// Amp thread documents in the documented export shape (log-formats.md §9.1).
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface AmpUsage {
  model: string;
  timestamp: string;
  input?: number;
  output?: number;
  cacheWrite?: number;
  cacheRead?: number;
  totalTokens?: number;
}

let n = 0;

export function assistant(u: AmpUsage, content: unknown[] = [{ type: 'text', text: 'Done.' }]): Record<string, unknown> {
  const input = u.input ?? 0;
  const cacheRead = u.cacheRead ?? 0;
  const cacheWrite = u.cacheWrite ?? 0;
  return {
    role: 'assistant',
    messageId: ++n,
    protocolMessageID: `M-${n}`,
    content,
    state: { type: 'complete', stopReason: 'end_turn' },
    usage: {
      model: u.model,
      maxInputTokens: 400000,
      inputTokens: input,
      outputTokens: u.output ?? 0,
      cacheCreationInputTokens: cacheWrite,
      cacheReadInputTokens: cacheRead,
      totalInputTokens: input + cacheRead + cacheWrite,
      ...(u.totalTokens !== undefined ? { totalTokens: u.totalTokens } : {}),
      timestamp: u.timestamp,
    },
  };
}

export function user(content: unknown[], sentAt?: number): Record<string, unknown> {
  return { role: 'user', messageId: ++n, protocolMessageID: `M-${n}`, content, ...(sentAt ? { meta: { sentAt } } : {}) };
}

export function shellUse(id: string, command: string, workdir?: string): Record<string, unknown> {
  return { type: 'tool_use', id, name: 'shell_command', input: { command, ...(workdir ? { workdir } : {}) }, complete: true };
}

export function toolResult(id: string, result: unknown, status = 'done'): Record<string, unknown> {
  return { type: 'tool_result', toolUseID: id, run: { result, status } };
}

export function thread(id: string, messages: unknown[], extra: Record<string, unknown> = {}, cwd = '/home/dev/app'): Record<string, unknown> {
  return { v: 12, id, title: 'Fix the tests', created: 1790000000000, env: { initial: { trees: [{ uri: `file://${cwd}`, displayName: 'app' }] } }, messages, ...extra };
}

export function writeThread(dataDir: string, doc: Record<string, unknown>): string {
  const path = join(dataDir, 'threads', `${String(doc.id)}.json`);
  mkdirSync(join(dataDir, 'threads'), { recursive: true });
  writeFileSync(path, JSON.stringify(doc, null, 2));
  return path;
}
