// The extension host's controller: settings → index updates (cold scan with progress, live updates from
// the log watcher, a 60 s safety refresh) → figures → status bar item. Commands and the test-only
// state accessor are registered here too.
import { sep } from 'node:path';
import * as vscode from 'vscode';
import { Pricer } from '../core/pricing/pricing';
import { collectDiagnostics } from '../core/report/diagnostics';
import { processSourceEnv } from '../core/sources/sourceEnv';
import type { UsageStore } from '../core/store/usageStore';
import { resolveTimeZone } from '../core/time/zone';
import type { SourceId } from '../core/types';
import { renderDiagnostics } from './diagnosticsText';
import { computeFigures } from './figures';
import { LogWatcher, nodeWatch, type WatchBackend } from './logWatcher';
import { enabledSources, readSettings, SECTION, type Settings } from './settings';
import { type AwuDetail, type OpenSpendStatus, openSpendAlert, overBudget, type StatusFigures, statusText, statusTooltip } from './statusText';
import { VsCodeRuns } from './testRuns';
import { type IndexUpdate, sourceRoots, UsageIndex } from './usageIndex';

export const COMMANDS = {
  refresh: 'awuMeter.refresh',
  togglePeriod: 'awuMeter.toggleStatusBarPeriod',
  showDiagnostics: 'awuMeter.showDiagnostics',
  openSettings: 'awuMeter.openSettings',
  openPanel: 'awuMeter.openPanel',
  /** Test-only: the status bar item's state (extension status items cannot be read from the UI). */
  state: 'awuMeter._state',
} as const;

const SAFETY_REFRESH_MS = 60_000;
/** Scans reading more than this show progress (window progress and a percentage in the item). */
const COLD_SCAN_BYTES = 4 * 1024 * 1024;
/** Start-up or Refresh reads larger than this show a notification whose Cancel stops the read. */
const CANCELLABLE_SCAN_BYTES = 1024 * 1024 * 1024;

/** What the outcome model adds to the figures for a range (the lead's hook: `setAwuProvider`). */
export type AwuProvider = (input: { store: UsageStore; since: string; until: string; timeZone: string; settings: Settings }) => { awu: number; tokenFreeAwu?: number; awuDetail?: AwuDetail; openSpend?: OpenSpendStatus } | undefined;

type View =
  | { kind: 'starting' }
  | { kind: 'scanning'; percent: number }
  | { kind: 'noLogs' }
  | { kind: 'error'; message: string }
  | { kind: 'figures'; figures: StatusFigures };

export interface HostState {
  view: View['kind'];
  text: string;
  tooltip: string;
  backgroundColor: string | undefined;
  command: string | undefined;
  /** The click's arguments (`[{ taskId }]` when it opens the panel on the task the status bar warns about). */
  commandArguments: unknown[] | undefined;
  visible: boolean;
  figures: StatusFigures | undefined;
  settings: Settings;
  roots: Partial<Record<SourceId, string[]>>;
  watcher: LogWatcher['state'];
  updates: number;
  lastUpdate: { at: number; ms: number; bytesRead: number; filesListed: number } | undefined;
  vscodeRuns: number;
}

/**
 * VS Code's file watcher on a folder outside the workspace: recursive, in VS Code's watcher process
 * (Node's recursive fs.watch walks the tree synchronously on the host's thread on Linux).
 */
const vscodeWatch: WatchBackend = (root, recursive, onEvent) => {
  const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(root), recursive ? '**/*' : '*'));
  w.onDidChange((u) => onEvent('change', u.fsPath));
  w.onDidCreate((u) => onEvent('create', u.fsPath));
  w.onDidDelete((u) => onEvent('other', u.fsPath));
  return { close: () => w.dispose() };
};

export class AwuMeterHost implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  readonly index: UsageIndex;
  readonly vscodeRuns = new VsCodeRuns();
  private readonly output: vscode.OutputChannel;
  private readonly watcher: LogWatcher;
  readonly pricer = new Pricer();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly updated = new vscode.EventEmitter<IndexUpdate>();
  /** Fires after every index update (new data or not). */
  readonly onDidUpdate = this.updated.event;
  private readonly figuresChanged = new vscode.EventEmitter<StatusFigures | undefined>();
  /** Fires after the figures were computed and rendered (after an update, a new AWU analysis, a settings change). */
  readonly onDidChangeFigures = this.figuresChanged.event;
  private settings: Settings;
  private roots: Partial<Record<SourceId, string[]>> = {};
  private view: View = { kind: 'starting' };
  private figures: StatusFigures | undefined;
  private awuProvider: AwuProvider | undefined;
  private updates = 0;
  private lastUpdate: HostState['lastUpdate'];
  private visible = true;
  /** A large read was cancelled: only Refresh reads on (the watcher and timer leave the index alone). */
  private paused = false;
  private lastResult: IndexUpdate | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('AWU Meter');
    this.settings = readSettings((k) => vscode.workspace.getConfiguration(SECTION).get(k));
    this.index = new UsageIndex({
      cacheDir: context.globalStorageUri.fsPath,
      workerPath: vscode.Uri.joinPath(context.extensionUri, 'dist', 'scanWorker.js').fsPath,
      toolRuns: true,
      log: (m) => this.output.appendLine(m),
    });
    this.item = vscode.window.createStatusBarItem('awuMeter.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'AWU Meter';
    this.watcher = new LogWatcher(
      (changes) => void this.update(false, changes.structural ? undefined : changes.paths).catch(() => undefined),
      async () => (await this.update(false).catch(() => ({ bytesRead: 0 }))).bytesRead > 0,
      (m) => this.output.appendLine(m),
      vscodeWatch,
      // On Linux VS Code's watcher misses what is written into a folder right after it is created.
      { newFolders: nodeWatch },
    );
    const timer = setInterval(() => void this.update(false).catch(() => undefined), SAFETY_REFRESH_MS);
    this.disposables.push(
      this.item,
      this.output,
      this.updated,
      this.figuresChanged,
      this.vscodeRuns,
      { dispose: () => clearInterval(timer) },
      { dispose: () => this.watcher.dispose() },
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.applyRoots();
        void this.update(false).catch(() => undefined);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) this.onSettingsChanged();
      }),
      vscode.commands.registerCommand(COMMANDS.refresh, () => this.update(true).then(() => undefined)),
      vscode.commands.registerCommand(COMMANDS.togglePeriod, () => this.togglePeriod()),
      vscode.commands.registerCommand(COMMANDS.showDiagnostics, () => this.showDiagnostics()),
      vscode.commands.registerCommand(COMMANDS.openSettings, () => vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${context.extension.id}`)),
      vscode.commands.registerCommand(COMMANDS.state, () => this.state()),
    );
    this.render();
    this.item.show();
  }

  /** Starts reading: resolve the roots, watch them, run the first (possibly cold) scan. */
  start(): void {
    try {
      this.applyRoots();
    } catch (err) {
      this.output.appendLine(`Could not resolve the log folders: ${err instanceof Error ? err.stack : String(err)}`);
    }
    void this.update(true).catch(() => undefined);
  }

  /** The outcome model's hook: AWUs for the status bar's range, recomputed on every update. */
  setAwuProvider(provider: AwuProvider | undefined): void {
    this.awuProvider = provider;
    this.recompute();
  }

  /** The store after the latest update (brought up to date first when none ran yet). */
  async currentStore(): Promise<UsageStore> {
    return this.index.current ?? (await this.update(false)).store;
  }

  private applyRoots(): void {
    const env = processSourceEnv();
    const roots: Partial<Record<SourceId, string[]>> = {};
    for (const id of enabledSources(this.settings)) {
      // Aider keeps its history in each project: the workspace folders are its roots too.
      const extra = [...(this.settings.sources[id]?.extraPaths ?? []), ...(id === 'aider' ? (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath) : [])];
      roots[id] = sourceRoots(id, env, extra);
    }
    this.roots = roots;
    const all = [...new Set(Object.values(roots).flat())];
    // Watched at their top level only: Aider's folders (a project or the home folder with one history
    // file), the home folder itself, and any folder holding this extension's own storage.
    const storage = this.context.globalStorageUri.fsPath;
    const shallow = new Set(all.filter((r) => roots.aider?.includes(r) || r === env.home || storage.startsWith(r.endsWith(sep) ? r : r + sep)));
    this.watcher.setRoots(all, shallow);
  }

  /** The configured zone (awuMeter.timeZone), else the system's. */
  timeZone(): string {
    try {
      return resolveTimeZone(this.settings.timeZone || undefined);
    } catch {
      this.output.appendLine(`Unknown time zone "${this.settings.timeZone}" in awuMeter.timeZone; using the system's.`);
      return resolveTimeZone();
    }
  }

  /**
   * One incremental index update, then new figures. `explicit` (start-up, the Refresh command) shows
   * progress when the scan is large and reports errors; watcher-driven updates are silent.
   */
  update(explicit: boolean, changedFiles?: ReadonlySet<string>): Promise<IndexUpdate> {
    if (this.paused && !explicit && this.lastResult) return Promise.resolve(this.lastResult);
    if (explicit) this.paused = false;
    let progress: { report(v: { message?: string; increment?: number }): void } | undefined;
    let finish: (() => void) | undefined;
    let lastPercent = 0;
    let cancelRequested = false;
    const onProgress = (done: number, total: number): void => {
      if (total < COLD_SCAN_BYTES) return;
      if (!finish) {
        const cancellable = explicit && total >= CANCELLABLE_SCAN_BYTES;
        const location = cancellable ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window;
        void vscode.window.withProgress({ location, title: 'AWU Meter: reading agent logs', cancellable }, (p, token) => {
          progress = p;
          token.onCancellationRequested(() => (cancelRequested = true));
          return new Promise<void>((resolve) => (finish = resolve));
        });
        finish ??= () => undefined;
      }
      const percent = Math.floor((done / total) * 100);
      if (percent > lastPercent) {
        progress?.report({ message: `${percent}%`, increment: percent - lastPercent });
        lastPercent = percent;
        if (this.view.kind !== 'figures') {
          this.view = { kind: 'scanning', percent };
          this.render();
        }
      }
    };
    const sources = enabledSources(this.settings);
    const run = this.index.update({
      sources,
      roots: this.roots,
      testPatterns: this.settings.tests.patterns,
      onProgress,
      isCancelled: () => cancelRequested,
      ...(changedFiles ? { changedFiles } : {}),
    });
    return run.then(
      (r) => {
        finish?.();
        this.lastResult = r;
        if (r.cancelled) {
          this.paused = true;
          this.output.appendLine('Reading the agent logs was cancelled; the figures are partial until AWU Meter: Refresh.');
        }
        this.updates++;
        this.lastUpdate = { at: Date.now(), ms: r.ms, bytesRead: r.bytesRead, filesListed: r.filesListed };
        if (r.bytesRead > 0) this.watcher.recheck();
        this.recompute(r);
        this.updated.fire(r);
        return r;
      },
      (err: unknown) => {
        finish?.();
        const message = err instanceof Error ? err.message : String(err);
        this.output.appendLine(`Update failed: ${message}`);
        this.view = { kind: 'error', message };
        this.render();
        if (explicit) void vscode.window.showWarningMessage(`AWU Meter could not read the agent logs: ${message}`, 'Show Diagnostics').then((a) => a && vscode.commands.executeCommand(COMMANDS.showDiagnostics));
        throw err;
      },
    );
  }

  /** Figures from the current store and settings (no scan): after an update or a settings change. */
  private recompute(r?: IndexUpdate): void {
    const store = this.index.current;
    if (!store) return;
    try {
      const filesListed = r?.filesListed ?? this.lastUpdate?.filesListed ?? 0;
      if (filesListed === 0 && store.columns.length === 0) {
        this.figures = undefined;
        this.view = { kind: 'noLogs' };
      } else {
        const timeZone = this.timeZone();
        const figures = computeFigures({ store, settings: this.settings, sources: enabledSources(this.settings), timeZone, pricer: this.pricer, now: Date.now() });
        const awu = this.awuProvider?.({ store, since: figures.since, until: figures.until, timeZone, settings: this.settings });
        if (awu) Object.assign(figures, awu);
        this.figures = figures;
        this.view = { kind: 'figures', figures };
      }
    } catch (err) {
      this.view = { kind: 'error', message: err instanceof Error ? err.message : String(err) };
    }
    this.render();
    this.figuresChanged.fire(this.figures);
  }

  private render(): void {
    const item = this.item;
    const v = this.view;
    item.backgroundColor = undefined;
    switch (v.kind) {
      case 'starting':
        item.text = '$(sync~spin) AWU Meter';
        item.tooltip = 'AWU Meter: reading the agent logs…';
        item.command = COMMANDS.showDiagnostics;
        break;
      case 'scanning':
        item.text = `$(sync~spin) AWU Meter ${v.percent}%`;
        item.tooltip = `AWU Meter: reading the agent logs (${v.percent}%)…`;
        item.command = COMMANDS.showDiagnostics;
        break;
      case 'noLogs':
        item.text = '$(pulse) AWU: no agent logs';
        item.tooltip = new vscode.MarkdownString(
          `**AWU Meter — no agent logs found**\n\nLooked in:\n\n${Object.values(this.roots)
            .flat()
            .map((r) => `- \`${r}\``)
            .join('\n')}\n\nClick to open the settings (enable sources, add folders with \`extraPaths\`).`,
        );
        item.command = COMMANDS.openSettings;
        break;
      case 'error':
        item.text = '$(warning) AWU Meter';
        item.tooltip = `AWU Meter could not read the agent logs: ${v.message}\n\nClick for diagnostics.`;
        item.command = COMMANDS.showDiagnostics;
        break;
      case 'figures': {
        item.text = statusText(v.figures, this.settings.statusBar.format) + (this.paused ? ' (partial)' : '');
        const note = this.paused ? '\n\n$(debug-pause) Reading was cancelled: these figures are partial. Run **AWU Meter: Refresh** to read the rest.' : '';
        const md = new vscode.MarkdownString(statusTooltip(v.figures) + note, true);
        item.tooltip = md;
        const open = openSpendAlert(v.figures);
        if (open || overBudget(v.figures)) item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        item.command = open ? { command: COMMANDS.openPanel, title: 'Open the task in the AWU breakdown', arguments: [{ taskId: open.taskId }] } : COMMANDS.openPanel;
        break;
      }
    }
  }

  private onSettingsChanged(): void {
    const before = JSON.stringify({ s: this.settings.sources });
    this.settings = readSettings((k) => vscode.workspace.getConfiguration(SECTION).get(k));
    if (JSON.stringify({ s: this.settings.sources }) !== before) {
      this.applyRoots();
      void this.update(false).catch(() => undefined);
    } else {
      this.recompute();
    }
  }

  private async togglePeriod(): Promise<void> {
    const next = this.settings.statusBar.period === 'today' ? 'week' : 'today';
    await vscode.workspace.getConfiguration(SECTION).update('statusBar.period', next, vscode.ConfigurationTarget.Global);
    // The configuration event re-renders; this makes the toggle's effect immediate for callers too.
    this.settings = readSettings((k) => vscode.workspace.getConfiguration(SECTION).get(k));
    this.recompute();
  }

  private async showDiagnostics(): Promise<string> {
    const store = await this.currentStore();
    const text = renderDiagnostics({
      diagnostics: collectDiagnostics(store, enabledSources(this.settings), Date.now()),
      roots: this.roots,
      watcher: this.watcher.state,
      indexDir: this.context.globalStorageUri.fsPath,
      ...(this.lastUpdate ? { lastUpdate: this.lastUpdate } : {}),
    });
    this.output.clear();
    this.output.append(text);
    this.output.show(true);
    return text;
  }

  state(): HostState {
    const tooltip = this.item.tooltip;
    const bg = this.item.backgroundColor as vscode.ThemeColor | undefined;
    return {
      view: this.view.kind,
      text: this.item.text,
      tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''),
      backgroundColor: bg ? (bg as unknown as { id: string }).id : undefined,
      command: typeof this.item.command === 'string' ? this.item.command : this.item.command?.command,
      commandArguments: typeof this.item.command === 'string' ? undefined : this.item.command?.arguments,
      visible: this.visible,
      figures: this.figures,
      settings: this.settings,
      roots: this.roots,
      watcher: this.watcher.state,
      updates: this.updates,
      lastUpdate: this.lastUpdate,
      vscodeRuns: this.vscodeRuns.list().length,
    };
  }

  dispose(): void {
    this.visible = false;
    for (const d of this.disposables) d.dispose();
    void this.index.dispose();
  }
}
