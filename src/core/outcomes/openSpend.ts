// "Spent since the last outcome" (issue 13): for one agent task — the most recently active one unless a
// task is named — the tokens and cost of its records after its last outcome that earned AWUs, or since its
// first event in the analysed range when it has none yet. Outcomes that earn nothing (a rerun of green
// tests, an empty commit, a commit still pending) do not reset it: they are activity, not results, and
// letting them reset it would let the figure be gamed the way the model refuses to let AWUs be.
import { aggregate } from '../report/aggregate';
import type { Pricer } from '../pricing/pricing';
import type { UsageStore } from '../store/usageStore';
import { SOURCE_IDS, type SourceId } from '../types';
import type { TaskFigures } from './taskReport';
import type { OutcomeKind } from './types';

export interface OpenSpend {
  taskId: string;
  /** The task's name as the task rows show it (taskName.ts). */
  name: string;
  source: SourceId;
  project: string;
  /** Epoch ms the open spend counts from (exclusive after an outcome, inclusive at the task's start). */
  since: number;
  /** The outcome it counts from; absent: it counts from the task's start. */
  lastOutcome?: { kind: OutcomeKind; ref: string; at: number; awu: number; subject?: string };
  /** The task's last event in the range. */
  lastActive: number;
  /** Tokens as configured (with or without cache reads). */
  tokens: number;
  /** Cost of the priced records. */
  costUSD: number;
  /** Tokens of models with no known price (then `costUSD` is a lower bound). */
  unpricedTokens: number;
}

export interface OpenSpendOptions {
  pricer: Pricer;
  /** Default true, as everywhere else. */
  includeCacheReads?: boolean;
  /** The task to measure (`source:sessionId`); default the most recently active agent task. */
  taskId?: string;
}

/** The agent task (not token-free) whose last event is latest; ties: the later start, then the id. */
export function mostRecentTask(tasks: readonly TaskFigures[]): TaskFigures | undefined {
  let best: TaskFigures | undefined;
  for (const t of tasks) {
    if (t.source === 'token-free' || t.sessionId === null) continue;
    if (!best || t.end > best.end || (t.end === best.end && (t.start > best.start || (t.start === best.start && t.id > best.id)))) best = t;
  }
  return best;
}

/**
 * The open spend of one task of an analysis (`analyzeTasks(...).tasks`), from the store's records of
 * its session. Undefined when there is no such agent task.
 */
export function openSpend(store: UsageStore, tasks: readonly TaskFigures[], opts: OpenSpendOptions): OpenSpend | undefined {
  const task = opts.taskId === undefined ? mostRecentTask(tasks) : tasks.find((t) => t.id === opts.taskId && t.source !== 'token-free');
  if (!task || task.source === 'token-free' || task.sessionId === null) return undefined;
  const last = [...task.outcomes].filter((o) => o.awu > 0).sort((a, b) => a.at - b.at).pop();
  const since = last?.at ?? task.start;
  const cols = store.columns;
  const sourceIndex = SOURCE_IDS.indexOf(task.source);
  const sessionIndex = cols.view().sessions.indexOf(task.sessionId);
  const { groups } = aggregate(cols, {
    sources: [task.source],
    pricer: opts.pricer,
    keyOf: (i, c) => {
      if (c.u32.session[i] !== sessionIndex || c.u8.source[i] !== sourceIndex) return undefined;
      const ts = c.f64.ts[i]!;
      return (last ? ts > since : ts >= since) ? 'open' : undefined;
    },
  });
  const totals = groups[0]?.totals;
  const withCache = opts.includeCacheReads ?? true;
  return {
    taskId: task.id,
    name: task.name,
    source: task.source,
    project: task.project,
    since,
    ...(last ? { lastOutcome: { kind: last.kind, ref: last.ref, at: last.at, awu: last.awu, ...(last.subject ? { subject: last.subject } : {}) } } : {}),
    lastActive: task.end,
    tokens: totals ? totals.totalTokens - (withCache ? 0 : totals.cacheReadTokens) : 0,
    costUSD: totals?.costUSD ?? 0,
    unpricedTokens: totals?.unpricedTokens ?? 0,
  };
}
