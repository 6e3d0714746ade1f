// Tasks and their figures for a time range: each agent session with usage or outcomes in the range,
// plus token-free tasks for outcomes no session explains; tokens, cost, AWUs and the ratios.
import type { UsageTotals } from '../report/usageTotals';
import type { SourceId } from '../types';
import type { LinkedOutcome } from './modelOutcome';
import type { AgentSession } from './sessions';
import { taskName, type TaskNameSource, type TaskNaming } from './taskName';

export interface TaskTokens {
  input: number;
  output: number;
  cacheCreation: number;
  cacheRead: number;
  total: number;
}

export interface TaskFigures {
  id: string;
  /** What a person recognises the task by (taskName.ts): its PR's title, first commit, branch, or project and start. */
  name: string;
  /** Which rule named it (a PR title or commit subject is commit text, left out of exports without subjects). */
  nameFrom: TaskNameSource;
  source: SourceId | 'token-free';
  sessionId: string | null;
  /** Repository root, or the working directory when it is not in a repository. */
  project: string;
  branch: string | null;
  start: number;
  end: number;
  tokens: TaskTokens;
  /** Null when some of the task's tokens are of a model with no known price. */
  costUSD: number | null;
  awu: number;
  tokensPerAwu: number | null;
  costPerAwu: number | null;
  outcomes: LinkedOutcome[];
  models: string[];
}

export interface RangeTotals {
  tokens: number;
  /** Cost of the priced usage; see `unpricedTokens` for what could not be priced. */
  costUSD: number;
  unpricedTokens: number;
  awu: number;
  tokenFreeAwu: number;
  tokensPerAwu: number | null;
  costPerAwu: number | null;
  /** AWUs with no tokens behind them / all AWUs; null when there are no AWUs. */
  tokenFreeShare: number | null;
  tasks: number;
  outcomes: number;
}

export interface TaskReport {
  from: number;
  to: number;
  tasks: TaskFigures[];
  totals: RangeTotals;
  /** Agent tasks in the range with spend and no AWU, most expensive first. */
  noOutcomeSpend: TaskFigures[];
}

export interface TaskReportInput {
  sessions: readonly (AgentSession & { repo?: string })[];
  outcomes: readonly LinkedOutcome[];
  from: number;
  to: number;
  includeCacheReads: boolean;
  naming: Omit<TaskNaming, 'prsByRef'>;
}

export function tokensOf(u: UsageTotals, includeCacheReads: boolean): TaskTokens {
  const total = u.inputTokens + u.outputTokens + u.cacheCreationTokens + (includeCacheReads ? u.cacheReadTokens : 0);
  return { input: u.inputTokens, output: u.outputTokens, cacheCreation: u.cacheCreationTokens, cacheRead: u.cacheReadTokens, total };
}

export function ratio(a: number | null, b: number): number | null {
  return a === null || b <= 0 ? null : a / b;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

export function buildTaskReport(input: TaskReportInput): TaskReport {
  const inRange = (at: number): boolean => at >= input.from && at < input.to;
  const outcomesByTask = new Map<string, LinkedOutcome[]>();
  for (const o of input.outcomes) {
    if (!inRange(o.at)) continue;
    const list = outcomesByTask.get(o.taskId) ?? [];
    list.push(o);
    outcomesByTask.set(o.taskId, list);
  }
  const prsByRef = new Map(input.outcomes.filter((o) => o.kind === 'pr.merged').map((o) => [o.ref, o]));
  const naming: TaskNaming = { ...input.naming, prsByRef };
  const tasks: TaskFigures[] = [];
  let unpricedTokens = 0;
  for (const s of input.sessions) {
    const outcomes = outcomesByTask.get(s.key) ?? [];
    outcomesByTask.delete(s.key);
    const tokens = tokensOf(s.usage, input.includeCacheReads);
    if (tokens.total === 0 && s.usage.cacheReadTokens === 0 && outcomes.length === 0) continue;
    unpricedTokens += s.usage.unpricedTokens;
    const times = s.times.filter(inRange);
    const awu = round(outcomes.reduce((sum, o) => sum + o.awu, 0));
    const costUSD = s.usage.unpricedTokens > 0 ? null : s.usage.costUSD;
    const project = s.repo ?? s.cwd;
    const branch = s.branch ?? null;
    const named = taskName({ source: s.source, project, branch, startedAt: s.first, outcomes }, naming);
    tasks.push({
      id: s.key,
      name: named.name,
      nameFrom: named.from,
      source: s.source,
      sessionId: s.sessionId,
      project,
      branch,
      start: times[0] ?? s.first,
      end: times[times.length - 1] ?? s.last,
      tokens,
      costUSD,
      awu,
      tokensPerAwu: ratio(tokens.total, awu),
      costPerAwu: ratio(costUSD, awu),
      outcomes: outcomes.sort((a, b) => a.at - b.at),
      models: s.models,
    });
  }
  // What is left was linked to no session: token-free tasks, one per repo, branch and day.
  for (const [id, outcomes] of outcomesByTask) {
    outcomes.sort((a, b) => a.at - b.at);
    const first = outcomes[0]!;
    const awu = round(outcomes.reduce((sum, o) => sum + o.awu, 0));
    const named = taskName({ source: 'token-free', project: first.repo, branch: first.branch ?? null, startedAt: first.at, outcomes }, naming);
    tasks.push({
      id,
      name: named.name,
      nameFrom: named.from,
      source: 'token-free',
      sessionId: null,
      project: first.repo,
      branch: first.branch ?? null,
      start: first.at,
      end: outcomes[outcomes.length - 1]!.at,
      tokens: { input: 0, output: 0, cacheCreation: 0, cacheRead: 0, total: 0 },
      costUSD: 0,
      awu,
      tokensPerAwu: awu > 0 ? 0 : null,
      costPerAwu: awu > 0 ? 0 : null,
      outcomes,
      models: [],
    });
  }
  tasks.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
  const tokens = tasks.reduce((s, t) => s + t.tokens.total, 0);
  const costUSD = input.sessions.reduce((s, x) => s + x.usage.costUSD, 0);
  const awu = round(tasks.reduce((s, t) => s + t.awu, 0));
  const tokenFreeAwu = round(tasks.filter((t) => t.source === 'token-free').reduce((s, t) => s + t.awu, 0));
  const totals: RangeTotals = {
    tokens,
    costUSD,
    unpricedTokens,
    awu,
    tokenFreeAwu,
    tokensPerAwu: ratio(tokens, awu),
    costPerAwu: ratio(costUSD, awu),
    tokenFreeShare: ratio(tokenFreeAwu, awu),
    tasks: tasks.length,
    outcomes: tasks.reduce((s, t) => s + t.outcomes.length, 0),
  };
  const noOutcomeSpend = tasks
    .filter((t) => t.source !== 'token-free' && t.awu === 0 && t.tokens.total > 0)
    .sort((a, b) => (b.costUSD ?? 0) - (a.costUSD ?? 0) || b.tokens.total - a.tokens.total)
    .slice(0, 10);
  return { from: input.from, to: input.to, tasks, totals, noOutcomeSpend };
}
