// Factory's Droid CLI (log-formats.md §9.3): each session keeps its running token totals in
// `~/.factory/sessions/…/<session>.settings.json` (`%USERPROFILE%\.factory` on Windows), rewritten as
// the session goes on; DROID_SESSIONS_DIR (ccusage's variable, a comma list) replaces the default.
// Only the session's totals are written, so all of a session's tokens fall on one moment (the
// `providerLockTimestamp`, else the file's mtime): approximate by day.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ParserOptions } from '../../scan/fileParser';
import type { LogSource, SourceFile } from '../logSource';
import { pathList, type SourceEnv } from '../sourceEnv';
import { createDroidSettingsParser } from './settingsParser';

function droidRoots({ env, home }: SourceEnv): string[] {
  const configured = pathList(env.DROID_SESSIONS_DIR);
  return configured.length > 0 ? [...new Set(configured)] : [join(home, '.factory', 'sessions')];
}

function listSettings(root: string): SourceFile[] {
  let names: string[];
  try {
    names = readdirSync(root, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith('.settings.json')).sort().map((n) => ({ path: join(root, n), root, mode: 'whole' as const }));
}

export const droidSource: LogSource = {
  id: 'droid',
  displayName: 'Droid',
  approximate: "Droid writes only each session's running totals: a session's tokens are all dated at its start",
  roots: droidRoots,
  listFiles: (roots) => [...new Set(roots)].flatMap(listSettings),
  createParser() {
    throw new Error('Droid settings files are whole documents');
  },
  createDocumentParser(file: SourceFile, _state: unknown, _options: ParserOptions) {
    return createDroidSettingsParser(file.path);
  },
};
