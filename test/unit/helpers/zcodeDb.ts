// ZCode `cli/db/db.sqlite` databases (see src/core/sources/zcode/dbParser.ts) made by the real SQLite
// (python3's sqlite3), in WAL mode with the commits left in `-wal`. Columns left out of `usageColumns`
// or `sessionColumns` are not created (older or unsupported layouts).
import { join } from 'node:path';
import { writeWalDatabase } from './walSqlite';

const STATEMENTS = String.raw`
types = {'started_at': 'INTEGER', 'completed_at': 'INTEGER', 'attempt_index': 'INTEGER', 'version': 'INTEGER'}
def create(table, cols, key):
    defs = ', '.join(n + ' ' + (types.get(n) or ('INTEGER' if n.endswith('tokens') else 'TEXT')) + (' PRIMARY KEY' if n == key else '') for n in cols)
    c.execute('CREATE TABLE IF NOT EXISTS %s (%s)' % (table, defs))
if spec['usageColumns'] is not None: create('model_usage', spec['usageColumns'], spec['usageKey'])
if spec['sessionColumns'] is not None: create('session', spec['sessionColumns'], None)
for table, rows in (('session', spec['sessions']), ('model_usage', spec['rows'])):
    for r in rows:
        cols = list(r.keys())
        c.execute('INSERT OR REPLACE INTO %s (%s) VALUES (%s)' % (table, ', '.join(cols), ', '.join('?' * len(cols))), [r[k] for k in cols])
`;

export const USAGE_COLUMNS = ['id', 'session_id', 'turn_id', 'provider_id', 'model_id', 'status', 'started_at', 'completed_at', 'attempt_index', 'input_tokens', 'output_tokens', 'reasoning_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens', 'computed_total_tokens'];
export const SESSION_COLUMNS = ['id', 'directory', 'version'];

export type Cell = string | number | null;

export interface ZcodeRow {
  id?: Cell;
  session_id?: Cell;
  provider_id?: Cell;
  model_id?: Cell;
  status?: Cell;
  started_at?: Cell;
  input_tokens?: Cell;
  output_tokens?: Cell;
  reasoning_tokens?: Cell;
  cache_creation_input_tokens?: Cell;
  cache_read_input_tokens?: Cell;
  computed_total_tokens?: Cell;
}

export interface ZcodeDb {
  rows: ZcodeRow[];
  sessions?: { id: string; directory?: string | null; version?: number }[];
  /** null: no model_usage table. */
  usageColumns?: string[] | null;
  /** null: no session table. */
  sessionColumns?: string[] | null;
  /** `id TEXT PRIMARY KEY` as in ZCode (default); false for a table that allows repeated ids. */
  uniqueIds?: boolean;
}

/** The database of a ZCode home. */
export function zcodeDbPath(home: string): string {
  return join(home, 'cli', 'db', 'db.sqlite');
}

/** Writes (or adds to) the database at `path`; rows get `status: 'completed'` unless they say otherwise. */
export function writeZcodeDb(path: string, db: ZcodeDb): void {
  const spec = {
    usageColumns: db.usageColumns === undefined ? USAGE_COLUMNS : db.usageColumns,
    sessionColumns: db.sessionColumns === undefined ? SESSION_COLUMNS : db.sessionColumns,
    usageKey: db.uniqueIds === false ? null : 'id',
    rows: db.rows.map((r) => ({ status: 'completed', ...r })),
    sessions: db.sessions ?? [],
  };
  writeWalDatabase(path, STATEMENTS, spec);
}
