// Cline / Roo Code / Kilo Code task folders in the documented shapes (log-formats.md §4.1–4.2).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const EXTENSION_IDS = { cline: 'saoudrizwan.claude-dev', 'roo-code': 'rooveterinaryinc.roo-cline', 'kilo-code': 'kilocode.kilo-code' } as const;

export interface ApiReq {
  tokensIn?: number;
  tokensOut?: number;
  cacheWrites?: number;
  cacheReads?: number;
  cost?: number;
  apiProtocol?: 'anthropic' | 'openai';
  cancelReason?: string;
}

type Message = Record<string, unknown>;

export const task = (ts: number, text = 'Write a README'): Message => ({ ts, type: 'say', say: 'task', text });

export function apiReq(ts: number, req: ApiReq, modelId?: string, say = 'api_req_started'): Message {
  return { ts, type: 'say', say, text: JSON.stringify({ request: '<task>\nWrite a README\n</task>', ...req }), ...(modelId ? { modelInfo: { providerId: 'anthropic', modelId, mode: 'act' } } : {}) };
}

export const command = (ts: number, cmd: string): Message => ({ ts, type: 'ask', ask: 'command', text: cmd });
export const commandOutput = (ts: number, text: string): Message => ({ ts, type: 'say', say: 'command_output', text });
export const completion = (ts: number): Message => ({ ts, type: 'say', say: 'completion_result', text: 'Done.' });

/** `<user>/globalStorage/<ext>` — the extension's storage dir. */
export function storageDir(userDir: string, source: keyof typeof EXTENSION_IDS): string {
  return join(userDir, 'globalStorage', EXTENSION_IDS[source]);
}

/** Writes `tasks/<id>/ui_messages.json` (as the extensions do: one JSON document); returns its path. */
export function writeTask(storage: string, taskId: string, messages: unknown[] | string): string {
  const dir = join(storage, 'tasks', taskId);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'ui_messages.json');
  writeFileSync(path, typeof messages === 'string' ? messages : JSON.stringify(messages));
  return path;
}

export function writeTaskHistory(storage: string, items: { id: string; cwd: string }[]): void {
  mkdirSync(join(storage, 'state'), { recursive: true });
  writeFileSync(join(storage, 'state', 'taskHistory.json'), JSON.stringify(items.map((i) => ({ id: i.id, ts: Number(i.id) || 0, task: 'Write a README', tokensIn: 0, tokensOut: 0, totalCost: 0, cwdOnTaskInitialization: i.cwd }))));
}

export function writeHistoryItem(storage: string, taskId: string, workspace: string): void {
  mkdirSync(join(storage, 'tasks', taskId), { recursive: true });
  writeFileSync(join(storage, 'tasks', taskId, 'history_item.json'), JSON.stringify({ id: taskId, number: 1, ts: 0, task: 'Write a README', tokensIn: 0, tokensOut: 0, totalCost: 0, workspace }));
}
