// OpenCode (log-formats.md §5): `${XDG_DATA_HOME:-~/.local/share}/opencode/opencode.db` (the same
// xdg default on macOS and Windows), also channel databases `opencode-<channel>.db`; ccusage's
// OPENCODE_DATA_DIR (a comma list) replaces the default. SQLite in WAL mode: the database is read
// whole, with its `-wal` (scan/sqliteReader.ts), whenever either changes. The legacy JSON store from
// before the database, `storage/message/<session>/<message>.json`, is read too (each file whole).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LogSource, SourceFile } from '../logSource';
import { pathList, type SourceEnv } from '../sourceEnv';
import { createOpencodeDbParser, createOpencodeMessageFileParser } from './dbParser';

function opencodeRoots({ env, home }: SourceEnv): string[] {
  const configured = pathList(env.OPENCODE_DATA_DIR);
  if (configured.length > 0) return [...new Set(configured)];
  return [join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'opencode')];
}

function listDatabases(root: string): SourceFile[] {
  if (!existsSync(root)) return [];
  let names: string[];
  try {
    names = readdirSync(root).sort();
  } catch {
    return [];
  }
  const dbs: SourceFile[] = names
    .filter((n) => n === 'opencode.db' || /^opencode-[\w.-]+\.db$/.test(n))
    .map((n) => ({ path: join(root, n), root, mode: 'whole' as const, companions: [join(root, `${n}-wal`)] }));
  return [...dbs, ...legacyMessages(root)];
}

function legacyMessages(root: string): SourceFile[] {
  const dir = join(root, 'storage', 'message');
  if (!existsSync(dir)) return [];
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith('.json')).sort().map((n) => ({ path: join(dir, n), root, mode: 'whole' as const }));
}

export const opencodeSource: LogSource = {
  id: 'opencode',
  displayName: 'OpenCode',
  roots: opencodeRoots,
  listFiles: (roots) => roots.flatMap(listDatabases),
  createParser() {
    throw new Error('OpenCode databases are read whole');
  },
  createDocumentParser: (file) => (file.path.endsWith('.json') ? createOpencodeMessageFileParser() : createOpencodeDbParser()),
};
