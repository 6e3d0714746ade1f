// The week's tasks as CSV, one row per task: RFC 4180 quoting, CRLF line ends, and a UTF-8 byte order
// mark so that Excel reads non-ASCII project names right.
import type { WeekSummary, WeekTaskRow } from './weekSchema';

const BOM = '\uFEFF';
const CRLF = '\r\n';

export const CSV_COLUMNS = [
  'task_id',
  'task_name',
  'source',
  'session_id',
  'project',
  'branch',
  'start',
  'end',
  'input_tokens',
  'output_tokens',
  'cache_creation_tokens',
  'cache_read_tokens',
  'total_tokens',
  'cost_usd',
  'awu',
  'tokens_per_awu',
  'outcomes',
  'models',
  'approximate',
] as const;

type Cell = string | number | null;

export function renderCsv(summary: WeekSummary): string {
  const approximate = new Set((summary.approximateSources ?? []).map((a) => a.source));
  const rows = [[...CSV_COLUMNS], ...summary.tasks.map((t) => [...taskCells(t), approximate.has(t.source) ? 'yes' : ''])];
  return BOM + rows.map((cells) => cells.map(csvCell).join(',') + CRLF).join('');
}

function taskCells(t: WeekTaskRow): Cell[] {
  return [
    t.id,
    t.name,
    t.source,
    t.sessionId,
    t.project,
    t.branch,
    t.start,
    t.end,
    t.tokens.input,
    t.tokens.output,
    t.tokens.cacheCreation,
    t.tokens.cacheRead,
    t.tokens.total,
    // Rounded to a millionth of a dollar and a hundredth of a token: past that it is float noise.
    t.costUSD === null ? null : round(t.costUSD, 6),
    t.awu,
    t.tokensPerAwu === null ? null : round(t.tokensPerAwu, 2),
    t.outcomes,
    t.models.join(';'),
  ];
}

/** Null (unknown) is an empty cell, never 0. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or CR) as a formula, so data text such as
 * a project named `=HYPERLINK(…)` gets a leading `'`. A real number keeps its sign: `-1.5` is no formula.
 */
function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}

function round(n: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(n * scale) / scale;
}
