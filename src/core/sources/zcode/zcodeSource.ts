// ZCode (Z.ai's coding agent; no format document, see dbParser.ts for the evidence): its SQLite
// database `cli/db/db.sqlite` under the ZCode home, `~/.zcode` on every platform
// (`%USERPROFILE%\.zcode` on Windows). ZCODE_HOME (ZCode's own variable; for ccusage 20.0.24 a comma
// list, blanks dropped, all blank = the default) replaces it. Read whole with its write-ahead log.
import { join } from 'node:path';
import type { LogSource, SourceFile } from '../logSource';
import { sqliteFiles } from '../sourceRecords';
import { pathList, type SourceEnv } from '../sourceEnv';
import { createZcodeDbParser } from './dbParser';

const DB_DIR = ['cli', 'db'] as const;

function zcodeRoots({ env, home }: SourceEnv): string[] {
  const homes = pathList(env.ZCODE_HOME);
  return [...new Set(homes.length > 0 ? homes : [join(home, '.zcode')])].map((h) => join(h, ...DB_DIR));
}

/** `db.sqlite` in each root; a root that is a ZCode home (an extra path) is looked into as well. */
function zcodeFiles(roots: string[]): SourceFile[] {
  return sqliteFiles([...new Set(roots.flatMap((r) => [r, join(r, ...DB_DIR)]))], 'db.sqlite');
}

export const zcodeSource: LogSource = {
  id: 'zcode',
  displayName: 'ZCode',
  roots: zcodeRoots,
  listFiles: zcodeFiles,
  createParser() {
    throw new Error('ZCode databases are read whole');
  },
  createDocumentParser() {
    return createZcodeDbParser();
  },
};
