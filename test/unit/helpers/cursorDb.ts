// Cursor `state.vscdb` databases (log-formats.md §8) made by the real SQLite (python3's sqlite3), in
// WAL mode with the commits left in `-wal` (as while Cursor runs).
import { writeWalDatabase } from './walSqlite';

const STATEMENTS = String.raw`
c.execute("CREATE TABLE IF NOT EXISTS ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)")
c.execute("CREATE TABLE IF NOT EXISTS cursorDiskKV (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB)")
for k, v in spec['items']:
    c.execute("INSERT INTO ItemTable VALUES (?,?)", (k, v))
for k, v in spec['kv']:
    c.execute("INSERT INTO cursorDiskKV VALUES (?,?)", (k, v))
`;

export interface CursorBubble {
  composer: string;
  id: string;
  type: 1 | 2;
  createdAt: string;
  model?: string;
  tokens?: { input: number; output: number };
  tool?: Record<string, unknown>;
}

export function writeCursorDb(path: string, o: { composers: { id: string; createdAt: number; model?: string; workspace?: string }[]; bubbles: CursorBubble[] }): void {
  const items: [string, string][] = [['composer.composerHeaders', JSON.stringify({ allComposers: o.composers.map((c) => ({ composerId: c.id, name: 'Chat', createdAt: c.createdAt, unifiedMode: 'agent', ...(c.workspace ? { workspaceIdentifier: { id: 'w', uri: { fsPath: c.workspace, external: `file://${c.workspace}` } } } : {}) })) })]];
  const kv: [string, string][] = [
    ...o.composers.map((c): [string, string] => [`composerData:${c.id}`, JSON.stringify({ _v: 16, composerId: c.id, createdAt: c.createdAt, modelConfig: { modelName: c.model ?? 'default', maxMode: false }, status: 'completed' })]),
    ...o.bubbles.map((b): [string, string] => [
      `bubbleId:${b.composer}:${b.id}`,
      JSON.stringify({ _v: 3, bubbleId: b.id, type: b.type, createdAt: b.createdAt, text: 'x'.repeat(200), ...(b.model ? { modelInfo: { modelName: b.model } } : {}), tokenCount: { inputTokens: b.tokens?.input ?? 0, outputTokens: b.tokens?.output ?? 0 }, ...(b.tool ? { capabilityType: 15, toolFormerData: b.tool } : {}) }),
    ]),
  ];
  writeWalDatabase(path, STATEMENTS, { items, kv });
}
