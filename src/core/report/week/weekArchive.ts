// The personal archive of weekly summaries: last week's Markdown and HTML written once into a folder the
// developer chose. A file already there is kept (written before, or edited by hand); each file is written
// whole to a temporary name and renamed, so a crash never leaves half a summary.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderWeek, weekFileName, type WeekFormat } from './exportWeek';
import type { WeekSummary } from './weekSchema';

export const ARCHIVE_FORMATS: readonly WeekFormat[] = ['md', 'html'];

export interface ArchiveResult {
  written: string[];
  kept: string[];
}

/** The archive's files for a week, in `folder`. */
export function archivePaths(folder: string, week: string): string[] {
  return ARCHIVE_FORMATS.map((f) => join(folder, weekFileName({ week }, f)));
}

/** Writes the week's missing files; `summary` is built only when one is missing. */
export async function writeWeekArchive(folder: string, week: string, summary: () => Promise<WeekSummary>): Promise<ArchiveResult> {
  const result: ArchiveResult = { written: [], kept: [] };
  const missing = ARCHIVE_FORMATS.filter((f) => {
    const exists = existsSync(join(folder, weekFileName({ week }, f)));
    if (exists) result.kept.push(join(folder, weekFileName({ week }, f)));
    return !exists;
  });
  if (missing.length === 0) return result;
  const s = await summary();
  if (s.week !== week) throw new Error(`The summary is of ${s.week}, not ${week}.`);
  mkdirSync(folder, { recursive: true });
  for (const format of missing) {
    const path = join(folder, weekFileName(s, format));
    const tmp = `${path}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, renderWeek(s, format));
      renameSync(tmp, path);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
    result.written.push(path);
  }
  return result;
}
