// Outcomes from the developer's commits: kind by where the commit is and its shape, AWUs after the
// game-resistance rules. A merged PR is the outcome, not its commits (awu-model.md v1.1): the commits
// it brought in earn nothing beyond it and show as landed via the PR. Pure, so a full read and an
// incremental one agree by construction.
import { DEFAULT_WEIGHTS, type AwuWeights, type GitOutcome, type PrCommit, type PrInfo, type ZeroReason } from '../types';
import type { CommitFacts } from './commitFacts';
import type { PrLink } from './prLinks';

/** A revert cancels the developer's own commit when made within this long after it. */
export const REVERT_WINDOW_MS = 7 * 24 * 3600 * 1000;

export interface DeriveInput {
  repo: string;
  /** Reachable from the default branch. */
  landed: CommitFacts[];
  /** On local branches only; a sha also in `landed` is ignored here. */
  local: CommitFacts[];
  /** Squash and rebase merges found by their change (prLinks.ts). */
  links?: PrLink[];
  weights?: AwuWeights;
  since?: number;
}

function prCommit(c: CommitFacts): PrCommit {
  return { sha: c.sha, at: c.at, subject: c.subject, ...(c.agentTrailer ? { agentTrailer: c.agentTrailer } : {}) };
}

export function deriveOutcomes(input: DeriveInput): GitOutcome[] {
  const weights = input.weights ?? DEFAULT_WEIGHTS;
  const landedShas = new Set(input.landed.map((c) => c.sha));
  const bySha = new Map(input.landed.map((c) => [c.sha, c]));
  const linkOf = new Map((input.links ?? []).filter((l) => landedShas.has(l.sha)).map((l) => [l.sha, l]));
  const copies = new Set([...linkOf.values()].flatMap((l) => l.copies ?? []));
  /** Commit → the landed PR commit that brought it in. */
  const viaPr = new Map<string, CommitFacts>();
  for (const c of input.landed) for (const s of c.sideCommits ?? []) viaPr.set(s, c);
  const originals: CommitFacts[] = [];
  for (const l of linkOf.values()) {
    for (const c of l.commits) {
      if (viaPr.has(c.sha) || landedShas.has(c.sha)) continue;
      viaPr.set(c.sha, bySha.get(l.sha)!);
      originals.push(c);
    }
  }
  const local = input.local.filter((c) => !landedShas.has(c.sha) && !viaPr.has(c.sha));
  const reasons = revertReasons(input.landed, local, landedShas);
  const outcomes: GitOutcome[] = [];
  /** `zero`: a reason that decides; null: the commit's own change does not (a rebase's last copy stands for them all). */
  const add = (c: CommitFacts, kind: GitOutcome['kind'], extra: Partial<GitOutcome> = {}, zero?: ZeroReason | null): void => {
    if (input.since !== undefined && c.at < input.since) return;
    const o: GitOutcome = { kind, repo: input.repo, sha: c.sha, at: c.at, subject: c.subject, authorEmail: c.email, awu: weights[kind], ...extra };
    if (c.prNumber !== undefined) o.prNumber = c.prNumber;
    if (c.agentTrailer) o.agentTrailer = c.agentTrailer;
    const reason = zero ?? (zero === null ? undefined : c.change) ?? reasons.get(c.sha) ?? (kind === 'commit.local' && o.awu === 0 ? 'pending' : undefined);
    if (reason) {
      o.awu = 0;
      o.zeroReason = reason;
    }
    outcomes.push(o);
  };
  for (const c of input.landed) {
    const link = linkOf.get(c.sha);
    const pr = prInfo(c, link, bySha);
    if (pr) {
      // A squash or rebase of commits none of which is the developer's: their PR, not the developer's work.
      if (link && pr.commits.length === 0) continue;
      add(c, 'pr.merged', { pr }, link?.copies ? copiesChange(link.copies, bySha) : undefined);
    } else if (copies.has(c.sha)) {
      continue; // a rebased copy: the same work as its original, listed under the PR
    } else if (viaPr.has(c.sha)) {
      add(c, 'commit.landed', { viaPr: via(viaPr.get(c.sha)!) }, 'via-pr');
    } else {
      add(c, 'commit.landed');
    }
  }
  for (const c of originals) add(c, 'commit.landed', { viaPr: via(viaPr.get(c.sha)!) }, 'via-pr');
  for (const c of local) add(c, 'commit.local');
  return outcomes.sort((a, b) => a.at - b.at || (a.sha < b.sha ? -1 : a.sha > b.sha ? 1 : 0));
}

/** A rebase merge changes nothing only when none of its copies does. */
function copiesChange(copies: string[], bySha: Map<string, CommitFacts>): ZeroReason | null {
  const changes = copies.map((s) => bySha.get(s)?.change);
  if (changes.some((c) => c === undefined)) return null;
  return changes.every((c) => c === 'empty') ? 'empty' : 'whitespace-only';
}

function via(pr: CommitFacts): { sha: string; number?: number } {
  return pr.prNumber === undefined ? { sha: pr.sha } : { sha: pr.sha, number: pr.prNumber };
}

/** What a landed commit tells of a PR, when it is one: a merge, a squash (`(#N)` or found), a rebase's last copy. */
function prInfo(c: CommitFacts, link: PrLink | undefined, bySha: Map<string, CommitFacts>): PrInfo | undefined {
  const number = c.prNumber === undefined ? {} : { number: c.prNumber };
  if (link) return { ...number, style: link.style, branch: link.branch, found: link.found, commits: link.commits.map(prCommit) };
  if (c.shape === 'merge') {
    const commits = (c.sideCommits ?? []).map((s) => bySha.get(s)).filter((x): x is CommitFacts => x !== undefined);
    return { ...number, style: 'merge', ...(c.branchName ? { branch: c.branchName } : {}), ...(c.prTitle ? { title: c.prTitle } : {}), found: 'merge-parents', commits: commits.map(prCommit) };
  }
  if (c.shape === 'squash') return { ...number, style: 'squash', ...(c.branchName ? { branch: c.branchName } : {}), found: c.branchName ? 'message' : 'none', commits: [] };
  return undefined;
}

/**
 * 'revert' for a revert of the developer's own commit made within the window, 'reverted' for that commit.
 * A revert still on a local branch cancels only local commits: a landed commit stands until its revert lands.
 */
function revertReasons(landed: CommitFacts[], local: CommitFacts[], landedShas: Set<string>): Map<string, ZeroReason> {
  const all = [...landed, ...local];
  const bySha = new Map(all.map((c) => [c.sha, c]));
  const reasons = new Map<string, ZeroReason>();
  for (const revert of all) {
    if (!revert.reverts) continue;
    const sha = revert.reverts;
    const target = bySha.get(sha) ?? (sha.length < 40 ? all.find((c) => c.sha.startsWith(sha)) : undefined);
    if (!target || target.sha === revert.sha || revert.at - target.at > REVERT_WINDOW_MS) continue;
    if (landedShas.has(target.sha) && !landedShas.has(revert.sha)) continue;
    reasons.set(revert.sha, 'revert');
    if (!reasons.has(target.sha)) reasons.set(target.sha, 'reverted');
  }
  return reasons;
}
