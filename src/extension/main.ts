// The extension's entry: activated on start-up (onStartupFinished), it creates the host controller (status
// bar, live index, commands), wires the breakdown panel to the same index, and returns an API for the
// outcome model and the integration tests.
import * as vscode from 'vscode';
import { AwuMeterHost, type AwuProvider } from './host';
import { EXPORT_WEEK_COMMAND, exportWeek, type ExportWeekArgs } from './exportWeek';
import { analyzeOptions, type ModelContext, StatusAwu, VsCodeTestRuns } from './outcomeModel';
import { analysisPanelData, rangeBounds } from './panel/analysisPanelData';
import { registerPanel } from './panel/registerPanel';
import type { VsCodeRuns } from './testRuns';
import { ZoneCalendar } from '../core/time/zone';
import { analyzeTasks } from '../core/outcomes/analyzeTasks';

export interface AwuMeterApi {
  /** AWUs for the status bar's range (the outcome model calls this once it can count them). */
  setAwuProvider(provider: AwuProvider | undefined): void;
  /** Terminal commands and task runs seen in VS Code (`list()`, `onDidAdd`). */
  vscodeRuns: VsCodeRuns;
  host: AwuMeterHost;
}

let host: AwuMeterHost | undefined;

export function activate(context: vscode.ExtensionContext): AwuMeterApi {
  const h = new AwuMeterHost(context);
  host = h;
  context.subscriptions.push(h);
  const modelContext = (): ModelContext => {
    return { settings: h.state().settings, timeZone: h.timeZone(), pricer: h.pricer, cacheDir: context.globalStorageUri.fsPath };
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
    return analysisPanelData(store, analysis, query, { timeZone: ctx.timeZone, weekStartsOn: ctx.settings.weekStartsOn, pricer: h.pricer, now });
  });
  const outcomesChanged = (): void => {
    statusAwu.invalidate();
    h.setAwuProvider(statusAwu.provider);
    panel.refresh();
  };
  context.subscriptions.push(
    h.onDidUpdate((r) => r.bytesRead > 0 && outcomesChanged()),
    h.vscodeRuns.onDidAdd((r) => void testRuns.add(r, h.state().settings.tests.patterns).then((added) => added && outcomesChanged())),
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
  h.start();
  return { setAwuProvider: (p) => h.setAwuProvider(p), vscodeRuns: h.vscodeRuns, host: h };
}

export async function deactivate(): Promise<void> {
  // Saves what the last updates read (disposal of subscriptions does not wait for it).
  await host?.index.dispose();
  host = undefined;
}
