// One Gemini CLI message record (log-formats.md §3.2) → a usage record and tool runs. Shared by the
// JSONL op-log parser and the legacy whole-file JSON parser.
//
// Token semantics, as ccusage 20 reads them: `cached` is inside `input` only when `total` equals
// input + output + thoughts + tool (else it is counted beside it); `tool` (tool-use prompt) is input;
// `thoughts` and any rest of `total` not in the other fields are output (the rest goes to output when
// output is 0). Our `output` includes thoughts (as Codex's includes reasoning); `reasoning` = thoughts.
import type { ParseSink } from '../../scan/fileParser';
import { hashUtf8 } from '../../scan/byteValues';
import { parseTimestamp } from '../../scan/timestamp';
import type { UsageRecord } from '../../scan/usageRecord';
import { isObject } from '../../scan/jsonLine';

export const UNKNOWN_MODEL = 'unknown';

/** Where the records of one session file go: session, project, and the model seen last. */
export interface GeminiContext {
  sessionId: string;
  project: string;
  /** Session start, the timestamp of messages without their own. */
  startTime?: number;
  /** The last `model` seen in the file (JSONL only; ccusage's model hint). */
  model?: string;
}

type Json = Record<string, unknown>;


function num(o: Json, keys: readonly string[]): number | undefined {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'number' && Number.isFinite(v)) return Math.max(0, Math.trunc(v));
  }
  return undefined;
}

interface Usage {
  input: number;
  cacheRead: number;
  output: number;
  reasoning: number;
}

/** The disjoint token classes of a `tokens` object, or undefined when it has none. */
export function usageOf(tokens: unknown): Usage | undefined {
  if (!isObject(tokens)) return undefined;
  const input = num(tokens, ['input', 'prompt', 'input_tokens', 'prompt_tokens']) ?? 0;
  let output = num(tokens, ['output', 'candidates', 'output_tokens', 'candidates_tokens']) ?? 0;
  const cached = num(tokens, ['cached', 'cached_tokens']) ?? 0;
  const thoughts = num(tokens, ['thoughts', 'reasoning', 'thoughts_tokens', 'reasoning_tokens']) ?? 0;
  const tool = num(tokens, ['tool', 'tool_tokens']) ?? 0;
  const total = num(tokens, ['total', 'total_tokens']);
  const inclusive = input + output + thoughts + tool;
  const cachedInside = cached > 0 && total === inclusive && total !== inclusive + cached;
  const uncached = cachedInside ? input - Math.min(input, cached) : input;
  const allInput = uncached + tool;
  let extra = thoughts;
  const missing = Math.max(0, (total ?? 0) - (allInput + output + cached + thoughts));
  if (missing > 0) {
    if (output === 0) output = missing;
    else extra += missing;
  }
  if (allInput === 0 && output === 0 && cached === 0 && extra === 0) return undefined;
  return { input: allInput, cacheRead: cached, output: output + extra, reasoning: thoughts };
}

/** Reports the usage of a `type: "gemini"` message; messages without tokens report nothing. */
export function reportMessage(msg: Json, ctx: GeminiContext, sink: ParseSink, withToolRuns: boolean): void {
  if (msg.type !== 'gemini') return;
  const ts = parseTimestamp(msg.timestamp) ?? parseTimestamp(msg.created_at) ?? ctx.startTime;
  if (withToolRuns && ts !== undefined) reportToolCalls(msg, ts, ctx, sink);
  const usage = usageOf(msg.tokens);
  if (!usage) return;
  if (ts === undefined) {
    sink.skip('invalid timestamp');
    return;
  }
  const model = typeof msg.model === 'string' && msg.model.trim() ? msg.model.trim() : ctx.model;
  const id = typeof msg.id === 'string' && msg.id ? msg.id : undefined;
  const record: UsageRecord = {
    source: 'gemini',
    sessionId: ctx.sessionId,
    project: ctx.project,
    model: model ?? UNKNOWN_MODEL,
    ...(model ? {} : { modelIsFallback: true }),
    timestamp: ts,
    input: usage.input,
    output: usage.output,
    cacheCreation: 0,
    cacheCreation1h: 0,
    cacheRead: usage.cacheRead,
    reasoning: usage.reasoning,
    // One message id per session: a re-appended version replaces the stored one (UsageStore: last wins).
    key1: id ? hashUtf8(`${ctx.sessionId}|${id}`) : 0,
    key2: 0,
    hasKey: id !== undefined,
    sidechain: false,
  };
  sink.record(record);
}

const FINAL = new Set(['success', 'error', 'cancelled']);
/** An absolute POSIX or Windows path (the log may come from either). */
const ABSOLUTE = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/;
const EDIT_TOOLS: Record<string, string> = { replace: 'Edit', write_file: 'Write' };

/**
 * Shell commands (`run_shell_command`) once their status is final, and file edits. The text returned
 * to the model says `Exit Code: N` only when N is not 0; cancelled and backgrounded commands have no
 * exit code. A message is appended again as it changes: the activity log dedupes the repeats.
 */
function reportToolCalls(msg: Json, ts: number, ctx: GeminiContext, sink: ParseSink): void {
  if (!Array.isArray(msg.toolCalls)) return;
  for (const call of msg.toolCalls) {
    if (!isObject(call) || typeof call.status !== 'string' || !FINAL.has(call.status)) continue;
    const at = parseTimestamp(call.timestamp) ?? ts;
    const args = isObject(call.args) ? call.args : {};
    const given = [args.dir_path, args.directory].find((d): d is string => typeof d === 'string' && ABSOLUTE.test(d));
    const dir = given ?? ctx.project;
    const edit = typeof call.name === 'string' ? EDIT_TOOLS[call.name] : undefined;
    if (edit && call.status === 'success') {
      sink.toolRun({ source: 'gemini', sessionId: ctx.sessionId, cwd: ctx.project, command: edit, kind: 'edit', timestamp: at });
      continue;
    }
    if (call.name !== 'run_shell_command' || typeof args.command !== 'string') continue;
    const exitCode = shellExitCode(call);
    sink.toolRun({ source: 'gemini', sessionId: ctx.sessionId, cwd: dir, command: args.command, timestamp: at, ...(exitCode !== undefined ? { exitCode } : {}) });
  }
}

export function shellExitCode(call: Json): number | undefined {
  const text = `${JSON.stringify(call.result ?? '')}\n${typeof call.resultDisplay === 'string' ? call.resultDisplay : ''}`;
  const m = /Exit Code: (-?\d+)/.exec(text);
  if (m) return Number(m[1]);
  if (call.status !== 'success') return undefined;
  if (/Command was cancelled|Command moved to background/.test(text)) return undefined;
  return 0;
}
