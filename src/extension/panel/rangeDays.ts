// The local days a panel range covers (today, this/last week, the last 30 days, custom), in the
// user's time zone and with the configured first day of the week.
import type { PanelRange } from '../../shared/protocol';
import { addDays, daysBetween, type ZoneCalendar } from '../../core/time/zone';

export interface DayRange {
  /** Inclusive local days, YYYY-MM-DD. */
  since: string;
  until: string;
}

export { addDays };

/** Every day of the range, inclusive. */
export function daysOf(range: DayRange): string[] {
  return daysBetween(range.since, range.until);
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
