// Pieces both panel data builders share: the tokens of each day of the range by source (from the
// usage store, for the records a filter keeps), the diagnostics, and a cost that is unknown as soon as
// one of its parts is.
import type { PanelDay, PanelDiagnostics } from '../../shared/protocol';
import type { Pricer } from '../../core/pricing/pricing';
import { aggregate } from '../../core/report/aggregate';
import { collectDiagnostics } from '../../core/report/diagnostics';
import type { RecordColumns } from '../../core/store/recordColumns';
import type { UsageStore } from '../../core/store/usageStore';
import type { ZoneCalendar } from '../../core/time/zone';
import type { SourceId } from '../../core/types';
import { type DayRange, daysOf } from './rangeDays';

export const NO_OUTCOME_ROWS = 10;

/** Cost of priced usage, or null when some of it has no known price. */
export function costOf(t: { costUSD: number; unpricedTokens: number }): number | null {
  return t.unpricedTokens > 0 ? null : t.costUSD;
}

export function sumCost(costs: readonly (number | null)[]): number | null {
  return costs.some((c) => c === null) ? null : costs.reduce<number>((a, c) => a + (c ?? 0), 0);
}

/** The local day of record `i` when it falls in the range. */
export function dayInRange(cols: RecordColumns, cal: ZoneCalendar, range: DayRange): (i: number) => string | undefined {
  return (i) => {
    const d = cal.dayKey(cols.f64.ts[i]!);
    return d >= range.since && d <= range.until ? d : undefined;
  };
}

/** Every day of the range with the tokens and cost per source of the records `keep` accepts (AWUs 0, for the caller to add). */
export function tokenDays(store: UsageStore, opts: { sources: readonly SourceId[]; pricer: Pricer; cal: ZoneCalendar; range: DayRange; keep: (i: number) => boolean }): PanelDay[] {
  const cols = store.columns;
  const dayOf = dayInRange(cols, opts.cal, opts.range);
  const { groups } = aggregate(cols, { sources: opts.sources, pricer: opts.pricer, keyOf: (i) => (opts.keep(i) ? dayOf(i) : undefined) });
  const byDay = new Map(groups.map((g) => [g.key, g]));
  return daysOf(opts.range).map((date) => {
    const g = byDay.get(date);
    const bySource = g ? Object.entries(g.bySource).map(([source, t]) => ({ source, tokens: t.totalTokens, costUSD: costOf(t), awu: 0 })) : [];
    return { date, bySource };
  });
}

export function panelDiagnostics(store: UsageStore, sources: readonly SourceId[], now: number, notes: readonly string[] = []): PanelDiagnostics {
  const d = collectDiagnostics(store, sources, now);
  return { filesRead: d.filesRead, filesMissing: d.filesMissing, skippedLines: d.skippedLines, futureRecords: d.futureRecords, notes: [...notes, ...d.indexWarnings], files: d.files };
}
