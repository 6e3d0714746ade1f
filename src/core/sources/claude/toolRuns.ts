// Tool calls in Claude Code lines that matter for outcomes (log-formats.md §1.4): Bash commands that
// run tests, commits or merges, and the file-editing tools. A call is paired with its tool_result by id,
// which may arrive in a later read, so pending calls are part of the file's state (labels only).
import type { CommandClassifier } from '../../activity/commandClassifier';
import type { ActivityKind } from '../../types';

export interface PendingCall {
  id: string;
  kinds: { kind: ActivityKind; label: string }[];
  sessionId: string;
  cwd: string;
  timestamp: number;
}

const EDIT_TOOLS = new Set(['Edit', 'Write', 'MultiEdit', 'NotebookEdit']);
const EXIT_CODE = /^(?:Error: )?Exit code (\d+)/;

function contentBlocks(line: Record<string, unknown>): Record<string, unknown>[] {
  const message = line.message as { content?: unknown } | undefined;
  const content = message?.content;
  return Array.isArray(content) ? content.filter((b): b is Record<string, unknown> => typeof b === 'object' && b !== null) : [];
}

/** The outcome-relevant tool calls of an assistant line: classified Bash commands and edits. */
export function relevantToolUses(line: Record<string, unknown>, classify: CommandClassifier): { id: string; kinds: PendingCall['kinds'] }[] {
  const out: { id: string; kinds: PendingCall['kinds'] }[] = [];
  for (const block of contentBlocks(line)) {
    if (block.type !== 'tool_use' || typeof block.id !== 'string' || typeof block.name !== 'string') continue;
    if (EDIT_TOOLS.has(block.name)) {
      out.push({ id: block.id, kinds: [{ kind: 'edit', label: block.name }] });
      continue;
    }
    if (block.name !== 'Bash') continue;
    const input = block.input as { command?: unknown } | undefined;
    if (typeof input?.command !== 'string') continue;
    const kinds = classify(input.command);
    if (kinds.length > 0) out.push({ id: block.id, kinds });
  }
  return out;
}

function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((c) => (typeof c === 'object' && c !== null && typeof (c as { text?: unknown }).text === 'string' ? (c as { text: string }).text : '')).join('');
  }
  return '';
}

/** `Exit code N` ⇒ N; no error ⇒ 0; an error without a code (permission denial, background start) ⇒ unknown. */
export function interpretResult(text: string, isError: boolean): number | undefined {
  const match = EXIT_CODE.exec(text);
  if (match) return Number(match[1]);
  if (!isError && !/^Command running in background/.test(text)) return 0;
  return undefined;
}

/**
 * Exit codes from tool_result blocks: `is_error: false` ⇒ 0; `Exit code N` ⇒ N; an error without a code
 * (permission denial, background start) ⇒ unknown.
 */
export function toolResults(line: Record<string, unknown>): { toolUseId: string; exitCode?: number }[] {
  const out: { toolUseId: string; exitCode?: number }[] = [];
  for (const block of contentBlocks(line)) {
    if (block.type !== 'tool_result' || typeof block.tool_use_id !== 'string') continue;
    const exitCode = interpretResult(resultText(block.content), block.is_error === true);
    out.push({ toolUseId: block.tool_use_id, ...(exitCode !== undefined ? { exitCode } : {}) });
  }
  return out;
}
