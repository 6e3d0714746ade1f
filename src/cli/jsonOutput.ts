// The CLI's --json shapes. Token columns are ccusage's: inputTokens excludes cached input, and
// totalTokens = input + output + cacheCreation + cacheRead.
import type { ReportRow, UsageReport } from '../core/report/usageReport';
import type { UsageTotals } from '../core/report/usageTotals';
import { SOURCES } from '../core/sources/registry';
import { SOURCE_IDS, type SourceId } from '../core/types';

function tokens(t: UsageTotals): Record<string, number> {
  return {
    inputTokens: t.inputTokens,
    outputTokens: t.outputTokens,
    cacheCreationTokens: t.cacheCreationTokens,
    cacheReadTokens: t.cacheReadTokens,
    reasoningTokens: t.reasoningTokens,
    totalTokens: t.totalTokens,
    costUSD: round(t.costUSD),
  };
}

function bySource(row: ReportRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const id of SOURCE_IDS) {
    const t = row.bySource[id];
    if (t) out[id] = { ...tokens(t), ...(t.unpricedTokens > 0 ? { unpricedTokens: t.unpricedTokens } : {}), ...sourceFlags(id, t) };
  }
  return out;
}

/**
 * An estimate is flagged; a source whose logs have no token counts says so and counts its requests
 * (unless this row has tokens after all: Copilot Chat's OpenTelemetry export has exact ones).
 */
function sourceFlags(id: SourceId, t: UsageTotals): Record<string, unknown> {
  const source = SOURCES[id];
  return {
    ...(source.approximate ? { approximate: true } : {}),
    ...(source.tokensUnavailable && t.totalTokens === 0 ? { tokensAvailable: false, requests: t.records } : {}),
  };
}

/** The approximate sources among those in the report (always listed, maybe empty), with what is estimated about each. */
function approximateOf(report: UsageReport): Record<string, unknown> {
  const present = new Set<SourceId>();
  for (const r of report.rows) for (const id of Object.keys(r.bySource) as SourceId[]) present.add(id);
  const ids = SOURCE_IDS.filter((id) => present.has(id) && SOURCES[id].approximate);
  return { approximateSources: ids, approximateNotes: Object.fromEntries(ids.map((id) => [id, SOURCES[id].approximate])) };
}

/** Costs are sums of many small products; 1e-9 USD is far below anything shown. */
function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

const KEY_NAME = { daily: 'date', weekly: 'week', monthly: 'month' } as const;
const LIST_NAME = { daily: 'days', weekly: 'weeks', monthly: 'months', session: 'sessions', project: 'projects' } as const;

/** `names`: the `session` report's task names by row key (see `sessionNames`). */
export function reportJson(report: UsageReport, names?: ReadonlyMap<string, string>): unknown {
  const diagnostics = { ...report.diagnostics, unpricedModels: report.unpriced, timeZone: report.timeZone };
  const list = LIST_NAME[report.period];
  if (report.period === 'session') {
    return {
      sessions: report.rows.map((r) => {
        const [source, sessionId] = r.key.split('\u0000');
        const name = names?.get(r.key);
        return {
          source: SOURCE_IDS[Number(source)],
          sessionId,
          ...(name !== undefined ? { name } : {}),
          project: r.projects[0] ?? '',
          firstActivity: new Date(r.first).toISOString(),
          lastActivity: new Date(r.last).toISOString(),
          models: r.models,
          ...tokens(r),
          ...sourceFlags(SOURCE_IDS[Number(source)]!, r),
        };
      }),
      totals: tokens(report.totals),
      ...approximateOf(report),
      diagnostics,
    };
  }
  if (report.period === 'project') {
    return { projects: report.rows.map((r) => ({ project: r.key, lastActivity: new Date(r.last).toISOString(), models: r.models, ...tokens(r), bySource: bySource(r) })), totals: tokens(report.totals), ...approximateOf(report), diagnostics };
  }
  const keyName = KEY_NAME[report.period];
  return {
    [list]: report.rows.map((r) => ({ [keyName]: r.key, ...tokens(r), bySource: bySource(r) })),
    totals: tokens(report.totals),
    ...approximateOf(report),
    diagnostics,
  };
}
