// The VS Code host, first cut: scans the agent logs in the background (worker threads, index in the
// extension's global storage) and shows today's tokens and cost in the status bar. The panel, live
// watching and AWUs arrive with the outcome model.
import * as vscode from 'vscode';
import { Pricer } from '../core/pricing/pricing';
import { buildUsageReport } from '../core/report/usageReport';
import { updateUsage } from '../core/scan/updateUsage';
import { processSourceEnv } from '../core/sources/sourceEnv';
import { resolveTimeZone, ZoneCalendar } from '../core/time/zone';
import { SOURCE_IDS } from '../core/types';

const REFRESH_MS = 60_000;

function compact(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}

export function activate(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem('awuMeter.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'AWU Meter';
  item.text = '$(pulse) AWU Meter…';
  item.command = 'awuMeter.refresh';
  item.show();
  context.subscriptions.push(item);

  let running = false;
  const refresh = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const { store } = await updateUsage({
        sources: SOURCE_IDS,
        env: processSourceEnv(),
        cacheDir: context.globalStorageUri.fsPath,
        workerPath: vscode.Uri.joinPath(context.extensionUri, 'dist', 'scanWorker.js').fsPath,
      });
      const timeZone = resolveTimeZone();
      const today = new ZoneCalendar(timeZone).dayKey(Date.now());
      const report = buildUsageReport(store, { period: 'daily', timeZone, sources: SOURCE_IDS, weekStartsOn: 1, pricer: new Pricer(), since: today, until: today });
      const t = report.totals;
      item.text = `$(pulse) ${compact(t.totalTokens)} · $${t.costUSD.toFixed(2)}${t.unpricedTokens > 0 ? '+?' : ''}`;
      item.tooltip = new vscode.MarkdownString(
        `**AWU Meter — today**\n\n| | |\n|---|---:|\n| Tokens | ${t.totalTokens.toLocaleString()} |\n| Input | ${t.inputTokens.toLocaleString()} |\n| Output | ${t.outputTokens.toLocaleString()} |\n| Cache write | ${t.cacheCreationTokens.toLocaleString()} |\n| Cache read | ${t.cacheReadTokens.toLocaleString()} |\n| Cost | $${t.costUSD.toFixed(2)} |\n\nClick to refresh.`,
      );
    } catch (err) {
      item.text = '$(warning) AWU Meter';
      item.tooltip = `Could not read agent logs: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      running = false;
    }
  };
  context.subscriptions.push(vscode.commands.registerCommand('awuMeter.refresh', refresh));
  const timer = setInterval(() => void refresh(), REFRESH_MS);
  context.subscriptions.push({ dispose: () => clearInterval(timer) });
  void refresh();
}

export function deactivate(): void {}
