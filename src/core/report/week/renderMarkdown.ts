// The week as Markdown, for notes and stand-ups.
import type { WeekSummary } from './weekSchema';
import { approximateNote, headlineFigures, isEmptyWeek, noActivityText, unpricedNote, weekSubtitle, weekTables, weekTitle, type WeekTable } from './weekSections';

/**
 * Text from the data (project names, branches, subjects) must read as text: a `|` would split a table
 * cell, `*`, `_`, `[`, `<` and the like would turn into formatting, links or HTML. (Block markers such as
 * `#` only act at the start of a line, and no line starts with data text.)
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(/[\\`*_[\]<>|~&]/g, '\\$&');
}

export function renderMarkdown(summary: WeekSummary): string {
  const lines = [`# ${escapeMarkdown(weekTitle(summary))}`, '', escapeMarkdown(weekSubtitle(summary)), ''];
  if (isEmptyWeek(summary)) {
    lines.push(escapeMarkdown(noActivityText(summary)), '');
    return lines.join('\n');
  }
  lines.push('## Headline', '', markdownRow(['', 'This week', 'Previous week', 'Change']), '|---|---:|---:|---:|');
  for (const f of headlineFigures(summary)) lines.push(markdownRow([f.label, f.note ? `${f.value} (${f.note})` : f.value, f.previous, f.change]));
  lines.push('');
  for (const table of weekTables(summary)) lines.push(...markdownTable(table), '');
  const note = unpricedNote(summary);
  if (note !== null) lines.push('## Unpriced models', '', escapeMarkdown(note), '');
  const approximate = approximateNote(summary);
  if (approximate !== null) lines.push('## Approximate sources', '', ...approximate.map((a) => `- ${escapeMarkdown(a)}`), '');
  return lines.join('\n');
}

function markdownTable(table: WeekTable): string[] {
  const heading = `## ${table.title}`;
  if (table.rows.length === 0) return [heading, '', table.emptyText];
  return [heading, '', markdownRow(table.columns.map((c) => c.label)), `|${table.columns.map((c) => (c.numeric ? '---:' : '---')).join('|')}|`, ...table.rows.map(markdownRow)];
}

function markdownRow(cells: string[]): string {
  return `| ${cells.map(escapeMarkdown).join(' | ')} |`;
}
