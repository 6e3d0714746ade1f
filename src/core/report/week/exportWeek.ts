// One entry point for the weekly summary's export formats, and the file name each is saved under.
import { isCommitText, projectAndStart } from '../../outcomes/taskName';
import { ZoneCalendar } from '../../time/zone';
import { renderCsv } from './renderCsv';
import { renderHtml } from './renderHtml';
import { renderJson, validWeekSummary } from './renderJson';
import { renderMarkdown } from './renderMarkdown';
import type { WeekSummary } from './weekSchema';

export const WEEK_FORMATS = ['md', 'csv', 'json', 'html'] as const;
export type WeekFormat = (typeof WEEK_FORMATS)[number];

const RENDERERS: Record<WeekFormat, (summary: WeekSummary) => string> = {
  md: renderMarkdown,
  csv: renderCsv,
  json: renderJson,
  html: renderHtml,
};

/**
 * Every format renders the summary only after it passed the schema, so a field the schema does not
 * know (anything a builder might attach by mistake) never reaches a file, and subjects (and task names
 * taken from them) stay out when the summary says it leaves them out.
 */
export function renderWeek(summary: WeekSummary, format: WeekFormat): string {
  const renderer = RENDERERS[format];
  if (!renderer) throw new Error(`Unknown week export format "${String(format)}": use one of ${WEEK_FORMATS.join(', ')}.`);
  return renderer(withoutHiddenSubjects(validWeekSummary(summary)));
}

/** `awu-week-2026-W48.md` */
export function weekFileName(summary: Pick<WeekSummary, 'week'>, format: WeekFormat): string {
  // The label becomes part of a path: only the schema's `YYYY-Www` may.
  if (!/^\d{4}-W\d{2}$/.test(summary.week)) throw new Error(`Invalid week label "${summary.week}": expected YYYY-Www.`);
  return `awu-week-${summary.week}.${format}`;
}

function withoutHiddenSubjects(summary: WeekSummary): WeekSummary {
  if (summary.includesSubjects) return summary;
  // A task named by its PR's title or a commit's subject is named by commit text: by project and start instead.
  const calendar = new ZoneCalendar(summary.timeZone);
  const tasks = summary.tasks.map((t) => (isCommitText(t.nameFrom) ? { ...t, name: projectAndStart(t.project, Date.parse(t.start), calendar, t.source), nameFrom: 'start' as const } : t));
  const nameOf = new Map(tasks.map((t) => [t.id, t.name]));
  return {
    ...summary,
    tasks,
    noOutcomeSpend: summary.noOutcomeSpend.map((s) => ({ ...s, name: nameOf.get(s.taskId) ?? s.taskId })),
    outcomes: summary.outcomes.map(({ subject: _subject, prCommits, ...rest }) =>
      prCommits === undefined ? rest : { ...rest, prCommits: prCommits.map(({ subject: _commitSubject, ...c }) => c) }),
  };
}
