// Builds the weekly summary (the data every export format renders) from the AWU model's analysis of
// the week and of the week before.
import type { AnalyzeOptions, TaskAnalysis } from '../../outcomes/analyzeTasks';
import { analyzeTasks } from '../../outcomes/analyzeTasks';
import { ratio, type RangeTotals } from '../../outcomes/taskReport';
import { outcomeRow, taskRow } from '../../outcomes/taskRows';
import type { UsageStore } from '../../store/usageStore';
import { aggregate } from '../aggregate';
import { SOURCES } from '../../sources/registry';
import type { SourceId } from '../../types';
import { daysOf, previousWeek, weekRange } from './weekRange';
import { WEEK_SCHEMA_VERSION, type WeekSummary, type WeekTotals } from './weekSchema';

export interface WeekOptions extends AnalyzeOptions {
  weekStartsOn: number;
  /** ISO week label `YYYY-Www`; default: the current week. */
  week?: string;
  includeSubjects: boolean;
  now?: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const round = (n: number, digits = 6): number => Math.round(n * 10 ** digits) / 10 ** digits;

function totalsOf(t: RangeTotals): WeekTotals {
  return {
    tokens: t.tokens,
    costUSD: round(t.costUSD),
    awu: t.awu,
    tokensPerAwu: t.tokensPerAwu === null ? null : round(t.tokensPerAwu, 1),
    costPerAwu: t.costPerAwu === null ? null : round(t.costPerAwu),
    tokenFreeShare: t.tokenFreeShare === null ? null : round(t.tokenFreeShare, 4),
    tasks: t.tasks,
    outcomes: t.outcomes,
  };
}

function change(now: number | null, before: number | null): number | null {
  if (now === null || before === null || before === 0) return null;
  return round((now - before) / before, 4);
}

export async function buildWeekSummary(store: UsageStore, opts: WeekOptions): Promise<WeekSummary> {
  const cal = opts.calendar;
  const range = weekRange(cal, opts.weekStartsOn, opts.week, opts.now);
  const prev = previousWeek(cal, opts.weekStartsOn, range);
  // One after the other: both read the same repositories' incremental git state.
  // Task names are commit text too when they come from a PR or commit: not when subjects are left out.
  const analyze = { ...opts, namesWithoutSubjects: !opts.includeSubjects };
  const week: TaskAnalysis = await analyzeTasks(store, range.from, range.to, analyze);
  const before: TaskAnalysis = await analyzeTasks(store, prev.from, prev.to, analyze);
  const totals = totalsOf(week.totals);
  const previous = totalsOf(before.totals);

  const includeCacheReads = opts.includeCacheReads ?? true;
  const inWeek = (i: number): boolean => {
    const ts = store.columns.f64.ts[i]!;
    return ts >= range.from && ts < range.to;
  };
  const { groups: dayGroups } = aggregate(store.columns, { sources: opts.sources, pricer: opts.pricer, keyOf: (i, c) => (inWeek(i) ? cal.dayKey(c.f64.ts[i]!) : undefined) });
  const tokensOf = (t: { totalTokens: number; cacheReadTokens: number }): number => t.totalTokens - (includeCacheReads ? 0 : t.cacheReadTokens);
  const awuByDay = new Map<string, number>();
  for (const o of week.outcomes) awuByDay.set(cal.dayKey(o.at), (awuByDay.get(cal.dayKey(o.at)) ?? 0) + o.awu);
  const days = daysOf(range).map((date) => {
    const g = dayGroups.find((x) => x.key === date);
    return { date, tokens: g ? tokensOf(g.totals) : 0, costUSD: g ? (g.totals.unpricedTokens > 0 ? null : round(g.totals.costUSD)) : 0, awu: round(awuByDay.get(date) ?? 0, 3) };
  });

  const { groups: modelGroups, unpriced } = aggregate(store.columns, { sources: opts.sources, pricer: opts.pricer, keyOf: (i, c) => (inWeek(i) ? c.modelName(c.u32.model[i]!) : undefined) });
  const modelTokens = modelGroups.reduce((s, g) => s + tokensOf(g.totals), 0);
  const models = modelGroups
    .map((g) => ({ model: g.key, tokens: tokensOf(g.totals), costUSD: g.totals.unpricedTokens > 0 ? null : round(g.totals.costUSD), share: modelTokens > 0 ? round(tokensOf(g.totals) / modelTokens, 4) : 0 }))
    .sort((a, b) => b.tokens - a.tokens);

  const projects = new Map<string, { project: string; tokens: number; costUSD: number | null; awu: number; tasks: number }>();
  for (const t of week.tasks) {
    const p = projects.get(t.project) ?? { project: t.project, tokens: 0, costUSD: 0, awu: 0, tasks: 0 };
    p.tokens += t.tokens.total;
    p.costUSD = p.costUSD === null || t.costUSD === null ? null : round(p.costUSD + t.costUSD);
    p.awu = round(p.awu + t.awu, 3);
    p.tasks += 1;
    projects.set(t.project, p);
  }

  return {
    schemaVersion: WEEK_SCHEMA_VERSION,
    week: range.label,
    start: range.start,
    end: range.end,
    timeZone: cal.timeZone,
    weekStartsOn: opts.weekStartsOn,
    generatedAt: iso(opts.now ?? Date.now()),
    includesSubjects: opts.includeSubjects,
    totals,
    previous,
    change: {
      tokens: change(totals.tokens, previous.tokens),
      costUSD: change(totals.costUSD, previous.costUSD),
      awu: change(totals.awu, previous.awu),
      tokensPerAwu: change(totals.tokensPerAwu, previous.tokensPerAwu),
    },
    days,
    projects: [...projects.values()]
      .map((p) => ({ ...p, tokensPerAwu: ratio(p.tokens, p.awu) === null ? null : round(p.tokens / p.awu, 1) }))
      .sort((a, b) => b.tokens - a.tokens || b.awu - a.awu),
    tasks: week.tasks.map((t) => ({
      ...taskRow(t),
      costUSD: t.costUSD === null ? null : round(t.costUSD),
      tokensPerAwu: t.tokensPerAwu === null ? null : round(t.tokensPerAwu, 1),
    })),
    outcomes: week.outcomes.map((o) => outcomeRow(o, opts.includeSubjects)),
    models,
    noOutcomeSpend: week.noOutcomeSpend.map((t) => ({ taskId: t.id, name: t.name, source: t.source, project: t.project, tokens: t.tokens.total, costUSD: t.costUSD === null ? null : round(t.costUSD) })),
    unpricedModels: [...new Set(unpriced.map((u) => u.model))].sort(),
    approximateSources: [...new Set(week.tasks.map((t) => t.source))]
      .filter((id): id is SourceId => id !== 'token-free' && !!SOURCES[id as SourceId]?.approximate)
      .sort()
      .map((id) => ({ source: id, note: SOURCES[id].approximate! })),
  };
}
