// OpenCode databases (log-formats.md §5.2) made by the real SQLite (python3's sqlite3 module, on every
// machine of this project): WAL mode, and either left with the commits in `-wal` (as while OpenCode
// runs) or checkpointed into the database file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeWalDatabase } from './walSqlite';

export interface OcTokens {
  input: number;
  output: number;
  reasoning?: number;
  cacheRead?: number;
  cacheWrite?: number;
  total?: number;
}

export interface OcMessage {
  id: string;
  sessionId: string;
  created: number;
  role?: 'assistant' | 'user';
  model?: string;
  provider?: string;
  cost?: number;
  tokens?: OcTokens;
  cwd?: string;
  /** Extra text in `data`, to make the row spill onto overflow pages. */
  padding?: number;
}

export interface OcSession {
  id: string;
  directory: string;
}

const STATEMENTS = String.raw`
c.execute("CREATE TABLE IF NOT EXISTS project (id text PRIMARY KEY, worktree text NOT NULL, vcs text, time_created integer NOT NULL)")
c.execute("CREATE TABLE IF NOT EXISTS session (id text PRIMARY KEY, project_id text NOT NULL, parent_id text, slug text NOT NULL, directory text NOT NULL, title text NOT NULL, version text NOT NULL, time_created integer NOT NULL, time_updated integer NOT NULL)")
c.execute("CREATE TABLE IF NOT EXISTS message (id text PRIMARY KEY, session_id text NOT NULL, time_created integer NOT NULL, time_updated integer NOT NULL, data text NOT NULL)")
c.execute("CREATE TABLE IF NOT EXISTS part (id text PRIMARY KEY, message_id text NOT NULL, session_id text NOT NULL, time_created integer NOT NULL, data text NOT NULL)")
for s in spec['sessions']:
    c.execute("INSERT OR REPLACE INTO session VALUES (?,?,?,?,?,?,?,?,?)", (s['id'], 'prj_1', None, 'slug', s['directory'], 'Title', '1.0.0', 0, 0))
for m in spec['messages']:
    c.execute("INSERT OR REPLACE INTO message VALUES (?,?,?,?,?)", (m['id'], m['session_id'], m['created'], m['created'], m['data']))
    c.execute("INSERT OR REPLACE INTO part VALUES (?,?,?,?,?)", ('prt_' + m['id'], m['id'], m['session_id'], m['created'], json.dumps({"type": "text", "text": "x" * 3000})))
`;

function data(m: OcMessage): string {
  const t = m.tokens;
  return JSON.stringify({
    role: m.role ?? 'assistant',
    ...(m.role === 'user' ? {} : { parentID: 'msg_parent', agent: 'build', mode: 'build', modelID: m.model ?? 'claude-sonnet-4-5', providerID: m.provider ?? 'anthropic' }),
    time: { created: m.created, completed: m.created + 5000 },
    path: { cwd: m.cwd ?? '/home/dev/api', root: m.cwd ?? '/home/dev/api' },
    ...(t ? { cost: m.cost ?? 0, tokens: { total: t.total ?? t.input + t.output + (t.reasoning ?? 0) + (t.cacheRead ?? 0) + (t.cacheWrite ?? 0), input: t.input, output: t.output, reasoning: t.reasoning ?? 0, cache: { read: t.cacheRead ?? 0, write: t.cacheWrite ?? 0 } }, finish: 'stop' } : {}),
    ...(m.padding ? { summary: { title: 'y'.repeat(m.padding) } } : {}),
  });
}

/** Adds (or replaces, by id) sessions and messages in the database at `path`, creating it if needed. */
export function writeOpencodeDb(path: string, sessions: OcSession[], messages: OcMessage[], opts: { checkpoint?: boolean } = {}): void {
  const spec = { checkpoint: opts.checkpoint ?? false, sessions, messages: messages.map((m) => ({ id: m.id, session_id: m.sessionId, created: m.created, data: data(m) })) };
  writeWalDatabase(path, STATEMENTS, spec);
}

/** The same message as a file of the legacy JSON store, `storage/message/<session>/<id>.json`. */
export function writeLegacyMessage(dataDir: string, m: OcMessage): void {
  const dir = join(dataDir, 'storage', 'message', m.sessionId);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${m.id}.json`), JSON.stringify({ id: m.id, sessionID: m.sessionId, ...(JSON.parse(data(m)) as object) }, null, 2));
}
