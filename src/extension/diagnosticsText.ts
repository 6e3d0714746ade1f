// The "Show Diagnostics" text: where logs are looked for, how they are watched, and per file the lines
// that could not be used, by reason. No `vscode` here.
import type { Diagnostics } from '../core/report/diagnostics';
import type { SourceId } from '../core/types';
import type { WatcherState } from './logWatcher';

export interface DiagnosticsContext {
  diagnostics: Diagnostics;
  roots: Partial<Record<SourceId, string[]>>;
  watcher: WatcherState;
  indexDir: string | undefined;
  lastUpdate?: { at: number; ms: number; bytesRead: number; filesListed: number };
}

export function renderDiagnostics(c: DiagnosticsContext): string {
  const d = c.diagnostics;
  const out: string[] = ['AWU Meter diagnostics', ''];
  out.push(`Index: ${c.indexDir ?? '(in memory)'}`);
  for (const w of d.indexWarnings) out.push(`Index warning: ${w}`);
  if (c.lastUpdate) {
    out.push(`Last update: ${new Date(c.lastUpdate.at).toISOString()}, ${c.lastUpdate.filesListed} files listed, ${c.lastUpdate.bytesRead} bytes read in ${c.lastUpdate.ms} ms`);
  }
  out.push('', 'Log folders:');
  for (const [id, roots] of Object.entries(c.roots)) {
    for (const r of roots ?? []) {
      const how = c.watcher.watched.includes(r) ? 'watched' : c.watcher.polled.includes(r) ? 'polled (missing or not watchable)' : 'not watched';
      out.push(`  ${id}: ${r} — ${how}`);
    }
  }
  out.push('', `Files read: ${d.filesRead}; files gone (their counts are kept): ${d.filesMissing}`);
  out.push(`Skipped lines: ${d.skippedLines}; bytes waiting for a newline: ${d.pendingBytes}`);
  if (d.futureRecords > 0) out.push(`Records dated more than a day ahead (clock skew?): ${d.futureRecords}`);
  if (d.files.length === 0) {
    out.push('', 'No file had unusable lines.');
  } else {
    out.push('', 'Files with unusable lines or errors:');
    for (const f of d.files) {
      const reasons = Object.entries(f.skipped)
        .sort((a, b) => b[1] - a[1])
        .map(([reason, n]) => `${reason}: ${n}`)
        .join(', ');
      out.push(`  [${f.source}] ${f.path}${f.missing ? ' (gone)' : ''}`);
      if (reasons) out.push(`      skipped ${reasons}`);
      if (f.error) out.push(`      error: ${f.error}`);
    }
  }
  return `${out.join('\n')}\n`;
}
