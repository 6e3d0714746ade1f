// The developer's commits reachable from the default branch, and the merges on its first-parent line
// that brought their work in. Given the previous read, only the commits since its head are read.
import { commitFacts, type CommitFacts } from './commitFacts';
import { listCommits, type CommitNode } from './commitGraph';
import { readCommitDetails } from './commitDetails';
import type { DefaultBranch } from './defaultBranch';
import type { LandedState } from './gitState';
import { mergesBringingIn } from './mergedWork';
import type { GitRunner } from './runGit';

/** How much git was asked this time: lets a caller (and the tests) see that a re-read was incremental. */
export interface GitReadStats {
  /** 'full': the default branch's history was read; 'incremental': only commits since the last head; 'cached': nothing new. */
  landedRead: 'full' | 'incremental' | 'cached' | 'none';
  /** Commits listed from the default branch this time. */
  commitsListed: number;
  /** Commits whose diff and message were read this time. */
  commitsDetailed: number;
}

export interface CommitReader {
  git: GitRunner;
  isMine: (c: CommitNode) => boolean;
  /** Epoch ms to read from (undefined: all history). */
  readFrom?: number;
  stats: GitReadStats;
}

export async function readLanded(r: CommitReader, branch: DefaultBranch, prior: LandedState | undefined): Promise<LandedState> {
  const usable = prior?.ref === branch.ref ? prior : undefined;
  if (usable?.head === branch.head) {
    r.stats.landedRead = 'cached';
    return usable;
  }
  // A head that is no longer below the new one (force push, rewritten history) means reading it all again.
  const extend = usable !== undefined && (await r.git(['merge-base', '--is-ancestor', usable.head, branch.head])).code === 0;
  const nodes = await listCommits(r.git, extend ? [branch.head, `^${usable.head}`] : [branch.head], r.readFrom);
  const myWork = (n: CommitNode): boolean => n.parents.length <= 1 && r.isMine(n);
  // Only the developer's own non-merge commits make a merge theirs (merging main into a colleague's branch does not).
  const merges = mergesBringingIn(nodes, branch.head, myWork);
  const found = [...nodes.filter(myWork), ...merges.map((m) => m.merge)];
  const facts = await detailedFacts(r, found);
  const sides = new Map(merges.map((m) => [m.merge.sha, m.mine.map((c) => c.sha)]));
  for (const f of facts) if (sides.has(f.sha)) f.sideCommits = sides.get(f.sha);
  r.stats.landedRead = extend ? 'incremental' : 'full';
  r.stats.commitsListed += nodes.length;
  return { ref: branch.ref, head: branch.head, commits: extend ? [...usable.commits, ...facts] : facts };
}

/** The developer's commits on local branches that the default branch does not hold (pending); read afresh each time. */
export async function readLocal(r: CommitReader, tips: string[], branch: DefaultBranch | undefined, landed: Set<string>): Promise<CommitFacts[]> {
  if (tips.length === 0) return [];
  const nodes = await listCommits(r.git, branch ? [...tips, '--not', branch.head] : tips, r.readFrom);
  return detailedFacts(r, nodes.filter((n) => n.parents.length <= 1 && r.isMine(n) && !landed.has(n.sha)));
}

async function detailedFacts(r: CommitReader, nodes: CommitNode[]): Promise<CommitFacts[]> {
  const details = await readCommitDetails(r.git, nodes.map((n) => n.sha));
  r.stats.commitsDetailed += nodes.length;
  return nodes.map((n) => commitFacts(n, details.get(n.sha)));
}
