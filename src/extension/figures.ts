// The status bar's figures from the store: the period's spend (today or this week, in the configured
// zone and week start) and today's cost for the budget. No `vscode` here.
import type { Pricer } from '../core/pricing/pricing';
import { buildUsageReport } from '../core/report/usageReport';
import type { UsageStore } from '../core/store/usageStore';
import { ZoneCalendar } from '../core/time/zone';
import type { SourceId } from '../core/types';
import type { Settings } from './settings';
import type { PeriodSpend, StatusFigures } from './statusText';

export interface FiguresInput {
  store: UsageStore;
  settings: Settings;
  sources: readonly SourceId[];
  timeZone: string;
  pricer: Pricer;
  now: number;
}

export function periodRange(cal: ZoneCalendar, settings: Settings, now: number): { since: string; until: string } {
  const until = cal.dayKey(now);
  return { since: settings.statusBar.period === 'week' ? cal.weekStartKey(now, settings.weekStartsOn) : until, until };
}

export function computeFigures({ store, settings, sources, timeZone, pricer, now }: FiguresInput): StatusFigures {
  const cal = new ZoneCalendar(timeZone);
  const { since, until } = periodRange(cal, settings, now);
  const report = buildUsageReport(store, { period: 'daily', timeZone, sources, since, until, weekStartsOn: settings.weekStartsOn, pricer, now });
  const withCache = settings.tokens.includeCacheReads;
  const t = report.totals;
  const spend: PeriodSpend = {
    tokens: withCache ? t.totalTokens : t.totalTokens - t.cacheReadTokens,
    inputTokens: t.inputTokens,
    outputTokens: t.outputTokens,
    cacheCreationTokens: t.cacheCreationTokens,
    cacheReadTokens: t.cacheReadTokens,
    costUSD: t.costUSD,
    unpricedTokens: t.unpricedTokens,
    bySource: {},
  };
  for (const row of report.rows) {
    for (const [id, s] of Object.entries(row.bySource) as [SourceId, NonNullable<(typeof row.bySource)[SourceId]>][]) {
      const into = (spend.bySource[id] ??= { tokens: 0, costUSD: 0 });
      into.tokens += withCache ? s.totalTokens : s.totalTokens - s.cacheReadTokens;
      into.costUSD += s.costUSD;
    }
  }
  const today = report.rows.find((r) => r.key === until);
  return {
    period: settings.statusBar.period,
    since,
    until,
    timeZone,
    includeCacheReads: withCache,
    spend,
    todayCostUSD: today?.costUSD ?? 0,
    dailyBudgetUSD: settings.budget.dailyCostUSD,
    ...(settings.budget.tokensPerAwu > 0 ? { tokensPerAwuTarget: settings.budget.tokensPerAwu } : {}),
  };
}
