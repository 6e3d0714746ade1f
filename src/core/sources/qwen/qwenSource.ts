// Qwen Code (a Gemini CLI fork; log-formats.md §9.3): `~/.qwen/projects/<project>/chats/<session>.jsonl`
// (`%USERPROFILE%\.qwen` on Windows), append-only. QWEN_DATA_DIR (ccusage's variable, a comma list of
// `.qwen` dirs) replaces the default.
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ParserOptions } from '../../scan/fileParser';
import type { LogSource, SourceFile } from '../logSource';
import { pathList, type SourceEnv } from '../sourceEnv';
import { createQwenParser } from './fileParser';

function qwenRoots({ env, home }: SourceEnv): string[] {
  const configured = pathList(env.QWEN_DATA_DIR);
  return configured.length > 0 ? [...new Set(configured)] : [join(home, '.qwen')];
}

/** `<root>/projects/<project>/chats/*.jsonl`, as ccusage finds them. */
function listChats(root: string): SourceFile[] {
  const projects = join(root, 'projects');
  if (!existsSync(projects)) return [];
  const files: SourceFile[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(projects).sort();
  } catch {
    return [];
  }
  for (const p of names) {
    const chats = join(projects, p, 'chats');
    let chatFiles: string[] = [];
    try {
      chatFiles = readdirSync(chats).sort();
    } catch {
      continue;
    }
    for (const f of chatFiles) if (f.endsWith('.jsonl')) files.push({ path: join(chats, f), root });
  }
  return files;
}

export const qwenSource: LogSource = {
  id: 'qwen',
  displayName: 'Qwen Code',
  roots: qwenRoots,
  listFiles: (roots) => [...new Set(roots)].flatMap(listChats),
  createParser(file: SourceFile, state: unknown, options: ParserOptions) {
    const project = basename(join(file.path, '..', '..'));
    return createQwenParser({ fallbackSessionId: `${project}-${basename(file.path).replace(/\.jsonl$/, '')}`, projectDir: project }, state, options);
  },
};
