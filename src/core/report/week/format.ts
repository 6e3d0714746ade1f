// How the week's figures read in the human formats (Markdown, HTML). CSV and JSON keep raw numbers.

export const NO_VALUE = '—';

export function formatTokens(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Compact token counts for chart axes: 950, 12k, 1.5M, 2B. */
export function formatCompactTokens(n: number): string {
  for (const [size, unit] of [[1e9, 'B'], [1e6, 'M'], [1e3, 'k']] as const) {
    if (n >= size) return `${trimZeros((n / size).toFixed(1))}${unit}`;
  }
  return String(Math.round(n));
}

/** An unknown cost reads "unknown": a model with no price costs something, never $0. */
export function formatUSD(n: number | null): string {
  if (n === null) return 'unknown';
  if (n > 0 && n < 0.005) return '<$0.01';
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function formatAwu(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

export function formatTokensPerAwu(n: number | null): string {
  return n === null ? NO_VALUE : formatTokens(n);
}

export function formatShare(n: number | null): string {
  return n === null ? NO_VALUE : `${Math.round(n * 100)} %`;
}

/** A relative change (0.12 → "▲ 12 %"); null when there is nothing to compare with. */
export function formatChange(n: number | null): string {
  if (n === null) return NO_VALUE;
  const pct = Math.round(n * 100);
  if (pct === 0) return '± 0 %';
  return `${pct > 0 ? '▲' : '▼'} ${Math.abs(pct).toLocaleString('en-US')} %`;
}

/** The change of a share in percentage points (0.2 → 0.31 is "▲ 11 pp"): a relative change of a share misleads. */
export function formatPointChange(current: number | null, previous: number | null): string {
  if (current === null || previous === null) return NO_VALUE;
  const points = Math.round((current - previous) * 100);
  if (points === 0) return '± 0 pp';
  return `${points > 0 ? '▲' : '▼'} ${Math.abs(points)} pp`;
}

export function relativeChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / previous;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** A local calendar day `YYYY-MM-DD` → "Mon 23". */
export function formatDayShort(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return date;
  return `${WEEKDAYS[day.getUTCDay()]} ${day.getUTCDate()}`;
}

/** A local calendar day `YYYY-MM-DD` → "Mon 23 Nov". */
export function formatDayLong(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(day.getTime())) return date;
  return `${formatDayShort(date)} ${MONTHS[day.getUTCMonth()]}`;
}

interface LocalTime {
  date: string;
  weekday: string;
  time: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch {
      // An unknown zone must not lose the whole export: times then read in UTC.
      f = formatterFor('UTC');
    }
    formatters.set(timeZone, f);
  }
  return f;
}

function localTime(iso: string, timeZone: string): LocalTime | null {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) parts[p.type] = p.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: parts.weekday ?? '', time: `${parts.hour}:${parts.minute}` };
}

/** An instant as local "2026-11-30 08:00"; text that is no instant is shown as is. */
export function formatLocalDateTime(iso: string, timeZone: string): string {
  const t = localTime(iso, timeZone);
  return t ? `${t.date} ${t.time}` : iso;
}

/** An instant as local "Mon 14:02". */
export function formatLocalWeekdayTime(iso: string, timeZone: string): string {
  const t = localTime(iso, timeZone);
  return t ? `${t.weekday} ${t.time}` : iso;
}

/** A task's active window in local time: "Mon 14:02–15:40", or "Mon 23:10–Tue 00:40" across midnight. */
export function formatLocalRange(startIso: string, endIso: string, timeZone: string): string {
  const start = localTime(startIso, timeZone);
  const end = localTime(endIso, timeZone);
  if (!start || !end) return `${startIso}–${endIso}`;
  const endText = end.date === start.date ? end.time : `${end.weekday} ${end.time}`;
  return `${start.weekday} ${start.time}–${endText}`;
}

function trimZeros(fixed: string): string {
  return fixed.replace(/\.0+$/, '');
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}
