// What a read of a repo leaves for the next one: the default-branch head it read up to and the
// developer's commits found below it. One JSON file per repo, replaced atomically (temp file + rename).
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TreePoint } from '../types';
import type { CommitFacts } from './commitFacts';
import type { PrLink } from './prLinks';

// 4: merges keep their PR title.
export const GIT_STATE_VERSION = 4;

let saves = 0;

export interface LandedState {
  /** The ref that was read (`refs/remotes/origin/main` …) and the commit it pointed at. */
  ref: string;
  head: string;
  /** The developer's commits (and the merges that brought their work) reachable from `head`. */
  commits: CommitFacts[];
}

export interface TreeState {
  /** The local branch tips (and HEAD) read up to. */
  tips: string[];
  points: TreePoint[];
}

export interface GitState {
  version: number;
  repo: string;
  identities: string[];
  /** The `since` of the full read the state began with (null: all history); later reads extend it. */
  since: number | null;
  /** Undefined while the repo has no default branch. */
  landed?: LandedState;
  trees: TreeState;
  /** Squash and rebase merges found so far, and the refs they were looked for with. */
  links?: LinkState;
}

export interface LinkState {
  /** A hash of the refs, HEAD and the default branch's head: the search is done again when it changes. */
  key: string;
  list: PrLink[];
  /** Change ids of the branch commits and branches last looked at (see prLinks.ts), so a new search diffs only what is new. */
  changeIds?: Record<string, string | null>;
}

export function gitStatePath(cacheDir: string, repo: string): string {
  return join(cacheDir, `git-${createHash('sha256').update(repo).digest('hex').slice(0, 16)}.json`);
}

export async function loadGitState(cacheDir: string, repo: string): Promise<GitState | undefined> {
  try {
    const state = JSON.parse(await readFile(gitStatePath(cacheDir, repo), 'utf8')) as GitState;
    const landedOk = state.landed === undefined || (typeof state.landed.head === 'string' && Array.isArray(state.landed.commits));
    return state.version === GIT_STATE_VERSION && state.repo === repo && Array.isArray(state.identities) && Array.isArray(state.trees?.points) && Array.isArray(state.trees.tips) && landedOk ? state : undefined;
  } catch {
    return undefined;
  }
}

export async function saveGitState(cacheDir: string, state: GitState): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  const path = gitStatePath(cacheDir, state.repo);
  const tmp = `${path}.tmp-${process.pid}-${++saves}`;
  await writeFile(tmp, JSON.stringify(state));
  await rename(tmp, path);
}
