import { readdir, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What a source needs to find its files: the environment, the home directory and the platform. */
export interface SourceEnv {
  env: Record<string, string | undefined>;
  home: string;
  platform: NodeJS.Platform;
}

export function processSourceEnv(): SourceEnv {
  return { env: process.env, home: homedir(), platform: process.platform };
}

/** A comma-separated list of paths from an environment variable (empty entries dropped). */
export function pathList(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** listJsonlFiles without blocking the thread: the same walk, its directory reads on libuv's pool. */
export async function listJsonlFilesAsync(dir: string): Promise<string[]> {
  const out: string[] = [];
  await walkJsonlAsync(dir, out, 0, new Set([await realPathAsync(dir)]));
  return out.sort();
}

async function realPathAsync(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

/** walkJsonl's rules and order (so both list the same paths), one directory read at a time off the thread. */
async function walkJsonlAsync(dir: string, out: string[], depth: number, linkedDirs: Set<string>): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.name.endsWith('.jsonl')) out.push(path);
    if (depth >= MAX_DEPTH) continue;
    if (e.isDirectory()) await walkJsonlAsync(path, out, depth + 1, linkedDirs);
    else if (e.isSymbolicLink() && (await stat(path).then((st) => st.isDirectory(), () => false))) {
      const target = await realPathAsync(path);
      if (linkedDirs.has(target)) continue;
      linkedDirs.add(target);
      await walkJsonlAsync(path, out, depth + 1, linkedDirs);
    }
  }
}

/** JSONL files under roots, as SourceFiles, listed asynchronously (see listJsonlFilesAsync). */
export async function jsonlSourceFilesAsync(roots: string[]): Promise<{ path: string; root: string }[]> {
  const lists = await Promise.all(roots.map(async (root) => (await listJsonlFilesAsync(root)).map((path) => ({ path, root }))));
  return lists.flat();
}

/** Every `*.jsonl` file below `dir`, sorted; a missing or unreadable dir yields none. */
export function listJsonlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  walkJsonl(dir, out, 0, new Set([realPath(dir)]));
  return out.sort();
}

/** The path with its links resolved (the path itself when it cannot be resolved). */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Deeper than any agent's layout. */
const MAX_DEPTH = 32;

/**
 * A directory walk that learns each entry's type from the directory read itself (no stat per entry, as a
 * recursive readdirSync does); symlinks are followed like the recursive read follows them (each target
 * folder once, which also ends a cycle), and an unreadable subdirectory is skipped rather than hiding the rest.
 */
function walkJsonl(dir: string, out: string[], depth: number, linkedDirs: Set<string>): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    // Anything named *.jsonl is listed, even a directory: reading it then fails and shows in the diagnostics.
    if (e.name.endsWith('.jsonl')) out.push(path);
    if (depth >= MAX_DEPTH) continue;
    if (e.isDirectory()) walkJsonl(path, out, depth + 1, linkedDirs);
    else if (e.isSymbolicLink() && isDirectory(path)) {
      const target = realPath(path);
      if (linkedDirs.has(target)) continue;
      linkedDirs.add(target);
      walkJsonl(path, out, depth + 1, linkedDirs);
    }
  }
}
