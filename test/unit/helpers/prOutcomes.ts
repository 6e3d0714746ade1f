// A squash-merged PR #12 whose three commits two tasks made (two by a Claude session, one by hand), as
// the AWU model links it: one `pr.merged` share per task, split by commits, and the PR's commits landed
// through it at 0. Hand-made, so the surfaces that show PRs are tested apart from the model that finds them.
import type { TaskAnalysis } from '../../../src/core/outcomes/analyzeTasks';
import type { LinkedOutcome, LinkedPrCommit } from '../../../src/core/outcomes/modelOutcome';
import type { TaskFigures } from '../../../src/core/outcomes/taskReport';
import type { PrInfo } from '../../../src/core/outcomes/types';

export const PR_REPO = '/work/alpha';
export const AGENT_TASK = 'claude:a1b2c3d4-0000-4000-8000-000000000012';
export const HAND_TASK = 'token-free:/work/alpha:main:2026-11-25';
export const MERGED_AT = Date.UTC(2026, 10, 25, 14, 2);
const min = 60_000;

export const PR_COMMITS: LinkedPrCommit[] = [
  { ref: 'a1b2c3d', subject: 'Parser: read the new header', taskId: AGENT_TASK, madeBy: 'claude session a1b2c3d4' },
  { ref: 'b2c3d4e', subject: 'Parser: cover the header in tests', taskId: AGENT_TASK, madeBy: 'claude session a1b2c3d4' },
  { ref: 'e4f5a6b', subject: 'Fix a typo in the parser docs', taskId: HAND_TASK, madeBy: 'by hand (no agent session)' },
];

const PR: PrInfo = {
  number: 12,
  style: 'squash',
  branch: 'feat-x',
  found: 'branch',
  commits: PR_COMMITS.map((c, i) => ({ sha: `${c.ref}000000000000000000000000000000000`, at: MERGED_AT - (60 - i * 10) * min, subject: c.subject })),
};

function landedViaPr(c: LinkedPrCommit, i: number): LinkedOutcome {
  const agent = c.taskId === AGENT_TASK;
  return {
    kind: 'commit.landed', repo: PR_REPO, ref: c.ref, at: MERGED_AT - (60 - i * 10) * min, awu: 0, zeroReason: 'via-pr', subject: c.subject, branch: 'main', origin: 'git',
    viaPr: { ref: 'f00d012', number: 12 }, taskId: c.taskId, rule: agent ? 'explicit' : 'none',
    evidence: agent ? 'tool call `git commit` in claude session a1b2c3d4' : 'no agent session active in the repo: token-free',
  };
}

function share(taskId: string, awu: number, evidence: string): LinkedOutcome {
  return {
    kind: 'pr.merged', repo: PR_REPO, ref: 'f00d012', at: MERGED_AT, awu, subject: 'Parser header (#12)', branch: 'main', origin: 'git', pr: PR,
    taskId, rule: taskId === AGENT_TASK ? 'explicit' : 'none', evidence, prCommits: PR_COMMITS,
  };
}

/** The PR's commits (landed through it) and its two shares, in time order. */
export function prOutcomes(): LinkedOutcome[] {
  return [
    ...PR_COMMITS.map(landedViaPr),
    share(AGENT_TASK, 1.333, 'squash of feat-x: 2 of 3 commits by claude session a1b2c3d4'),
    share(HAND_TASK, 0.667, 'squash of feat-x: 1 of 3 commits by hand (no agent session)'),
  ];
}

function task(id: string, outcomes: LinkedOutcome[]): TaskFigures {
  const agent = id === AGENT_TASK;
  const total = agent ? 120_000 : 0;
  const awu = Math.round(outcomes.reduce((s, o) => s + o.awu, 0) * 1000) / 1000;
  return {
    // Both shares of the squash are named by its title, the landed commit's subject.
    id, name: 'Parser header (#12)', nameFrom: 'pr', source: agent ? 'claude' : 'token-free', sessionId: agent ? id.slice('claude:'.length) : null, project: PR_REPO, branch: agent ? 'feat-x' : 'main',
    start: MERGED_AT - 90 * min, end: MERGED_AT, tokens: { input: total / 2, output: total / 2, cacheCreation: 0, cacheRead: 0, total },
    costUSD: agent ? 1.2 : 0, awu, tokensPerAwu: awu > 0 ? total / awu : null, costPerAwu: agent && awu > 0 ? 1.2 / awu : null, outcomes, models: agent ? ['claude-sonnet-4-5'] : [],
  };
}

/** The analysis of the day the PR was merged: the Claude task, the token-free task, their outcomes. */
export function prAnalysis(): TaskAnalysis {
  const outcomes = prOutcomes();
  const tasks = [AGENT_TASK, HAND_TASK].map((id) => task(id, outcomes.filter((o) => o.taskId === id)));
  const from = Date.UTC(2026, 10, 25);
  return {
    from, to: from + 86_400_000, tasks, outcomes, noOutcomeSpend: [], repos: [], diagnostics: [], unpriced: [],
    totals: { tokens: 120_000, costUSD: 1.2, unpricedTokens: 0, awu: 2, tokenFreeAwu: 0.667, tokensPerAwu: 60_000, costPerAwu: 0.6, tokenFreeShare: 0.3335, tasks: 2, outcomes: outcomes.length },
  };
}
