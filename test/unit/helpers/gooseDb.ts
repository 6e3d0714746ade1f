// Goose `sessions.db` databases (log-formats.md §9.3) made by the real SQLite (python3's sqlite3), in
// WAL mode with the commits left in `-wal`.
import { writeWalDatabase } from './walSqlite';

const STATEMENTS = String.raw`
c.execute("CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, name TEXT, working_dir TEXT, model_config_json TEXT, provider_name TEXT, created_at TEXT, total_tokens INTEGER, input_tokens INTEGER, output_tokens INTEGER, accumulated_total_tokens INTEGER, accumulated_input_tokens INTEGER, accumulated_output_tokens INTEGER)")
for s in spec['sessions']:
    c.execute("INSERT OR REPLACE INTO sessions VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", (s['id'], 'Session', s.get('cwd'), json.dumps({"model_name": s['model']}) if s.get('model') else None, s.get('provider'), s['created'], s.get('total'), s.get('input'), s.get('output'), s.get('accTotal'), s.get('accInput'), s.get('accOutput')))
`;

export interface GooseSession {
  id: string;
  model?: string;
  provider?: string;
  created: string;
  cwd?: string;
  total?: number;
  input?: number;
  output?: number;
  accTotal?: number;
  accInput?: number;
  accOutput?: number;
}

export function writeGooseDb(path: string, sessions: GooseSession[]): void {
  writeWalDatabase(path, STATEMENTS, { sessions });
}
