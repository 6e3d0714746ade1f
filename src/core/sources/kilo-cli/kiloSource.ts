// Kilo CLI (an OpenCode fork; log-formats.md §9.3, not the Kilo Code VS Code extension):
// `$XDG_DATA_HOME/kilo/kilo.db` (default `~/.local/share/kilo`, on every platform as OpenCode's),
// SQLite read whole with its write-ahead log. ccusage's KILO_DATA_DIR (a comma list) replaces it.
import { join } from 'node:path';
import type { ParserOptions } from '../../scan/fileParser';
import type { LogSource, SourceFile } from '../logSource';
import { sqliteFiles } from '../sourceRecords';
import { pathList, type SourceEnv } from '../sourceEnv';
import { createKiloDbParser } from './dbParser';

function kiloRoots({ env, home }: SourceEnv): string[] {
  const configured = pathList(env.KILO_DATA_DIR);
  if (configured.length > 0) return [...new Set(configured)];
  return [join(env.XDG_DATA_HOME?.trim() || join(home, '.local', 'share'), 'kilo')];
}

export const kiloSource: LogSource = {
  id: 'kilo-cli',
  displayName: 'Kilo CLI',
  roots: kiloRoots,
  listFiles: (roots) => sqliteFiles(roots, 'kilo.db'),
  createParser() {
    throw new Error('Kilo databases are read whole');
  },
  createDocumentParser(_file: SourceFile, _state: unknown, options: ParserOptions) {
    return createKiloDbParser(options);
  },
};
