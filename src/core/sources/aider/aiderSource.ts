// Aider (log-formats.md §6): no central log. Each project keeps `<repo root>/.aider.chat.history.md`
// (`--chat-history-file`, env AIDER_CHAT_HISTORY_FILE); the optional analytics log (`--analytics-log
// FILE`, env AIDER_ANALYTICS_LOG) has exact counts. Both may also be set in `~/.aider.conf.yml`
// (`chat-history-file:`, `analytics-log:`). The folders read are those of these files, the home folder
// (aider run outside a repo writes its history there), and AWU_METER_AIDER_DIRS: a comma list of project
// folders, or folders of projects (their direct subfolders with a history are read too). The VS Code
// extension adds its workspace folders and the user's extra folders.
//
// When an analytics log is found it is the source, and chat histories are not read (they would count
// the same requests again, rounded).
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { ParserOptions } from '../../scan/fileParser';
import type { LogSource, SourceFile } from '../logSource';
import { isDirectory, pathList, type SourceEnv } from '../sourceEnv';
import { createAiderAnalyticsParser, createAiderHistoryParser } from './parsers';

export const HISTORY_FILE = '.aider.chat.history.md';

function expand(p: string, home: string): string {
  return p.startsWith('~/') || p.startsWith('~\\') ? join(home, p.slice(2)) : p;
}

/** `chat-history-file` and `analytics-log` from `~/.aider.conf.yml` (simple `key: value` lines). */
function configured(home: string): string[] {
  let text: string;
  try {
    text = readFileSync(join(home, '.aider.conf.yml'), 'utf8');
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:chat-history-file|analytics-log):\s*["']?([^"'#\r\n]+?)["']?\s*(?:#.*)?$/gm)) out.push(m[1]!);
  return out;
}

function aiderRoots({ env, home }: SourceEnv): string[] {
  const files = [env.AIDER_CHAT_HISTORY_FILE, env.AIDER_ANALYTICS_LOG, ...configured(home)]
    .map((v) => v?.trim())
    .filter((v): v is string => !!v)
    .map((v) => expand(v, home))
    .filter((v) => isAbsolute(v));
  const dirs = [home, ...files.map((f) => dirname(f))];
  for (const dir of pathList(env.AWU_METER_AIDER_DIRS).map((d) => expand(d, home))) {
    dirs.push(dir);
    let children: string[] = [];
    try {
      children = readdirSync(dir);
    } catch {
      // missing
    }
    for (const c of children.sort()) if (existsSync(join(dir, c, HISTORY_FILE))) dirs.push(join(dir, c));
  }
  return [...new Set(dirs)];
}

function head(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(256);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.toString('utf8', 0, n);
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const isAnalytics = (path: string): boolean => /^\s*\{[^\n]*"event"\s*:[^\n]*"properties"/.test(head(path)) || /^\s*\{[^\n]*"properties"[^\n]*"event"\s*:/.test(head(path));
const isHistory = (path: string): boolean => basename(path) === HISTORY_FILE || /^\s*# aider chat started at /.test(head(path));

function listAider(roots: string[]): SourceFile[] {
  const histories: SourceFile[] = [];
  const analytics: SourceFile[] = [];
  for (const root of [...new Set(roots)]) {
    if (!isDirectory(root)) continue;
    let names: string[];
    try {
      names = readdirSync(root).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const path = join(root, name);
      if (name.endsWith('.md') && isHistory(path)) histories.push({ path, root });
      else if (name.endsWith('.jsonl') && isAnalytics(path)) analytics.push({ path, root });
    }
  }
  return analytics.length > 0 ? analytics : histories;
}

export const aiderSource: LogSource = {
  id: 'aider',
  displayName: 'Aider',
  approximate: 'without an analytics log, tokens come from the chat history, rounded to thousands ("12k sent"), dated at the start of their session, with the cost Aider showed (rounded to cents)',
  roots: aiderRoots,
  listFiles: listAider,
  createParser(file: SourceFile, state: unknown, options: ParserOptions) {
    return file.path.endsWith('.jsonl') ? createAiderAnalyticsParser(file.path, state) : createAiderHistoryParser(file.path, state, options);
  },
};
