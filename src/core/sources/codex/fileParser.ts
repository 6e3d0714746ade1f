// The Codex CLI file parser. Usage comes from `event_msg/token_count` lines (cumulative totals, see
// usageState.ts), the model from the latest `turn_context`, the session from `session_meta`. Forked and
// sub-agent sessions open by replaying the parent's token counts in a burst within one second; that
// burst only sets the baseline.
import { createCommandClassifier } from '../../activity/commandClassifier';
import { memoClassifier } from '../../scan/classifyMemo';
import type { FileParser, ParserOptions, ParseSink } from '../../scan/fileParser';
import { hashUtf8 } from '../../scan/byteValues';
import { ID_CHARS, jsonMarkers } from '../../scan/escapedMarker';
import { ascii, keyedStringIndex } from '../../scan/jsonBytes';
import { parseJsonLine } from '../../scan/jsonLine';
import { forEachMarkedLine } from '../../scan/markedLines';
import { parseTimestamp } from '../../scan/timestamp';
import type { UsageRecord } from '../../scan/usageRecord';
import { issueReason } from '../zodHelpers';
import { type CodexLine, regularLine, regularTokenCount, shellAnswerFromBytes, type TokenCountData } from './fastLines';
import { type FastTokenCount, NO_COUNTS, readTokenCountLine } from './fastTokenCount';
import { codexLineSchema, codexTokenCountSchema } from './schema';
import { type CodexPendingCall, codexToolRunTracker } from './toolRuns';
import { isZero, type RawTotals, toTotals, usageDelta } from './usageState';

/** What a Codex file's reading carries from one read to the next. */
export interface CodexFileState {
  sessionId?: string;
  cwd?: string;
  gitBranch?: string;
  model?: string;
  prevTotal?: RawTotals;
  forked?: boolean;
  /** Fork replay detection: token counts seen in the session's first second, not yet settled. */
  replay?: { second: string; events: PendingCount[] };
  replayDone?: boolean;
  /** Tool calls waiting for their result (labels only). */
  pendingCalls?: CodexPendingCall[];
}

interface PendingCount {
  ts: number;
  second: string;
  total?: RawTotals;
  last?: RawTotals;
  model?: string;
}

const FALLBACK_MODEL = 'gpt-5';
// Values, so any spacing matches; the last marker finds them spelled with escapes (escapedMarker.ts).
const USAGE_TEXTS = ['"session_meta"', '"turn_context"', '"token_count"'];
const USAGE_MARKERS = jsonMarkers(USAGE_TEXTS);
// Calls only: their outputs (most of a rollout's bytes) are found by call id, see findAnswers; an output
// that spells its id with escapes is found by the escape marker (any id character) instead.
const TOOL_MARKERS = jsonMarkers([...USAGE_TEXTS, '"function_call"', '"custom_tool_call"'], [ID_CHARS]);
const CALL_ID = ascii('call_id');
/** The mask bit of the `"token_count"` marker (USAGE_TEXTS[2]), in both marker lists. */
const TOKEN_COUNT_BIT = 1 << 2;

/** `YYYY-MM-DDTHH:MM:SS` of an epoch-ms time (UTC): the fork-replay burst is judged per second. */
function secondOf(ts: number): string {
  return new Date(ts).toISOString().slice(0, 19);
}

export function createCodexParser(fallbackSessionId: string, prior: unknown, options: ParserOptions): FileParser {
  const st: CodexFileState = typeof prior === 'object' && prior !== null ? { ...(prior as CodexFileState) } : {};
  const withToolRuns = options.toolRuns;
  const markers = withToolRuns ? TOOL_MARKERS : USAGE_MARKERS;
  const classify = memoClassifier(options.classify ?? createCommandClassifier());
  const tools = codexToolRunTracker(classify, st.pendingCalls, () => ({ sessionId: st.sessionId ?? fallbackSessionId, cwd: st.cwd ?? '' }));

  return {
    jsonLines: true,
    parseRegion(buf, start, end, sink): void {
      // Calls left open by an earlier region or read may be answered in this one.
      if (withToolRuns) for (const id of tools.pendingIds()) findAnswers(buf, id, start, end, sink);
      forEachMarkedLine(buf, start, end, markers, (ls, le, mask) => {
        if (mask & TOKEN_COUNT_BIT) {
          const fast = readTokenCountLine(buf, ls, le);
          if (fast === NO_COUNTS) return;
          if (fast) return onCounts(fast, sink);
        }
        const line = parseLine(buf, ls, le, sink);
        if (!line) return;
        const { type, payload = {} } = line;
        const ts = parseTimestamp(line.timestamp);
        if (type === 'session_meta') onSessionMeta(payload);
        else if (type === 'turn_context') onTurnContext(payload);
        else if (type === 'event_msg' && payload.type === 'token_count') onTokenCount(payload, ts, sink);
        else if (withToolRuns && ts !== undefined) {
          // Calls, and (on lines found by the escape marker) answers to pending calls.
          tools.onLine(type, payload, ts, sink);
          const id = typeof payload.call_id === 'string' ? payload.call_id : undefined;
          if (id && tools.isPending(id)) findAnswers(buf, id, le, end, sink);
        }
      });
    },
    finish(sink: ParseSink): void {
      settleReplay(sink);
    },
    state(): unknown {
      const pendingCalls = withToolRuns ? tools.pending() : undefined;
      if (pendingCalls) st.pendingCalls = pendingCalls;
      else delete st.pendingCalls;
      return st;
    },
  };

  function parseLine(buf: Buffer, ls: number, le: number, sink: ParseSink): CodexLine | undefined {
    const raw = parseJsonLine(buf.toString('utf8', ls, le), sink);
    if (raw === undefined) return undefined;
    const regular = regularLine(raw);
    if (regular) return regular;
    const line = codexLineSchema.safeParse(raw);
    if (!line.success) {
      sink.skip(issueReason(line.error));
      return undefined;
    }
    return line.data;
  }

  /** Feeds the lines that carry `call_id` (outputs, exec/patch end events) in [from, end) to the tracker. */
  function findAnswers(buf: Buffer, id: string, from: number, end: number, sink: ParseSink): void {
    const quoted = Buffer.from(JSON.stringify(id));
    let i = keyedStringIndex(buf, CALL_ID, quoted, from, end);
    while (i >= 0 && tools.isPending(id)) {
      const ls = buf.lastIndexOf(0x0a, i) + 1;
      let le = buf.indexOf(0x0a, i);
      if (le < 0 || le > end) le = end;
      const shell = tools.isPendingShell(id) ? shellAnswerFromBytes(buf, ls, le, i) : undefined;
      if (shell) {
        tools.answerShell(id, shell.exitCode, sink);
        return;
      }
      const line = parseLine(buf, ls, le, sink);
      const ts = line && parseTimestamp(line.timestamp);
      if (line && ts !== undefined) tools.onLine(line.type, line.payload ?? {}, ts, sink);
      i = keyedStringIndex(buf, CALL_ID, quoted, le, end);
    }
  }

  function onSessionMeta(p: Record<string, unknown>): void {
    if (typeof p.id === 'string' && !st.sessionId) st.sessionId = p.id;
    if (typeof p.cwd === 'string') st.cwd ??= p.cwd;
    const git = p.git as { branch?: unknown } | undefined;
    if (typeof git?.branch === 'string') st.gitBranch ??= git.branch;
    const source = p.source as { subagent?: { thread_spawn?: unknown } } | undefined;
    if (typeof p.forked_from_id === 'string' || (typeof source === 'object' && source?.subagent?.thread_spawn !== undefined)) st.forked = true;
  }

  function onTurnContext(p: Record<string, unknown>): void {
    if (typeof p.model === 'string' && p.model) st.model = p.model;
    if (typeof p.cwd === 'string') st.cwd ??= p.cwd;
  }

  function onTokenCount(p: Record<string, unknown>, ts: number | undefined, sink: ParseSink): void {
    let data: TokenCountData | undefined = regularTokenCount(p);
    if (!data) {
      const parsed = codexTokenCountSchema.safeParse(p);
      if (!parsed.success) {
        sink.skip(issueReason(parsed.error));
        return;
      }
      data = parsed.data;
    }
    const info = data.info;
    if (!info) return; // rate-limit-only update
    const total = info.total_token_usage ? toTotals(info.total_token_usage) : undefined;
    const last = info.last_token_usage ? toTotals(info.last_token_usage) : undefined;
    if (!total && !last) return;
    if (ts === undefined) {
      sink.skip('invalid timestamp');
      return;
    }
    const model = data.model ?? info.model ?? undefined;
    onCounts({ ts, ...(total ? { total } : {}), ...(last ? { last } : {}), ...(model !== undefined ? { model } : {}) }, sink);
  }

  /** One token count with its time: counted, or held while a fork's replay may still be under way. */
  function onCounts(c: FastTokenCount, sink: ParseSink): void {
    const { ts, total, last, model } = c;
    const event: PendingCount = { ts, second: '', ...(total ? { total } : {}), ...(last ? { last } : {}), ...(model ? { model } : {}) };
    if (st.forked && !st.replayDone) {
      event.second = secondOf(ts);
      if (!st.replay) {
        st.replay = { second: event.second, events: [event] };
        return;
      }
      if (event.second === st.replay.second) {
        st.replay.events.push(event);
        return;
      }
      settleReplay(sink);
    }
    count(event, sink);
  }

  /** A burst of two or more counts in the first second is the parent's replay: it only moves the baseline. */
  function settleReplay(sink: ParseSink): void {
    if (!st.forked || st.replayDone || !st.replay) return;
    const { events } = st.replay;
    st.replayDone = true;
    st.replay = undefined;
    if (events.length >= 2) {
      const lastTotal = [...events].reverse().find((e) => e.total)?.total;
      if (lastTotal) st.prevTotal = lastTotal;
      return;
    }
    for (const e of events) count(e, sink);
  }

  function count(e: PendingCount, sink: ParseSink): void {
    const delta = usageDelta(st.prevTotal, e.total, e.last);
    if (e.total) st.prevTotal = e.total;
    if (!delta || isZero(delta)) return;
    const cached = Math.min(delta.cached, delta.input);
    const sessionId = st.sessionId ?? fallbackSessionId;
    const model = e.model ?? st.model;
    const record: UsageRecord = {
      source: 'codex',
      sessionId,
      project: st.cwd ?? '',
      ...(st.gitBranch ? { gitBranch: st.gitBranch } : {}),
      model: model ?? FALLBACK_MODEL,
      ...(model ? {} : { modelIsFallback: true }),
      timestamp: e.ts,
      input: delta.input - cached,
      output: delta.output,
      cacheCreation: 0,
      cacheCreation1h: 0,
      cacheRead: cached,
      reasoning: delta.reasoning,
      key1: hashUtf8(`${sessionId}|${e.ts}|${e.total ? e.total.total : ''}|${delta.input}|${delta.output}`),
      key2: 0,
      hasKey: true,
      sidechain: false,
    };
    sink.record(record);
  }
}
