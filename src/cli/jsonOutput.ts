// The CLI's --json shapes. Token columns are ccusage's: inputTokens excludes cached input, and
// totalTokens = input + output + cacheCreation + cacheRead.
import type { ReportRow, UsageReport } from '../core/report/usageReport';
import type { UsageTotals } from '../core/report/usageTotals';
import { SOURCE_IDS } from '../core/types';

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
    if (t) out[id] = { ...tokens(t), ...(t.unpricedTokens > 0 ? { unpricedTokens: t.unpricedTokens } : {}) };
  }
  return out;
}

/** Costs are sums of many small products; 1e-9 USD is far below anything shown. */
function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

const KEY_NAME = { daily: 'date', weekly: 'week', monthly: 'month' } as const;
const LIST_NAME = { daily: 'days', weekly: 'weeks', monthly: 'months', session: 'sessions', project: 'projects' } as const;

export function reportJson(report: UsageReport): unknown {
  const diagnostics = { ...report.diagnostics, unpricedModels: report.unpriced, timeZone: report.timeZone };
  const list = LIST_NAME[report.period];
  if (report.period === 'session') {
    return {
      sessions: report.rows.map((r) => {
        const [source, sessionId] = r.key.split('\u0000');
        return {
          source: SOURCE_IDS[Number(source)],
          sessionId,
          project: r.projects[0] ?? '',
          firstActivity: new Date(r.first).toISOString(),
          lastActivity: new Date(r.last).toISOString(),
          models: r.models,
          ...tokens(r),
        };
      }),
      totals: tokens(report.totals),
      diagnostics,
    };
  }
  if (report.period === 'project') {
    return { projects: report.rows.map((r) => ({ project: r.key, lastActivity: new Date(r.last).toISOString(), models: r.models, ...tokens(r), bySource: bySource(r) })), totals: tokens(report.totals), diagnostics };
  }
  const keyName = KEY_NAME[report.period];
  return {
    [list]: report.rows.map((r) => ({ [keyName]: r.key, ...tokens(r), bySource: bySource(r) })),
    totals: tokens(report.totals),
    diagnostics,
  };
}
