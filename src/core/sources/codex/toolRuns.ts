// Shell commands Codex ran and their exit codes (log-formats.md §2.4): `exec_command_end` when present,
// else the `function_call_output` text of the call (three encodings).
import type { ParseSink } from '../../scan/fileParser';

interface Call {
  command: string;
  ts: number;
  exitCode?: number;
  done: boolean;
}

function commandOf(name: unknown, args: unknown): string | undefined {
  if (typeof args !== 'string') return undefined;
  let parsed: { cmd?: unknown; command?: unknown };
  try {
    parsed = JSON.parse(args) as { cmd?: unknown; command?: unknown };
  } catch {
    return undefined;
  }
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

export function codexToolRunTracker(where: () => { sessionId: string; cwd: string }) {
  const calls = new Map<string, Call>();
  const emit = (c: Call, sink: ParseSink): void => {
    const { sessionId, cwd } = where();
    sink.toolRun({ source: 'codex', sessionId, cwd, command: c.command, timestamp: c.ts, ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}) });
  };
  return {
    onLine(type: string, p: Record<string, unknown>, ts: number, sink: ParseSink): void {
      const id = typeof p.call_id === 'string' ? p.call_id : undefined;
      if (!id) return;
      if (type === 'response_item' && p.type === 'function_call') {
        const command = commandOf(p.name, p.arguments);
        if (command) calls.set(id, { command, ts, done: false });
      } else if (type === 'response_item' && p.type === 'function_call_output') {
        const c = calls.get(id);
        const code = exitCodeFromOutput(typeof p.output === 'string' ? p.output : undefined);
        if (c && code !== undefined) c.exitCode = code;
      } else if (type === 'event_msg' && p.type === 'exec_command_end') {
        const c = calls.get(id);
        if (!c || c.done) return;
        if (typeof p.exit_code === 'number') c.exitCode = p.exit_code;
        c.done = true;
        emit(c, sink);
      }
    },
    finish(sink: ParseSink): void {
      for (const c of calls.values()) if (!c.done) emit(c, sink);
      calls.clear();
    },
  };
}
