// Tool parts (log-formats.md §5.2, OpenCode's schema, which the Kilo CLI shares) added to a database
// made by writeOpencodeDb, with the real SQLite (python3's sqlite3), commits left in `-wal`.
import { execFileSync } from 'node:child_process';

const SCRIPT = String.raw`
import sqlite3, json, os, sys
spec = json.load(sys.stdin)
c = sqlite3.connect(spec['path'])
c.execute("PRAGMA wal_autocheckpoint=0")
for p in spec['parts']:
    c.execute("INSERT OR REPLACE INTO part VALUES (?,?,?,?,?)", (p['id'], p['message_id'], p['session_id'], p['created'], json.dumps(p['data'])))
c.commit()
os._exit(0)
`;

export interface ToolPart {
  id: string;
  messageId: string;
  sessionId: string;
  created: number;
  tool: string;
  status: 'pending' | 'running' | 'completed' | 'error';
  command?: string;
  exit?: number;
  interrupted?: boolean;
}

export function addToolParts(path: string, parts: ToolPart[]): void {
  const rows = parts.map((p) => ({
    id: p.id,
    message_id: p.messageId,
    session_id: p.sessionId,
    created: p.created,
    data: { type: 'tool', tool: p.tool, callID: `call_${p.id}`, state: { status: p.status, input: p.command ? { command: p.command, description: 'Run it' } : { filePath: '/home/dev/app/a.ts' }, output: 'ok', metadata: { ...(p.exit !== undefined ? { exit: p.exit } : {}), ...(p.interrupted ? { interrupted: true } : {}), truncated: false }, title: 't', time: { start: p.created, end: p.created + 40 } } },
  }));
  execFileSync('python3', ['-c', SCRIPT], { input: JSON.stringify({ path, parts: rows }) });
}
