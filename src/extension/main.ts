// The extension's entry: activated on start-up (onStartupFinished), it creates the host controller (status
// bar, live index, commands), wires the breakdown panel to the same index, and returns an API for the
// outcome model and the integration tests.
import * as vscode from 'vscode';
import { AwuMeterHost, type AwuProvider } from './host';
import { EXPORT_WEEK_COMMAND, exportWeek, type ExportWeekArgs } from './exportWeek';
import { analyzeOptions, type ModelContext, StatusAwu, VsCodeTestRuns } from './outcomeModel';
import { OpenSpendAlert } from './openSpendAlert';
import { panelOpenSpend } from './openSpendStatus';
import { analysisPanelData, rangeBounds } from './panel/analysisPanelData';
import { registerPanel } from './panel/registerPanel';
import type { VsCodeRuns } from './testRuns';
import { type WeeklyCheckResult, WeeklySummaryNotice } from './weeklySummaryNotice';
import { ZoneCalendar } from '../core/time/zone';
import { analyzeTasks } from '../core/outcomes/analyzeTasks';
import { buildWeekSummary } from '../core/report/week/buildWeekSummary';

export interface AwuMeterApi {
  /** AWUs for the status bar's range (the outcome model calls this once it can count them). */
  setAwuProvider(provider: AwuProvider | undefined): void;
  /** Terminal commands and task runs seen in VS Code (`list()`, `onDidAdd`). */
  vscodeRuns: VsCodeRuns;
  host: AwuMeterHost;
  /** The weekly summary notice and archive; `check(now)` runs it as at a start at `now` (tests). */
  weeklySummary: { check(now?: number): Promise<WeeklyCheckResult> };
  /** "Spent since the last outcome" notifications: those shown, and `answer` as a click on a button (tests). */
  openSpendAlert: Pick<OpenSpendAlert, 'notices' | 'answer'>;
}

let host: AwuMeterHost | undefined;

/** Restricted Mode: the workspace's folders on disk, where git must not run (see package.json capabilities). */
function untrustedFolders(): string[] {
  if (vscode.workspace.isTrusted) return [];
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

export function activate(context: vscode.ExtensionContext): AwuMeterApi {
  const h = new AwuMeterHost(context);
  host = h;
  context.subscriptions.push(h);
  const modelContext = (): ModelContext => {
    return { settings: h.state().settings, timeZone: h.timeZone(), pricer: h.pricer, cacheDir: context.globalStorageUri.fsPath, noGitUnder: untrustedFolders() };
  };
  const testRuns = new VsCodeTestRuns(context.globalState);
  const output = vscode.window.createOutputChannel('AWU Meter Outcomes', { log: true });
  context.subscriptions.push(output);
  const statusAwu = new StatusAwu(modelContext, () => testRuns.list(), () => h.setAwuProvider(statusAwu.provider), (m) => output.info(m));
  h.setAwuProvider(statusAwu.provider);

  const panel = registerPanel(context, async (query) => {
    const store = await h.currentStore();
    const ctx = modelContext();
    const now = Date.now();
    const { from, to } = rangeBounds(query.range, now, new ZoneCalendar(ctx.timeZone), ctx.settings.weekStartsOn);
    const analysis = await analyzeTasks(store, from, to, analyzeOptions(ctx, testRuns.list()));
    const data = analysisPanelData(store, analysis, query, { timeZone: ctx.timeZone, weekStartsOn: ctx.settings.weekStartsOn, pricer: h.pricer, now });
    // The running task's open spend, as the status bar shows it.
    const open = h.state().figures?.openSpend;
    return open ? { ...data, openSpend: panelOpenSpend(open) } : data;
  });
  const openSpendAlert = new OpenSpendAlert(context.globalState, () => h.state().settings, (m) => output.warn(m));
  let openSpendShown = '';
  context.subscriptions.push(
    h.onDidChangeFigures((f) => {
      openSpendAlert.check(f);
      const o = f?.openSpend;
      // New log bytes refresh the panel anyway; this catches what a finished analysis changes (a reset, the task).
      const key = o ? JSON.stringify([o.taskId, o.since, o.thresholdUSD, o.costUSD > o.thresholdUSD]) : '';
      if (key !== openSpendShown) panel.refresh();
      openSpendShown = key;
    }),
  );
  const outcomesChanged = (): void => {
    statusAwu.invalidate();
    h.setAwuProvider(statusAwu.provider);
    panel.refresh();
  };
  context.subscriptions.push(
    h.onDidUpdate((r) => r.bytesRead > 0 && outcomesChanged()),
    // Recording a run reads the working tree with git: not in Restricted Mode.
    h.vscodeRuns.onDidAdd((r) => vscode.workspace.isTrusted && void testRuns.add(r, h.state().settings.tests.patterns).then((added) => added && outcomesChanged())),
    vscode.workspace.onDidGrantWorkspaceTrust(() => outcomesChanged()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // Test commands are classified as logs are read: new patterns mean a read (which reclassifies).
      if (e.affectsConfiguration('awuMeter.tests.patterns')) void vscode.commands.executeCommand('awuMeter.refresh');
      else if (e.affectsConfiguration('awuMeter')) outcomesChanged();
    }),
    vscode.commands.registerCommand(EXPORT_WEEK_COMMAND, async (args?: ExportWeekArgs) => {
      try {
        return await exportWeek({ store: () => h.currentStore(), context: modelContext, runs: () => testRuns.list() }, args ?? {});
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        void vscode.window.showErrorMessage(`AWU Meter: could not export the weekly summary: ${message}`);
        throw err;
      }
    }),
  );
  const weekly = new WeeklySummaryNotice({
    memory: context.globalState,
    settings: () => h.state().settings,
    timeZone: () => h.timeZone(),
    summary: async (week) => {
      const ctx = modelContext();
      return buildWeekSummary(await h.currentStore(), { ...analyzeOptions(ctx, testRuns.list()), weekStartsOn: ctx.settings.weekStartsOn, week, includeSubjects: true });
    },
    log: (m) => output.info(m),
  });
  context.subscriptions.push(weekly);
  h.start();
  void weekly.check().catch((err) => output.error(`Weekly summary: ${err instanceof Error ? err.message : String(err)}`));
  return { setAwuProvider: (p) => h.setAwuProvider(p), vscodeRuns: h.vscodeRuns, host: h, weeklySummary: { check: (now) => weekly.check(now) }, openSpendAlert };
}

export async function deactivate(): Promise<void> {
  // Saves what the last updates read (disposal of subscriptions does not wait for it).
  await host?.index.dispose();
  host = undefined;
}
