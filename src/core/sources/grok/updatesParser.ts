// A Grok Build CLI `updates.jsonl`: one ACP notification per line, `{"timestamp": <epoch seconds>,
// "method": "session/update" | "_x.ai/session/update", "params": {"sessionId", "update": {"sessionUpdate":
// …}, "_meta": {"eventId", "agentTimestampMs"}}}`. Usage is only on `turn_completed` updates: one turn's
// counts (not a running total), summed over the turn's model calls, split by model in `modelUsage`.
// See grokSource.ts for the evidence and for how ccusage 20.0.24 reads them.
import type { FileParser, ParseSink } from '../../scan/fileParser';
import { isObject, parseObjectLine } from '../../scan/jsonLine';
import { forEachMarkedLine } from '../../scan/markedLines';
import { jsonMarkers } from '../../scan/escapedMarker';
import { parseTimestamp } from '../../scan/timestamp';
import { usageRecord } from '../sourceRecords';
import { issueReason } from '../zodHelpers';
import { type GrokCounts, grokUsageSchema } from './updatesSchema';

export interface GrokFileInfo {
  path: string;
  /** The session folder's name, when a line has no `params.sessionId`. */
  sessionId: string;
  project: string;
  /** `summary.json` `current_model_id`, for a turn without `modelUsage`. */
  model: string | undefined;
}

const MARKERS = jsonMarkers(['"turn_completed"']);
const TICKS_PER_USD = 1e10;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** When the turn ended: `_meta.agentTimestampMs`, else `timestamp` (epoch seconds; an ISO string is read too). */
function turnTime(line: Record<string, unknown>, meta: Record<string, unknown> | undefined): number | undefined {
  const agentMs = meta?.agentTimestampMs;
  if (typeof agentMs === 'number' && Number.isFinite(agentMs) && agentMs > 0) return Math.trunc(agentMs);
  const ts = line.timestamp;
  if (typeof ts === 'number') return Number.isFinite(ts) && ts > 0 ? Math.trunc(ts * 1000) : undefined;
  return parseTimestamp(ts);
}

function ticksToUSD(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v / TICKS_PER_USD : undefined;
}

export function createGrokUpdatesParser(info: GrokFileInfo, _prior: unknown): FileParser {
  return {
    jsonLines: true,
    parseRegion(buf, start, end, sink): void {
      forEachMarkedLine(buf, start, end, MARKERS, (ls, le) => {
        const line = parseObjectLine(buf.toString('utf8', ls, le), sink);
        if (line) onLine(line, sink);
      });
    },
    finish(): void {},
    state(): unknown {
      return undefined;
    },
  };

  function onLine(line: Record<string, unknown>, sink: ParseSink): void {
    const params = isObject(line.params) ? line.params : undefined;
    const update = params && isObject(params.update) ? params.update : undefined;
    // A cancelled or failed turn has `usage: null`: nothing was counted, nothing is wrong with the line.
    if (!params || !update || update.sessionUpdate !== 'turn_completed' || update.usage === null || update.usage === undefined) return;
    const parsed = grokUsageSchema.safeParse(update.usage);
    if (!parsed.success) {
      sink.skip(issueReason(parsed.error).replace(/^invalid /, 'invalid usage.'));
      return;
    }
    const meta = isObject(params._meta) ? params._meta : undefined;
    const ts = turnTime(line, meta);
    if (ts === undefined) {
      sink.skip('invalid timestamp');
      return;
    }
    const usage = parsed.data;
    const sessionId = str(params.sessionId) ?? info.sessionId;
    const eventId = str(meta?.eventId);
    const byModel = usage.modelUsage ? Object.entries(usage.modelUsage).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
    const rows: [string | undefined, GrokCounts][] = byModel.length > 0 ? byModel : [[info.model, usage]];
    for (const [model, c] of rows) {
      const input = c.inputTokens ?? 0;
      const output = c.outputTokens ?? 0;
      const cached = c.cachedReadTokens ?? 0;
      const reasoning = c.reasoningTokens ?? 0;
      if (input + output + cached + reasoning === 0) continue;
      // Cache reads and writes are parts of inputTokens (inputTokens + outputTokens = totalTokens).
      const cacheRead = Math.min(cached, input);
      const cacheCreation = Math.min(c.cacheCreationTokens ?? 0, input - cacheRead);
      const costUSD = ticksToUSD(c.costUsdTicks);
      const key = eventId !== undefined ? `${eventId}|${model ?? ''}` : `${info.path}|${ts}|${model ?? ''}|${input}|${output}|${cached}|${reasoning}`;
      sink.record(
        usageRecord('grok', key, {
          sessionId,
          project: info.project,
          model,
          timestamp: ts,
          input: input - cacheRead - cacheCreation,
          output,
          cacheRead,
          cacheCreation,
          reasoning: Math.min(reasoning, output),
          ...(costUSD !== undefined ? { costUSD } : {}),
        }),
      );
    }
  }
}
