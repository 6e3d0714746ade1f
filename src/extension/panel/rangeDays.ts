// The local days a panel range covers (today, this/last week, the last 30 days, custom), in the
// user's time zone and with the configured first day of the week.
import type { PanelRange } from '../../shared/protocol';
import type { ZoneCalendar } from '../../core/time/zone';

export interface DayRange {
  /** Inclusive local days, YYYY-MM-DD. */
  since: string;
  until: string;
}

/** Calendar arithmetic on `YYYY-MM-DD` (no time zone involved: days are days). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Every day from `since` to `until`, inclusive. */
export function daysOf(range: DayRange): string[] {
  const out: string[] = [];
  for (let d = range.since; d <= range.until; d = addDays(d, 1)) out.push(d);
  return out;
}

export function rangeDays(range: PanelRange, now: number, cal: ZoneCalendar, weekStartsOn: number): DayRange {
  const today = cal.dayKey(now);
  switch (range.kind) {
    case 'today':
      return { since: today, until: today };
    case 'thisWeek': {
      const start = cal.weekStartKey(now, weekStartsOn);
      return { since: start, until: addDays(start, 6) };
    }
    case 'lastWeek': {
      const start = addDays(cal.weekStartKey(now, weekStartsOn), -7);
      return { since: start, until: addDays(start, 6) };
    }
    case 'last30Days':
      return { since: addDays(today, -29), until: today };
    case 'custom':
      return { since: range.since, until: range.until };
  }
}
