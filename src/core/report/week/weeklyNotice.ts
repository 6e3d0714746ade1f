// When the weekly summary comes to the developer: on the first start in a new week (local, from the
// configured first day), a notice offers last week's summary; a configured archive folder gets last
// week's files once. Pure: the host keeps the memory (VS Code's globalState) and does what the plan says.
import type { ZoneCalendar } from '../../time/zone';
import { previousWeek, weekRange, type WeekRange } from './weekRange';

export interface WeeklyNoticeMemory {
  /** The week (label of its first day) of the last start. */
  seenWeek?: string;
  /** The last week whose files were written to the archive folder. */
  archivedWeek?: string;
}

export interface WeeklyNoticeOptions {
  now: number;
  calendar: ZoneCalendar;
  weekStartsOn: number;
  /** `awuMeter.weeklySummary.notify`. */
  notify: boolean;
  /** `awuMeter.weeklySummary.folder`; '' = no archive. */
  folder: string;
}

export interface WeeklyNoticePlan {
  thisWeek: WeekRange;
  lastWeek: WeekRange;
  /** Offer last week's summary: a week started since the last start (never on the very first start). */
  notify: boolean;
  /** Write last week's files to the folder (not done yet for that week). */
  archive: boolean;
  /** The memory to keep once the plan is carried out (`archivedWeek` only after the files were written). */
  seen: WeeklyNoticeMemory;
}

export function planWeeklyNotice(memory: WeeklyNoticeMemory, opts: WeeklyNoticeOptions): WeeklyNoticePlan {
  const thisWeek = weekRange(opts.calendar, opts.weekStartsOn, undefined, opts.now);
  const lastWeek = previousWeek(opts.calendar, opts.weekStartsOn, thisWeek);
  const newWeek = memory.seenWeek !== undefined && memory.seenWeek !== thisWeek.label;
  return {
    thisWeek,
    lastWeek,
    notify: opts.notify && newWeek,
    archive: opts.folder.trim() !== '' && memory.archivedWeek !== lastWeek.label,
    seen: { ...memory, seenWeek: thisWeek.label },
  };
}
