// One commit of the developer's as it is kept between reads: numbers, hashes, email, subject, never the body.
import type { AgentTrailer } from '../types';
import type { CommitNode } from './commitGraph';
import type { ChangeKind, CommitDetails } from './commitDetails';
import { mergePrNumber, squashPrNumber } from './messageRules';

export interface CommitFacts {
  sha: string;
  at: number;
  email: string;
  subject: string;
  /** A merge commit that brought the developer's work into the default branch, a squash commit `… (#N)`, or a plain commit. */
  shape: 'merge' | 'squash' | 'commit';
  prNumber?: number;
  agentTrailer?: AgentTrailer;
  change?: ChangeKind;
  reverts?: string;
}

export function commitFacts(node: CommitNode, details: CommitDetails | undefined): CommitFacts {
  const merge = node.parents.length > 1;
  const prNumber = merge ? mergePrNumber(node.subject) : squashPrNumber(node.subject);
  const facts: CommitFacts = { sha: node.sha, at: node.at, email: node.email, subject: node.subject, shape: merge ? 'merge' : prNumber === undefined ? 'commit' : 'squash' };
  if (prNumber !== undefined) facts.prNumber = prNumber;
  if (details?.agentTrailer) facts.agentTrailer = details.agentTrailer;
  if (details?.change) facts.change = details.change;
  if (details?.reverts) facts.reverts = details.reverts;
  return facts;
}
