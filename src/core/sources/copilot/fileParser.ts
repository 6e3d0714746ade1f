// GitHub Copilot CLI `events.jsonl` (log-formats.md §7.2): one event per line, `{type, id, parentId,
// timestamp, data}`. Exact usage is only written when a CLI process exits cleanly: `session.shutdown`
// carries `modelMetrics` per model for that process (a resumed session appends another shutdown with
// the new process's own counts, not a running total). Until then, the only counts are the output
// tokens of each `assistant.message`: these are counted as provisional, approximate records (output
// only) and retracted when the process's shutdown arrives with its exact totals. A session that never
// shuts down cleanly keeps its approximate output-only counts.
import type { FileParser, ParseSink, ParserOptions } from '../../scan/fileParser';
import { hashUtf8 } from '../../scan/byteValues';
import { forEachMarkedLine } from '../../scan/markedLines';
import { jsonMarkers } from '../../scan/escapedMarker';
import { parseTimestamp } from '../../scan/timestamp';
import type { UsageRecord } from '../../scan/usageRecord';
import type { ActivityKind } from '../../types';
import { isObject, parseJsonLine } from '../../scan/jsonLine';
import { COPILOT_KEY2_PROVISIONAL } from './otelKeys';

interface PendingCall {
  kinds: { kind: ActivityKind; label: string }[];
  ts: number;
}

/** What a file's reading carries to the next read: ids, labels and numbers only. */
interface CopilotFileState {
  sessionId?: string;
  cwd?: string;
  branch?: string;
  model?: string;
  /** Keys of provisional records not yet superseded by a shutdown. */
  provisional?: number[];
  /** Classified tool calls waiting for their completion, by call id. */
  calls?: Record<string, PendingCall>;
}

type Json = Record<string, unknown>;


function count(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.trunc(v) : 0;
}

// Event types (values: any spacing matches); the last marker of each list finds them spelled with
// escapes (escapedMarker.ts). Made once, not per file.
const USAGE_TEXTS = ['"session.start"', '"assistant.message"', '"session.shutdown"', '"session.model_change"'];
const USAGE_MARKERS = jsonMarkers(USAGE_TEXTS);
const TOOL_MARKERS = jsonMarkers([...USAGE_TEXTS, '"tool.execution_start"', '"tool.execution_complete"']);
const SHELL_TOOLS = new Set(['bash', 'shell', 'powershell']);

export function createCopilotParser(fallbackSessionId: string, prior: unknown, options: ParserOptions): FileParser {
  const st: CopilotFileState = isObject(prior) ? { ...(prior as CopilotFileState) } : {};
  const withTools = options.toolRuns && options.classify !== undefined;
  const markers = withTools ? TOOL_MARKERS : USAGE_MARKERS;
  const session = (): string => st.sessionId ?? fallbackSessionId;

  return {
    jsonLines: true,
    parseRegion(buf, start, end, sink): void {
      forEachMarkedLine(buf, start, end, markers, (ls, le) => {
        const ev = parseJsonLine(buf.toString('utf8', ls, le), sink);
        if (ev === undefined) return;
        if (!isObject(ev) || typeof ev.type !== 'string') {
          sink.skip('not an event');
          return;
        }
        const data = isObject(ev.data) ? ev.data : {};
        const ts = parseTimestamp(ev.timestamp);
        const id = typeof ev.id === 'string' ? ev.id : undefined;
        switch (ev.type) {
          case 'session.start':
          case 'session.resume':
            onStart(data);
            return;
          case 'session.model_change':
            if (typeof data.newModel === 'string' && data.newModel) st.model = data.newModel;
            return;
          case 'assistant.message':
            onMessage(data, id, ts, sink);
            return;
          case 'session.shutdown':
            onShutdown(data, id, ts, sink);
            return;
          case 'tool.execution_start':
            if (withTools && ts !== undefined) onToolStart(data, ts);
            return;
          case 'tool.execution_complete':
            if (withTools) onToolComplete(data, sink);
            return;
        }
      });
    },
    finish(): void {},
    state(): unknown {
      return st;
    },
  };

  function onStart(data: Json): void {
    if (typeof data.sessionId === 'string' && data.sessionId) st.sessionId ??= data.sessionId;
    const ctx = isObject(data.context) ? data.context : {};
    const cwd = typeof ctx.cwd === 'string' && ctx.cwd ? ctx.cwd : typeof ctx.gitRoot === 'string' ? ctx.gitRoot : undefined;
    if (cwd) st.cwd ??= cwd;
    if (typeof ctx.branch === 'string' && ctx.branch) st.branch = ctx.branch;
    if (typeof data.selectedModel === 'string' && data.selectedModel) st.model = data.selectedModel;
  }

  function base(model: string, ts: number, key: string): Omit<UsageRecord, 'input' | 'output' | 'cacheCreation' | 'cacheCreation1h' | 'cacheRead' | 'reasoning'> {
    return {
      source: 'copilot',
      sessionId: session(),
      project: st.cwd ?? '',
      ...(st.branch ? { gitBranch: st.branch } : {}),
      model,
      timestamp: ts,
      key1: hashUtf8(key),
      key2: 0,
      hasKey: true,
      sidechain: false,
    };
  }

  function onMessage(data: Json, id: string | undefined, ts: number | undefined, sink: ParseSink): void {
    if (typeof data.model === 'string' && data.model) st.model = data.model;
    const output = count(data.outputTokens);
    if (output === 0 || id === undefined) return;
    if (ts === undefined) {
      sink.skip('invalid timestamp');
      return;
    }
    const model = typeof data.model === 'string' && data.model ? data.model : st.model;
    const record: UsageRecord = {
      ...base(model ?? 'unknown', ts, `${session()}|provisional|${id}`),
      key2: COPILOT_KEY2_PROVISIONAL,
      ...(model ? {} : { modelIsFallback: true }),
      input: 0,
      output,
      cacheCreation: 0,
      cacheCreation1h: 0,
      cacheRead: 0,
      reasoning: 0,
    };
    (st.provisional ??= []).push(record.key1);
    sink.record(record);
  }

  function onShutdown(data: Json, id: string | undefined, ts: number | undefined, sink: ParseSink): void {
    const metrics = isObject(data.modelMetrics) ? data.modelMetrics : undefined;
    if (!metrics || Object.keys(metrics).length === 0) return; // keep the provisional counts
    if (ts === undefined) {
      sink.skip('invalid timestamp');
      return;
    }
    // This process's exact totals replace its provisional per-message counts (a record with no tokens
    // and no cost retracts the one stored under its key).
    // (key2 0: provisional counts stored before they were marked.)
    for (const key of st.provisional ?? []) {
      for (const key2 of [COPILOT_KEY2_PROVISIONAL, 0]) sink.record({ ...base('', 0, ''), key1: key, key2, input: 0, output: 0, cacheCreation: 0, cacheCreation1h: 0, cacheRead: 0, reasoning: 0 });
    }
    st.provisional = [];
    for (const [model, m] of Object.entries(metrics)) {
      const usage = isObject(m) && isObject(m.usage) ? m.usage : undefined;
      if (!usage) {
        sink.skip('invalid modelMetrics');
        continue;
      }
      // `inputTokens` includes cache reads and writes; Gemini models report thoughts beside the output.
      const cacheRead = count(usage.cacheReadTokens);
      const cacheCreation = count(usage.cacheWriteTokens);
      const input = Math.max(0, count(usage.inputTokens) - cacheRead - cacheCreation);
      const reasoningField = count(usage.reasoningTokens);
      const separate = /^gemini/i.test(model);
      const output = count(usage.outputTokens) + (separate ? reasoningField : 0);
      if (input + output + cacheRead + cacheCreation === 0) continue;
      sink.record({
        ...base(model, ts, `${session()}|shutdown|${id ?? ts}|${model}`),
        input,
        output,
        cacheCreation,
        cacheCreation1h: 0,
        cacheRead,
        reasoning: Math.min(reasoningField, output),
      });
    }
  }

  function onToolStart(data: Json, ts: number): void {
    if (typeof data.toolCallId !== 'string' || typeof data.toolName !== 'string' || !SHELL_TOOLS.has(data.toolName)) return;
    let args: unknown = data.arguments;
    if (typeof args === 'string') {
      try {
        args = JSON.parse(args);
      } catch {
        return;
      }
    }
    const command = isObject(args) && typeof args.command === 'string' ? args.command : undefined;
    if (!command) return;
    const kinds = options.classify!(command);
    if (kinds.length > 0) (st.calls ??= {})[data.toolCallId] = { kinds, ts };
  }

  function onToolComplete(data: Json, sink: ParseSink): void {
    const id = typeof data.toolCallId === 'string' ? data.toolCallId : undefined;
    const call = id ? st.calls?.[id] : undefined;
    if (!id || !call) return;
    delete st.calls![id];
    const result = isObject(data.result) ? data.result : {};
    const text = `${typeof result.content === 'string' ? result.content : ''}\n${typeof result.detailedContent === 'string' ? result.detailedContent : ''}`;
    const m = /(?:exit(?:ed with)? code:?|Exit Code:?) ?(\d+)/i.exec(text);
    // Only the text says the code; a failed run without one is reported as a generic failure (1).
    const exitCode = m ? Number(m[1]) : data.success === true ? 0 : data.success === false ? 1 : undefined;
    for (const k of call.kinds) {
      sink.toolRun({ source: 'copilot', sessionId: session(), cwd: st.cwd ?? '', command: k.label, kind: k.kind, timestamp: call.ts, ...(exitCode !== undefined ? { exitCode } : {}) });
    }
  }
}
