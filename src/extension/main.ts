// The extension's entry: activated on start-up (onStartupFinished), it creates the host controller (status
// bar, live index, commands), wires the breakdown panel to the same index, and returns an API for the
// outcome model and the integration tests.
import * as vscode from 'vscode';
import { AwuMeterHost, type AwuProvider } from './host';
import { registerPanel } from './panel/registerPanel';
import { usagePanelData } from './panel/usageReportProvider';
import type { VsCodeRuns } from './testRuns';

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
  const panel = registerPanel(context, async (query) => {
    const store = await h.currentStore();
    return usagePanelData(store, query, { timeZone: h.timeZone(), weekStartsOn: h.state().settings.weekStartsOn, pricer: h.pricer, now: Date.now() });
  });
  context.subscriptions.push(h.onDidUpdate((r) => r.bytesRead > 0 && panel.refresh()));
  h.start();
  return { setAwuProvider: (p) => h.setAwuProvider(p), vscodeRuns: h.vscodeRuns, host: h };
}

export async function deactivate(): Promise<void> {
  // Saves what the last updates read (disposal of subscriptions does not wait for it).
  await host?.index.dispose();
  host = undefined;
}
