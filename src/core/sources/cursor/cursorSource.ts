// Cursor (log-formats.md §8), best effort: its chats live in the editor's global state database,
// `<app data>/Cursor/User/globalStorage/state.vscdb` (SQLite in WAL mode: `~/.config`,
// `~/Library/Application Support`, `%APPDATA%`; VSCODE_APPDATA replaces the app-data dir, as in VS Code
// and its forks). Cursor's real usage is kept on its servers; the token counts in the database are
// often 0 or missing, so the source is approximate.
import { basename, dirname, join } from 'node:path';
import type { ParserOptions } from '../../scan/fileParser';
import type { LogSource, SourceFile } from '../logSource';
import { vscodeUserDirs } from '../cline/vscodeUserDirs';
import { sqliteFiles } from '../sourceRecords';
import { createCursorDbParser } from './stateDbParser';

export const cursorSource: LogSource = {
  id: 'cursor',
  displayName: 'Cursor',
  approximate: 'Cursor keeps its usage on its servers; the per-message token counts in its local database are often 0 or missing (input and output only, no cache split)',
  roots: (env) => vscodeUserDirs(env).filter((u) => basename(dirname(u)) === 'Cursor').map((u) => join(u, 'globalStorage')),
  listFiles: (roots) => sqliteFiles(roots, 'state.vscdb'),
  createParser() {
    throw new Error('Cursor state databases are read whole');
  },
  createDocumentParser(_file: SourceFile, _state: unknown, options: ParserOptions) {
    return createCursorDbParser(options);
  },
};
