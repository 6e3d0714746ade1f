// The Kilo CLI database: OpenCode's schema (log-formats.md §5.2): `message(id, session_id, data)` with
// assistant `data` `{id, role, modelID, providerID, time: {created}, cost, tokens: {input, output,
// reasoning, cache: {read, write}, total}}` (input without cache), and `session(id, directory)`. As
// ccusage 20.0.24 reads it: assistant messages with a model and a creation time, once per message id
// (also across databases), the recorded `cost` whenever there is one (also 0; else the list price);
// reasoning and any rest of `total` are output here (ccusage adds them to its total and cost, not its
// output column); when the parts are all 0, `total` is the output.
import type { ParseSink } from '../../scan/fileParser';
import type { DocumentParser } from '../../scan/readWholeFile';
import type { UsageRecord } from '../../scan/usageRecord';
import { readSqlite, sqlText, usageRecord } from '../sourceRecords';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.trunc(v) : 0);

export function createKiloDbParser(): DocumentParser {
  return {
    parseDocument(): void {
      throw new Error('Kilo databases are read as bytes');
    },
    parseBytes(bytes: Buffer, companions: (Buffer | undefined)[], sink: ParseSink): boolean {
      const records: UsageRecord[] = [];
      let malformed = 0;
      const ok = readSqlite(bytes, companions[0], (db) => {
        if (!db.columns('message')) return;
        const dirs = new Map<string, string>();
        if (db.columns('session')) {
          for (const s of db.rows('session')) {
            const id = sqlText(s.id);
            const dir = sqlText(s.directory);
            if (id && dir) dirs.set(id, dir);
          }
        }
        for (const row of db.rows('message')) {
          let m: unknown;
          try {
            m = JSON.parse(sqlText(row.data) ?? '');
          } catch {
            malformed++;
            continue;
          }
          if (!isObject(m) || m.role !== 'assistant' || !isObject(m.tokens)) continue;
          const t = m.tokens;
          const cache = isObject(t.cache) ? t.cache : {};
          const input = count(t.input);
          let output = count(t.output);
          const cacheRead = count(cache.read);
          const cacheCreation = count(cache.write);
          const parts = input + output + cacheRead + cacheCreation;
          const rest = Math.max(count(t.reasoning), count(t.total) - parts);
          output += parts === 0 ? count(t.total) : rest;
          if (input + output + cacheRead + cacheCreation === 0) continue;
          const model = typeof m.modelID === 'string' && m.modelID.trim() ? m.modelID.trim() : undefined;
          const created = isObject(m.time) && typeof m.time.created === 'number' && m.time.created > 0 ? m.time.created : undefined;
          if (!model || created === undefined) continue;
          const session = sqlText(row.session_id) ?? '';
          const id = typeof m.id === 'string' && m.id ? m.id : `${session}:${sqlText(row.id) ?? ''}`;
          records.push(
            usageRecord('kilo-cli', `kilo|${id}`, {
              sessionId: session,
              project: dirs.get(session) ?? '',
              model,
              timestamp: created < 1e12 ? created * 1000 : created,
              input,
              output,
              cacheCreation,
              cacheRead,
              reasoning: Math.min(count(t.reasoning), output),
              ...(typeof m.cost === 'number' && Number.isFinite(m.cost) ? { costUSD: Math.max(0, m.cost) } : {}),
            }),
          );
        }
      });
      if (!ok) return false;
      for (let i = 0; i < malformed; i++) sink.skip('malformed message data');
      for (const r of records) sink.record(r);
      return true;
    },
    state(): unknown {
      return undefined;
    },
  };
}
