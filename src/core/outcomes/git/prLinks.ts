// The commits a squash or rebase merge brought in. A forge re-creates them on the default branch (one
// squash commit, or copies with new hashes), so they are found by their change: the branch whose
// combined change equals a squash commit's (or whose content it has), the branch commits whose change
// equals a rebased copy's. Their branch may be live, remote-tracking only, or remembered by a reflog.
import { branchCandidates, FOUND_RANK, type BranchCandidate } from './branchCandidates';
import { changeIds, type ChangeQuery } from './changeIds';
import { commitFacts, type CommitFacts } from './commitFacts';
import { listCommitsOf, type CommitNode } from './commitGraph';
import { readCommitDetails } from './commitDetails';
import type { DefaultBranch } from './defaultBranch';
import type { RepoProbe } from './repoProbe';
import type { GitRunner } from './runGit';

export interface PrLink {
  /** The landed commit that is the PR: the squash commit, or the last rebased copy. */
  sha: string;
  style: 'squash' | 'rebase';
  branch: string;
  found: BranchCandidate['found'];
  /** The developer's commits it brought in (the originals), oldest first; empty: someone else's work. */
  commits: CommitFacts[];
  /** A rebase merge: the landed copies, which are the same work as `commits`. */
  copies?: string[];
}

export interface LinkInput {
  git: GitRunner;
  probe: RepoProbe;
  branch: DefaultBranch;
  isMine: (email: string) => boolean;
  /** The developer's landed commits (with merges); those not yet linked are matched. */
  landed: CommitFacts[];
  /** Epoch ms: landed commits and branch states older than this are not matched. */
  since: number | undefined;
  /**
   * Change ids already computed (by commit sha, or `tip:base` for a branch's combined change); filled
   * with this search's, and left holding only those it used, so it stays as small as the live branches.
   */
  changeIds?: Map<string, string | null>;
}

/** Unmerged commits read at most: a branch candidate is a few commits, a stale one can be thousands. */
const MAX_UNMERGED = 20_000;
const MAX_CANDIDATES = 200;

interface Candidate extends BranchCandidate {
  /** Commits reachable from the tip and not from the default branch. */
  own: CommitNode[];
  base?: string;
  changeId?: string | null;
}

export async function findPrLinks(input: LinkInput): Promise<PrLink[]> {
  const { git, branch } = input;
  const sides = new Set(input.landed.flatMap((c) => c.sideCommits ?? []));
  const targets = input.landed.filter((c) => c.shape !== 'merge' && !sides.has(c.sha) && (input.since === undefined || c.at >= input.since));
  if (targets.length === 0) return [];
  const found = await branchCandidates(git, input.probe, branch, input.since);
  if (found.length === 0) return [];
  const tips = [...new Set(found.map((c) => c.tip))];
  const nodes = await listCommitsOf(git, [...tips, `^${branch.head}`], MAX_UNMERGED);
  const bySha = new Map(nodes.map((n) => [n.sha, n]));
  // A tip the default branch holds was merged (or never diverged): nothing of it was squashed or rebased.
  // Work older than the window (a teammate's branch abandoned months ago) is not looked at.
  const recent = (c: BranchCandidate): boolean => input.since === undefined || (bySha.get(c.tip)?.at ?? 0) >= input.since;
  const candidates = bestFirst(found.filter((c) => bySha.has(c.tip) && recent(c)))
    .slice(0, MAX_CANDIDATES)
    .map((c): Candidate => ({ ...c, own: ownCommits(c.tip, bySha) }));
  if (candidates.length === 0) return [];
  const nodeIds = await addChangeIds(input, targets, candidates, nodes);

  // Copies first: a rebase merge's first copy would otherwise match the branch's first state as a squash.
  const links = rebasedRuns(targets, candidates, nodeIds, input.isMine);
  const linked = new Set(links.flatMap((l) => l.copies ?? []));
  for (const t of targets) {
    if (linked.has(t.sha)) continue;
    const c = squashedBranch(t, candidates, bySha, input.isMine);
    if (!c) continue;
    const originals = c.own.filter((n) => n.parents.length <= 1);
    links.push({ sha: t.sha, style: 'squash', branch: c.name, found: c.found, commits: originals.filter((n) => input.isMine(n.email)).map((n) => ({ sha: n.sha }) as CommitFacts) });
  }
  await fillCommitFacts(git, links, bySha);
  return links;
}

/** Live branches before remote-tracking ones before reflog states, newest tip first within each. */
function bestFirst(list: BranchCandidate[]): BranchCandidate[] {
  const seen = new Set<string>();
  return list
    .map((c, i) => ({ c, i }))
    .sort((a, b) => FOUND_RANK[a.c.found] - FOUND_RANK[b.c.found] || a.i - b.i)
    .map((x) => x.c)
    .filter((c) => {
      const key = `${c.name}\0${c.tip}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Commits reachable from `tip` within the unmerged set, oldest first. */
function ownCommits(tip: string, bySha: Map<string, CommitNode>): CommitNode[] {
  const own = new Map<string, CommitNode>();
  const queue = [tip];
  for (let sha = queue.pop(); sha !== undefined; sha = queue.pop()) {
    const n = bySha.get(sha);
    if (!n || own.has(sha)) continue;
    own.set(sha, n);
    queue.push(...n.parents);
  }
  return [...own.values()].sort((a, b) => a.at - b.at);
}

/**
 * Change ids of the landed targets (kept with their facts) and of each branch's combined change; those
 * of the unmerged commits are returned by sha.
 */
async function addChangeIds(input: LinkInput, targets: CommitFacts[], candidates: Candidate[], nodes: CommitNode[]): Promise<Map<string, string | null>> {
  await addBases(input.git, candidates);
  const known = input.changeIds ?? new Map<string, string | null>();
  const used = new Map<string, string | null>();
  const unknown = targets.filter((t) => t.changeId === undefined);
  const singles = nodes.filter((n) => n.parents.length <= 1).map((n) => ({ key: n.sha, query: { tip: n.sha } }));
  const combined = candidates.filter((c) => c.base).map((c) => ({ key: `${c.tip}:${c.base}`, query: { tip: c.tip, base: c.base! }, c }));
  const ask = [...singles, ...combined].filter((x) => !known.has(x.key));
  const queries: ChangeQuery[] = [...unknown.map((t) => ({ tip: t.sha })), ...ask.map((x) => x.query)];
  const ids = await changeIds(input.git, queries);
  let i = 0;
  for (const t of unknown) t.changeId = ids[i++] ?? null;
  for (const x of ask) known.set(x.key, ids[i++] ?? null);
  for (const x of [...singles, ...combined]) used.set(x.key, known.get(x.key) ?? null);
  for (const x of combined) x.c.changeId = used.get(x.key)!;
  known.clear();
  for (const [k, v] of used) known.set(k, v);
  return used;
}

/**
 * Each branch's merge base with the default branch, without a `git merge-base` per branch: the parents
 * of its own commits that the default branch holds; when it merged the default branch in, the newest
 * of those (one `git log` for all such branches).
 */
async function addBases(git: GitRunner, candidates: Candidate[]): Promise<void> {
  const boundaries = new Map<Candidate, string[]>();
  for (const c of candidates) {
    const own = new Set(c.own.map((n) => n.sha));
    boundaries.set(c, [...new Set(c.own.flatMap((n) => n.parents).filter((p) => !own.has(p)))]);
  }
  const several = [...new Set([...boundaries.values()].filter((b) => b.length > 1).flat())];
  const times = new Map((await listCommitsOf(git, several, several.length, false).catch(() => [])).map((n) => [n.sha, n.at]));
  for (const [c, b] of boundaries) {
    const newest = b.length > 1 ? [...b].sort((x, y) => (times.get(y) ?? 0) - (times.get(x) ?? 0))[0] : b[0];
    if (newest) c.base = newest;
  }
}

/**
 * The branch a landed commit squashed: one whose content is the commit's (it was up to date when
 * merged), or whose combined change is the commit's. A state only a reflog remembers counts when the
 * commit says it is a PR (`(#N)`) or was committed by someone else (the forge), since a local
 * `pull --rebase` leaves the developer's own earlier states there too.
 */
function squashedBranch(t: CommitFacts, candidates: Candidate[], bySha: Map<string, CommitNode>, isMine: (email: string) => boolean): Candidate | undefined {
  const reflogOk = t.prNumber !== undefined || !isMine(t.committerEmail);
  return candidates.find((c) => {
    if (c.found === 'reflog' && !reflogOk) return false;
    if (c.own.every((n) => n.parents.length > 1)) return false;
    return bySha.get(c.tip)?.tree === t.tree || (t.changeId != null && c.changeId === t.changeId);
  });
}

/** Landed commits that are copies of branch commits, grouped into one PR per run of copies from one branch. */
function rebasedRuns(targets: CommitFacts[], candidates: Candidate[], nodeIds: Map<string, string | null>, isMine: (email: string) => boolean): PrLink[] {
  const origin = new Map<string, { node: CommitNode; candidate: Candidate }[]>();
  for (const c of candidates) {
    for (const n of c.own) {
      const id = nodeIds.get(n.sha);
      if (!id) continue;
      const list = origin.get(id) ?? [];
      list.push({ node: n, candidate: c });
      origin.set(id, list);
    }
  }
  const runs: PrLink[] = [];
  let run: PrLink | undefined;
  const used = new Set<string>();
  for (const t of [...targets].sort((a, b) => a.at - b.at)) {
    const reflogOk = !isMine(t.committerEmail);
    const match = t.changeId ? origin.get(t.changeId)?.find((o) => o.node.sha !== t.sha && !used.has(o.node.sha) && (o.candidate.found !== 'reflog' || reflogOk)) : undefined;
    if (!match || t.prNumber !== undefined) {
      run = undefined;
      continue;
    }
    used.add(match.node.sha);
    if (!run || run.branch !== match.candidate.name) {
      run = { sha: t.sha, style: 'rebase', branch: match.candidate.name, found: match.candidate.found, commits: [], copies: [] };
      runs.push(run);
    }
    run.sha = t.sha;
    run.copies!.push(t.sha);
    if (isMine(match.node.email)) run.commits.push({ sha: match.node.sha } as CommitFacts);
  }
  return runs;
}

/** The linked commits' facts (time, subject, trailer, change), read once for all links. */
async function fillCommitFacts(git: GitRunner, links: PrLink[], bySha: Map<string, CommitNode>): Promise<void> {
  const shas = [...new Set(links.flatMap((l) => l.commits.map((c) => c.sha)))];
  const details = await readCommitDetails(git, shas);
  for (const l of links) l.commits = l.commits.map((c) => commitFacts(bySha.get(c.sha)!, details.get(c.sha)));
}
