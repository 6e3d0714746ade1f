// Amp (log-formats.md §9.1): one JSON document per thread, `<data>/threads/T-<id>.json`, rewritten whole
// as the thread changes (read whole, records replaced). <data> is ccusage's AMP_DATA_DIR (a comma list),
// else `$XDG_DATA_HOME/amp`, else `~/.local/share/amp` (the same path on macOS and Windows, under the
// user's home). Current Amp builds keep threads on the server and write only history and settings
// locally; `amp threads export <id> > <data>/threads/<id>.json` gives a thread in this shape.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ParserOptions } from '../../scan/fileParser';
import type { LogSource, SourceFile } from '../logSource';
import { pathList, type SourceEnv } from '../sourceEnv';
import { createAmpDocumentParser } from './threadParser';

function ampRoots({ env, home }: SourceEnv): string[] {
  const configured = pathList(env.AMP_DATA_DIR);
  if (configured.length > 0) return [...new Set(configured)];
  return [join(env.XDG_DATA_HOME?.trim() || join(home, '.local', 'share'), 'amp')];
}

function listThreads(root: string): SourceFile[] {
  const dir = join(root, 'threads');
  if (!existsSync(dir)) return [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith('.json')).sort().map((n) => ({ path: join(dir, n), root, mode: 'whole' as const }));
}

export const ampSource: LogSource = {
  id: 'amp',
  displayName: 'Amp',
  roots: ampRoots,
  listFiles: (roots) => [...new Set(roots)].flatMap(listThreads),
  createParser() {
    throw new Error('Amp threads are whole documents');
  },
  createDocumentParser(_file: SourceFile, _state: unknown, options: ParserOptions) {
    return createAmpDocumentParser(options);
  },
};
