// Hermes `state.db` databases (log-formats.md §9.3) made by the real SQLite (python3's sqlite3), in WAL
// mode with the commits left in `-wal`.
import { writeWalDatabase } from './walSqlite';

const STATEMENTS = String.raw`
c.execute("CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, source TEXT NOT NULL, model TEXT, started_at REAL NOT NULL, message_count INTEGER DEFAULT 0, input_tokens INTEGER DEFAULT 0, output_tokens INTEGER DEFAULT 0, cache_read_tokens INTEGER DEFAULT 0, cache_write_tokens INTEGER DEFAULT 0, reasoning_tokens INTEGER DEFAULT 0, billing_provider TEXT, estimated_cost_usd REAL, actual_cost_usd REAL)")
for s in spec['sessions']:
    c.execute("INSERT OR REPLACE INTO sessions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", (s['id'], 'cli', s.get('model'), s['started'], 3, s.get('input', 0), s.get('output', 0), s.get('cacheRead', 0), s.get('cacheWrite', 0), s.get('reasoning', 0), s.get('provider'), s.get('estimated'), s.get('actual')))
`;

export interface HermesSession {
  id: string;
  model?: string | null;
  /** Epoch seconds. */
  started: number;
  input?: number;
  output?: number;
  cacheRead?: number;
  cacheWrite?: number;
  reasoning?: number;
  provider?: string;
  estimated?: number;
  actual?: number;
}

export function writeHermesDb(path: string, sessions: HermesSession[]): void {
  writeWalDatabase(path, STATEMENTS, { sessions });
}
