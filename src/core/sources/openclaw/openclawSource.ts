// OpenClaw (formerly Clawdbot/Moltbot; log-formats.md §9.3), which embeds pi and writes pi's session
// format: `*.jsonl` session files anywhere below `~/.openclaw` (and the older `~/.clawdbot`,
// `~/.moltbot`, `~/.moldbot`), including the copies it keeps of deleted and reset sessions
// (`<id>.jsonl.deleted.<time>`, `<id>.jsonl.reset.<time>`), which share the session's id and so count
// once. OPENCLAW_DIR (ccusage's variable, a comma list) replaces the defaults. Read by pi's parser
// (pi/fileParser.ts), with OpenClaw's differences: `model_change` records name the model of messages
// that do not, and a message's own time comes first.
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ParserOptions } from '../../scan/fileParser';
import type { LogSource, SourceFile } from '../logSource';
import { isDirectory, pathList, type SourceEnv } from '../sourceEnv';
import { createPiParser } from '../pi/fileParser';

const HOMES = ['.openclaw', '.clawdbot', '.moltbot', '.moldbot'];

function openclawRoots({ env, home }: SourceEnv): string[] {
  const configured = pathList(env.OPENCLAW_DIR);
  return configured.length > 0 ? [...new Set(configured)] : HOMES.map((h) => join(home, h));
}

const isSessionFile = (name: string): boolean => /\.jsonl(?:$|\.deleted\.|\.reset\.)/.test(name);

function listSessions(root: string): SourceFile[] {
  if (!isDirectory(root)) return [];
  let names: string[];
  try {
    names = readdirSync(root, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return names.filter((n) => isSessionFile(basename(n))).sort().map((n) => ({ path: join(root, n), root }));
}

/** The file name up to `.jsonl` (ccusage's session id). */
export function openclawSessionId(path: string): string {
  const name = basename(path);
  const i = name.indexOf('.jsonl');
  return i > 0 ? name.slice(0, i) : name;
}

export const openclawSource: LogSource = {
  id: 'openclaw',
  displayName: 'OpenClaw',
  roots: openclawRoots,
  listFiles: (roots) => [...new Set(roots)].flatMap(listSessions),
  createParser(file: SourceFile, state: unknown, options: ParserOptions) {
    return createPiParser({ source: 'openclaw', fileSessionId: openclawSessionId(file.path), messageTimeFirst: true }, state, options);
  },
};
