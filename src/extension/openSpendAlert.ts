// The notification for "spent since the last outcome": when the running task passes
// awuMeter.alerts.noOutcomeCostUSD, a warning offers to open it in the breakdown. At most one per task,
// ever (the notified task ids are kept in globalState), and none once "Don't Show Again" turned
// awuMeter.alerts.noOutcomeNotify off: a setting, so it can be turned back on, and one that leaves the
// status bar's warning in place (setting the threshold to 0 would have removed that too).
import * as vscode from 'vscode';
import { OPEN_PANEL_COMMAND } from './panel/registerPanel';
import { SECTION, type Settings } from './settings';
import { openSpendAlert, openSpendText, type StatusFigures } from './statusText';

export const OPEN_SPEND_MEMORY_KEY = 'awuMeter.openSpendAlert.notifiedTasks';
const REMEMBERED_TASKS = 500;

export const OPEN_SPEND_CHOICES = ['Open', "Don't Show Again"] as const;
export type OpenSpendChoice = (typeof OPEN_SPEND_CHOICES)[number];

export interface OpenSpendNotice {
  taskId: string;
  message: string;
  /** The button chosen, once the notification was answered (undefined: closed without a choice). */
  choice?: OpenSpendChoice | undefined;
  answered: boolean;
}

export class OpenSpendAlert {
  private readonly notified: Set<string>;
  private readonly shown: OpenSpendNotice[] = [];
  /** Pending notifications: what a click on a button does, and the promise of its handling. */
  private readonly pending = new Map<string, { answer: (choice: OpenSpendChoice) => void; done: Promise<void> }>();

  constructor(
    private readonly memory: vscode.Memento,
    private readonly settings: () => Settings,
    private readonly log: (m: string) => void,
  ) {
    const saved = memory.get<unknown>(OPEN_SPEND_MEMORY_KEY);
    this.notified = new Set(Array.isArray(saved) ? saved.filter((s): s is string => typeof s === 'string') : []);
  }

  /** Called with every new figures: notifies when the running task is past the threshold for the first time. */
  check(figures: StatusFigures | undefined): void {
    const open = figures && openSpendAlert(figures);
    if (!open || !this.settings().alerts.noOutcomeNotify || this.notified.has(open.taskId)) return;
    this.notified.add(open.taskId);
    void this.memory.update(OPEN_SPEND_MEMORY_KEY, [...this.notified].slice(-REMEMBERED_TASKS));
    const message = `AWU Meter: ${openSpendText(open)} in "${open.name}" (${open.tokens.toLocaleString('en-US')} tokens, nothing earned AWUs since ${open.lastOutcome ? 'its last outcome' : 'it started'}).`;
    const notice: OpenSpendNotice = { taskId: open.taskId, message, answered: false };
    this.shown.push(notice);
    let answer: (choice: OpenSpendChoice) => void = () => undefined;
    const clicked = new Promise<OpenSpendChoice>((resolve) => (answer = resolve));
    const done = Promise.race([vscode.window.showWarningMessage(message, ...OPEN_SPEND_CHOICES), clicked])
      .then((choice) => this.act(notice, choice))
      .catch((err: unknown) => this.log(`Open-spend notification: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => this.pending.delete(open.taskId));
    this.pending.set(open.taskId, { answer, done });
  }

  /** Notifications shown since activation (tests and diagnostics). */
  notices(): readonly OpenSpendNotice[] {
    return this.shown;
  }

  /**
   * Answers a shown notification as a click on `choice` would (the integration tests: a toast's buttons
   * cannot be clicked through the API). Resolves once the choice was acted on; false if none is pending.
   */
  async answer(taskId: string, choice: OpenSpendChoice): Promise<boolean> {
    const p = this.pending.get(taskId);
    if (!p) return false;
    p.answer(choice);
    await p.done;
    return true;
  }

  private async act(notice: OpenSpendNotice, choice: OpenSpendChoice | undefined): Promise<void> {
    notice.answered = true;
    notice.choice = choice;
    if (choice === 'Open') await vscode.commands.executeCommand(OPEN_PANEL_COMMAND, { taskId: notice.taskId });
    else if (choice === "Don't Show Again") await vscode.workspace.getConfiguration(SECTION).update('alerts.noOutcomeNotify', false, vscode.ConfigurationTarget.Global);
  }
}
