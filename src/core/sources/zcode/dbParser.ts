// ZCode's database `cli/db/db.sqlite`. There is no format document; what this reads, and how, comes from:
// - ccusage 20.0.24's binary (`adapters/zcode/src/loader.rs`), its strings: `SELECT m.id, m.session_id,
//   m.started_at, m.model_id, m.input_tokens, m.output_tokens, …, s.directory, … FROM model_usage m
//   LEFT JOIN session s ON s.id = m.session_id WHERE m.status = 'completed'`, the optional columns
//   `cache_creation_input_tokens`, `cache_read_input_tokens`, `computed_total_tokens`, `provider_id` and
//   `s.version` (layouts "legacy" and "session-versioned"), `PRAGMA query_only`, the Z.ai providers
//   `zai`, `zai-coding-plan`, `builtin:zai-coding-plan`, `builtin:bigmodel-coding-plan`, and "ZCode
//   entries always have message IDs";
// - the binary run on databases made with the real SQLite (`ccusage zcode daily|session --json
//   --offline`): the seven columns above and a `session(id, directory)` table are required (else
//   nothing is read); `version` changes nothing in the reports; rows are read in table order, only
//   `status = 'completed'` exactly, and the first valid row of each `id` counts (also across
//   ZCODE_HOME roots); a row without an id, a session, a model (trimmed) or a start time > 0 is
//   dropped, as is one with no tokens at all; `started_at` is epoch milliseconds (an integer in
//   seconds lands in 1970); counts are SQLite integers (NULL, text and negatives are 0);
//   `input_tokens` includes the cache: cache reads are taken from it first, then cache writes, each
//   capped to what is left; the total is `computed_total_tokens` when larger than input + output;
//   when `output_tokens` is 0 the rest of the total is the output, else it is added to the total and
//   priced as output but not shown as output (here: output, as reasoning); the project is the first
//   session row's directory; the model is priced (`zai/` prices) only when `provider_id` is absent,
//   NULL or a Z.ai provider (case and spaces aside): any other provider (the user's own endpoint or
//   key) costs 0 in ccusage, and is recorded here with a cost of 0 too;
// - public readers of real ZCode databases (the code corpus): `model_usage` has `id TEXT PRIMARY KEY`,
//   `session_id`, `turn_id`, `provider_id`, `model_id`, `status` (completed / cancelled / error),
//   `started_at` (epoch ms), `input_tokens`, `output_tokens`, `reasoning_tokens`, the cache columns and
//   `computed_total_tokens`; `session` has `directory`.
// Deviations, on rows ZCode does not write: a `started_at` that is not a number is a skipped row here
// (SQLite's integer cast makes `2026-05-01T…` a time of 2026 ms for ccusage), and a message id found in
// two databases keeps the larger copy (the store's rule) instead of the first root's.
// Cost differs in one known case: ccusage prices the cache writes of Z.ai's GLM models at the input price,
// where the LiteLLM table (ours too) lists a cache-write price of 0; token counts are the same.
// Tool runs: not read. The database has a `tool_usage` table (`session_id`, `tool_name`, `started_at`)
// without commands or exit codes, so it says nothing about outcomes.
import type { ParseSink } from '../../scan/fileParser';
import type { DocumentParser } from '../../scan/readWholeFile';
import type { SqliteImage, SqlValue } from '../../scan/sqliteReader';
import { sqliteDocumentParser, sqlText, usageRecord } from '../sourceRecords';

const REQUIRED = ['id', 'session_id', 'started_at', 'model_id', 'input_tokens', 'output_tokens', 'status'];
const ZAI_PROVIDERS = new Set(['zai', 'zai-coding-plan', 'builtin:zai-coding-plan', 'builtin:bigmodel-coding-plan']);

/** An SQLite integer as ccusage reads it: reals truncated, integer text parsed, anything else 0. */
export function zcodeInteger(v: SqlValue | undefined): number {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : 0;
  if (typeof v === 'string') {
    const m = /^\s*([+-]?\d+)/.exec(v);
    return m ? Number(m[1]) : 0;
  }
  return 0;
}

const count = (v: SqlValue | undefined): number => Math.max(0, zcodeInteger(v));

/** `started_at` in epoch ms: a number or numeric text above 0. */
function startedAt(v: SqlValue | undefined): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+(?:\.\d*)?\s*$/.test(v) ? Number(v) : undefined;
  return n !== undefined && Number.isFinite(n) && Math.trunc(n) > 0 ? Math.trunc(n) : undefined;
}

export interface ZcodeTokens {
  input: number;
  output: number;
  cacheRead: number;
  cacheCreation: number;
  /** The part of the total beyond input and output, counted as output. */
  reasoning: number;
}

/** One row's counts in our buckets (input without the cache); undefined when it has none. */
export function zcodeTokens(row: Record<string, SqlValue>): ZcodeTokens | undefined {
  const raw = count(row.input_tokens);
  let output = count(row.output_tokens);
  const total = Math.max(zcodeInteger(row.computed_total_tokens), raw + output);
  if (total === 0) return undefined;
  const cacheRead = Math.min(count(row.cache_read_input_tokens), raw);
  const cacheCreation = Math.min(count(row.cache_creation_input_tokens), raw - cacheRead);
  let reasoning = 0;
  if (output === 0) output = total - raw;
  else reasoning = total - raw - output;
  return { input: raw - cacheRead - cacheCreation, output: output + reasoning, cacheRead, cacheCreation, reasoning };
}

/** The first row's directory of every session id (a blank one is no project). */
function sessionDirectories(db: SqliteImage): Map<string, string> {
  const dirs = new Map<string, string>();
  for (const s of db.rows('session')) {
    const id = typeof s.id === 'string' ? s.id : undefined;
    if (id !== undefined && !dirs.has(id)) dirs.set(id, sqlText(s.directory) ?? '');
  }
  return dirs;
}

function readRows(db: SqliteImage, sink: ParseSink): void {
  const usage = db.columns('model_usage');
  const session = db.columns('session');
  if (!usage && !session) return;
  const missing = [...REQUIRED.filter((c) => !usage?.includes(c)), ...['id', 'directory'].filter((c) => !session?.includes(c)).map((c) => `session.${c}`)];
  if (missing.length > 0) {
    sink.skip(`unsupported ZCode schema (missing ${missing.join(', ')})`);
    return;
  }
  const dirs = sessionDirectories(db);
  const hasProvider = usage!.includes('provider_id');
  const seen = new Set<string>();
  for (const row of db.rows('model_usage')) {
    if (row.status !== 'completed') continue;
    const id = typeof row.id === 'string' && row.id !== '' ? row.id : undefined;
    const sessionId = typeof row.session_id === 'string' && row.session_id !== '' ? row.session_id : undefined;
    const model = sqlText(row.model_id);
    const timestamp = startedAt(row.started_at);
    const reason = !id ? 'row without a message id' : !sessionId ? 'row without a session' : !model ? 'row without a model' : timestamp === undefined ? 'invalid timestamp' : undefined;
    if (reason) {
      sink.skip(reason);
      continue;
    }
    if (seen.has(id!)) continue;
    const tokens = zcodeTokens(row);
    if (!tokens) continue;
    seen.add(id!);
    const provider = hasProvider && row.provider_id !== null ? String(row.provider_id).trim().toLowerCase() : undefined;
    sink.record(
      usageRecord('zcode', `zcode|${id!}`, {
        sessionId: sessionId!,
        project: dirs.get(sessionId!) ?? '',
        model,
        timestamp: timestamp!,
        ...tokens,
        ...(provider !== undefined && !ZAI_PROVIDERS.has(provider) ? { costUSD: 0 } : {}),
      }),
    );
  }
}

export function createZcodeDbParser(): DocumentParser {
  return sqliteDocumentParser('ZCode', readRows);
}
