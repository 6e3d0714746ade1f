// Codex tool calls that matter for outcomes (log-formats.md §2.4): shell commands that run tests,
// commits or merges, with their exit codes (`exec_command_end`, else the `function_call_output` text in
// one of three encodings), and `apply_patch` edits. Calls are paired by `call_id`, possibly across
// reads, so unfinished calls are kept in the file's state (labels only, never the command line).
import type { CommandClassifier } from '../../activity/commandClassifier';
import type { ParseSink } from '../../scan/fileParser';
import type { ActivityKind } from '../../types';

export interface CodexPendingCall {
  id: string;
  kinds: { kind: ActivityKind; label: string }[];
  cwd?: string;
  ts: number;
  exitCode?: number;
}

/** Unfinished calls kept between reads; older ones (a crashed session) are dropped beyond this. */
const MAX_PENDING = 256;
const PATCH_FAILED = /rejected|aborted|failed to apply|error/i;

function parseArgs(args: unknown): { cmd?: unknown; command?: unknown; workdir?: unknown } | undefined {
  if (typeof args !== 'string') return undefined;
  try {
    return JSON.parse(args) as { cmd?: unknown; command?: unknown; workdir?: unknown };
  } catch {
    return undefined;
  }
}

function commandOf(name: unknown, parsed: { cmd?: unknown; command?: unknown }): string | undefined {
  if (typeof parsed.cmd === 'string') return parsed.cmd;
  if (Array.isArray(parsed.command)) {
    const parts = parsed.command.filter((p): p is string => typeof p === 'string');
    // ["bash", "-lc", "npm test"] → "npm test"
    return parts.length >= 3 && /sh$/.test(parts[0]!) && parts[1]!.startsWith('-') ? parts.slice(2).join(' ') : parts.join(' ');
  }
  return name === 'shell' && typeof parsed.command === 'string' ? parsed.command : undefined;
}

export function exitCodeFromOutput(output: unknown): number | undefined {
  if (typeof output !== 'string') return undefined;
  const unified = /Process exited with code (\d+)/.exec(output);
  if (unified) return Number(unified[1]);
  const structured = /^Exit code: (\d+)/m.exec(output);
  if (structured) return Number(structured[1]);
  try {
    const json = JSON.parse(output) as { metadata?: { exit_code?: unknown } };
    if (typeof json.metadata?.exit_code === 'number') return json.metadata.exit_code;
  } catch {
    // not the legacy JSON encoding
  }
  return undefined;
}

function outputText(output: unknown): string {
  if (typeof output === 'string') return output;
  if (Array.isArray(output)) return output.map((o) => (typeof (o as { text?: unknown })?.text === 'string' ? (o as { text: string }).text : '')).join('');
  return '';
}

export function codexToolRunTracker(classify: CommandClassifier, prior: CodexPendingCall[] | undefined, where: () => { sessionId: string; cwd: string }) {
  const calls = new Map<string, CodexPendingCall>();
  for (const c of prior ?? []) calls.set(c.id, c);
  const emit = (c: CodexPendingCall, exitCode: number | undefined, sink: ParseSink): void => {
    calls.delete(c.id);
    const { sessionId, cwd } = where();
    for (const k of c.kinds) {
      sink.toolRun({ source: 'codex', sessionId, cwd: c.cwd ?? cwd, command: k.label, kind: k.kind, timestamp: c.ts, ...(exitCode !== undefined ? { exitCode } : {}) });
    }
  };
  return {
    onLine(type: string, p: Record<string, unknown>, ts: number, sink: ParseSink): void {
      const id = typeof p.call_id === 'string' ? p.call_id : undefined;
      if (!id) return;
      if (type === 'response_item' && p.type === 'function_call') {
        const args = parseArgs(p.arguments);
        const command = args && commandOf(p.name, args);
        if (!command) return;
        const kinds = /^\s*apply_patch\b/.test(command) ? [{ kind: 'edit' as const, label: 'apply_patch' }] : classify(command);
        if (kinds.length > 0) calls.set(id, { id, kinds, ts, ...(typeof args.workdir === 'string' ? { cwd: args.workdir } : {}) });
      } else if (type === 'response_item' && p.type === 'custom_tool_call') {
        if (p.name === 'apply_patch') calls.set(id, { id, kinds: [{ kind: 'edit', label: 'apply_patch' }], ts });
      } else if (type === 'response_item' && (p.type === 'function_call_output' || p.type === 'custom_tool_call_output')) {
        const c = calls.get(id);
        if (!c) return;
        if (c.kinds[0]?.kind === 'edit') {
          if (PATCH_FAILED.test(outputText(p.output))) calls.delete(id);
          else emit(c, 0, sink);
          return;
        }
        const code = exitCodeFromOutput(outputText(p.output));
        if (code !== undefined) emit(c, code, sink); // no code yet: still running, exec_command_end follows
      } else if (type === 'event_msg' && (p.type === 'exec_command_end' || p.type === 'patch_apply_end')) {
        const c = calls.get(id);
        if (!c) return;
        if (p.type === 'patch_apply_end') {
          if (p.success === false) calls.delete(id);
          else emit(c, 0, sink);
        } else {
          emit(c, typeof p.exit_code === 'number' ? p.exit_code : undefined, sink);
        }
      }
    },
    isPending(id: string): boolean {
      return calls.has(id);
    },
    /** A pending shell call (not an edit), whose answer is its exit code. */
    isPendingShell(id: string): boolean {
      const c = calls.get(id);
      return c !== undefined && c.kinds[0]?.kind !== 'edit';
    },
    /** Reports a pending shell call as finished with `exitCode` (read from its answer by the caller). */
    answerShell(id: string, exitCode: number, sink: ParseSink): void {
      const c = calls.get(id);
      if (c) emit(c, exitCode, sink);
    },
    pendingIds(): string[] {
      return [...calls.keys()];
    },
    /** Unfinished calls for the file's state, newest kept when there are too many. */
    pending(): CodexPendingCall[] | undefined {
      if (calls.size === 0) return undefined;
      return [...calls.values()].slice(-MAX_PENDING);
    },
  };
}
