// Finds the lines of a buffer region that contain at least one of a few byte markers, searching across
// the region (SIMD, see scanBuffer.ts) rather than line by line: lines without a marker (most of a
// log's bytes) are never looked at.
import type { MarkerSearch } from './scanBuffer';

/**
 * Calls `visit(lineStart, lineEnd, mask)` for every line in [start, end) holding a marker; bit k of
 * `mask` is set when markers[k] occurs in the line. The region must end at a line boundary.
 */
export function forEachMarkedLine(
  buf: Buffer,
  start: number,
  end: number,
  markers: readonly MarkerSearch[],
  visit: (lineStart: number, lineEnd: number, mask: number) => void,
): void {
  const next = markers.map((find) => find(buf, start, end));
  let pos = start;
  for (;;) {
    let first = -1;
    for (const n of next) if (n >= 0 && (first < 0 || n < first)) first = n;
    if (first < 0) return;
    const lineStart = first === 0 ? 0 : buf.lastIndexOf(0x0a, first - 1) + 1;
    let lineEnd = buf.indexOf(0x0a, first);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    let mask = 0;
    for (let k = 0; k < markers.length; k++) {
      let n = next[k]!;
      if (n >= 0 && n < lineEnd) {
        mask |= 1 << k;
        n = markers[k]!(buf, lineEnd, end);
        next[k] = n;
      }
    }
    visit(Math.max(lineStart, pos), lineEnd, mask);
    pos = lineEnd + 1;
    if (pos >= end) return;
  }
}
