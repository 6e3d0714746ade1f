// How numbers and times read in the panel (en-US digits so the page reads the same everywhere).
const intFmt = new Intl.NumberFormat('en-US');
const usdFmt = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const NONE = '—';

export function integer(n: number): string {
  return intFmt.format(Math.round(n));
}

/** 1.2M, 345.6k, 999. */
export function compact(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}

export function usd(n: number | null): string {
  if (n === null) return 'unknown';
  return usdFmt.format(n);
}

export function awu(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

export function ratioTokens(n: number | null): string {
  return n === null ? NONE : compact(n);
}

export function ratioUsd(n: number | null): string {
  return n === null ? NONE : usd(n);
}

export function percent(share: number | null): string {
  return share === null ? NONE : `${Math.round(share * 100)}%`;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** `2026-11-23 14:02` in the data's time zone. */
export function localTime(iso: string, timeZone: string): string {
  let fmt = timeFormats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    timeFormats.set(timeZone, fmt);
  }
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const p = Object.fromEntries(fmt.formatToParts(ms).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `Mon 23` for a `YYYY-MM-DD` day. */
export function shortDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const dow = new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', { weekday: 'short', timeZone: 'UTC' });
  return `${dow} ${d}`;
}

export const OUTCOME_LABELS: Record<string, string> = {
  'commit.landed': 'Commit landed',
  'pr.merged': 'PR merged',
  'tests.passed': 'Tests passed',
  'commit.local': 'Local commit (pending)',
};
