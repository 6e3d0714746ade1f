// The Kilo CLI database: OpenCode's schema (log-formats.md §5.2): `message(id, session_id, data)` with
// assistant `data` `{id, role, modelID, providerID, time: {created}, cost, tokens: {input, output,
// reasoning, cache: {read, write}, total}}` (input without cache), and `session(id, directory)`. As
// ccusage 20.0.24 reads it: assistant messages with a model and a creation time, once per message id
// (also across databases), the recorded `cost` whenever there is one (also 0; else the list price);
// reasoning and any rest of `total` are output here (ccusage adds them to its total and cost, not its
// output column); when the parts are all 0, `total` is the output.
//
// Tool runs, from the `part` table (log-formats.md §5.2): `{type: "tool", tool: "bash", state: {status,
// input: {command}, metadata: {exit, interrupted}, time: {start}}}` (a run still going has no exit; an
// interrupted one counts as no result), and completed `edit`, `write`, `patch`, `multiedit` calls.
import type { ParserOptions } from '../../scan/fileParser';
import type { DocumentParser } from '../../scan/readWholeFile';
import type { ToolRunEvent } from '../../types';
import { sqliteDocumentParser, sqlText, usageRecord } from '../sourceRecords';
import { isObject } from '../../scan/jsonLine';

type Json = Record<string, unknown>;
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.trunc(v) : 0);

const EDIT_TOOLS = new Set(['edit', 'write', 'patch', 'multiedit']);

/** A tool part as a run: the raw command of a bash call (classified by the scanner), or an edit. */
function toolRun(data: Json, session: string, cwd: string, created: number | undefined): ToolRunEvent | undefined {
  const state = isObject(data.state) ? data.state : {};
  const tool = typeof data.tool === 'string' ? data.tool : '';
  const time = isObject(state.time) && typeof state.time.start === 'number' ? state.time.start : created;
  if (time === undefined) return undefined;
  if (EDIT_TOOLS.has(tool)) return state.status === 'completed' ? { source: 'kilo-cli', sessionId: session, cwd, command: 'Edit', kind: 'edit', timestamp: time } : undefined;
  const command = tool === 'bash' && isObject(state.input) && typeof state.input.command === 'string' ? state.input.command : undefined;
  if (!command) return undefined;
  const meta = isObject(state.metadata) ? state.metadata : {};
  const done = state.status === 'completed' || state.status === 'error';
  const exitCode = done && meta.interrupted !== true && typeof meta.exit === 'number' ? meta.exit : undefined;
  return { source: 'kilo-cli', sessionId: session, cwd, command, timestamp: time, ...(exitCode !== undefined ? { exitCode } : {}) };
}

export function createKiloDbParser(options: ParserOptions): DocumentParser {
  return sqliteDocumentParser('Kilo', (db, sink) => {
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
        sink.skip('malformed message data');
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
      sink.record(
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
    if (options.toolRuns && db.columns('part')) {
      for (const row of db.rows('part')) {
        const text = sqlText(row.data);
        if (!text || !text.includes('"tool"')) continue;
        let data: unknown;
        try {
          data = JSON.parse(text);
        } catch {
          continue;
        }
        if (!isObject(data) || data.type !== 'tool') continue;
        const session = sqlText(row.session_id) ?? '';
        const created = typeof row.time_created === 'number' ? row.time_created : undefined;
        const run = toolRun(data, session, dirs.get(session) ?? '', created);
        if (run) sink.toolRun(run);
      }
    }
  });
}
