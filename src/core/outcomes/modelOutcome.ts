// One outcome as the model handles it, from git or from a test run, before and after it is linked to
// a task.
import type { AgentTrailer, OutcomeKind, ZeroReason } from './types';

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
}

export type LinkRule = 'explicit' | 'trailer' | 'temporal' | 'none';

export interface LinkedOutcome extends ModelOutcome {
  taskId: string;
  rule: LinkRule;
  /** Why this task got it, for people: "tool call `git commit` at 14:02". */
  evidence: string;
}
