// SQLite databases made by the real SQLite (python3's sqlite3) for the database sources' fixtures, in WAL
// mode without auto-checkpoints. `statements` (Python, with the connection `c` and the JSON `spec` in
// scope) fill the database; after the commit the process exits without closing it, so the commits stay
// in `-wal` as while the agent runs, unless `spec.checkpoint` asks for a close (which checkpoints).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const OPEN = String.raw`
import sqlite3, json, os, sys
spec = json.load(sys.stdin)
c = sqlite3.connect(spec['path'])
c.execute("PRAGMA journal_mode=WAL")
c.execute("PRAGMA wal_autocheckpoint=0")
`;

const CLOSE = String.raw`
c.commit()
if spec.get('checkpoint'):
    c.close()
else:
    os._exit(0)
`;

export function writeWalDatabase(path: string, statements: string, spec: Record<string, unknown>): void {
  mkdirSync(dirname(path), { recursive: true });
  execFileSync('python3', ['-c', OPEN + statements.trim() + '\n' + CLOSE], { input: JSON.stringify({ ...spec, path }) });
}
