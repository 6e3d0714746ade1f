// The week as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched from anywhere
// (the Content-Security-Policy forbids it too), every piece of data text escaped.
import { escapeHtml } from './format';
import { renderDayChart } from './renderDayChart';
import type { WeekSummary } from './weekSchema';
import { approximateNote, headlineFigures, isEmptyWeek, noActivityText, unpricedNote, weekSubtitle, weekTables, weekTitle, type WeekColumn, type WeekTable } from './weekSections';

export const WEEK_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --card: #f6f8fa; --border: #d1d9e0; --bar: #8fb8e8; --line: #c2410c; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --card: #161b22; --border: #30363d; --bar: #2f6db5; --line: #fb923c; }
}
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 0 auto; padding: 24px; max-width: 1100px; }
h1 { font-size: 1.6em; margin: 0; }
h2 { font-size: 1.15em; margin: 2em 0 0.5em; }
.subtitle, .empty, .note { color: var(--muted); }
.headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin: 1.5em 0; }
.figure { background: var(--card); border: 1px solid var(--border); border-radius: 8px; padding: 12px; }
.figure .label, .figure .previous { color: var(--muted); font-size: 0.85em; }
.figure .value { font-size: 1.4em; font-weight: 600; }
.figure .value-note { font-size: 0.6em; font-weight: 400; color: var(--muted); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--border); padding: 4px 8px; text-align: left; vertical-align: top; }
th { font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num, th.num, td.nowrap { white-space: nowrap; }
.day-chart { width: 100%; height: auto; max-width: 760px; display: block; }
.chart-bar { fill: var(--bar); }
.chart-line { fill: none; stroke: var(--line); stroke-width: 2; }
.chart-dot { fill: var(--line); }
.chart-grid { stroke: var(--border); stroke-width: 1; }
.chart-axis { stroke: var(--muted); stroke-width: 1; }
.chart-label { fill: var(--muted); font-size: 12px; }
.chart-axis-title { fill: var(--fg); font-size: 12px; font-weight: 600; }
`;

export function renderHtml(summary: WeekSummary): string {
  const title = weekTitle(summary);
  const body = isEmptyWeek(summary) ? [`<p class="empty">${escapeHtml(noActivityText(summary))}</p>`] : activityBody(summary);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${WEEK_HTML_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="subtitle">${escapeHtml(weekSubtitle(summary))}</p>`,
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function activityBody(summary: WeekSummary): string[] {
  const parts = [headline(summary), '<h2>Tokens and AWUs per day</h2>', renderDayChart(summary)];
  for (const table of weekTables(summary)) parts.push(htmlTable(table));
  const note = unpricedNote(summary);
  if (note !== null) parts.push('<h2>Unpriced models</h2>', `<p class="note">${escapeHtml(note)}</p>`);
  const approximate = approximateNote(summary);
  if (approximate !== null) parts.push('<h2>Approximate sources</h2>', `<ul class="note">${approximate.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>`);
  return parts;
}

function headline(summary: WeekSummary): string {
  const figures = headlineFigures(summary).map(
    (f) =>
      `<div class="figure"><div class="label">${escapeHtml(f.label)}</div><div class="value">${escapeHtml(f.value)}${f.note ? ` <span class="value-note">${escapeHtml(f.note)}</span>` : ''}</div>` +
      `<div class="change">${escapeHtml(f.change)}</div><div class="previous">previous week: ${escapeHtml(f.previous)}</div></div>`,
  );
  return `<section class="headline" aria-label="Headline">\n${figures.join('\n')}\n</section>`;
}

function htmlTable(table: WeekTable): string {
  const heading = `<h2 id="${table.id}">${escapeHtml(table.title)}</h2>`;
  if (table.rows.length === 0) return `${heading}\n<p class="empty">${escapeHtml(table.emptyText)}</p>`;
  const head = table.columns.map((c) => `<th scope="col"${c.numeric ? ' class="num"' : ''}>${escapeHtml(c.label)}</th>`).join('');
  const title = (row: number, i: number): string => (i === 0 && table.firstCellTitles?.[row] ? ` title="${escapeHtml(table.firstCellTitles[row])}"` : '');
  const rows = table.rows.map((cells, r) => `<tr>${cells.map((cell, i) => `<td${cellClass(table.columns[i])}${title(r, i)}>${escapeHtml(cell)}</td>`).join('')}</tr>`);
  return [heading, '<div class="table-wrap"><table>', `<thead><tr>${head}</tr></thead>`, '<tbody>', ...rows, '</tbody>', '</table></div>'].join('\n');
}

function cellClass(column: WeekColumn | undefined): string {
  if (column?.numeric) return ' class="num"';
  return column?.nowrap ? ' class="nowrap"' : '';
}
