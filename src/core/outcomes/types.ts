// Outcomes (what the spend bought) and the AWU weights they earn; see ../shared/docs/awu-model.md.

export const OUTCOME_KINDS = ['commit.landed', 'pr.merged', 'tests.passed', 'commit.local'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

export type AwuWeights = Record<OutcomeKind, number>;

export const DEFAULT_WEIGHTS: AwuWeights = { 'commit.landed': 1, 'pr.merged': 2, 'tests.passed': 0.5, 'commit.local': 0 };

/** Why an outcome earns nothing although it happened. */
export type ZeroReason = 'empty' | 'whitespace-only' | 'reverted' | 'revert' | 'no-change-since-last-pass' | 'pending' | 'via-pr';

/** How a PR reached the default branch. */
export type PrStyle = 'merge' | 'squash' | 'rebase';

/**
 * Where the commits a PR brought in were found: the merge commit's other parents, a live local or
 * remote-tracking branch, a reflog (the branch was deleted or amended after the merge), only the branch
 * the merge message names, or nowhere.
 */
export type PrWhereFound = 'merge-parents' | 'branch' | 'remote-branch' | 'reflog' | 'message' | 'none';

/** An agent whose trailer a commit carries (`Co-Authored-By: Claude …`, `… codex …`, "Generated with …"). */
export type AgentTrailer = 'claude' | 'codex' | 'gemini' | 'other';

/** A commit a merged PR brought in (one of the developer's), as the model links it to the task that made it. */
export interface PrCommit {
  sha: string;
  /** Epoch ms the commit was made (committer date of the original, not of a rebased copy). */
  at: number;
  subject: string;
  agentTrailer?: AgentTrailer;
}

/** What is known of a merged PR: how it was merged and which of the developer's commits it brought in. */
export interface PrInfo {
  number?: number;
  style: PrStyle;
  /** The branch the PR came from, when known (`feat-x`). */
  branch?: string;
  /** A merge commit's PR title, when its message carries one (GitHub: the line after `Merge pull request #12 …`). */
  title?: string;
  found: PrWhereFound;
  commits: PrCommit[];
}

/** One commit-based outcome read from git. Git is the truth; agent logs are only evidence. */
export interface GitOutcome {
  kind: 'commit.landed' | 'pr.merged' | 'commit.local';
  /** Repository root (absolute path, as `git rev-parse --show-toplevel` prints it). */
  repo: string;
  sha: string;
  /** Epoch ms the commit was made (committer date). */
  at: number;
  subject: string;
  authorEmail: string;
  /** The PR number of a squash commit `… (#N)` or a merge commit `Merge pull request #N …`. */
  prNumber?: number;
  agentTrailer?: AgentTrailer;
  /** A merged PR: how it was merged and the developer's commits it brought in. */
  pr?: PrInfo;
  /** A commit that landed through a merged PR: that PR's commit and number (zeroReason 'via-pr'). */
  viaPr?: { sha: string; number?: number };
  /** AWUs after the game-resistance rules (0 when zeroReason is set). */
  awu: number;
  zeroReason?: ZeroReason;
}

/** The commit a repo's HEAD pointed at over time (for "did anything change since the last green run"). */
export interface TreePoint {
  /** Epoch ms (committer date). */
  at: number;
  /** The commit's tree hash: equal trees mean equal content (an empty commit, a commit undone by a revert). */
  tree: string;
  /** The commit, so points of commits that earn nothing (empty, reverted) can be left out. */
  sha?: string;
}

export interface RepoOutcomes {
  repo: string;
  /** The branch treated as default (`origin/HEAD`, else main/master, or configured); undefined when none was found. */
  defaultBranch?: string;
  /** Its local name (`main` for `origin/main`): what token-free tasks are named by. */
  landingBranch?: string;
  identities: string[];
  outcomes: GitOutcome[];
  trees: TreePoint[];
  /** Clear, human-readable problems (no git, not a repo, shallow clone, detached HEAD …). Never thrown. */
  diagnostics: string[];
}

export interface GitOutcomeOptions {
  /** Extra author emails that count as the developer's, besides the repo's `user.email`. */
  extraEmails?: string[];
  /** Overrides default-branch detection. */
  defaultBranch?: string;
  /** Only commits made at or after this epoch ms are read. */
  since?: number;
  weights?: AwuWeights;
  /** Where per-repo incremental state is kept (undefined: read everything, keep nothing). */
  cacheDir?: string;
  /** The git executable (default `git` on PATH). */
  gitPath?: string;
}

/** A command run that might be a test run, from an agent's tool call, a VS Code terminal or task. */
export interface TestRunInput {
  origin: 'agent' | 'terminal' | 'task';
  source?: string;
  sessionId?: string;
  cwd: string;
  /** The matched test label (e.g. `npm test`); the full command line is not kept. */
  label: string;
  exitCode: number;
  at: number;
  /**
   * A fingerprint of the working tree at the run (e.g. hash of `git status --porcelain` + HEAD), when known.
   * Editor runs now record the tree `git add -A` would commit (40 hex, git/workingTree.ts); older saved runs hold 32-hex opaque hashes.
   */
  treeFingerprint?: string;
}
