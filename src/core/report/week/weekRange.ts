// Which days a weekly summary covers: the week holding a given ISO week's Monday (or today), starting
// on the configured day, in the user's time zone.
import { addDays, daysBetween, type ZoneCalendar } from '../../time/zone';

export interface WeekRange {
  /** ISO week label of the week's first day. */
  label: string;
  /** First and last local day, YYYY-MM-DD. */
  start: string;
  end: string;
  from: number;
  to: number;
}

const DAY_MS = 86_400_000;


/** The Monday of ISO week `YYYY-Www`, as YYYY-MM-DD. */
export function isoWeekMonday(label: string): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(label.trim());
  if (!m) throw new Error(`Invalid week "${label}": use YYYY-Www, e.g. 2026-W48.`);
  const year = Number(m[1]);
  const week = Number(m[2]);
  // 4 January is always in week 1.
  const jan4 = Date.UTC(year, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  const monday = mondayOfWeek1 + (week - 1) * 7 * DAY_MS;
  if (week < 1 || week > 53 || (week === 53 && new Date(monday + 3 * DAY_MS).getUTCFullYear() !== year)) {
    throw new Error(`Invalid week "${label}": ${year} has no week ${week}.`);
  }
  return new Date(monday).toISOString().slice(0, 10);
}

export function weekRange(cal: ZoneCalendar, weekStartsOn: number, week?: string, now = Date.now()): WeekRange {
  // A label names the ISO week holding the week's first day: that day is the first `weekStartsOn` day on
  // or after the ISO week's Monday (a Sunday-first week of W47 starts on W47's Sunday).
  const anchor = week ? cal.startOfLocalDay(addDays(isoWeekMonday(week), (weekStartsOn + 6) % 7)) : now;
  const start = cal.weekStartKey(anchor, weekStartsOn);
  const end = addDays(start, 6);
  const from = cal.startOfLocalDay(start);
  const to = cal.startOfLocalDay(addDays(start, 7));
  return { label: cal.isoWeekKey(from), start, end, from, to };
}

export function previousWeek(cal: ZoneCalendar, weekStartsOn: number, range: WeekRange): WeekRange {
  const from = cal.startOfLocalDay(addDays(range.start, -7));
  return weekRange(cal, weekStartsOn, undefined, from);
}

export function daysOf(range: WeekRange): string[] {
  return daysBetween(range.start, range.end);
}
