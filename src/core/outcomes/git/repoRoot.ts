// The repository a directory belongs to, asked of git once per directory.
import { stat } from 'node:fs/promises';
import { gitRunner, GitSpawnError } from './runGit';

const roots = new Map<string, Promise<string | undefined>>();

/** `git rev-parse --show-toplevel` for cwd; undefined when cwd is missing, not in a repo, or git cannot run. */
export function findRepoRoot(cwd: string, gitPath = 'git'): Promise<string | undefined> {
  const key = `${gitPath}\0${cwd}`;
  let root = roots.get(key);
  if (!root) {
    root = askRepoRoot(cwd, gitPath).catch((e: unknown) => {
      // A failure to start git says nothing about the directory: ask again next time.
      if (e instanceof GitSpawnError) roots.delete(key);
      return undefined;
    });
    roots.set(key, root);
  }
  return root;
}

/** Forgets every memoized answer (a directory that became a repository, tests). */
export function clearRepoRootCache(): void {
  roots.clear();
}

async function askRepoRoot(cwd: string, gitPath: string): Promise<string | undefined> {
  const dir = await stat(cwd).catch(() => undefined);
  if (!dir?.isDirectory()) return undefined;
  const r = await gitRunner(cwd, gitPath)(['rev-parse', '--show-toplevel']);
  const top = r.stdout.trim();
  return r.code === 0 && top ? top : undefined;
}
