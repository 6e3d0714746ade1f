// pi session files (log-formats.md §9.2): a `{"type":"session", id, cwd, …}` header, then entries
// `{type:"message", id, parentId, timestamp, message:{role, …}}` forming a tree (branches share the
// file). Every assistant message carries its own call's usage `{input, output, cacheRead, cacheWrite,
// totalTokens, cost:{…, total}}` (input excludes cache; not cumulative).
//
// As ccusage 20.0.24 reads it: an assistant entry counts once per (session, timestamp, model, token
// counts, cost), so a line written twice counts once; `usage.cost.total` is the recorded cost (also 0),
// else the list price; when the parts are all 0, `totalTokens` is the output. A `totalTokens` above the
// sum of the parts: ccusage adds the rest to its total but to no column; here it is output, so the
// total matches and the output column is larger.
//
// Tool runs: the user's `!command` runs are `bashExecution` messages with `exitCode`; the agent's
// `bash` tool calls are `toolCall` blocks in assistant content, answered by a `toolResult` message
// (`isError`; a failure's text ends `Command exited with code N`). `edit` and `write` calls that
// succeed are edits.
import type { FileParser, ParseSink, ParserOptions } from '../../scan/fileParser';
import { forEachMarkedLine } from '../../scan/markedLines';
import { jsonMarkers } from '../../scan/escapedMarker';
import { parseTimestamp } from '../../scan/timestamp';
import type { ActivityKind } from '../../types';
import { usageRecord } from '../sourceRecords';
import { isObject, parseObjectLine } from '../../scan/jsonLine';

interface PendingCall {
  kinds: { kind: ActivityKind; label: string }[];
  ts: number;
}

/** Carried between reads: ids, the cwd and classified labels only. */
interface PiFileState {
  cwd?: string;
  /** The model of the last `model_change` (OpenClaw: messages may not name theirs). */
  model?: string;
  calls?: Record<string, PendingCall>;
}

type Json = Record<string, unknown>;

function count(v: unknown): number {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.trunc(n) : 0;
}

// Values and keys, so any spacing matches (the session header by its type's value); the last marker
// of each list finds them spelled with escapes (escapedMarker.ts). Made once, not per file.
const USAGE_TEXTS = ['"usage"', '"session"', '"model_change"', '"model-snapshot"'];
const USAGE_MARKERS = jsonMarkers(USAGE_TEXTS);
const TOOL_MARKERS = jsonMarkers([...USAGE_TEXTS, '"bashExecution"', '"toolCall"', '"toolResult"']);
const EDIT_TOOLS: Record<string, string> = { edit: 'Edit', write: 'Write' };

/** Which agent writes the file: pi itself, or OpenClaw (pi embedded, same format). */
export interface PiFileInfo {
  source: 'pi' | 'openclaw';
  /** ccusage's session id for the file. */
  fileSessionId: string;
  /** OpenClaw: a message's own `timestamp` (epoch ms) comes before the entry's (as ccusage reads it). */
  messageTimeFirst?: boolean;
}

export function createPiParser(info: PiFileInfo, prior: unknown, options: ParserOptions): FileParser {
  const { source, fileSessionId } = info;
  const st: PiFileState = isObject(prior) ? { ...(prior as PiFileState) } : {};
  const withTools = options.toolRuns && options.classify !== undefined;
  const markers = withTools ? TOOL_MARKERS : USAGE_MARKERS;
  // Usage and runs share ccusage's per-file session id (the header's `id` is usually the same uuid), so
  // that the outcome model finds a session's runs with its tokens.
  const session = (): string => fileSessionId;

  return {
    jsonLines: true,
    parseRegion(buf, start, end, sink): void {
      forEachMarkedLine(buf, start, end, markers, (ls, le) => {
        const entry = parseObjectLine(buf.toString('utf8', ls, le), sink);
        if (!entry) return;
        if (entry.type === 'session') {
          if (typeof entry.cwd === 'string' && entry.cwd) st.cwd ??= entry.cwd;
          return;
        }
        if (entry.type === 'model_change' || (entry.type === 'custom' && entry.customType === 'model-snapshot')) {
          const data = isObject(entry.data) ? entry.data : entry;
          const model = typeof data.modelId === 'string' && data.modelId ? data.modelId : typeof data.model === 'string' && data.model ? data.model : undefined;
          if (model) st.model = model;
          return;
        }
        if (entry.type !== undefined && entry.type !== 'message') return;
        const msg = isObject(entry.message) ? entry.message : undefined;
        if (!msg) return;
        const ts = info.messageTimeFirst ? parseTimestamp(msg.timestamp) ?? parseTimestamp(entry.timestamp) : parseTimestamp(entry.timestamp) ?? parseTimestamp(msg.timestamp);
        switch (msg.role) {
          case 'assistant':
            if (isObject(msg.usage)) onUsage(entry, msg, msg.usage, ts, sink);
            if (withTools && ts !== undefined) onToolCalls(msg, ts);
            return;
          case 'toolResult':
            if (withTools) onToolResult(msg, sink);
            return;
          case 'bashExecution':
            if (withTools && ts !== undefined) onBash(msg, ts, sink);
            return;
        }
      });
    },
    finish(): void {},
    state(): unknown {
      return st;
    },
  };

  function onUsage(entry: Json, msg: Json, usage: Json, ts: number | undefined, sink: ParseSink): void {
    const input = count(usage.input);
    let output = count(usage.output);
    const cacheRead = count(usage.cacheRead);
    const cacheCreation = count(usage.cacheWrite);
    const total = count(usage.totalTokens);
    const parts = input + output + cacheRead + cacheCreation;
    if (parts === 0 && total === 0) return;
    const extra = Math.max(0, total - parts);
    output += extra;
    // ccusage's key holds pi's timestamp text; OpenClaw's is the parsed time.
    const when = info.messageTimeFirst ? ts : entry.timestamp;
    if (ts === undefined || (!info.messageTimeFirst && typeof entry.timestamp !== 'string')) {
      sink.skip('invalid timestamp');
      return;
    }
    const named = [msg.modelId, msg.model].find((m): m is string => typeof m === 'string' && m.trim() !== '');
    const model = named?.trim() ?? (info.source === 'openclaw' ? st.model : undefined);
    const cost = isObject(usage.cost) && typeof usage.cost.total === 'number' && Number.isFinite(usage.cost.total) ? usage.cost.total : undefined;
    sink.record(usageRecord(source, `${fileSessionId}|${String(when)}|${model ?? ''}|${input}|${output}|${cacheCreation}|${cacheRead}|${cost ?? ''}`, { sessionId: fileSessionId, project: st.cwd ?? '', model, timestamp: ts, input, output, cacheCreation, cacheRead, ...(cost !== undefined ? { costUSD: Math.max(0, cost) } : {}) }));
  }

  function onToolCalls(msg: Json, ts: number): void {
    if (!Array.isArray(msg.content)) return;
    for (const block of msg.content) {
      if (!isObject(block) || block.type !== 'toolCall' || typeof block.id !== 'string' || typeof block.name !== 'string') continue;
      let args: unknown = block.arguments;
      if (typeof args === 'string') {
        try {
          args = JSON.parse(args);
        } catch {
          continue;
        }
      }
      const edit = EDIT_TOOLS[block.name];
      if (edit) {
        (st.calls ??= {})[block.id] = { kinds: [{ kind: 'edit', label: edit }], ts };
        continue;
      }
      const command = block.name === 'bash' && isObject(args) && typeof args.command === 'string' ? args.command : undefined;
      if (!command) continue;
      const kinds = options.classify!(command);
      if (kinds.length > 0) (st.calls ??= {})[block.id] = { kinds, ts };
    }
  }

  function onToolResult(msg: Json, sink: ParseSink): void {
    const id = typeof msg.toolCallId === 'string' ? msg.toolCallId : undefined;
    const call = id ? st.calls?.[id] : undefined;
    if (!id || !call) return;
    delete st.calls![id];
    const failed = msg.isError === true;
    if (call.kinds.every((k) => k.kind === 'edit')) {
      if (!failed) for (const k of call.kinds) sink.toolRun({ source, sessionId: session(), cwd: st.cwd ?? '', command: k.label, kind: k.kind, timestamp: call.ts });
      return;
    }
    const text = Array.isArray(msg.content) ? msg.content.map((c) => (isObject(c) && typeof c.text === 'string' ? c.text : '')).join('\n') : typeof msg.content === 'string' ? msg.content : '';
    const m = /exited with code (-?\d+)/i.exec(text);
    // Aborted or timed-out runs fail without a code: reported as a generic failure (1).
    const exitCode = m ? Number(m[1]) : failed ? 1 : 0;
    for (const k of call.kinds) sink.toolRun({ source, sessionId: session(), cwd: st.cwd ?? '', command: k.label, kind: k.kind, timestamp: call.ts, exitCode });
  }

  function onBash(msg: Json, ts: number, sink: ParseSink): void {
    if (typeof msg.command !== 'string' || !msg.command) return;
    const exitCode = msg.cancelled === true || typeof msg.exitCode !== 'number' ? undefined : msg.exitCode;
    // The raw command: the scanner classifies it and keeps only the label.
    sink.toolRun({ source, sessionId: session(), cwd: st.cwd ?? '', command: msg.command, timestamp: ts, ...(exitCode !== undefined ? { exitCode } : {}) });
  }
}
