// Qwen Code chat records (one per line): `{uuid, parentUuid, sessionId, timestamp, type: "user" |
// "assistant" | "tool_result" | "system", cwd, model?, message: {role, parts: […]}, usageMetadata?,
// toolCallResult?}`. An assistant record's `usageMetadata` is Gemini's: `{promptTokenCount,
// candidatesTokenCount, thoughtsTokenCount, cachedContentTokenCount, toolUsePromptTokenCount,
// totalTokenCount}`, read as the Gemini CLI source reads `tokens` (gemini/geminiMessage.ts usageOf):
// cached prompt tokens are taken out of input when the total shows they are inside it; thoughts and
// any rest of the total are output.
//
// ccusage 20.0.24 keys a record by session, timestamp, model and counts (a line written twice counts
// once; done here too) but keeps cached tokens in its input column as well as in cache reads, so its
// totals are higher by the cached tokens whenever there are any.
//
// Tool runs: `run_shell_command` function calls in assistant parts, completed by the `tool_result`
// record of the same call id (`toolCallResult.status`; the text says `Exit Code: N` only when N is not
// 0); `edit`, `write_file` and `replace` calls that succeed are edits.
import type { FileParser, ParseSink, ParserOptions } from '../../scan/fileParser';
import { forEachMarkedLine } from '../../scan/markedLines';
import { jsonMarkers } from '../../scan/escapedMarker';
import { parseTimestamp } from '../../scan/timestamp';
import type { ActivityKind } from '../../types';
import { usageOf } from '../gemini/geminiMessage';
import { usageRecord } from '../sourceRecords';
import { isObject, parseObjectLine } from '../../scan/jsonLine';

interface PendingCall {
  kinds: { kind: ActivityKind; label: string }[];
  ts: number;
}

interface QwenFileState {
  cwd?: string;
  calls?: Record<string, PendingCall>;
}

type Json = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

// Searched once per thread, not per file (see escapedMarker.ts for the last marker of each list).
const USAGE_MARKERS = jsonMarkers(['"usageMetadata"']);
const TOOL_MARKERS = jsonMarkers(['"usageMetadata"', '"functionCall"', '"toolCallResult"']);
const EDIT_TOOLS: Record<string, string> = { edit: 'Edit', replace: 'Edit', write_file: 'Write' };

export interface QwenFileInfo {
  fallbackSessionId: string;
  /** The project folder's name under `projects/` (an encoded path), when no record has a cwd. */
  projectDir: string;
}

export function createQwenParser(info: QwenFileInfo, prior: unknown, options: ParserOptions): FileParser {
  const st: QwenFileState = isObject(prior) ? { ...(prior as QwenFileState) } : {};
  const withTools = options.toolRuns && options.classify !== undefined;
  const markers = withTools ? TOOL_MARKERS : USAGE_MARKERS;
  return {
    jsonLines: true,
    parseRegion(buf, start, end, sink): void {
      forEachMarkedLine(buf, start, end, markers, (ls, le) => {
        const rec = parseObjectLine(buf.toString('utf8', ls, le), sink);
        if (!rec) return;
        const cwd = str(rec.cwd);
        if (cwd) st.cwd = cwd;
        const session = str(rec.sessionId) ?? info.fallbackSessionId;
        const ts = parseTimestamp(rec.timestamp);
        if (rec.type === 'assistant') {
          if (isObject(rec.usageMetadata)) onUsage(rec, rec.usageMetadata, session, ts, sink);
          if (withTools && ts !== undefined) onCalls(rec, ts);
        } else if (rec.type === 'tool_result' && withTools) onResult(rec, session, sink);
      });
    },
    finish(): void {},
    state(): unknown {
      return st;
    },
  };

  function onUsage(rec: Json, u: Json, session: string, ts: number | undefined, sink: ParseSink): void {
    const usage = usageOf({ input: u.promptTokenCount, output: u.candidatesTokenCount, cached: u.cachedContentTokenCount, thoughts: u.thoughtsTokenCount, tool: u.toolUsePromptTokenCount, total: u.totalTokenCount });
    if (!usage) return;
    if (ts === undefined) {
      sink.skip('invalid timestamp');
      return;
    }
    const model = str(rec.model);
    sink.record(usageRecord('qwen', `${session}|${String(rec.timestamp)}|${model ?? ''}|${usage.input}|${usage.output}|${usage.cacheRead}`, { sessionId: session, project: st.cwd ?? info.projectDir, model, timestamp: ts, ...usage }));
  }

  function onCalls(rec: Json, ts: number): void {
    const parts = isObject(rec.message) && Array.isArray(rec.message.parts) ? rec.message.parts : [];
    for (const p of parts) {
      const call = isObject(p) && isObject(p.functionCall) ? p.functionCall : undefined;
      const id = call ? str(call.id) : undefined;
      const name = call ? str(call.name) : undefined;
      if (!call || !id || !name) continue;
      const edit = EDIT_TOOLS[name];
      if (edit) {
        (st.calls ??= {})[id] = { kinds: [{ kind: 'edit', label: edit }], ts };
        continue;
      }
      const command = name === 'run_shell_command' && isObject(call.args) ? str(call.args.command) : undefined;
      if (!command) continue;
      const kinds = options.classify!(command);
      if (kinds.length > 0) (st.calls ??= {})[id] = { kinds, ts };
    }
  }

  function onResult(rec: Json, session: string, sink: ParseSink): void {
    const result = isObject(rec.toolCallResult) ? rec.toolCallResult : {};
    const id = str(result.callId);
    const call = id ? st.calls?.[id] : undefined;
    if (!id || !call) return;
    delete st.calls![id];
    const status = str(result.status);
    const cwd = st.cwd ?? info.projectDir;
    if (call.kinds.every((k) => k.kind === 'edit')) {
      if (status === 'success') for (const k of call.kinds) sink.toolRun({ source: 'qwen', sessionId: session, cwd, command: k.label, kind: k.kind, timestamp: call.ts });
      return;
    }
    if (status === 'cancelled') return;
    const m = /Exit Code: (-?\d+)/.exec(JSON.stringify(rec.message ?? '') + JSON.stringify(result.resultDisplay ?? ''));
    const exitCode = m ? Number(m[1]) : status === 'success' ? 0 : 1;
    for (const k of call.kinds) sink.toolRun({ source: 'qwen', sessionId: session, cwd, command: k.label, kind: k.kind, timestamp: call.ts, exitCode });
  }
}
