// GitHub Copilot's OpenTelemetry file export (log-formats.md §7.1, §7.2; line shapes and their evidence
// in otelSchema.ts), read incrementally: one record per line, spans and log records mixed.
//
// Usage comes from four kinds of record, in this order of priority (as ccusage 20.0.24 and tokscale):
// `chat` spans (one per LLM call), `gen_ai.client.inference.operation.details` log records,
// `copilot_chat.agent.turn` log records, and `invoke_agent` summary spans. A record is not counted when
// a record of a higher kind shares its trace or its `gen_ai.response.id`; one counted before its better
// copy arrived (in this read or a later one) is retracted. Counted records are keyed by the response id
// (else trace and span id), so the same span or response read twice, in one file or two, counts once.
//
// Tokens: `gen_ai.usage.input_tokens` includes cache reads (VS Code sets it to the API's prompt_tokens),
// so they are taken out of input; cache writes are `cache_write` (CLI) or `cache_creation` (VS Code)
// input tokens; reasoning is a part of the output (VS Code takes it from completion_tokens_details;
// ccusage 20.0.24's totals leave it out of the sum); a record with only a total counts it as output.
//
// Attribution: the Copilot CLI exports `service.name` `github-copilot` (scope `github.copilot`, lines
// with a `type`), VS Code Copilot Chat `copilot-chat` (no `type` field): CLI records count under `copilot`,
// Chat records under `copilot-chat`. A record naming neither goes by its shape.
import type { FileParser, ParseSink } from '../../scan/fileParser';
import { isObject, parseJsonLine } from '../../scan/jsonLine';
import { forEachMarkedLine } from '../../scan/markedLines';
import { jsonMarkers } from '../../scan/escapedMarker';
import type { UsageRecord } from '../../scan/usageRecord';
import type { SourceId } from '../../types';
import { usageRecord } from '../sourceRecords';
import { issueReason } from '../zodHelpers';
import { COPILOT_KEY2_OTEL } from './otelKeys';
import { otelRecordSchema, otelUsageSchema, type OtelRecord, type OtelUsage } from './otelSchema';

/** Record kinds, best first. */
const CHAT = 0;
const INFERENCE = 1;
const TURN = 2;
const SUMMARY = 3;
const NONE = 9;

type OtelSource = Extract<SourceId, 'copilot' | 'copilot-chat'>;

interface TraceInfo {
  /** Best record kind counted in the trace. */
  l?: number;
  m?: string;
  s?: string;
  /** Priority of the session attribute `s` came from. */
  p?: number;
}

/** An emitted record a better one may still outrank: key hash, kind, trace, response id, source. */
type Emitted = [number, number, string, string, OtelSource];

/** What a file's reading carries to the next read (ids and numbers only). */
interface OtelFileState {
  /** Usage records seen (numbers the keys of records with no ids). */
  n?: number;
  t?: Record<string, TraceInfo>;
  /** Best record kind counted per response id. */
  r?: Record<string, number>;
  e?: Emitted[];
}

// Attribute keys (any spacing matches); the last marker finds them spelled with escapes (escapedMarker.ts).
const MARKERS = jsonMarkers(['"gen_ai.usage.', '"gen_ai.conversation.id"', '"session.id"']);
const MODEL_ATTRS = ['gen_ai.response.model', 'gen_ai.request.model'];
const SESSION_ATTRS: [string, number][] = [
  ['gen_ai.conversation.id', 3],
  ['copilot_chat.session_id', 3],
  ['copilot_chat.chat_session_id', 3],
  ['session.id', 3],
  ['github.copilot.interaction_id', 2],
  ['gen_ai.response.id', 1],
];

type Attrs = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const firstAttr = (a: Attrs, keys: string[]): string | undefined => keys.map((k) => str(a[k])).find((v) => v !== undefined);

function bestSession(a: Attrs): [string, number] | undefined {
  let best: [string, number] | undefined;
  for (const [k, p] of SESSION_ATTRS) {
    const v = str(a[k]);
    if (v !== undefined && (!best || p > best[1])) best = [v, p];
  }
  return best;
}

function isSpan(r: OtelRecord): boolean {
  if (r.type !== undefined) return r.type === 'span';
  return str(r.name) !== undefined && (r.spanId !== undefined || r.traceId !== undefined || 'startTime' in r || 'endTime' in r || 'duration' in r || 'kind' in r);
}

function kindOf(r: OtelRecord): number {
  const a = r.attributes;
  const op = str(a['gen_ai.operation.name']);
  const name = str(r.name) ?? '';
  const event = str(a['event.name']);
  const body = str(r.body) ?? str(r._body) ?? '';
  if (isSpan(r)) {
    if (op === 'chat' || name.startsWith('chat ')) return CHAT;
    if (op === 'invoke_agent' || name.startsWith('invoke_agent ')) return SUMMARY;
    return NONE;
  }
  if (event === 'gen_ai.client.inference.operation.details' || body.startsWith('GenAI inference:')) return INFERENCE;
  if (event === 'copilot_chat.agent.turn' || body.startsWith('copilot_chat.agent.turn')) return TURN;
  return NONE;
}

/** CLI or VS Code Chat: the exporter's service name, its scope name, else the line's shape. */
function sourceOf(r: OtelRecord): OtelSource {
  const service = str(r.resource?.attributes?.['service.name']);
  if (service === 'github-copilot') return 'copilot';
  if (service === 'copilot-chat') return 'copilot-chat';
  const scope = str(r.instrumentationScope?.name);
  if (scope === 'github.copilot') return 'copilot';
  if (scope === 'copilot-chat') return 'copilot-chat';
  return r.type !== undefined ? 'copilot' : 'copilot-chat';
}

function nonNegative(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** `[seconds, nanoseconds]` (OpenTelemetry JS hrtime) to epoch ms. */
function fromHrTime(v: unknown): number | undefined {
  if (!Array.isArray(v)) return undefined;
  const s = nonNegative(v[0]);
  const ns = nonNegative(v[1]);
  return s === undefined || ns === undefined ? undefined : s * 1000 + Math.trunc(ns / 1e6);
}

/** A number in seconds, ms, µs or ns (by magnitude) to epoch ms. */
function fromScalar(v: unknown): number | undefined {
  const n = nonNegative(v);
  if (n === undefined) return undefined;
  if (n >= 1e17) return Math.trunc(n / 1e6);
  if (n >= 1e14) return Math.trunc(n / 1e3);
  if (n >= 1e11) return n;
  return n * 1000;
}

function timestampOf(r: OtelRecord): number | undefined {
  const rec = r as Record<string, unknown>;
  for (const k of ['endTime', 'startTime', 'hrTime', '_hrTime', 'time']) {
    const t = fromHrTime(rec[k]);
    if (t !== undefined) return t;
  }
  const t = fromScalar(rec.timestamp) ?? fromScalar(rec.observedTimestamp);
  if (t !== undefined) return t;
  const nanos = nonNegative(rec.timeUnixNano);
  return nanos !== undefined && nanos > 0 ? Math.trunc(nanos / 1e6) : undefined;
}

const firstPositive = (...vs: (number | undefined)[]): number => vs.find((v) => v !== undefined && v > 0) ?? 0;

interface Tokens {
  input: number;
  output: number;
  cacheCreation: number;
  cacheRead: number;
  reasoning: number;
}

function tokensOf(u: OtelUsage): Tokens {
  const promptTokens = u['gen_ai.usage.input_tokens'] ?? 0;
  const cacheRead = u['gen_ai.usage.cache_read.input_tokens'] ?? 0;
  const t: Tokens = {
    input: promptTokens - Math.min(promptTokens, cacheRead),
    output: u['gen_ai.usage.output_tokens'] ?? 0,
    cacheCreation: firstPositive(u['gen_ai.usage.cache_write.input_tokens'], u['gen_ai.usage.cache_creation.input_tokens']),
    cacheRead,
    reasoning: firstPositive(u['gen_ai.usage.reasoning.output_tokens'], u['gen_ai.usage.reasoning_tokens']),
  };
  const total = firstPositive(u['gen_ai.usage.total_tokens'], u['gen_ai.usage.total.token_count']);
  if (t.input + t.output + t.cacheCreation + t.cacheRead === 0 && total > 0) t.output = total;
  t.reasoning = Math.min(t.reasoning, t.output);
  return t;
}

export function createOtelParser(prior: unknown): FileParser {
  const st: OtelFileState = isObject(prior) ? { ...(prior as OtelFileState) } : {};
  const traces = (st.t = { ...(st.t ?? {}) });
  const responses = (st.r = { ...(st.r ?? {}) });
  let emitted = [...(st.e ?? [])];

  return {
    jsonLines: true,
    parseRegion(buf, start, end, sink): void {
      forEachMarkedLine(buf, start, end, MARKERS, (ls, le) => {
        const raw = parseJsonLine(buf.toString('utf8', ls, le), sink);
        if (raw === undefined) return;
        const parsed = otelRecordSchema.safeParse(raw);
        if (!parsed.success) {
          sink.skip(issueReason(parsed.error));
          return;
        }
        onRecord(parsed.data, sink);
      });
    },
    finish(): void {},
    state(): unknown {
      st.e = emitted;
      return st;
    },
  };

  function onRecord(r: OtelRecord, sink: ParseSink): void {
    const a = r.attributes;
    const traceId = str(r.traceId) ?? str(r.spanContext?.traceId);
    const spanId = str(r.spanId) ?? str(r.spanContext?.spanId);
    const trace = traceId ? (traces[traceId] ??= {}) : undefined;
    if (trace) {
      trace.m ??= firstAttr(a, MODEL_ATTRS);
      const s = bestSession(a);
      if (s && s[1] > (trace.p ?? 0)) [trace.s, trace.p] = s;
    }
    const kind = kindOf(r);
    if (kind === NONE) return;
    const usage = otelUsageSchema.safeParse(a);
    if (!usage.success) {
      sink.skip(issueReason(usage.error));
      return;
    }
    const t = tokensOf(usage.data);
    if (t.input + t.output + t.cacheCreation + t.cacheRead === 0) return;
    const ts = timestampOf(r);
    if (ts === undefined) {
      sink.skip('no timestamp');
      return;
    }
    const n = (st.n = (st.n ?? 0) + 1);
    const response = str(a['gen_ai.response.id']);
    if ((trace?.l ?? NONE) < kind || (response !== undefined && (responses[response] ?? NONE) < kind)) return;
    const source = sourceOf(r);
    const session = bestSession(a)?.[0] ?? trace?.s ?? traceId ?? 'unknown-session';
    const model = firstAttr(a, MODEL_ATTRS) ?? trace?.m;
    const turn = nonNegative(a['turn.index']) ?? nonNegative(a['copilot_chat.turn.index']) ?? n;
    const key = response
      ? `otel|response|${response}`
      : traceId && (spanId || kind === TURN)
        ? `otel|${kind}|${traceId}:${kind === TURN ? turn : spanId}`
        : `otel|${kind}|${session}|${ts}|${n}`;
    const record: UsageRecord = { ...usageRecord(source, key, { sessionId: session, project: '', model, timestamp: ts, ...t }), key2: COPILOT_KEY2_OTEL };
    // Records this one outranks (same trace or response, a lower kind) are taken back first.
    emitted = emitted.filter(([k, level, tr, resp, src]) => {
      const outranked = level > kind && ((traceId !== undefined && tr === traceId) || (response !== undefined && resp === response));
      if (outranked) sink.record(retraction(src, k));
      return !outranked;
    });
    sink.record(record);
    if (kind > CHAT) emitted.push([record.key1, kind, traceId ?? '', response ?? '', source]);
    if (trace) trace.l = Math.min(trace.l ?? NONE, kind);
    if (response !== undefined) responses[response] = Math.min(responses[response] ?? NONE, kind);
  }
}

/** A zero, costless copy: the store deletes the record stored under its key. */
function retraction(source: OtelSource, key1: number): UsageRecord {
  return { ...usageRecord(source, '', { sessionId: '', project: '', model: '', timestamp: 0, input: 0, output: 0 }), key1, key2: COPILOT_KEY2_OTEL };
}
