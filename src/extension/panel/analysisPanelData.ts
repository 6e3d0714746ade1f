// Panel data from the AWU model: the tasks, outcomes and evidence of `analyzeTasks` for the range,
// filtered by project and source, with tokens per day from the usage store (only the filtered tasks'
// sessions) and AWUs per day from their outcomes. Pure apart from the store it reads.
// Use: const { from, to } = rangeBounds(query.range, now, cal, weekStartsOn);
//      analysisPanelData(store, await analyzeTasks(store, from, to, opts), query, { timeZone, weekStartsOn, pricer, now });
import type { PanelData, PanelOutcome, PanelQuery, PanelRange, PanelTask } from '../../shared/protocol';
import type { TaskAnalysis } from '../../core/outcomes/analyzeTasks';
import { outcomeRow, taskRow } from '../../core/outcomes/taskRows';
import { SOURCE_IDS, type SourceId } from '../../core/types';
import { SOURCES } from '../../core/sources/registry';
import { ZoneCalendar } from '../../core/time/zone';
import type { UsageStore } from '../../core/store/usageStore';
import { NO_OUTCOME_ROWS, panelDiagnostics, sumCost, tokenDays } from './panelParts';
import { addDays, type DayRange, rangeDays } from './rangeDays';
import type { UsagePanelOptions } from './usageReportProvider';

const iso = (ms: number): string => new Date(ms).toISOString();
const round = (n: number): number => Math.round(n * 1000) / 1000;

/** The range's local days and the epoch-ms interval [from, to) analyzeTasks takes. */
export function rangeBounds(range: PanelRange, now: number, cal: ZoneCalendar, weekStartsOn: number): DayRange & { from: number; to: number } {
  const days = rangeDays(range, now, cal, weekStartsOn);
  return { ...days, from: cal.startOfLocalDay(days.since), to: cal.startOfLocalDay(addDays(days.until, 1)) };
}

export function analysisPanelData(store: UsageStore, analysis: TaskAnalysis, query: PanelQuery, opts: UsagePanelOptions): PanelData {
  const cal = new ZoneCalendar(opts.timeZone);
  const range = rangeDays(query.range, opts.now, cal, opts.weekStartsOn);
  const figures = analysis.tasks.filter((t) => (query.project === null || t.project === query.project) && (query.source === null || t.source === query.source));
  const tasks: PanelTask[] = figures.map(taskRow);
  const outcomes: PanelOutcome[] = figures.flatMap((t) => t.outcomes.map((o) => outcomeRow(o)));

  // Tokens per day: the records of the kept tasks' sessions. AWUs per day: their outcomes, under the task's source.
  const cols = store.columns;
  const sessionKeys = new Set(figures.filter((t) => t.source !== 'token-free').map((t) => t.id));
  const sources = SOURCE_IDS.filter((s) => query.source === null || query.source === s);
  const days = tokenDays(store, { sources, pricer: opts.pricer, cal, range, keep: (i) => sessionKeys.has(`${SOURCE_IDS[cols.u8.source[i]!]}:${cols.sessionName(cols.u32.session[i]!)}`) });
  const dayIndex = new Map(days.map((d, i) => [d.date, i]));
  const sourceOf = new Map(figures.map((t) => [t.id, t.source]));
  for (const o of outcomes) {
    const day = days[dayIndex.get(cal.dayKey(Date.parse(o.at))) ?? -1];
    if (!day || o.awu === 0) continue;
    const source = sourceOf.get(o.taskId) ?? 'token-free';
    let entry = day.bySource.find((b) => b.source === source);
    if (!entry) day.bySource.push((entry = { source, tokens: 0, costUSD: 0, awu: 0 }));
    entry.awu = round(entry.awu + o.awu);
  }

  const tokens = tasks.reduce((s, t) => s + t.tokens.total, 0);
  const costUSD = sumCost(tasks.map((t) => t.costUSD));
  const awu = round(tasks.reduce((s, t) => s + t.awu, 0));
  const tokenFreeAwu = round(tasks.filter((t) => t.source === 'token-free').reduce((s, t) => s + t.awu, 0));
  const per = (x: number | null): number | null => (x === null || awu <= 0 ? null : x / awu);
  const noOutcome = tasks
    .filter((t) => t.source !== 'token-free' && t.awu === 0 && t.tokens.total > 0)
    .sort((a, b) => (b.costUSD ?? 0) - (a.costUSD ?? 0) || b.tokens.total - a.tokens.total)
    .slice(0, NO_OUTCOME_ROWS);
  return {
    schemaVersion: 1,
    generatedAt: iso(opts.now),
    timeZone: opts.timeZone,
    query,
    start: range.since,
    end: range.until,
    totals: { tokens, costUSD, awu, tokensPerAwu: per(tokens), costPerAwu: per(costUSD), tokenFreeShare: per(tokenFreeAwu), tasks: tasks.length, outcomes: outcomes.length },
    days,
    tasks,
    outcomes,
    noOutcomeSpend: noOutcome.map((t) => ({ taskId: t.id, name: t.name, source: t.source, project: t.project, tokens: t.tokens.total, costUSD: t.costUSD })),
    diagnostics: panelDiagnostics(store, sources, opts.now, analysis.diagnostics),
    unpricedModels: [...new Set(analysis.unpriced.map((u) => u.model))].sort(),
    approximateSources: [...new Set(tasks.map((t) => t.source))]
      .filter((id) => !!SOURCES[id as SourceId]?.approximate)
      .sort()
      .map((id) => ({ source: id, note: SOURCES[id as SourceId].approximate! })),
    available: {
      projects: [...new Set(analysis.tasks.map((t) => t.project))].sort(),
      sources: [...new Set(analysis.tasks.map((t) => t.source))].sort(),
    },
  };
}
