import { basename, dirname, join, relative, sep } from 'node:path';
import type { ParserOptions } from '../../scan/fileParser';
import type { LogSource, SourceFile } from '../logSource';
import { isDirectory, jsonlSourceFilesAsync, listJsonlFiles, pathList, type SourceEnv } from '../sourceEnv';
import { createClaudeParser } from './fileParser';
import type { ClaudeFileContext } from './usageLine';

/** `projects/` dirs: CLAUDE_CONFIG_DIR (a comma list of config dirs or projects dirs) replaces the defaults. */
function claudeRoots({ env, home }: SourceEnv): string[] {
  const configured = pathList(env.CLAUDE_CONFIG_DIR);
  const bases = configured.length > 0 ? configured : [join(home, '.claude'), join(env.XDG_CONFIG_HOME || join(home, '.config'), 'claude')];
  const roots = bases.map((b) => (basename(b) === 'projects' && !isDirectory(join(b, 'projects')) ? b : join(b, 'projects')));
  return [...new Set(roots)];
}

/** Context from `projects/<encoded-cwd>/<session>.jsonl` or `…/<session>/subagents/<agent>.jsonl`. */
export function claudeFileContext(file: SourceFile): ClaudeFileContext {
  const parts = relative(file.root, file.path).split(sep);
  const encodedProject = parts.length > 1 ? parts[0]! : basename(dirname(file.path));
  const stem = basename(file.path, '.jsonl');
  const fileSessionId = parts.length >= 4 && parts[parts.length - 2] === 'subagents' ? parts[parts.length - 3]! : stem;
  return { encodedProject, fileSessionId };
}

export const claudeSource: LogSource = {
  id: 'claude',
  displayName: 'Claude Code',
  roots: claudeRoots,
  listFiles(roots: string[]): SourceFile[] {
    return roots.flatMap((root) => listJsonlFiles(root).map((path) => ({ path, root })));
  },
  listFilesAsync: jsonlSourceFilesAsync,
  createParser(file: SourceFile, state: unknown, options: ParserOptions) {
    return createClaudeParser(claudeFileContext(file), state, options);
  },
};
