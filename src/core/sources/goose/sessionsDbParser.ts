// Goose's `sessions` table: one row per session, `id, model_config_json ({"model_name": …}),
// provider_name, created_at ("YYYY-MM-DD HH:MM:SS" UTC, or epoch), working_dir, input_tokens,
// output_tokens, total_tokens` and the session's running `accumulated_*` versions. As ccusage 20.0.24
// reads it: the accumulated counts when above 0, else the others; any rest of the total beyond input
// and output is reasoning (output here; ccusage adds it to its total and cost, not its output column);
// no cache split is recorded.
import type { DocumentParser } from '../../scan/readWholeFile';
import type { SqlValue } from '../../scan/sqliteReader';
import { parseTimestamp } from '../../scan/timestamp';
import { sqliteDocumentParser, sqlNumber, sqlText, usageRecord } from '../sourceRecords';

const positive = (v: SqlValue | undefined): number | undefined => {
  const n = sqlNumber(v);
  return n !== undefined && n > 0 ? Math.trunc(n) : undefined;
};

/** `2026-05-01 01:02:03` (SQLite's CURRENT_TIMESTAMP, UTC), a date, epoch seconds or ms, or ISO. */
export function gooseTime(v: SqlValue | undefined): number | undefined {
  const n = sqlNumber(v);
  if (n !== undefined) return n > 0 ? (n > 1e12 ? n : n * 1000) : undefined;
  const s = sqlText(v);
  if (!s) return undefined;
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}$/.test(s)) return parseTimestamp(`${s.slice(0, 10)}T${s.slice(11)}Z`);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return parseTimestamp(`${s}T00:00:00Z`);
  return parseTimestamp(s);
}

function modelName(config: string | undefined): string | undefined {
  try {
    const m = (JSON.parse(config ?? '') as { model_name?: unknown }).model_name;
    return typeof m === 'string' && m.trim() ? m.trim() : undefined;
  } catch {
    return undefined;
  }
}

export function createGooseDbParser(): DocumentParser {
  return sqliteDocumentParser('Goose', (db, sink) => {
    if (!db.columns('sessions')) return;
    for (const row of db.rows('sessions')) {
      const id = sqlText(row.id);
      const model = modelName(sqlText(row.model_config_json));
      const ts = gooseTime(row.created_at);
      if (!id || !model || ts === undefined) continue;
      const input = positive(row.accumulated_input_tokens) ?? positive(row.input_tokens) ?? 0;
      const output = positive(row.accumulated_output_tokens) ?? positive(row.output_tokens) ?? 0;
      const total = positive(row.accumulated_total_tokens) ?? positive(row.total_tokens) ?? input + output;
      if (input + output + total === 0) continue;
      const reasoning = Math.max(0, total - input - output);
      sink.record(usageRecord('goose', `goose|${id}`, { sessionId: id, project: sqlText(row.working_dir) ?? '', model, timestamp: ts, input, output: output + reasoning, reasoning }));
    }
  });
}
