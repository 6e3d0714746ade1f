// The CLI's readable report: one table, then a line on anything that needs attention.
import type { ReportRow, UsageReport } from '../core/report/usageReport';
import { SOURCES } from '../core/sources/registry';
import { SOURCE_IDS, type SourceId } from '../core/types';
import { formatTokens, formatUSD, renderTable } from './table';
import { clipName } from './taskOutput';

const FIRST_COLUMN = { daily: 'Date', weekly: 'Week of', monthly: 'Month', session: 'Task', project: 'Project' } as const;

/** Task names of the `session` report's rows (`sessionNames`), by row key. */
export type SessionNames = ReadonlyMap<string, string>;

function label(report: UsageReport, r: ReportRow, names: SessionNames | undefined): string {
  if (report.period !== 'session') return r.key;
  const name = names?.get(r.key);
  if (name) return clipName(name);
  const [source, sessionId] = r.key.split('\u0000');
  return `${sourceLabel(SOURCE_IDS[Number(source)]!)} ${(sessionId ?? '').slice(0, 8)}`;
}

/** A source whose counts are estimates is marked `~` (explained under the table). */
function sourceLabel(id: SourceId): string {
  return SOURCES[id].approximate ? `${id}~` : id;
}

function cost(costUSD: number, unpricedTokens: number): string {
  return unpricedTokens > 0 ? `${formatUSD(costUSD)}+?` : formatUSD(costUSD);
}

export function reportTable(report: UsageReport, names?: SessionNames): string {
  // Sessions also say where they worked: their project (the working directory).
  const project = report.period === 'session';
  const headers = [FIRST_COLUMN[report.period], 'Sources', ...(project ? ['Project'] : []), 'Input', 'Output', 'Cache write', 'Cache read', 'Total tokens', 'Cost'];
  const rows = report.rows.map((r) => [
    label(report, r, names),
    SOURCE_IDS.filter((s) => r.bySource[s]).map(sourceLabel).join(', '),
    ...(project ? [r.projects[0] ?? ''] : []),
    formatTokens(r.inputTokens),
    formatTokens(r.outputTokens),
    formatTokens(r.cacheCreationTokens),
    formatTokens(r.cacheReadTokens),
    formatTokens(r.totalTokens),
    cost(r.costUSD, r.unpricedTokens),
  ]);
  const t = report.totals;
  const footer = ['Total', '', ...(project ? [''] : []), formatTokens(t.inputTokens), formatTokens(t.outputTokens), formatTokens(t.cacheCreationTokens), formatTokens(t.cacheReadTokens), formatTokens(t.totalTokens), cost(t.costUSD, t.unpricedTokens)];
  const align: ('left' | 'right')[] = ['left', 'left', ...(project ? ['left' as const] : []), 'right', 'right', 'right', 'right', 'right', 'right'];
  const lines = [renderTable(headers, rows, { align, footer })];
  if (report.rows.length === 0) lines.push('No usage found in this range.');
  const d = report.diagnostics;
  const approximate = SOURCE_IDS.filter((id) => SOURCES[id].approximate && report.rows.some((r) => r.bySource[id]));
  for (const id of approximate) {
    const s = SOURCES[id];
    const requests = s.tokensUnavailable ? ` (${formatTokens(report.rows.reduce((n, r) => n + (r.bySource[id]?.records ?? 0), 0))} requests, no token counts in its logs)` : '';
    lines.push(`~ ${id} is approximate${requests}: ${s.approximate}.`);
  }
  if (report.unpriced.length > 0) lines.push(`Cost unknown for ${report.unpriced.map((u) => `${u.model} (${formatTokens(u.tokens)} tokens)`).join(', ')}: no price for these models ("+?").`);
  if (d.skippedLines > 0) lines.push(`${formatTokens(d.skippedLines)} log line(s) in ${d.files.length} file(s) could not be read; --json lists them under diagnostics.`);
  if (d.futureRecords > 0) lines.push(`${formatTokens(d.futureRecords)} record(s) are dated more than a day ahead of this machine's clock.`);
  if (d.filesMissing > 0) lines.push(`${d.filesMissing} log file(s) are gone; what was counted from them is kept.`);
  return lines.join('\n');
}
