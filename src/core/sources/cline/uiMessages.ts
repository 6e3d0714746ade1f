// A task's `ui_messages.json` (log-formats.md §4.2–4.4): a JSON array of ClineMessage, rewritten whole
// as the task runs. Usage is the `say: "api_req_started"` rows, whose `text` is a JSON string
// {tokensIn, tokensOut, cacheWrites, cacheReads, cost, …} (a legacy `api_req_finished` row completes
// the started row before it); `deleted_api_reqs` (usage of requests the user deleted: still spent),
// `subagent_usage` and Roo's `condense_context` cost count too. The cost the extension recorded is kept
// as the record's cost. Roo-style rows (with `apiProtocol`) count cache reads and writes inside
// `tokensIn`; classic Cline rows do not.
import type { ParseSink, ParserOptions } from '../../scan/fileParser';
import { hashUtf8 } from '../../scan/byteValues';
import type { DocumentParser } from '../../scan/readWholeFile';
import type { UsageRecord } from '../../scan/usageRecord';
import type { SourceId } from '../../types';

export interface TaskInfo {
  source: SourceId;
  taskId: string;
  project: string;
}

type Json = Record<string, unknown>;

const USAGE_SAYS = new Set(['api_req_started', 'deleted_api_reqs', 'subagent_usage']);

function count(v: unknown): number {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.max(0, Math.round(v));
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return 0;
}

function cost(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

function parseInfo(text: unknown): Json | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
  } catch {
    return undefined;
  }
}

interface Row {
  ts: number;
  say: string;
  info: Json;
  model?: string;
}

export function createUiMessagesParser(task: TaskInfo, options: ParserOptions): DocumentParser {
  return {
    parseDocument(doc: unknown, sink: ParseSink): void {
      if (!Array.isArray(doc)) {
        sink.skip('not a task message list');
        return;
      }
      const rows: Row[] = [];
      let model: string | undefined;
      for (const m of doc) {
        if (typeof m !== 'object' || m === null) {
          sink.skip('not a message object');
          continue;
        }
        const msg = m as Json;
        const modelId = (msg.modelInfo as Json | undefined)?.modelId;
        if (typeof modelId === 'string' && modelId) model = modelId;
        const ts = typeof msg.ts === 'number' && Number.isFinite(msg.ts) ? msg.ts : undefined;
        if (msg.type === 'ask' && msg.ask === 'command' && options.toolRuns && ts !== undefined && typeof msg.text === 'string' && msg.text.trim()) {
          // No exit code is recorded (§4.4): the run is reported without one.
          sink.toolRun({ source: task.source, sessionId: task.taskId, cwd: task.project, command: msg.text.trim(), timestamp: ts });
        }
        if (msg.type !== 'say' || typeof msg.say !== 'string') continue;
        if (msg.say === 'api_req_finished') {
          const info = parseInfo(msg.text);
          const started = rows.at(-1);
          if (info && started?.say === 'api_req_started') for (const [k, v] of Object.entries(info)) started.info[k] ??= v;
          continue;
        }
        let info: Json | undefined;
        if (USAGE_SAYS.has(msg.say)) {
          info = parseInfo(msg.text);
          if (!info) {
            sink.skip(`invalid ${msg.say} text`);
            continue;
          }
        } else if (msg.say === 'condense_context') {
          const c = cost((msg.contextCondense as Json | undefined)?.cost);
          if (c === undefined || c === 0) continue;
          info = { cost: c };
        } else continue;
        if (ts === undefined) {
          sink.skip('invalid timestamp');
          continue;
        }
        rows.push({ ts, say: msg.say, info, ...(model ? { model } : {}) });
      }
      const seen = new Map<string, number>();
      for (const row of rows) {
        const record = toRecord(task, row, seen);
        if (record) sink.record(record);
      }
    },
    state(): unknown {
      return undefined;
    },
  };
}

function toRecord(task: TaskInfo, row: Row, seen: Map<string, number>): UsageRecord | undefined {
  const i = row.info;
  const tokensIn = count(i.tokensIn);
  const output = count(i.tokensOut);
  const cacheCreation = count(i.cacheWrites);
  const cacheRead = count(i.cacheReads);
  const recorded = cost(i.cost);
  if (tokensIn + output + cacheCreation + cacheRead === 0 && !recorded) return undefined; // placeholder row
  const inclusive = typeof i.apiProtocol === 'string' && tokensIn >= cacheRead + cacheCreation;
  const id = `${task.source}|${task.taskId}|${row.ts}|${row.say}`;
  const n = seen.get(id) ?? 0;
  seen.set(id, n + 1);
  return {
    source: task.source,
    sessionId: task.taskId,
    project: task.project,
    model: row.model ?? 'unknown',
    ...(row.model ? {} : { modelIsFallback: true }),
    timestamp: row.ts,
    input: inclusive ? tokensIn - cacheRead - cacheCreation : tokensIn,
    output,
    cacheCreation,
    cacheCreation1h: 0,
    cacheRead,
    reasoning: 0,
    ...(recorded !== undefined ? { costUSD: recorded } : {}),
    key1: hashUtf8(`${id}|${n}`),
    key2: 0,
    hasKey: true,
    sidechain: false,
  };
}
