// The weekly summary comes to the developer: on the first start in a new week a notification offers last
// week's summary (Open, Export…, Don't Show Again), and `awuMeter.weeklySummary.folder`, when set, gets
// last week's Markdown and HTML once. Checked at activation and hourly (a window left open over the
// weekend); the decisions are `planWeeklyNotice`'s, the memory is VS Code's globalState.
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { renderWeek } from '../core/report/week/exportWeek';
import { writeWeekArchive, type ArchiveResult } from '../core/report/week/weekArchive';
import type { WeekSummary } from '../core/report/week/weekSchema';
import { planWeeklyNotice, type WeeklyNoticeMemory } from '../core/report/week/weeklyNotice';
import { ZoneCalendar } from '../core/time/zone';
import { EXPORT_WEEK_COMMAND } from './exportWeek';
import { SECTION, type Settings } from './settings';

export const WEEKLY_MEMORY_KEY = 'awuMeter.weeklySummary';
const CHECK_EVERY_MS = 60 * 60 * 1000;

export interface WeeklyCheckResult {
  /** The week summarised: last week, seen from `now`. */
  week: string;
  notified: boolean;
  archive?: ArchiveResult;
  /** Why the archive could not be written (also shown as a warning). */
  archiveError?: string;
}

export interface WeeklyNoticeDeps {
  memory: vscode.Memento;
  settings: () => Settings;
  timeZone: () => string;
  summary: (week: string) => Promise<WeekSummary>;
  log: (message: string) => void;
}

export function expandHome(path: string): string {
  return path.startsWith('~/') || path.startsWith('~\\') ? join(homedir(), path.slice(2)) : path;
}

export class WeeklySummaryNotice implements vscode.Disposable {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly deps: WeeklyNoticeDeps) {
    this.timer = setInterval(() => void this.check().catch(() => undefined), CHECK_EVERY_MS);
  }

  /** One check at a time, in call order (`now`: the tests' simulated clock). */
  check(now = Date.now()): Promise<WeeklyCheckResult> {
    const run = this.queue.then(() => this.run(now));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(now: number): Promise<WeeklyCheckResult> {
    const settings = this.deps.settings();
    const memory = this.deps.memory.get<WeeklyNoticeMemory>(WEEKLY_MEMORY_KEY) ?? {};
    const plan = planWeeklyNotice(memory, {
      now,
      calendar: new ZoneCalendar(this.deps.timeZone()),
      weekStartsOn: settings.weekStartsOn,
      notify: settings.weeklySummary.notify,
      folder: settings.weeklySummary.folder,
    });
    await this.deps.memory.update(WEEKLY_MEMORY_KEY, plan.seen);
    const week = plan.lastWeek.label;
    const result: WeeklyCheckResult = { week, notified: plan.notify };
    if (plan.notify) void this.offer(week);
    if (plan.archive) {
      const folder = expandHome(settings.weeklySummary.folder.trim());
      try {
        result.archive = await writeWeekArchive(folder, week, () => this.deps.summary(week));
        await this.deps.memory.update(WEEKLY_MEMORY_KEY, { ...plan.seen, archivedWeek: week });
        if (result.archive.written.length > 0) this.deps.log(`Weekly summary of ${week} written to ${result.archive.written.join(', ')}`);
      } catch (err) {
        result.archiveError = err instanceof Error ? err.message : String(err);
        this.deps.log(`Weekly summary of ${week} not written to ${folder}: ${result.archiveError}`);
        void vscode.window.showWarningMessage(`AWU Meter: could not write last week's summary to ${folder}: ${result.archiveError}`);
      }
    }
    return result;
  }

  private async offer(week: string): Promise<void> {
    const choice = await vscode.window.showInformationMessage(`AWU Meter: last week's summary (${week}) is ready.`, 'Open', 'Export…', "Don't Show Again");
    try {
      if (choice === 'Open') {
        const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: renderWeek(await this.deps.summary(week), 'md') });
        await vscode.commands.executeCommand('markdown.showPreview', doc.uri).then(undefined, () => vscode.window.showTextDocument(doc));
      } else if (choice === 'Export…') {
        await vscode.commands.executeCommand(EXPORT_WEEK_COMMAND, { week });
      } else if (choice === "Don't Show Again") {
        await vscode.workspace.getConfiguration(SECTION).update('weeklySummary.notify', false, vscode.ConfigurationTarget.Global);
      }
    } catch (err) {
      void vscode.window.showErrorMessage(`AWU Meter: could not open last week's summary: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}
