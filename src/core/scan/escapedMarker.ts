// Markers are raw bytes such as `"usage"`, but JSON may spell any character of a key or value as a
// `\uXXXX` escape (`"\u0075sage"` is the key `usage`). A line can only hide a marker that way if it holds
// a `\u00XX` escape of one of the marker's own characters, so this search finds exactly such escapes: a
// line without one, and without the plain marker, cannot hold what the marker stands for. The writers
// of agent logs escape only control and non-ASCII characters, so in real logs it (almost) never fires.
import { type MarkerSearch, markerSearch } from './scanBuffer';

const ESCAPE = markerSearch('\\u00');

function hexDigit(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/** The characters a marker could hide in escapes: those between its quotes (quotes are never escaped). */
function escapable(markers: readonly string[]): Uint8Array {
  const set = new Uint8Array(128);
  for (const m of markers) for (const ch of m.replace(/"/g, '')) if (ch.charCodeAt(0) < 128) set[ch.charCodeAt(0)] = 1;
  return set;
}

/** The characters of ids (tool call ids, session ids): for parsers that look lines up by id. */
export const ID_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-';

/** A search for `\u00XX` escapes of any character that occurs inside `markers` (see above). */
export function escapedMarker(markers: readonly string[]): MarkerSearch {
  const set = escapable(markers);
  return (buf, from, end) => {
    let i = ESCAPE(buf, from, end);
    while (i >= 0) {
      const hi = hexDigit(buf[i + 4]);
      const lo = hexDigit(buf[i + 5]);
      if (hi >= 0 && lo >= 0 && i + 6 <= end && set[hi * 16 + lo] === 1) return i;
      i = ESCAPE(buf, i + 1, end);
    }
    return -1;
  };
}

/**
 * The searches for `markers`, then the one for escaped spellings of them and of `alsoEscaped` (other
 * keys and values a parser compares after finding a line): the last bit of a mask.
 */
export function jsonMarkers(markers: readonly string[], alsoEscaped: readonly string[] = []): MarkerSearch[] {
  return [...markers.map(markerSearch), escapedMarker([...markers, ...alsoEscaped])];
}
