// Calendar keys (day, week, month) of instants in an IANA time zone, cheap enough to call per record.
// Intl is asked for the UTC offset once per UTC hour; an hour whose start and end offsets differ holds a
// transition, which is then located exactly. Local dates follow arithmetically from epochMs + offset,
// and each local day's keys are built once.

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
// No zone has been further than 16 h from UTC, so a local midnight lies within this of its UTC reading.
const MAX_OFFSET_MS = 16 * HOUR_MS;
const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'Etc/GMT', 'Etc/Universal', 'Etc/Zulu', 'GMT', 'UCT', 'Universal', 'Zulu']);

/** Validates an IANA zone name and returns its canonical spelling; no argument means this process's zone. */
export function resolveTimeZone(tz?: string): string {
  if (tz === undefined || tz === '') return Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  if (tz === 'UTC') return tz; // already canonical; skips starting ICU's zone data for it
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    throw new Error(`Unknown time zone "${tz}" (use an IANA name such as Europe/Berlin, America/New_York or UTC).`);
  }
}

/** `YYYY-MM-DD` or `YYYYMMDD` → `YYYY-MM-DD`, rejecting dates that don't exist. */
export function parseDateArg(s: string): string {
  const m = /^(\d{4})(-?)(\d{2})\2(\d{2})$/.exec(s.trim());
  if (!m) throw new Error(`Invalid date "${s}": use YYYY-MM-DD or YYYYMMDD.`);
  const [y, mo, d] = [Number(m[1]), Number(m[3]), Number(m[4])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) throw new Error(`Invalid date "${s}": no such day.`);
  return `${m[1]}-${m[3]}-${m[4]}`;
}

/** Calendar arithmetic on `YYYY-MM-DD` (no time zone involved: days are days). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Every day from `since` to `until`, inclusive. */
export function daysBetween(since: string, until: string): string[] {
  const out: string[] = [];
  for (let d = since; d <= until; d = addDays(d, 1)) out.push(d);
  return out;
}

/** One UTC hour: `before` applies until `at` (ms since epoch), `after` from then on (ms offsets). */
interface HourOffsets {
  before: number;
  after: number;
  at: number;
}

interface LocalDay {
  key: string;
  month: string;
  dow: number; // 0 = Sunday
  isoWeek?: string;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export class ZoneCalendar {
  readonly timeZone: string;
  private readonly fmt: Intl.DateTimeFormat | undefined;
  private readonly hours = new Map<number, HourOffsets>();
  private readonly days = new Map<number, LocalDay>();

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    if (UTC_NAMES.has(timeZone)) return;
    try {
      this.fmt = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new Error(`Unknown time zone "${timeZone}" (use an IANA name such as Europe/Berlin, America/New_York or UTC).`);
    }
  }

  /** Minutes to add to UTC to get local wall-clock time at `epochMs` (e.g. -240 for New York in summer). */
  offsetMinutes(epochMs: number): number {
    return this.offsetMs(epochMs) / MINUTE_MS;
  }

  /** Local date, `YYYY-MM-DD`. */
  dayKey(epochMs: number): string {
    return this.day(this.localDay(epochMs)).key;
  }

  /** Local month, `YYYY-MM`. */
  monthKey(epochMs: number): string {
    return this.day(this.localDay(epochMs)).month;
  }

  /** The local date on which the week holding `epochMs` starts (weekStartsOn: 0 = Sunday, 1 = Monday … 6). */
  weekStartKey(epochMs: number, weekStartsOn: number): string {
    if (!Number.isInteger(weekStartsOn) || weekStartsOn < 0 || weekStartsOn > 6) {
      throw new RangeError(`weekStartsOn must be an integer 0 (Sunday) … 6 (Saturday), got ${weekStartsOn}`);
    }
    const d = this.localDay(epochMs);
    return this.day(d - ((this.day(d).dow - weekStartsOn + 7) % 7)).key;
  }

  /** ISO 8601 week, `YYYY-Www`: weeks start on Monday and week 1 holds the year's first Thursday. */
  isoWeekKey(epochMs: number): string {
    const d = this.localDay(epochMs);
    const info = this.day(d);
    if (info.isoWeek === undefined) {
      const thursday = d - ((info.dow + 6) % 7) + 3;
      const year = new Date(thursday * DAY_MS).getUTCFullYear();
      const week = Math.floor((thursday - Date.UTC(year, 0, 1) / DAY_MS) / 7) + 1;
      info.isoWeek = `${pad(year, 4)}-W${pad(week)}`;
    }
    return info.isoWeek;
  }

  /**
   * Epoch ms at which the local day `YYYY-MM-DD` begins: local midnight, or, when a DST gap swallows
   * midnight, the first instant that exists on that day. A day the zone skipped entirely (Pacific/Apia,
   * 2011-12-30) begins, and ends, where the next day begins.
   */
  startOfLocalDay(dateKey: string): number {
    const [y, m, d] = parseDateArg(dateKey).split('-').map(Number) as [number, number, number];
    const midnight = Date.UTC(y, m - 1, d); // the wall-clock reading, taken as if it were UTC
    // The first instant whose local reading is >= midnight; offsets are constant on each piece of an hour.
    for (let h = Math.floor((midnight - MAX_OFFSET_MS) / HOUR_MS); h * HOUR_MS <= midnight + MAX_OFFSET_MS; h++) {
      const { before, after, at } = this.hour(h);
      const start = h * HOUR_MS;
      const end = start + HOUR_MS;
      for (const [from, to, offset] of [[start, Math.min(at, end), before], [Math.max(at, start), end, after]] as const) {
        const first = Math.max(from, midnight - offset);
        if (first < to) return first;
      }
    }
    throw new Error(`No instant starts ${dateKey} in ${this.timeZone}`);
  }

  private offsetMs(epochMs: number): number {
    if (this.fmt === undefined) return 0;
    const h = this.hour(Math.floor(epochMs / HOUR_MS));
    return epochMs < h.at ? h.before : h.after;
  }

  private localDay(epochMs: number): number {
    return Math.floor((epochMs + this.offsetMs(epochMs)) / DAY_MS);
  }

  private day(dayNumber: number): LocalDay {
    let info = this.days.get(dayNumber);
    if (info === undefined) {
      const t = new Date(dayNumber * DAY_MS);
      const month = `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}`;
      info = { key: `${month}-${pad(t.getUTCDate())}`, month, dow: t.getUTCDay() };
      this.days.set(dayNumber, info);
    }
    return info;
  }

  private hour(h: number): HourOffsets {
    let entry = this.hours.get(h);
    if (entry === undefined) {
      if (!Number.isFinite(h)) throw new RangeError('Invalid timestamp: not a finite number of milliseconds');
      entry = this.fmt === undefined ? { before: 0, after: 0, at: Number.POSITIVE_INFINITY } : this.locate(h * HOUR_MS, (h + 1) * HOUR_MS);
      this.hours.set(h, entry);
    }
    return entry;
  }

  /** Offsets over [start, end): at most one transition per hour, found by bisection when there is one. */
  private locate(start: number, end: number): HourOffsets {
    const before = this.intlOffsetMs(start);
    const after = this.intlOffsetMs(end - 1);
    if (before === after) return { before, after, at: Number.POSITIVE_INFINITY };
    let lo = start; // offset(lo) === before
    let hi = end - 1; // offset(hi) === after
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.intlOffsetMs(mid) === before) lo = mid;
      else hi = mid;
    }
    return { before, after, at: hi };
  }

  private intlOffsetMs(utcMs: number): number {
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const p of this.fmt!.formatToParts(utcMs)) {
      if (p.type === 'year') year = Number(p.value);
      else if (p.type === 'month') month = Number(p.value);
      else if (p.type === 'day') day = Number(p.value);
      else if (p.type === 'hour') hour = Number(p.value);
      else if (p.type === 'minute') minute = Number(p.value);
      else if (p.type === 'second') second = Number(p.value);
    }
    const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
    // Intl shows whole seconds; compare against the instant truncated to its second.
    return wallMs - Math.floor(utcMs / 1000) * 1000;
  }
}
