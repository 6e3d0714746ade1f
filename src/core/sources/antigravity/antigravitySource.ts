// Google Antigravity (agentic IDE and CLI; no format document, see conversationParser.ts for the
// evidence): one SQLite database per conversation, `conversations/**/*.db`, under `~/.gemini/antigravity`,
// `~/.gemini/antigravity-cli`, `~/.gemini/antigravity-ide`, `~/.gemini/antigravity-backup` and
// `~/.config/antigravity` (the same folders under the home on every platform, `%USERPROFILE%` on
// Windows), as ccusage 20.0.24 looks for them. ANTIGRAVITY_DATA_DIR (ccusage's; a comma list) replaces
// them; as in ccusage, a set but blank value reads nothing. A root without a `conversations` folder is
// itself a folder of conversations. Each database is read whole with its write-ahead log.
import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { LogSource, SourceFile } from '../logSource';
import { isDirectory, pathList, realPath, type SourceEnv } from '../sourceEnv';
import { createAntigravityParser } from './conversationParser';

const DEFAULT_ROOTS = [['.gemini', 'antigravity'], ['.gemini', 'antigravity-cli'], ['.gemini', 'antigravity-ide'], ['.gemini', 'antigravity-backup'], ['.config', 'antigravity']];

function antigravityRoots({ env, home }: SourceEnv): string[] {
  if (env.ANTIGRAVITY_DATA_DIR !== undefined) return [...new Set(pathList(env.ANTIGRAVITY_DATA_DIR))];
  return DEFAULT_ROOTS.map((parts) => join(home, ...parts));
}

/** Every `*.db` file below `dir` (the `conversations` folder when the root has one). */
function databases(root: string): string[] {
  const conversations = join(root, 'conversations');
  const dir = isDirectory(conversations) ? conversations : root;
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.db'))
    .map((n) => join(dir, n))
    .filter((p) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    });
}

function antigravityFiles(roots: string[]): SourceFile[] {
  const seen = new Set<string>();
  const files: SourceFile[] = [];
  for (const root of new Set(roots)) {
    for (const path of databases(root)) {
      const real = realPath(path);
      if (seen.has(real)) continue;
      seen.add(real);
      files.push({ path, root, mode: 'whole', companions: [`${path}-wal`] });
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function mtime(path: string): number | undefined {
  try {
    return Math.floor(statSync(path).mtimeMs);
  } catch {
    return undefined;
  }
}

export const antigravitySource: LogSource = {
  id: 'antigravity',
  displayName: 'Antigravity',
  approximate: "Antigravity's format is undocumented (read as ccusage reads it); a call without its own time is dated at its conversation's start",
  roots: antigravityRoots,
  listFiles: antigravityFiles,
  createParser() {
    throw new Error('Antigravity conversations are read whole');
  },
  createDocumentParser(file) {
    return createAntigravityParser(basename(file.path, '.db'), () => mtime(file.path));
  },
};
