// Kimi CLI (Moonshot; log-formats.md §9.3): `~/.kimi/sessions/<work dir hash>/<session>/wire.jsonl`
// (`%USERPROFILE%\.kimi` on Windows), append-only. KIMI_SHARE_DIR is Kimi CLI's own override of `~/.kimi`;
// ccusage's KIMI_DATA_DIR (a comma list) replaces both. The model is the one in `<dir>/config.json`
// (the wire log names none), as ccusage reads it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { ParserOptions } from '../../scan/fileParser';
import type { LogSource, SourceFile } from '../logSource';
import { pathList, type SourceEnv } from '../sourceEnv';
import { createKimiWireParser, DEFAULT_KIMI_MODEL } from './wireParser';

function kimiRoots({ env, home }: SourceEnv): string[] {
  const configured = pathList(env.KIMI_DATA_DIR);
  if (configured.length > 0) return [...new Set(configured)];
  return [env.KIMI_SHARE_DIR?.trim() || join(home, '.kimi')];
}

function listWires(root: string): SourceFile[] {
  const sessions = join(root, 'sessions');
  let names: string[];
  try {
    names = readdirSync(sessions, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return names.filter((n) => basename(n) === 'wire.jsonl').sort().map((n) => ({ path: join(sessions, n), root }));
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The work dir whose hash names the session's group (Kimi CLI's `kimi.json` `work_dirs`), else ''. */
function projectOf(root: string, wire: string): string {
  const group = relative(join(root, 'sessions'), wire).split(sep)[0] ?? '';
  const dirs = readJson(join(root, 'kimi.json'))?.work_dirs;
  for (const d of Array.isArray(dirs) ? dirs : []) {
    const path = typeof d === 'object' && d !== null ? (d as { path?: unknown }).path : undefined;
    if (typeof path === 'string' && createHash('md5').update(path).digest('hex') === group) return path;
  }
  return '';
}

export const kimiSource: LogSource = {
  id: 'kimi',
  displayName: 'Kimi CLI',
  roots: kimiRoots,
  listFiles: (roots) => [...new Set(roots)].flatMap(listWires),
  createParser(file: SourceFile, state: unknown, _options: ParserOptions) {
    const model = readJson(join(file.root, 'config.json'))?.model;
    return createKimiWireParser({ sessionId: basename(dirname(file.path)), project: projectOf(file.root, file.path), model: typeof model === 'string' && model.trim() ? model.trim() : DEFAULT_KIMI_MODEL }, state);
  },
};
