// Hermes's `sessions` table: one row per session with its totals (`id, model, billing_provider,
// started_at` (epoch seconds), `input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
// reasoning_tokens, estimated_cost_usd, actual_cost_usd`). As ccusage 20.0.24 reads it: rows with a
// model and some tokens or cost, one record per session (the same session in two databases counts
// once), the actual cost when above 0 (else the list price); reasoning is output here (ccusage adds it
// to its total and cost, not its output column). Unlike ccusage, which reads a NULL actual cost as 0,
// Hermes's estimate is taken when there is no actual cost.
import type { DocumentParser } from '../../scan/readWholeFile';
import type { SqlValue } from '../../scan/sqliteReader';
import { sqliteDocumentParser, sqlNumber, sqlText, usageRecord } from '../sourceRecords';

const count = (v: SqlValue | undefined): number => Math.max(0, Math.trunc(sqlNumber(v) ?? 0));

export function createHermesDbParser(): DocumentParser {
  return sqliteDocumentParser('Hermes', (db, sink) => {
    if (!db.columns('sessions')) {
      sink.skip('no sessions table (a Hermes schema this version does not read)');
      return;
    }
    for (const row of db.rows('sessions')) {
      const id = sqlText(row.id);
      const model = sqlText(row.model);
      const started = sqlNumber(row.started_at);
      if (!id || !model || started === undefined || started <= 0) continue;
      const input = count(row.input_tokens);
      const output = count(row.output_tokens);
      const cacheRead = count(row.cache_read_tokens);
      const cacheCreation = count(row.cache_write_tokens);
      const reasoning = count(row.reasoning_tokens);
      const cost = Math.max(0, sqlNumber(row.actual_cost_usd) ?? sqlNumber(row.estimated_cost_usd) ?? 0);
      if (input + output + cacheRead + cacheCreation + reasoning === 0 && cost === 0) continue;
      const timestamp = Math.trunc(started > 1e12 ? started : started * 1000);
      sink.record(usageRecord('hermes', `hermes|${id}`, { sessionId: id, project: sqlText(row.cwd) ?? '', model, timestamp, input, output: output + reasoning, cacheCreation, cacheRead, reasoning, ...(cost > 0 ? { costUSD: cost } : {}) }));
    }
  });
}
