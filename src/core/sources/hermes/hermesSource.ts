// Hermes Agent (Nous Research; log-formats.md §9.3): its state database `${HERMES_HOME:-~/.hermes}/state.db`
// (`%USERPROFILE%\.hermes` on Windows; HERMES_HOME is Hermes's own variable, a comma list for ccusage),
// SQLite read whole with its write-ahead log. Only per-session totals are kept, so all of a session's
// tokens fall on its start: approximate by day.
import { join } from 'node:path';
import type { LogSource } from '../logSource';
import { sqliteFiles } from '../sourceRecords';
import { pathList, type SourceEnv } from '../sourceEnv';
import { createHermesDbParser } from './stateDbParser';

function hermesRoots({ env, home }: SourceEnv): string[] {
  const configured = pathList(env.HERMES_HOME);
  return configured.length > 0 ? [...new Set(configured)] : [join(home, '.hermes')];
}

export const hermesSource: LogSource = {
  id: 'hermes',
  displayName: 'Hermes Agent',
  approximate: "Hermes keeps only each session's totals: a session's tokens are all dated at its start",
  roots: hermesRoots,
  listFiles: (roots) => sqliteFiles(roots, 'state.db'),
  createParser() {
    throw new Error('Hermes state databases are read whole');
  },
  createDocumentParser() {
    return createHermesDbParser();
  },
};
