// Calendar keys (day, week, month) of instants in an IANA time zone. Offsets come from Intl once per
// 15-minute UTC slot (every zone's offset and every transition falls on such a boundary) and are
// cached, so keying hundreds of thousands of records costs a Map lookup each.

const DAY_MS = 86_400_000;
const SLOT_MS = 900_000;

export function resolveTimeZone(tz?: string): string {
  if (tz === 'UTC') return tz;
  if (tz === undefined || tz === '') return Intl.DateTimeFormat().resolvedOptions().timeZone;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    throw new Error(`Unknown time zone "${tz}" (use an IANA name such as Europe/Berlin or UTC).`);
  }
}

/** `YYYY-MM-DD` or `YYYYMMDD` → `YYYY-MM-DD`, rejecting dates that don't exist. */
export function parseDateArg(s: string): string {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(s.trim());
  if (!m) throw new Error(`Invalid date "${s}": use YYYY-MM-DD.`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) throw new Error(`Invalid date "${s}": no such day.`);
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function civil(ms: number): { y: number; m: number; d: number; dow: number } {
  const t = new Date(ms);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), dow: t.getUTCDay() };
}

function dateKeyOfLocalMs(localMs: number): string {
  const c = civil(localMs);
  return `${pad(c.y, 4)}-${pad(c.m)}-${pad(c.d)}`;
}

export class ZoneCalendar {
  private fmtCache: Intl.DateTimeFormat | undefined;
  private readonly offsets = new Map<number, number>();
  private readonly isUtc: boolean;

  constructor(readonly timeZone: string) {
    this.isUtc = timeZone === 'UTC' || timeZone === 'Etc/UTC';
  }

  /** Minutes to add to UTC to get local time at `epochMs`. */
  offsetMinutes(epochMs: number): number {
    if (this.isUtc) return 0;
    const slot = Math.floor(epochMs / SLOT_MS);
    let off = this.offsets.get(slot);
    if (off === undefined) {
      off = this.computeOffset(slot * SLOT_MS);
      this.offsets.set(slot, off);
    }
    return off;
  }

  dayKey(epochMs: number): string {
    return dateKeyOfLocalMs(this.local(epochMs));
  }

  monthKey(epochMs: number): string {
    return this.dayKey(epochMs).slice(0, 7);
  }

  /** The local date on which the week holding `epochMs` starts (weekStartsOn: 0 = Sunday … 6). */
  weekStartKey(epochMs: number, weekStartsOn: number): string {
    const local = this.local(epochMs);
    const back = (civil(local).dow - weekStartsOn + 7) % 7;
    return dateKeyOfLocalMs(local - back * DAY_MS);
  }

  /** ISO 8601 week, `YYYY-Www` (weeks start on Monday; week 1 holds the year's first Thursday). */
  isoWeekKey(epochMs: number): string {
    const local = this.local(epochMs);
    const day = Math.floor(local / DAY_MS) * DAY_MS;
    const isoDow = (civil(day).dow + 6) % 7; // Monday = 0
    const thursday = day + (3 - isoDow) * DAY_MS;
    const year = civil(thursday).y;
    const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
    return `${year}-W${pad(week)}`;
  }

  /** The first instant of the local day `YYYY-MM-DD` (after a DST gap at midnight, the first that exists). */
  startOfLocalDay(dateKey: string): number {
    const [y, m, d] = parseDateArg(dateKey).split('-').map(Number) as [number, number, number];
    const localMidnight = Date.UTC(y, m - 1, d);
    // Try the offsets in force around that day; keep the earliest instant that maps to this date.
    let best = Number.POSITIVE_INFINITY;
    for (const probe of [localMidnight - DAY_MS, localMidnight, localMidnight + DAY_MS]) {
      const guess = localMidnight - this.offsetMinutes(probe) * 60_000;
      if (this.dayKey(guess) === dateKey && guess < best) best = guess;
    }
    if (best !== Number.POSITIVE_INFINITY) {
      // Walk back over a possible gap: the day may begin earlier than the guessed midnight.
      while (this.dayKey(best - SLOT_MS) === dateKey) best -= SLOT_MS;
      return best;
    }
    // Midnight itself does not exist: the day starts at the first slot that is on this date.
    let t = localMidnight - 14 * 3_600_000;
    while (this.dayKey(t) !== dateKey) t += SLOT_MS;
    return t;
  }

  private local(epochMs: number): number {
    return epochMs + this.offsetMinutes(epochMs) * 60_000;
  }

  private get fmt(): Intl.DateTimeFormat {
    this.fmtCache ??= new Intl.DateTimeFormat('en-US', {
      timeZone: this.timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    return this.fmtCache;
  }

  private computeOffset(utcMs: number): number {
    const parts = this.fmt.formatToParts(new Date(utcMs));
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return Math.round((asUtc - utcMs) / 60_000);
  }
}
