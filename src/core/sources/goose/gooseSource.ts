// Goose (Block; log-formats.md §9.3): its sessions database `sessions.db` in
// `~/.local/share/goose/sessions` (also `~/.local/share/Block/goose/sessions`), macOS
// `~/Library/Application Support/goose/sessions`, Windows `%APPDATA%\Block\goose\data\sessions`;
// GOOSE_PATH_ROOT (Goose's own variable) puts it in `<root>/data/sessions`. SQLite read whole with its
// write-ahead log. Only per-session totals are kept: approximate by day.
import { join } from 'node:path';
import type { LogSource } from '../logSource';
import { sqliteFiles } from '../sourceRecords';
import type { SourceEnv } from '../sourceEnv';
import { createGooseDbParser } from './sessionsDbParser';

function gooseRoots({ env, home, platform }: SourceEnv): string[] {
  const root = env.GOOSE_PATH_ROOT?.trim();
  if (root) return [join(root, 'data', 'sessions')];
  const dirs = [join(home, '.local', 'share', 'goose', 'sessions'), join(home, '.local', 'share', 'Block', 'goose', 'sessions')];
  if (platform === 'darwin') dirs.push(join(home, 'Library', 'Application Support', 'goose', 'sessions'));
  if (platform === 'win32') dirs.push(join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'Block', 'goose', 'data', 'sessions'));
  return dirs;
}

export const gooseSource: LogSource = {
  id: 'goose',
  displayName: 'Goose',
  approximate: "Goose keeps only each session's totals: a session's tokens are all dated at its start",
  roots: gooseRoots,
  listFiles: (roots) => sqliteFiles(roots, 'sessions.db'),
  createParser() {
    throw new Error('Goose session databases are read whole');
  },
  createDocumentParser() {
    return createGooseDbParser();
  },
};
