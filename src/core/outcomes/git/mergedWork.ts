// Which merge commits on a branch's first-parent line bring in a commit by the developer, and which.
import type { CommitNode } from './commitGraph';

export interface MergeBringingIn {
  merge: CommitNode;
  /** The developer's commits on the merged side, oldest first. */
  mine: CommitNode[];
}

/**
 * `nodes` is one `git log` range ending at `head`; commits outside it count as already on the branch.
 * Walks the first-parent line oldest first; a merge's merged side is what its other parents reach that
 * the line did not already hold, so every commit is visited once however long the history.
 */
export function mergesBringingIn(nodes: CommitNode[], head: string, isMine: (c: CommitNode) => boolean): MergeBringingIn[] {
  const bySha = new Map(nodes.map((n) => [n.sha, n]));
  const line: CommitNode[] = [];
  for (let c = bySha.get(head); c; c = c.parents[0] === undefined ? undefined : bySha.get(c.parents[0])) line.push(c);
  const held = new Set<string>();
  const merges: MergeBringingIn[] = [];
  for (const commit of line.reverse()) {
    held.add(commit.sha);
    const mine: CommitNode[] = [];
    const queue = commit.parents.slice(1);
    for (let sha = queue.pop(); sha !== undefined; sha = queue.pop()) {
      const side = bySha.get(sha);
      if (!side || held.has(sha)) continue;
      held.add(sha);
      if (isMine(side)) mine.push(side);
      queue.push(...side.parents);
    }
    if (mine.length > 0) merges.push({ merge: commit, mine: mine.sort((a, b) => a.at - b.at) });
  }
  return merges;
}
