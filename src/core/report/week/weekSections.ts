// What the human formats (Markdown, HTML) show, as plain text cells: each format only lays it out and
// escapes it its own way, so both always carry the same figures.
import { formatAwu, formatChange, formatDayLong, formatLocalDateTime, formatLocalRange, formatLocalWeekdayTime, formatPointChange, formatShare, formatTokens, formatTokensPerAwu, formatUSD, NO_VALUE, relativeChange } from './format';
import { zeroReasonText } from '../../outcomes/outcomeText';
import type { WeekOutcome, WeekSummary } from './weekSchema';

export interface HeadlineFigure {
  label: string;
  value: string;
  /** A qualifier of the value: the cost leaves out models with no known price. */
  note?: string;
  previous: string;
  change: string;
}

export interface WeekColumn {
  label: string;
  numeric?: boolean;
  /** Short values (times) that read badly when wrapped. */
  nowrap?: boolean;
}

export interface WeekTable {
  id: string;
  title: string;
  columns: WeekColumn[];
  rows: string[][];
  /** A hover text for each row's first cell, where a format has one (HTML): the task's id behind its name. */
  firstCellTitles?: string[];
  /** Said instead of an empty table. */
  emptyText: string;
}

export function isEmptyWeek(summary: WeekSummary): boolean {
  return summary.tasks.length === 0 && summary.outcomes.length === 0;
}

export function weekTitle(summary: WeekSummary): string {
  return `AWU Meter — week ${summary.week}`;
}

export function weekSubtitle(summary: WeekSummary): string {
  return `${formatDayLong(summary.start)} – ${formatDayLong(summary.end)} · ${summary.timeZone} · generated ${formatLocalDateTime(summary.generatedAt, summary.timeZone)}`;
}

export function noActivityText(summary: WeekSummary): string {
  return `No activity in week ${summary.week} (${summary.start} – ${summary.end}): no agent tasks and no outcomes.`;
}

export function headlineFigures(summary: WeekSummary): HeadlineFigure[] {
  const { totals: now, previous: before, change } = summary;
  const costNote = summary.unpricedModels.length > 0 && now.costUSD !== null ? { note: '+ unknown' } : {};
  return [
    { label: 'Tokens', value: formatTokens(now.tokens), previous: formatTokens(before.tokens), change: formatChange(change.tokens) },
    { label: 'Cost', value: formatUSD(now.costUSD), ...costNote, previous: formatUSD(before.costUSD), change: formatChange(change.costUSD) },
    { label: 'AWUs', value: formatAwu(now.awu), previous: formatAwu(before.awu), change: formatChange(change.awu) },
    { label: 'Tokens per AWU', value: formatTokensPerAwu(now.tokensPerAwu), previous: formatTokensPerAwu(before.tokensPerAwu), change: formatChange(change.tokensPerAwu) },
    { label: 'Cost per AWU', value: formatCostOrNone(now.costPerAwu), previous: formatCostOrNone(before.costPerAwu), change: formatChange(relativeChange(now.costPerAwu, before.costPerAwu)) },
    { label: 'Token-free share', value: formatShare(now.tokenFreeShare), previous: formatShare(before.tokenFreeShare), change: formatPointChange(now.tokenFreeShare, before.tokenFreeShare) },
  ];
}

/** Tables in reading order: where the spend went, what it earned, then what it earned nothing for. */
export function weekTables(summary: WeekSummary): WeekTable[] {
  return [projectTable(summary), taskTable(summary), outcomeTable(summary), modelTable(summary), noOutcomeTable(summary)];
}

/** The approximate sources of the week, one sentence each; null when every figure is exact. */
export function approximateNote(summary: WeekSummary): string[] | null {
  const list = summary.approximateSources ?? [];
  return list.length === 0 ? null : list.map((a) => `${a.source} (approximate): ${a.note}`);
}

export function unpricedNote(summary: WeekSummary): string | null {
  if (summary.unpricedModels.length === 0) return null;
  return `No price is known for ${summary.unpricedModels.join(', ')}: their cost is unknown (not $0) and is left out of the cost figures.`;
}

function projectTable(summary: WeekSummary): WeekTable {
  return {
    id: 'projects',
    title: 'Projects',
    columns: [{ label: 'Project' }, { label: 'Tokens', numeric: true }, { label: 'Cost', numeric: true }, { label: 'AWU', numeric: true }, { label: 'Tokens/AWU', numeric: true }, { label: 'Tasks', numeric: true }],
    rows: summary.projects.map((p) => [p.project, formatTokens(p.tokens), formatUSD(p.costUSD), formatAwu(p.awu), formatTokensPerAwu(p.tokensPerAwu), String(p.tasks)]),
    emptyText: 'No projects.',
  };
}

function taskTable(summary: WeekSummary): WeekTable {
  return {
    id: 'tasks',
    title: 'Tasks',
    columns: [
      { label: 'Task' },
      { label: 'Source' },
      { label: 'Project' },
      { label: 'Branch' },
      { label: 'Active', nowrap: true },
      { label: 'Tokens', numeric: true },
      { label: 'Cost', numeric: true },
      { label: 'AWU', numeric: true },
      { label: 'Tokens/AWU', numeric: true },
      { label: 'Outcomes', numeric: true },
      { label: 'Models' },
    ],
    rows: summary.tasks.map((t) => [
      t.name,
      t.source,
      t.project,
      t.branch ?? NO_VALUE,
      formatLocalRange(t.start, t.end, summary.timeZone),
      formatTokens(t.tokens.total),
      formatUSD(t.costUSD),
      formatAwu(t.awu),
      formatTokensPerAwu(t.tokensPerAwu),
      String(t.outcomes),
      t.models.length > 0 ? t.models.join(', ') : NO_VALUE,
    ]),
    firstCellTitles: summary.tasks.map((t) => t.id),
    emptyText: 'No tasks.',
  };
}

const OUTCOME_LABELS: Record<WeekOutcome['kind'], string> = {
  'commit.landed': 'Commit landed',
  'pr.merged': 'PR merged',
  'tests.passed': 'Tests passed',
  'commit.local': 'Local commit',
};

/** A PR's commits and who made each: `a1b2c3d: claude session a1b2c3d4; e4f5a6b: by hand (no agent session)`. */
function prCommitsText(o: WeekOutcome): string {
  return o.prCommits?.length ? o.prCommits.map((c) => `${c.ref}: ${c.madeBy}`).join('; ') : NO_VALUE;
}

function outcomeTable(summary: WeekSummary): WeekTable {
  // Subjects are commit text the user may have chosen to keep out of exports: the flag rules, whatever the rows hold.
  const withSubjects = summary.includesSubjects;
  // Only a week with a merged PR whose commits are known gets the column.
  const withPrCommits = summary.outcomes.some((o) => o.prCommits?.length);
  const columns: WeekColumn[] = [{ label: 'When', nowrap: true }, { label: 'Outcome' }, { label: 'Ref' }, { label: 'Project' }, { label: 'AWU', numeric: true }];
  if (withSubjects) columns.push({ label: 'Subject' });
  columns.push({ label: 'Linked' });
  if (withPrCommits) columns.push({ label: 'PR commits' });
  return {
    id: 'outcomes',
    title: 'Outcomes',
    columns,
    rows: summary.outcomes.map((o) => {
      const awu = o.zeroReason !== undefined && o.awu === 0 ? `0 (${zeroReasonText(o.zeroReason, o.viaPr)})` : formatAwu(o.awu);
      const row = [formatLocalWeekdayTime(o.at, summary.timeZone), OUTCOME_LABELS[o.kind], o.ref, o.project, awu];
      if (withSubjects) row.push(o.subject ?? NO_VALUE);
      row.push(o.evidence);
      if (withPrCommits) row.push(prCommitsText(o));
      return row;
    }),
    emptyText: 'No outcomes this week.',
  };
}

function modelTable(summary: WeekSummary): WeekTable {
  return {
    id: 'models',
    title: 'Model mix',
    columns: [{ label: 'Model' }, { label: 'Tokens', numeric: true }, { label: 'Share', numeric: true }, { label: 'Cost', numeric: true }],
    rows: summary.models.map((m) => [m.model, formatTokens(m.tokens), formatShare(m.share), formatUSD(m.costUSD)]),
    emptyText: 'No model usage.',
  };
}

function noOutcomeTable(summary: WeekSummary): WeekTable {
  return {
    id: 'no-outcome',
    title: 'Spend with no outcome',
    columns: [{ label: 'Task' }, { label: 'Source' }, { label: 'Project' }, { label: 'Tokens', numeric: true }, { label: 'Cost', numeric: true }],
    rows: summary.noOutcomeSpend.map((s) => [s.name, s.source, s.project, formatTokens(s.tokens), formatUSD(s.costUSD)]),
    firstCellTitles: summary.noOutcomeSpend.map((s) => s.taskId),
    emptyText: 'Every task with spend earned AWUs.',
  };
}

function formatCostOrNone(n: number | null): string {
  return n === null ? NO_VALUE : formatUSD(n);
}
