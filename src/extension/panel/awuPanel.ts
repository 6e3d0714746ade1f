// One AWU breakdown panel: a WebviewPanel with the panel's HTML (fresh nonce per render), talking
// through a PanelSession (message parsing, queries, exports). Exports run the lead's
// `awuMeter.exportWeek` command with the chosen format.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { renderPanelHtml } from './panelHtml';
import { type PanelDataProvider, type PanelLog, PanelSession } from './panelSession';

export type { PanelDataProvider, PanelLog } from './panelSession';

export const PANEL_VIEW_TYPE = 'awuMeter.panel';
export const EXPORT_COMMAND = 'awuMeter.exportWeek';

export function panelWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export class AwuPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly session: PanelSession;
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    provider: PanelDataProvider,
    log: PanelLog,
    private readonly onDisposed: () => void,
  ) {
    this.session = new PanelSession({
      provider,
      log,
      post: (message) => void panel.webview.postMessage(message),
      runExport: (format) => Promise.resolve(vscode.commands.executeCommand(EXPORT_COMMAND, format)),
      openFile: (path) => void vscode.window.showTextDocument(vscode.Uri.file(path), { preview: true }),
    });
    panel.webview.options = panelWebviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'awu-panel.svg');
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.session.receive(raw)),
    );
  }

  /** Show one task's detail (the status bar's open-spend warning was clicked). */
  selectTask(taskId: string): void {
    this.session.selectTask(taskId);
  }

  /** Ask the provider again for the current query (e.g. after new logs or outcomes were read). */
  refresh(): void {
    void this.session.refresh();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.session.close();
    this.onDisposed();
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }

  private html(): string {
    const uri = (...path: string[]): string => this.panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...path)).toString();
    return renderPanelHtml({
      cspSource: this.panel.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: uri('dist', 'webview.js'),
      styleUris: [uri('dist', 'webview.css'), uri('media', 'panel.css')],
    });
  }
}
