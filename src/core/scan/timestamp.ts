// ISO-8601 timestamps to epoch ms. The common `YYYY-MM-DDTHH:MM:SS(.fff)Z` form is decoded by hand
// (hundreds of thousands per scan); anything else goes through Date.parse.

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

export function parseTimestamp(value: unknown): number | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    return value < 1e11 ? value * 1000 : value; // epoch seconds or ms
  }
  if (typeof value !== 'string') return undefined;
  const s = value;
  if (s.length >= 20 && s.charCodeAt(s.length - 1) === 90 /* Z */ && s[10] === 'T' && s[4] === '-' && s[7] === '-') {
    const y = digits(s, 0, 4);
    const mo = digits(s, 5, 2);
    const d = digits(s, 8, 2);
    const h = digits(s, 11, 2);
    const mi = digits(s, 14, 2);
    const sec = digits(s, 17, 2);
    let ms = 0;
    let ok = y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h < 24 && mi >= 0 && mi < 60 && sec >= 0 && sec < 61;
    if (ok && s.length > 20) {
      if (s[19] !== '.') ok = false;
      else {
        const frac = s.slice(20, s.length - 1);
        const n = digits(frac, 0, frac.length);
        if (n < 0 || frac.length === 0) ok = false;
        else ms = Math.floor(n / Math.pow(10, frac.length - 3));
      }
    }
    if (ok) return Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  }
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}
