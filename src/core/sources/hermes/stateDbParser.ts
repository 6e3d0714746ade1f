// Hermes's `sessions` table: one row per session with its totals (`id, model, billing_provider,
// started_at` (epoch seconds), `input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
// reasoning_tokens, estimated_cost_usd, actual_cost_usd`). As ccusage 20.0.24 reads it: rows with a
// model and some tokens or cost, one record per session (the same session in two databases counts
// once), the actual cost when above 0 (else the list price); reasoning is output here (ccusage adds it
// to its total and cost, not its output column). Unlike ccusage, which reads a NULL actual cost as 0,
// Hermes's estimate is taken when there is no actual cost.
import type { ParseSink } from '../../scan/fileParser';
import { hashUtf8 } from '../../scan/byteValues';
import type { DocumentParser } from '../../scan/readWholeFile';
import { applyWal, SqliteFormatError, SqliteImage, type SqlValue } from '../../scan/sqliteReader';
import type { UsageRecord } from '../../scan/usageRecord';

function text(v: SqlValue | undefined): string | undefined {
  const s = typeof v === 'string' ? v : v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : undefined;
  return s?.trim() || undefined;
}

function num(v: SqlValue | undefined): number | undefined {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

const count = (v: SqlValue | undefined): number => Math.max(0, Math.trunc(num(v) ?? 0));

export function createHermesDbParser(): DocumentParser {
  return {
    parseDocument(): void {
      throw new Error('Hermes databases are read as bytes');
    },
    parseBytes(bytes: Buffer, companions: (Buffer | undefined)[], sink: ParseSink): boolean {
      const records: UsageRecord[] = [];
      try {
        const db = new SqliteImage(applyWal(bytes, companions[0]));
        if (!db.columns('sessions')) {
          sink.skip('no sessions table (a Hermes schema this version does not read)');
          return true;
        }
        for (const row of db.rows('sessions')) {
          const id = text(row.id);
          const model = text(row.model);
          const started = num(row.started_at);
          if (!id || !model || started === undefined || started <= 0) continue;
          const input = count(row.input_tokens);
          const output = count(row.output_tokens);
          const cacheRead = count(row.cache_read_tokens);
          const cacheCreation = count(row.cache_write_tokens);
          const reasoning = count(row.reasoning_tokens);
          const actual = num(row.actual_cost_usd);
          const cost = Math.max(0, actual ?? num(row.estimated_cost_usd) ?? 0);
          if (input + output + cacheRead + cacheCreation + reasoning === 0 && cost === 0) continue;
          records.push({
            source: 'hermes',
            sessionId: id,
            project: text(row.cwd) ?? '',
            model,
            timestamp: Math.trunc(started > 1e12 ? started : started * 1000),
            ...(cost > 0 ? { costUSD: cost } : {}),
            input,
            output: output + reasoning,
            cacheCreation,
            cacheCreation1h: 0,
            cacheRead,
            reasoning,
            key1: hashUtf8(`hermes|${id}`),
            key2: 0,
            hasKey: true,
            sidechain: false,
          });
        }
      } catch (err) {
        // An image caught mid-checkpoint can be inconsistent: read again next scan.
        if (err instanceof SqliteFormatError || err instanceof RangeError) return false;
        throw err;
      }
      for (const r of records) sink.record(r);
      return true;
    },
    state(): unknown {
      return undefined;
    },
  };
}
