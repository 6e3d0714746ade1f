import { basename, join } from 'node:path';
import type { ParserOptions } from '../../scan/fileParser';
import type { LogSource, SourceFile } from '../logSource';
import { isDirectory, jsonlSourceFilesAsync, listJsonlFiles, pathList, type SourceEnv } from '../sourceEnv';
import { createCodexParser } from './fileParser';

/** CODEX_HOME (a comma list: Codex homes, or plain dirs of JSONL files) else ~/.codex. */
function codexRoots({ env, home }: SourceEnv): string[] {
  const configured = pathList(env.CODEX_HOME);
  const homes = configured.length > 0 ? configured : [join(home, '.codex')];
  const roots: string[] = [];
  for (const h of homes) {
    const sessions = join(h, 'sessions');
    const archived = join(h, 'archived_sessions');
    if (isDirectory(sessions) || isDirectory(archived) || configured.length === 0) roots.push(sessions, archived);
    else roots.push(h);
  }
  return [...new Set(roots)];
}

/** `rollout-<timestamp>-<uuid>.jsonl` → the uuid, used when a file has no session_meta. */
function sessionIdFromName(path: string): string {
  const stem = basename(path, '.jsonl');
  const m = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(stem);
  return m ? m[1]! : stem;
}

export const codexSource: LogSource = {
  id: 'codex',
  displayName: 'Codex CLI',
  roots: codexRoots,
  listFiles(roots: string[]): SourceFile[] {
    return roots.flatMap((root) => listJsonlFiles(root).map((path) => ({ path, root })));
  },
  listFilesAsync: jsonlSourceFilesAsync,
  createParser(file: SourceFile, state: unknown, options: ParserOptions) {
    return createCodexParser(sessionIdFromName(file.path), state, options);
  },
};
