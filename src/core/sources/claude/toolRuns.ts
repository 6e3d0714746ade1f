// Bash tool calls and their results in Claude Code lines (log-formats.md §1.4).
import type { ToolRunEvent } from '../../types';

export interface PendingBash {
  event: ToolRunEvent;
}

const EXIT_CODE = /^(?:Error: )?Exit code (\d+)/;

function contentBlocks(line: Record<string, unknown>): Record<string, unknown>[] {
  const message = line.message as { content?: unknown } | undefined;
  const content = message?.content;
  return Array.isArray(content) ? content.filter((b): b is Record<string, unknown> => typeof b === 'object' && b !== null) : [];
}

export function bashToolUses(line: Record<string, unknown>): { id: string; command: string }[] {
  const out: { id: string; command: string }[] = [];
  for (const block of contentBlocks(line)) {
    if (block.type !== 'tool_use' || block.name !== 'Bash' || typeof block.id !== 'string') continue;
    const input = block.input as { command?: unknown; run_in_background?: unknown } | undefined;
    if (typeof input?.command !== 'string') continue;
    out.push({ id: block.id, command: input.command });
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

/**
 * Exit codes from tool_result blocks: `is_error: false` ⇒ 0; `Exit code N` ⇒ N; an error without a code
 * (permission denial, background start) ⇒ unknown.
 */
export function bashToolResults(line: Record<string, unknown>): { toolUseId: string; exitCode?: number }[] {
  const out: { toolUseId: string; exitCode?: number }[] = [];
  for (const block of contentBlocks(line)) {
    if (block.type !== 'tool_result' || typeof block.tool_use_id !== 'string') continue;
    const text = resultText(block.content);
    const match = EXIT_CODE.exec(text);
    const background = /^Command running in background/.test(text);
    let exitCode: number | undefined;
    if (match) exitCode = Number(match[1]);
    else if (block.is_error !== true && !background) exitCode = 0;
    out.push({ toolUseId: block.tool_use_id, ...(exitCode !== undefined ? { exitCode } : {}) });
  }
  return out;
}
