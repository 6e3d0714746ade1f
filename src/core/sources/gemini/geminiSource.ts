// Gemini CLI (log-formats.md §3.1): `<home>/.gemini/tmp/<project-slot>/chats/session-*.jsonl` (current,
// append-only), `session-*.json` (legacy, whole-file) and sub-agent chats `chats/<parent>/<id>.jsonl`.
// <home> is GEMINI_CLI_HOME when set (Gemini CLI's own home override), else the user's home (also on
// Windows: %USERPROFILE%\.gemini). GEMINI_DATA_DIR (ccusage's variable: a comma list of `tmp` dirs)
// replaces both.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { ParserOptions } from '../../scan/fileParser';
import type { LogSource, SourceFile } from '../logSource';
import { pathList, type SourceEnv } from '../sourceEnv';
import { createGeminiDocumentParser, createGeminiJsonlParser, type GeminiFileInfo } from './fileParser';

function geminiRoots({ env, home }: SourceEnv): string[] {
  const configured = pathList(env.GEMINI_DATA_DIR);
  if (configured.length > 0) return [...new Set(configured)];
  return [join(env.GEMINI_CLI_HOME || home, '.gemini', 'tmp')];
}

/** Session files: `*.jsonl` and `*.json` below a `chats` dir of a project slot. */
function listSessionFiles(root: string): SourceFile[] {
  if (!existsSync(root)) return [];
  let entries: string[];
  try {
    entries = readdirSync(root, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  const files: SourceFile[] = [];
  for (const name of entries.sort()) {
    const jsonl = name.endsWith('.jsonl');
    if (!jsonl && !name.endsWith('.json')) continue;
    if (!name.split(sep).slice(0, -1).includes('chats')) continue;
    files.push(jsonl ? { path: join(root, name), root } : { path: join(root, name), root, mode: 'whole' });
  }
  return files;
}

/**
 * The project a slot belongs to: `<slot>/.project_root` (an absolute path), else the path that
 * `~/.gemini/projects.json` maps to the slot's short name, else the slot name itself (older slots are
 * a hash of the project root).
 */
function projectOf(file: SourceFile): string {
  const slot = relative(file.root, file.path).split(sep)[0] ?? '';
  if (!slot) return '';
  try {
    const root = readFileSync(join(file.root, slot, '.project_root'), 'utf8').trim();
    if (root) return root;
  } catch {
    // no marker in this slot
  }
  try {
    const registry = JSON.parse(readFileSync(join(dirname(file.root), 'projects.json'), 'utf8')) as { projects?: Record<string, unknown> };
    for (const [path, name] of Object.entries(registry.projects ?? {})) if (name === slot) return path;
  } catch {
    // no registry
  }
  return slot;
}

function fileInfo(file: SourceFile): GeminiFileInfo {
  return { fallbackSessionId: basename(file.path).replace(/\.jsonl?$/, ''), project: projectOf(file) };
}

export const geminiSource: LogSource = {
  id: 'gemini',
  displayName: 'Gemini CLI',
  roots: geminiRoots,
  listFiles(roots: string[]): SourceFile[] {
    return [...new Set(roots)].flatMap(listSessionFiles);
  },
  createParser(file: SourceFile, state: unknown, options: ParserOptions) {
    return createGeminiJsonlParser(fileInfo(file), state, options);
  },
  createDocumentParser(file: SourceFile, _state: unknown, options: ParserOptions) {
    return createGeminiDocumentParser(fileInfo(file), options);
  },
};
