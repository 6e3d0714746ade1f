// `awu-meter tasks` and `awu-meter week`: the AWU model over the usage store and the repositories.
import { writeFileSync } from 'node:fs';
import { analyzeTasks, type AnalyzeOptions } from '../core/outcomes/analyzeTasks';
import { Pricer } from '../core/pricing/pricing';
import { buildWeekSummary } from '../core/report/week/buildWeekSummary';
import { renderWeek } from '../core/report/week/exportWeek';
import type { UsageStore } from '../core/store/usageStore';
import { addDays, ZoneCalendar } from '../core/time/zone';
import { SOURCE_IDS } from '../core/types';
import type { CliArgs } from './args';
import { tasksJson, tasksTable } from './taskOutput';

const DAY_MS = 86_400_000;

function analyzeOptions(args: CliArgs, cacheDir: string | undefined): AnalyzeOptions {
  return {
    sources: args.sources,
    pricer: new Pricer(),
    calendar: new ZoneCalendar(args.timeZone),
    ...(args.repos ? { repos: args.repos } : {}),
    ...(args.extraEmails ? { extraEmails: args.extraEmails } : {}),
    ...(args.defaultBranch ? { defaultBranch: args.defaultBranch } : {}),
    ...(cacheDir ? { cacheDir } : {}),
  };
}

/** Without --since, `tasks` covers at least this much git history even when the logs are younger. */
const DEFAULT_DAYS = 30;

/** The range of `tasks`: --since/--until as local days, else everything the store holds (and 30 days) up to now. */
function taskRange(store: UsageStore, args: CliArgs, cal: ZoneCalendar): { from: number; to: number } {
  let earliest = Date.now() - DEFAULT_DAYS * DAY_MS;
  const ts = store.columns.f64.ts;
  for (let i = 0; i < store.columns.length; i++) if (ts[i]! < earliest && !store.columns.isDeleted(i)) earliest = ts[i]!;
  for (const a of store.activity.events) if (a.at < earliest) earliest = a.at;
  const from = args.since ? cal.startOfLocalDay(args.since) : cal.startOfLocalDay(cal.dayKey(earliest));
  const to = args.until ? cal.startOfLocalDay(addDays(args.until, 1)) : Math.max(Date.now(), from) + DAY_MS;
  return { from, to };
}

export async function runTasks(store: UsageStore, args: CliArgs, cacheDir: string | undefined): Promise<string> {
  const opts = analyzeOptions(args, cacheDir);
  const { from, to } = taskRange(store, args, opts.calendar);
  const analysis = await analyzeTasks(store, from, to, opts);
  if (args.json) {
    for (const d of analysis.diagnostics) process.stderr.write(`awu-meter: ${d}\n`);
    return `${JSON.stringify(tasksJson(analysis), null, 2)}\n`;
  }
  return `${tasksTable(analysis)}\n`;
}

/**
 * Task names for the `session` report (the same names `tasks` shows), by the report's row key
 * (`<source index>\0<session id>`): the AWU model over the same range, git read through the same cache.
 */
export async function sessionNames(store: UsageStore, args: CliArgs, cacheDir: string | undefined): Promise<Map<string, string>> {
  const opts = analyzeOptions(args, cacheDir);
  const { from, to } = taskRange(store, args, opts.calendar);
  const analysis = await analyzeTasks(store, from, to, opts);
  const names = new Map<string, string>();
  for (const t of analysis.tasks) if (t.sessionId !== null && t.source !== 'token-free') names.set(`${SOURCE_IDS.indexOf(t.source)}\u0000${t.sessionId}`, t.name);
  return names;
}

export async function runWeek(store: UsageStore, args: CliArgs, cacheDir: string | undefined): Promise<string> {
  const summary = await buildWeekSummary(store, {
    ...analyzeOptions(args, cacheDir),
    weekStartsOn: args.weekStartsOn,
    includeSubjects: args.includeSubjects,
    ...(args.week ? { week: args.week } : {}),
  });
  const text = renderWeek(summary, args.format);
  if (args.out) {
    writeFileSync(args.out, text);
    return `Wrote the summary of ${summary.week} (${summary.start} … ${summary.end}) to ${args.out}\n`;
  }
  return text.endsWith('\n') ? text : `${text}\n`;
}
