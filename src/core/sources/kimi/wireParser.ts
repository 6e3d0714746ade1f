// A Kimi CLI `wire.jsonl`: `{"timestamp": <epoch seconds>, "message": {"type": …, "payload": …}}` lines
// (and a `{"type": "metadata"}` header). Usage is in `StatusUpdate` payloads: `token_usage {input_other,
// output, input_cache_read, input_cache_creation, total}` (input without cache), per request, with the
// `message_id`. As ccusage 20.0.24 reads it: keyed by session, message id, time, model and counts (a
// line written twice counts once); when the parts are all 0, `total` is the output. Kimi models have no
// price in the bundled table (ccusage prices `kimi-for-coding` as Moonshot's kimi-k2.5/k2.6): their cost
// shows as unknown.
import type { FileParser, ParseSink } from '../../scan/fileParser';
import { forEachMarkedLine } from '../../scan/markedLines';
import { jsonMarkers } from '../../scan/escapedMarker';
import { parseTimestamp } from '../../scan/timestamp';
import { usageRecord } from '../sourceRecords';
import { isObject, parseJsonLine } from '../../scan/jsonLine';

export const DEFAULT_KIMI_MODEL = 'kimi-for-coding';

type Json = Record<string, unknown>;
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.trunc(v) : 0);

const MARKERS = jsonMarkers(['"token_usage"']);

export interface KimiFileInfo {
  sessionId: string;
  project: string;
  model: string;
}

export function createKimiWireParser(info: KimiFileInfo, _prior: unknown): FileParser {
  return {
    jsonLines: true,
    parseRegion(buf, start, end, sink): void {
      forEachMarkedLine(buf, start, end, MARKERS, (ls, le) => {
        const line = parseJsonLine(buf.toString('utf8', ls, le), sink);
        if (isObject(line)) onLine(line, sink);
      });
    },
    finish(): void {},
    state(): unknown {
      return undefined;
    },
  };

  function onLine(line: Json, sink: ParseSink): void {
    const msg = isObject(line.message) ? line.message : undefined;
    if (!msg || msg.type !== 'StatusUpdate' || !isObject(msg.payload) || !isObject(msg.payload.token_usage)) return;
    const u = msg.payload.token_usage;
    const input = count(u.input_other);
    let output = count(u.output);
    const cacheRead = count(u.input_cache_read);
    const cacheCreation = count(u.input_cache_creation);
    const total = count(u.total);
    if (input + output + cacheRead + cacheCreation === 0) output = total;
    else output += Math.max(0, total - (input + output + cacheRead + cacheCreation));
    if (input + output + cacheRead + cacheCreation === 0) return;
    const ts = typeof line.timestamp === 'number' && Number.isFinite(line.timestamp) ? Math.trunc(line.timestamp * 1000) : parseTimestamp(line.timestamp);
    if (ts === undefined) {
      sink.skip('invalid timestamp');
      return;
    }
    const id = typeof msg.payload.message_id === 'string' ? msg.payload.message_id : '';
    sink.record(usageRecord('kimi', `${info.sessionId}|${id}|${ts}|${info.model}|${input}|${output}|${cacheCreation}|${cacheRead}`, { sessionId: info.sessionId, project: info.project, model: info.model, timestamp: ts, input, output, cacheCreation, cacheRead }));
  }
}
