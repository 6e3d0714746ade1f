import { readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { existsSync, readdirSync, statSync } from 'node:fs';
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

/** Every `*.jsonl` file below `dir`, sorted; a missing or unreadable dir yields none. */
/** listJsonlFiles without blocking the thread: the directory reads run on libuv's pool. */
export async function listJsonlFilesAsync(dir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return jsonlPaths(dir, entries);
}

function jsonlPaths(dir: string, entries: string[]): string[] {
  return entries
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => join(dir, name))
    .sort();
}

/** JSONL files under roots, as SourceFiles, listed asynchronously (see listJsonlFilesAsync). */
export async function jsonlSourceFilesAsync(roots: string[]): Promise<{ path: string; root: string }[]> {
  const lists = await Promise.all(roots.map(async (root) => (await listJsonlFilesAsync(root)).map((path) => ({ path, root }))));
  return lists.flat();
}

export function listJsonlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return jsonlPaths(dir, entries);
}
