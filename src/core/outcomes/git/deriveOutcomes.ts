// Outcomes from the developer's commits: kind by where the commit is and its shape, AWUs after the
// game-resistance rules. Pure, so a full read and an incremental one agree by construction.
import { DEFAULT_WEIGHTS, type AwuWeights, type GitOutcome, type ZeroReason } from '../types';
import type { CommitFacts } from './commitFacts';

/** A revert cancels the developer's own commit when made within this long after it. */
export const REVERT_WINDOW_MS = 7 * 24 * 3600 * 1000;

export interface DeriveInput {
  repo: string;
  /** Reachable from the default branch. */
  landed: CommitFacts[];
  /** On local branches only; a sha also in `landed` is ignored here. */
  local: CommitFacts[];
  weights?: AwuWeights;
  since?: number;
}

export function deriveOutcomes(input: DeriveInput): GitOutcome[] {
  const weights = input.weights ?? DEFAULT_WEIGHTS;
  const landedShas = new Set(input.landed.map((c) => c.sha));
  const local = input.local.filter((c) => !landedShas.has(c.sha));
  const reasons = revertReasons(input.landed, local, landedShas);
  const outcomes: GitOutcome[] = [];
  const add = (c: CommitFacts, kind: GitOutcome['kind']): void => {
    if (input.since !== undefined && c.at < input.since) return;
    const o: GitOutcome = { kind, repo: input.repo, sha: c.sha, at: c.at, subject: c.subject, authorEmail: c.email, awu: weights[kind] };
    if (c.prNumber !== undefined) o.prNumber = c.prNumber;
    if (c.agentTrailer) o.agentTrailer = c.agentTrailer;
    const zero = c.change ?? reasons.get(c.sha) ?? (kind === 'commit.local' && o.awu === 0 ? 'pending' : undefined);
    if (zero) {
      o.awu = 0;
      o.zeroReason = zero;
    }
    outcomes.push(o);
  };
  for (const c of input.landed) add(c, c.shape === 'commit' ? 'commit.landed' : 'pr.merged');
  for (const c of local) add(c, 'commit.local');
  return outcomes.sort((a, b) => a.at - b.at || (a.sha < b.sha ? -1 : a.sha > b.sha ? 1 : 0));
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
