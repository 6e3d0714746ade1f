// One commit of the developer's as it is kept between reads: numbers, hashes, email, subject, never the body
// (of a GitHub PR merge, only the PR title it carries on the line after the subject).
import type { AgentTrailer } from '../types';
import type { CommitNode } from './commitGraph';
import type { ChangeKind, CommitDetails } from './commitDetails';
import { mergePrNumber, squashPrNumber } from './messageRules';

export interface CommitFacts {
  sha: string;
  tree: string;
  at: number;
  email: string;
  committerEmail: string;
  subject: string;
  /** A merge commit that brought the developer's work into the default branch, a squash commit `… (#N)`, or a plain commit. */
  shape: 'merge' | 'squash' | 'commit';
  prNumber?: number;
  agentTrailer?: AgentTrailer;
  change?: ChangeKind;
  reverts?: string;
  /** The branch the message names as merged (`Merge pull request #13 from dev/feat-y` → `feat-y`). */
  branchName?: string;
  /** A GitHub PR merge: the PR's title. */
  prTitle?: string;
  /** A merge: the developer's commits it brought in (its other parents' side), oldest first. */
  sideCommits?: string[];
  /** The change's id (see changeIds.ts); null when it changes nothing; absent until needed. */
  changeId?: string | null;
}

export function commitFacts(node: CommitNode, details: CommitDetails | undefined): CommitFacts {
  const merge = node.parents.length > 1;
  const prNumber = merge ? mergePrNumber(node.subject) : squashPrNumber(node.subject);
  const facts: CommitFacts = { sha: node.sha, tree: node.tree, at: node.at, email: node.email, committerEmail: node.committerEmail, subject: node.subject, shape: merge ? 'merge' : prNumber === undefined ? 'commit' : 'squash' };
  if (prNumber !== undefined) facts.prNumber = prNumber;
  if (details?.agentTrailer) facts.agentTrailer = details.agentTrailer;
  if (details?.change) facts.change = details.change;
  if (details?.reverts) facts.reverts = details.reverts;
  if (details?.branchName) facts.branchName = details.branchName;
  if (merge && details?.prTitle) facts.prTitle = details.prTitle;
  return facts;
}
