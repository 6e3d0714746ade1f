// One outcome as the model handles it, from git or from a test run, before and after it is linked to
// a task.
import type { AgentTrailer, OutcomeKind, PrInfo, ZeroReason } from './types';

export interface ModelOutcome {
  kind: OutcomeKind;
  repo: string;
  /** Short commit sha, or the test label (`npm test`). */
  ref: string;
  at: number;
  awu: number;
  zeroReason?: ZeroReason;
  subject?: string;
  branch?: string;
  origin: 'git' | 'agent' | 'terminal' | 'task';
  agentTrailer?: AgentTrailer;
  /** For test runs reported by an agent: the session that ran it. */
  sessionKey?: string;
  exitCode?: number;
  /** A merged PR: its commits, which decide the task(s) it belongs to. */
  pr?: PrInfo;
  /** A commit that landed through a merged PR (earns nothing beyond it): that PR. */
  viaPr?: { ref: string; number?: number };
}

export type LinkRule = 'explicit' | 'trailer' | 'temporal' | 'none';

/** One commit of a merged PR and the task that made it, as the outcome detail lists them. */
export interface LinkedPrCommit {
  ref: string;
  subject: string;
  taskId: string;
  /** Who made it, for people: "claude session a1b2c3d4", or "by hand (no agent session)". */
  madeBy: string;
}

export interface LinkedOutcome extends ModelOutcome {
  taskId: string;
  rule: LinkRule;
  /** Why this task got it, for people: "tool call `git commit` at 14:02". */
  evidence: string;
  /** A merged PR: every commit it brought in and which task made it (the PR's AWUs are split by these). */
  prCommits?: LinkedPrCommit[];
}
