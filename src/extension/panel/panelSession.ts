// The host's side of one panel's conversation, without vscode (AwuPanel adapts it to a WebviewPanel):
// parses what the webview sends, answers `ready` and `query` with the provider's data (the latest
// query wins: an answer that arrives after a newer question is dropped), forwards exports, opens only
// log files it named itself, and checks what it posts so a provider bug shows as an error message.
import { type ExportFormat, type PanelData, type PanelQuery, type ToWebview, DEFAULT_PANEL_QUERY, toHostSchema, toWebviewSchema } from '../../shared/protocol';

/** Answers the webview's question; the core's AWU model supplies the real one. */
export type PanelDataProvider = (query: PanelQuery) => Promise<PanelData>;
export type PanelLog = (message: string) => void;

export interface PanelSessionDeps {
  provider: PanelDataProvider;
  post: (message: ToWebview) => void;
  runExport: (format: ExportFormat) => Promise<unknown>;
  openFile: (path: string) => void;
  log: PanelLog;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class PanelSession {
  private ready = false;
  private query: PanelQuery = DEFAULT_PANEL_QUERY;
  private seq = 0;
  private closed = false;
  /** Log files named in the last data sent: the only paths `openFile` may open. */
  private openablePaths = new Set<string>();
  /** A task to show once the webview listens (asked for before it was ready). */
  private taskToSelect: string | undefined;

  constructor(private readonly deps: PanelSessionDeps) {}

  /** Handle one message from the webview; resolves when its answer (if any) was posted. */
  async receive(raw: unknown): Promise<void> {
    const parsed = toHostSchema.safeParse(raw);
    if (!parsed.success) {
      this.deps.log(`AWU panel: ignored an invalid message from the webview: ${parsed.error.message}`);
      return;
    }
    const msg = parsed.data;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.query = msg.query;
        if (this.taskToSelect !== undefined) this.post({ type: 'selectTask', taskId: this.taskToSelect });
        this.taskToSelect = undefined;
        return this.load();
      case 'query':
        this.query = msg.query;
        return this.load();
      case 'export':
        try {
          await this.deps.runExport(msg.format);
        } catch (err) {
          this.post({ type: 'error', message: `Export failed: ${messageOf(err)}` });
        }
        return;
      case 'openFile':
        if (this.openablePaths.has(msg.path)) this.deps.openFile(msg.path);
        else this.deps.log(`AWU panel: refused to open a path it did not send: ${msg.path}`);
        return;
    }
  }

  /** Ask the provider again for the current query (after new logs or outcomes were read). */
  refresh(): Promise<void> {
    return this.ready ? this.load() : Promise.resolve();
  }

  /** Show one task's detail (the webview widens its query when the task is not in it). */
  selectTask(taskId: string): void {
    if (this.ready) this.post({ type: 'selectTask', taskId });
    else this.taskToSelect = taskId;
  }

  close(): void {
    this.closed = true;
  }

  private async load(): Promise<void> {
    const mine = ++this.seq;
    try {
      const data = await this.deps.provider(this.query);
      if (mine !== this.seq || this.closed) return;
      this.openablePaths = new Set(data.diagnostics.files.map((f) => f.path));
      this.post({ type: 'data', data });
    } catch (err) {
      if (mine !== this.seq || this.closed) return;
      this.deps.log(`AWU panel: could not load data: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      this.post({ type: 'error', message: `Could not load the breakdown: ${messageOf(err)}` });
    }
  }

  private post(msg: ToWebview): void {
    if (this.closed) return;
    const checked = toWebviewSchema.safeParse(msg);
    if (checked.success) {
      this.deps.post(checked.data);
      return;
    }
    this.deps.log(`AWU panel: the data provider returned invalid data: ${checked.error.message}`);
    if (msg.type === 'data') this.post({ type: 'error', message: 'The breakdown data was invalid (see the AWU Meter log).' });
  }
}
