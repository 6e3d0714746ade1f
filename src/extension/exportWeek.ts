// "AWU Meter: Export Weekly Summary": pick a week and a format (Markdown, CSV, JSON, HTML, or Markdown to
// the clipboard), then a file to save to. The panel's export buttons and the tests pass their choices
// as an argument instead of picking.
import * as vscode from 'vscode';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { renderWeek, weekFileName, type WeekFormat } from '../core/report/week/exportWeek';
import { buildWeekSummary } from '../core/report/week/buildWeekSummary';
import { previousWeek, weekRange, type WeekRange } from '../core/report/week/weekRange';
import type { UsageStore } from '../core/store/usageStore';
import { ZoneCalendar } from '../core/time/zone';
import type { TestRunInput } from '../core/outcomes/types';
import { analyzeOptions, type ModelContext } from './outcomeModel';

export const EXPORT_WEEK_COMMAND = 'awuMeter.exportWeek';

export interface ExportWeekArgs {
  /** `md`/`markdown`, `csv`, `json`, `html`. */
  format?: string;
  /** ISO week `YYYY-Www`; default: asked, this week first. */
  week?: string;
  /** Write here without a save dialog (tests, automation). */
  path?: string;
  /** Put the Markdown on the clipboard instead of a file. */
  clipboard?: boolean;
}

const FORMATS: { label: string; format: WeekFormat; filter: Record<string, string[]> }[] = [
  { label: 'Markdown', format: 'md', filter: { Markdown: ['md'] } },
  { label: 'CSV (one row per task)', format: 'csv', filter: { CSV: ['csv'] } },
  { label: 'JSON', format: 'json', filter: { JSON: ['json'] } },
  { label: 'HTML (self-contained page with a chart)', format: 'html', filter: { HTML: ['html'] } },
];

function normalizeFormat(f: string | undefined): WeekFormat | undefined {
  if (f === undefined) return undefined;
  const v = f.toLowerCase();
  if (v === 'markdown' || v === 'md') return 'md';
  if (v === 'csv' || v === 'json' || v === 'html') return v;
  throw new Error(`Unknown export format "${f}": use markdown, csv, json or html.`);
}

function weekLabel(w: WeekRange): string {
  return `${w.label}  (${w.start} – ${w.end})`;
}

async function pickWeek(cal: ZoneCalendar, weekStartsOn: number): Promise<string | undefined> {
  const weeks: WeekRange[] = [weekRange(cal, weekStartsOn)];
  for (let i = 0; i < 11; i++) weeks.push(previousWeek(cal, weekStartsOn, weeks[weeks.length - 1]!));
  const pick = await vscode.window.showQuickPick(
    weeks.map((w, i) => ({ label: weekLabel(w), description: i === 0 ? 'this week' : i === 1 ? 'last week' : '', week: w.label })),
    { title: 'Export Weekly Summary: which week?', placeHolder: 'Weeks start on the configured day, in the configured time zone' },
  );
  return pick?.week;
}

async function pickFormat(): Promise<{ format: WeekFormat; clipboard: boolean } | undefined> {
  const pick = await vscode.window.showQuickPick(
    [...FORMATS.map((f) => ({ label: f.label, format: f.format, clipboard: false })), { label: 'Copy Markdown to the clipboard', format: 'md' as WeekFormat, clipboard: true }],
    { title: 'Export Weekly Summary: format' },
  );
  return pick && { format: pick.format, clipboard: pick.clipboard };
}

export interface ExportDeps {
  store: () => Promise<UsageStore>;
  context: () => ModelContext;
  runs: () => readonly TestRunInput[];
}

/** Runs the export; returns the file written, `clipboard`, or undefined when the user cancelled. */
export async function exportWeek(deps: ExportDeps, args: ExportWeekArgs = {}): Promise<string | undefined> {
  const ctx = deps.context();
  const cal = new ZoneCalendar(ctx.timeZone);
  const weekStartsOn = ctx.settings.weekStartsOn;
  const week = args.week ?? (await pickWeek(cal, weekStartsOn));
  if (!week) return undefined;
  let clipboard = args.clipboard ?? false;
  let format = normalizeFormat(args.format) ?? (clipboard ? 'md' : undefined);
  if (!format) {
    const pick = await pickFormat();
    if (!pick) return undefined;
    format = pick.format;
    clipboard = pick.clipboard;
  }
  const summary = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'AWU Meter: building the weekly summary' }, async () =>
    buildWeekSummary(await deps.store(), { ...analyzeOptions(ctx, deps.runs()), weekStartsOn, week, includeSubjects: true }),
  );
  const text = renderWeek(summary, clipboard ? 'md' : format);
  if (clipboard) {
    await vscode.env.clipboard.writeText(text);
    void vscode.window.showInformationMessage(`AWU Meter: the summary of ${summary.week} is on the clipboard.`);
    return 'clipboard';
  }
  let target = args.path ? vscode.Uri.file(args.path) : undefined;
  if (!target) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? homedir();
    target = await vscode.window.showSaveDialog({
      title: 'Save the weekly summary',
      defaultUri: vscode.Uri.file(join(folder, weekFileName(summary, format))),
      filters: FORMATS.find((f) => f.format === format)!.filter,
    });
    if (!target) return undefined;
  }
  await vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8'));
  if (!args.path) {
    const open = await vscode.window.showInformationMessage(`AWU Meter: saved the summary of ${summary.week}.`, 'Open');
    if (open === 'Open') await vscode.commands.executeCommand('vscode.open', target);
  }
  return target.fsPath;
}
