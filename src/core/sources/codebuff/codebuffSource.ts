// Codebuff (log-formats.md §9.3): one `chat-messages.json` per chat,
// `~/.config/<channel>/projects/<project>/chats/<chat id>/chat-messages.json` for the channels
// `manicode`, `manicode-dev` and `manicode-staging` (under the home folder on every platform), rewritten
// whole as the chat goes on. CODEBUFF_DATA_DIR (ccusage's variable, a comma list of channel or
// `projects` dirs) replaces the defaults.
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { LogSource, SourceFile } from '../logSource';
import { pathList, type SourceEnv } from '../sourceEnv';
import { createCodebuffChatParser } from './chatParser';

const CHANNELS = ['manicode', 'manicode-dev', 'manicode-staging'];

function codebuffRoots({ env, home }: SourceEnv): string[] {
  const configured = pathList(env.CODEBUFF_DATA_DIR);
  const roots = configured.length > 0 ? configured : CHANNELS.map((c) => join(home, '.config', c));
  return [...new Set(roots.map((r) => (basename(r) === 'projects' ? r : join(r, 'projects'))))];
}

function listChats(root: string): SourceFile[] {
  let names: string[];
  try {
    names = readdirSync(root, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return names.filter((n) => basename(n) === 'chat-messages.json').sort().map((n) => ({ path: join(root, n), root, mode: 'whole' as const }));
}

export const codebuffSource: LogSource = {
  id: 'codebuff',
  displayName: 'Codebuff',
  roots: codebuffRoots,
  listFiles: (roots) => [...new Set(roots)].flatMap(listChats),
  createParser() {
    throw new Error('Codebuff chats are whole documents');
  },
  createDocumentParser(file: SourceFile) {
    return createCodebuffChatParser(file.path);
  },
};
