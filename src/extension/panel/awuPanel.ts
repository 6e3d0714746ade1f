// One AWU breakdown panel: its HTML, the ready handshake, queries answered by the data provider
// (latest query wins), export requests forwarded to the export command. Messages from the webview are
// parsed with the shared schemas; invalid ones are logged and dropped. Outgoing data is parsed too, so
// a provider bug shows as an error in the panel instead of a half-drawn page.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { type PanelData, type PanelQuery, type ToWebview, DEFAULT_PANEL_QUERY, toHostSchema, toWebviewSchema } from '../../shared/protocol';
import { renderPanelHtml } from './panelHtml';

export const PANEL_VIEW_TYPE = 'awuMeter.panel';
export const EXPORT_COMMAND = 'awuMeter.exportWeek';

/** Answers the webview's question; the lead's core model supplies the real one. */
export type PanelDataProvider = (query: PanelQuery) => Promise<PanelData>;
export type PanelLog = (message: string) => void;

export function panelWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export class AwuPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private query: PanelQuery = DEFAULT_PANEL_QUERY;
  private seq = 0;
  /** Log files named in the last data sent: the only paths `openFile` may open. */
  private openablePaths = new Set<string>();
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly provider: PanelDataProvider,
    private readonly log: PanelLog,
    private readonly onDisposed: () => void,
  ) {
    panel.webview.options = panelWebviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'awu-panel.svg');
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
    );
  }

  /** Ask the provider again for the current query (e.g. after new logs or outcomes were read). */
  refresh(): void {
    if (this.ready) void this.load();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
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

  private onMessage(raw: unknown): void {
    const parsed = toHostSchema.safeParse(raw);
    if (!parsed.success) {
      this.log(`AWU panel: ignored an invalid message from the webview: ${parsed.error.message}`);
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.query = msg.query;
        void this.load();
        return;
      case 'query':
        this.query = msg.query;
        void this.load();
        return;
      case 'export':
        vscode.commands.executeCommand(EXPORT_COMMAND, msg.format).then(undefined, (err: unknown) => {
          this.post({ type: 'error', message: `Export failed: ${err instanceof Error ? err.message : String(err)}` });
        });
        return;
      case 'openFile':
        if (!this.openablePaths.has(msg.path)) {
          this.log(`AWU panel: refused to open a path it did not send: ${msg.path}`);
          return;
        }
        void vscode.window.showTextDocument(vscode.Uri.file(msg.path), { preview: true });
        return;
    }
  }

  private async load(): Promise<void> {
    const mine = ++this.seq;
    const query = this.query;
    try {
      const data = await this.provider(query);
      if (mine !== this.seq || this.disposed) return;
      this.openablePaths = new Set(data.diagnostics.files.map((f) => f.path));
      this.post({ type: 'data', data });
    } catch (err) {
      if (mine !== this.seq || this.disposed) return;
      this.log(`AWU panel: could not load data: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      this.post({ type: 'error', message: `Could not load the breakdown: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  private post(msg: ToWebview): void {
    if (this.disposed) return;
    const checked = toWebviewSchema.safeParse(msg);
    if (!checked.success) {
      this.log(`AWU panel: the data provider returned invalid data: ${checked.error.message}`);
      if (msg.type === 'data') this.post({ type: 'error', message: 'The breakdown data was invalid (see the AWU Meter log).' });
      return;
    }
    void this.panel.webview.postMessage(checked.data);
  }
}
