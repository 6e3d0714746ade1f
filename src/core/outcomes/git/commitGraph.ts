// The commits of a revision range with what is needed to place them: parents, tree, author, time,
// subject (one line each, no diffs, so cheap even for a long history).
import type { TreePoint } from '../types';
import { gitOutput, type GitRunner } from './runGit';

export interface CommitNode {
  sha: string;
  tree: string;
  parents: string[];
  /** Author email, as git prints it; compare lower-cased. */
  email: string;
  /** Committer email: differs from the author's when a forge re-created the commit (a rebase merge). */
  committerEmail: string;
  /** Committer date, epoch ms. */
  at: number;
  subject: string;
}

const FORMAT = '--format=%H%x00%T%x00%P%x00%ae%x00%ce%x00%ct%x00%s';

/** `git log` over `revisions` (tips, `^excluded`, `--not` …), newest first; since is epoch ms. */
export async function listCommits(git: GitRunner, revisions: string[], since?: number): Promise<CommitNode[]> {
  if (revisions.length === 0) return [];
  return parseCommits(await gitOutput(git, ['log', FORMAT, ...sinceArgs(since), ...revisions, '--']));
}

/** The same, with the revisions (`tip`, `^excluded`) on standard input: any number of them; `walk: false` lists just those commits. */
export async function listCommitsOf(git: GitRunner, revisions: string[], maxCount: number, walk = true): Promise<CommitNode[]> {
  if (revisions.length === 0) return [];
  const args = ['log', FORMAT, `--max-count=${maxCount}`, ...(walk ? [] : ['--no-walk=unsorted']), '--stdin', '--'];
  return parseCommits(await gitOutput(git, args, `${revisions.join('\n')}\n`));
}

function parseCommits(out: string): CommitNode[] {
  const nodes: CommitNode[] = [];
  for (const line of out.split('\n')) {
    const [sha, tree, parents, email, committerEmail, seconds, subject] = line.split('\0');
    if (!sha || tree === undefined || parents === undefined || email === undefined || committerEmail === undefined || seconds === undefined) continue;
    nodes.push({ sha, tree, parents: parents ? parents.split(' ') : [], email, committerEmail, at: Number(seconds) * 1000, subject: subject ?? '' });
  }
  return nodes;
}

/** Commit time and tree of every commit in `revisions`, oldest first. */
export async function listTrees(git: GitRunner, revisions: string[], since?: number): Promise<TreePoint[]> {
  if (revisions.length === 0) return [];
  const out = await gitOutput(git, ['log', '--format=%ct %T %H', ...sinceArgs(since), ...revisions, '--']);
  const points: TreePoint[] = [];
  for (const line of out.split('\n')) {
    const [seconds, tree, sha] = line.split(' ');
    if (seconds && tree) points.push({ at: Number(seconds) * 1000, tree, ...(sha ? { sha } : {}) });
  }
  return points.sort(byTime);
}

/** Oldest first; equal times by tree, so any two reads of the same commits agree. */
export function byTime(a: TreePoint, b: TreePoint): number {
  return a.at - b.at || (a.tree < b.tree ? -1 : a.tree > b.tree ? 1 : 0);
}

function sinceArgs(since: number | undefined): string[] {
  return since === undefined ? [] : [`--since=@${Math.floor(since / 1000)}`];
}
