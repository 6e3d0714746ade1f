// The usage reports of the CLI (and later the extension): daily, weekly, monthly and per session.
import type { Pricer } from '../pricing/pricing';
import type { RecordColumns } from '../store/recordColumns';
import type { UsageStore } from '../store/usageStore';
import { ZoneCalendar } from '../time/zone';
import type { SourceId } from '../types';
import { aggregate, type Group, type UnpricedModel } from './aggregate';
import { aggregateRollups } from './aggregateRollups';
import { SLOT_MS } from '../store/rollups';
import { type Diagnostics, collectDiagnostics } from './diagnostics';
import type { UsageTotals } from './usageTotals';

export type Period = 'daily' | 'weekly' | 'monthly' | 'session' | 'project';

export interface ReportOptions {
  period: Period;
  timeZone: string;
  sources: readonly SourceId[];
  /** Inclusive local dates, YYYY-MM-DD. */
  since?: string;
  until?: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekStartsOn: number;
  pricer: Pricer;
  /** The current time, for the clock-skew check (records dated in the future). */
  now?: number;
}

export interface ReportRow extends UsageTotals {
  key: string;
  bySource: Partial<Record<SourceId, UsageTotals>>;
  models: string[];
  projects: string[];
  first: number;
  last: number;
}

export interface UsageReport {
  period: Period;
  timeZone: string;
  rows: ReportRow[];
  totals: UsageTotals;
  unpriced: UnpricedModel[];
  diagnostics: Diagnostics;
}

/** Local-date key per record, memoised per 15-minute slot (all UTC offsets are multiples of 15 min). */
function slotKeys(cal: ZoneCalendar, key: (cal: ZoneCalendar, ms: number) => string): (ms: number) => string {
  const memo = new Map<number, string>();
  return (ms) => {
    const slot = Math.floor(ms / 900_000);
    let k = memo.get(slot);
    if (k === undefined) {
      k = key(cal, slot * 900_000);
      memo.set(slot, k);
    }
    return k;
  };
}

export function buildUsageReport(store: UsageStore, opts: ReportOptions): UsageReport {
  const cal = new ZoneCalendar(opts.timeZone);
  const day = slotKeys(cal, (c, ms) => c.dayKey(ms));
  const week = slotKeys(cal, (c, ms) => c.weekStartKey(ms, opts.weekStartsOn));
  const month = slotKeys(cal, (c, ms) => c.monthKey(ms));
  const inRange = (d: string): boolean => (!opts.since || d >= opts.since) && (!opts.until || d <= opts.until);
  const periodKey = (ts: number, source: number, session: () => string, project: () => string): string | undefined => {
    if (!inRange(day(ts))) return undefined;
    switch (opts.period) {
      case 'daily':
        return day(ts);
      case 'weekly':
        return week(ts);
      case 'monthly':
        return month(ts);
      case 'session':
        return `${source}\u0000${session()}`;
      case 'project':
        return project();
    }
  };
  // From the saved totals (whole 15-minute slots: exact in every zone); from the records when a model
  // is priced with a long-context threshold the totals do not record.
  const fromRollups = aggregateRollups(store.rollups, store, {
    sources: opts.sources,
    pricer: opts.pricer,
    keyOf: (r, rows) => periodKey(rows.u32.slot[r]! * SLOT_MS, rows.u8.source[r]!, () => store.sessionName(rows.u32.session[r]!), () => store.projectName(rows.u32.project[r]!)),
  });
  const { groups, unpriced } =
    fromRollups ??
    aggregate(store.columns, {
      sources: opts.sources,
      pricer: opts.pricer,
      keyOf: (i: number, cols: RecordColumns) => periodKey(cols.f64.ts[i]!, cols.u8.source[i]!, () => cols.sessionName(cols.u32.session[i]!), () => cols.projectName(cols.u32.project[i]!)),
    });
  const rows = groups.map(toRow);
  if (opts.period === 'session' || opts.period === 'project') rows.sort((a, b) => a.last - b.last);
  const totals = rows.reduce((t, r) => {
    for (const k of Object.keys(t) as (keyof UsageTotals)[]) t[k] += r[k];
    return t;
  }, zero());
  return { period: opts.period, timeZone: opts.timeZone, rows, totals, unpriced, diagnostics: collectDiagnostics(store, opts.sources, opts.now ?? Date.now()) };
}

function toRow(g: Group): ReportRow {
  return { key: g.key, ...g.totals, bySource: g.bySource, models: [...g.models].sort(), projects: [...g.projects].sort(), first: g.first, last: g.last };
}

function zero(): UsageTotals {
  return { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0, reasoningTokens: 0, totalTokens: 0, costUSD: 0, unpricedTokens: 0, records: 0 };
}
