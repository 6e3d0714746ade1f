// Wires the AWU breakdown panel into the extension: the `awuMeter.openPanel` command, and a serializer
// that brings the panel back after a reload (the webview restores its own state with getState; the
// host only needs to give it its HTML again).
import * as vscode from 'vscode';
import { panelViewStateSchema } from '../../shared/protocol';
import { AwuPanel, type PanelDataProvider, type PanelLog, PANEL_VIEW_TYPE, panelWebviewOptions } from './awuPanel';

export type { PanelDataProvider } from './awuPanel';

export const OPEN_PANEL_COMMAND = 'awuMeter.openPanel';

export interface PanelHandle {
  /** Re-run the provider for the open panel's current query (call it when new data was read). */
  refresh(): void;
}

export function registerPanel(context: vscode.ExtensionContext, provider: PanelDataProvider, log: PanelLog = (m) => console.warn(m)): PanelHandle {
  let current: AwuPanel | undefined;
  const adopt = (panel: vscode.WebviewPanel): AwuPanel => {
    const p = new AwuPanel(panel, context.extensionUri, provider, log, () => {
      if (current === p) current = undefined;
    });
    current = p;
    return p;
  };
  context.subscriptions.push(
    // `{ taskId }`: open on that task's detail (the status bar's open-spend warning passes it).
    vscode.commands.registerCommand(OPEN_PANEL_COMMAND, (args?: { taskId?: unknown }) => {
      const taskId = typeof args?.taskId === 'string' ? args.taskId : undefined;
      if (current) current.panel.reveal();
      else adopt(vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'AWU Breakdown', vscode.ViewColumn.Active, panelWebviewOptions(context.extensionUri)));
      if (taskId !== undefined) current?.selectTask(taskId);
    }),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        if (state !== undefined && state !== null && !panelViewStateSchema.safeParse(state).success) {
          log('AWU panel: the saved panel state was invalid; the panel starts afresh.');
        }
        current?.dispose();
        adopt(panel);
        return Promise.resolve();
      },
    }),
    { dispose: () => current?.dispose() },
  );
  return { refresh: () => current?.refresh() };
}
