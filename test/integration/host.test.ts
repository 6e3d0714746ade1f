// The extension in a real VS Code: activation, the status bar on fixture Claude Code and Codex logs
// (exact figures), a live update after a line is appended, every command, settings applied without a
// reload, and VS Code task runs collected for the outcome model. The harness points CLAUDE_CONFIG_DIR
// and CODEX_HOME at empty temp dirs; the tests write the logs.
import * as assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AwuMeterApi } from '../../src/extension/main';
import type { HostState } from '../../src/extension/host';
import { assistantLine } from '../unit/helpers/claudeLines';
import { sessionMeta, tokenCount, turnContext } from '../unit/helpers/codexLines';
import { afterUpdate } from './afterUpdate';

const EXTENSION_ID = 'awu-meter.awu-meter';
const claudeHome = process.env.CLAUDE_CONFIG_DIR!;
const codexHome = process.env.CODEX_HOME!;
const claudeFile = join(claudeHome, 'projects', '-home-dev-app', 'session-a.jsonl');
const codexFile = join(codexHome, 'sessions', '2026', '11', '25', 'rollout-2026-11-25T10-00-00-0199a000-0000-7000-8000-000000000001.jsonl');

async function state(): Promise<HostState> {
  return (await vscode.commands.executeCommand('awuMeter._state')) as HostState;
}

/** Polls the host's state until `ok` holds (the status bar cannot be read from the workbench's DOM here). */
async function waitForState(ok: (s: HostState) => boolean, timeoutMs = 5_000): Promise<HostState> {
  const deadline = Date.now() + timeoutMs;
  let s = await state();
  while (!ok(s)) {
    if (Date.now() > deadline) throw new Error(`state not reached in ${timeoutMs} ms; last: ${JSON.stringify({ view: s.view, text: s.text, updates: s.updates, watcher: s.watcher })}`);
    await new Promise((r) => setTimeout(r, 50));
    s = await state();
  }
  return s;
}

/** The page's status bar items, when the harness can read the DOM (AWU_TEST_DOM_PROBE); else undefined. */
async function statusBarDom(): Promise<{ id: string; text: string; label: string }[] | undefined> {
  if (!process.env.AWU_TEST_DOM_PROBE) return undefined;
  const file = join(tmpdir(), `awu-it-dom-${process.pid}-${Date.now()}.json`);
  console.log(`[awu-it-dom] ${file}`);
  const deadline = Date.now() + 5_000;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error('the harness did not answer the DOM probe');
    await new Promise((r) => setTimeout(r, 50));
  }
  const items = JSON.parse(readFileSync(file, 'utf8')) as { id: string; text: string; label: string }[];
  rmSync(file, { force: true });
  return items;
}

/** The spend part of the status text (the AWUs after it come from the outcome model; outcomes.test.ts checks them). */
const spendText = (t: string): string => t.replace(/ · [\d.]+ AWU( · [\d.]+[kMB]?\/AWU)?$/, '');

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('awuMeter').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('AWU Meter in VS Code', function () {
  let api: AwuMeterApi;
  const now = new Date().toISOString();

  before(async () => {
    const ext = vscode.extensions.getExtension<AwuMeterApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
    api = await ext.activate();
  });

  it('activates on start-up and, with no agent logs, offers the settings', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(ext.isActive, true);
    assert.ok((ext.packageJSON as { activationEvents: string[] }).activationEvents.includes('onStartupFinished'));
    const s = await waitForState((x) => x.updates > 0);
    assert.equal(s.view, 'noLogs');
    assert.equal(s.text, '$(pulse) AWU: no agent logs');
    assert.equal(s.command, 'awuMeter.openSettings');
    assert.match(s.tooltip, /no agent logs found/);
    assert.ok(s.roots.claude?.includes(join(claudeHome, 'projects')), JSON.stringify(s.roots));
  });

  it('shows exact figures from Claude Code and Codex logs after Refresh', async () => {
    mkdirSync(join(claudeHome, 'projects', '-home-dev-app'), { recursive: true });
    writeFileSync(
      claudeFile,
      [
        // 1000 in + 2000 out + 10000 cache write (5 min) + 100000 cache read = 113,000 tokens, $0.1005
        assistantLine({ sessionId: 'session-a', messageId: 'msg_1', requestId: 'req_1', timestamp: now, input: 1000, output: 2000, cacheCreation5m: 10000, cacheRead: 100000 }),
        // 500 in + 500 out = 1,000 tokens, $0.009
        assistantLine({ sessionId: 'session-a', messageId: 'msg_2', requestId: 'req_2', timestamp: now, input: 500, output: 500 }),
        '',
      ].join('\n'),
    );
    mkdirSync(join(codexFile, '..'), { recursive: true });
    writeFileSync(
      codexFile,
      [
        sessionMeta({ id: '0199a000-0000-7000-8000-000000000001', cwd: '/home/dev/api', timestamp: now }),
        turnContext(now, 'gpt-5'),
        // 20000 input of which 15000 cached, 3000 output: 5000 + 15000 + 3000 = 23,000 tokens, $0.038125
        tokenCount(now, { input: 20000, cached: 15000, output: 3000, reasoning: 1000 }),
        '',
      ].join('\n'),
    );
    await vscode.commands.executeCommand('awuMeter.refresh');
    const s = await waitForState((x) => x.view === 'figures');
    assert.equal(spendText(s.text), '$(pulse) 137.0k · $0.15');
    assert.equal(s.figures?.spend.tokens, 137_000);
    assert.ok(Math.abs(s.figures!.spend.costUSD - 0.147625) < 1e-9, String(s.figures?.spend.costUSD));
    assert.deepEqual(s.figures?.spend.bySource.claude?.tokens, 114_000);
    assert.deepEqual(s.figures?.spend.bySource.codex?.tokens, 23_000);
    assert.equal(s.backgroundColor, undefined);
    assert.equal(s.command, 'awuMeter.openPanel');
    assert.match(s.tooltip, /\*\*AWU Meter — today \(\d{4}-\d\d-\d\d\)\*\*/);
    assert.match(s.tooltip, /\| Tokens \| 137,000 \|/);
    assert.match(s.tooltip, /\| Cache read \| 115,000 \|/);
    assert.match(s.tooltip, /\| Cost \| \$0\.15 \|/);
    assert.match(s.tooltip, /\| Claude Code \| 114,000 \| \$0\.11 \|/);
    assert.match(s.tooltip, /\| Codex CLI \| 23,000 \| \$0\.04 \|/);
    // The item as the workbench renders it (offline harness only: it reads the page's DOM). The host's
    // update reaches the page asynchronously, so the DOM is read again until it shows the text.
    let dom = await statusBarDom();
    const deadline = Date.now() + 5_000;
    const find = (): { text: string; label: string } | undefined => dom?.find((e) => e.id === `${EXTENSION_ID}.awuMeter.status`);
    while (dom && spendText(find()?.text.trim() ?? '') !== '137.0k · $0.15' && Date.now() < deadline) dom = await statusBarDom();
    if (dom) {
      const item = find();
      assert.ok(item, `the item is in the page's status bar: ${JSON.stringify(dom.map((e) => e.id))}`);
      assert.equal(spendText(item.text.trim()), '137.0k · $0.15');
      assert.match(item.label, /AWU Meter — today/);
    }
  });

  it('updates the status bar when a line is appended to a log', async () => {
    // Both roots exist now, so both are watched (not polled).
    const watched = await waitForState((x) => x.watcher.watched.includes(join(claudeHome, 'projects')), 3_000);
    assert.ok(watched.watcher.watched.includes(join(claudeHome, 'projects')));
    const before = (await state()).updates;
    const appendedAt = Date.now();
    // 3000 output tokens: $0.045
    appendFileSync(claudeFile, `${assistantLine({ sessionId: 'session-a', messageId: 'msg_3', requestId: 'req_3', timestamp: new Date().toISOString(), output: 3000 })}\n`);
    const s = await waitForState((x) => spendText(x.text) === '$(pulse) 140.0k · $0.19', 5_000);
    // Shown, not asserted: the latency is measured by bench/hostLatency.mjs (append → index), not here.
    console.log(`[awu-it]     append → status bar: ${Date.now() - appendedAt} ms (${s.updates - before} updates)`);
    assert.ok(s.updates > before, 'an index update brought the line');
    assert.equal(s.figures?.spend.bySource.claude?.tokens, 117_000);
  });

  it('applies settings without a reload: format, cache reads, budget, period', async () => {
    try {
      await setSetting('statusBar.format', 'tokens');
      await waitForState((x) => spendText(x.text) === '$(pulse) 140.0k');
      await setSetting('statusBar.format', 'cost');
      await waitForState((x) => spendText(x.text) === '$(pulse) $0.19');
      await setSetting('statusBar.format', 'both');
      await setSetting('tokens.includeCacheReads', false);
      let s = await waitForState((x) => spendText(x.text) === '$(pulse) 25.0k · $0.19');
      assert.match(s.tooltip, /Tokens \(without cache reads\) \| 25,000/);
      await setSetting('tokens.includeCacheReads', undefined);
      await setSetting('budget.dailyCostUSD', 0.1);
      s = await waitForState((x) => x.backgroundColor === 'statusBarItem.warningBackground');
      assert.equal(spendText(s.text), '$(warning) 140.0k · $0.19');
      assert.match(s.tooltip, /over the daily budget of \$0\.10/);
      await setSetting('budget.dailyCostUSD', 1);
      s = await waitForState((x) => x.backgroundColor === undefined && x.text.startsWith('$(pulse)'));
      assert.match(s.tooltip, /Today: \$0\.19 of the daily budget \$1\.00/);
    } finally {
      for (const k of ['statusBar.format', 'tokens.includeCacheReads', 'budget.dailyCostUSD']) await setSetting(k, undefined);
    }
    await waitForState((x) => spendText(x.text) === '$(pulse) 140.0k · $0.19');
  });

  it('Toggle Status Bar Period switches between today and this week', async () => {
    await vscode.commands.executeCommand('awuMeter.toggleStatusBarPeriod');
    let s = await waitForState((x) => x.settings.statusBar.period === 'week');
    assert.equal(spendText(s.text), '$(pulse) wk 140.0k · $0.19');
    assert.match(s.tooltip, /this week \(\d{4}-\d\d-\d\d – \d{4}-\d\d-\d\d\)/);
    assert.equal(vscode.workspace.getConfiguration('awuMeter').get('statusBar.period'), 'week');
    await vscode.commands.executeCommand('awuMeter.toggleStatusBarPeriod');
    s = await waitForState((x) => x.settings.statusBar.period === 'today');
    assert.equal(spendText(s.text), '$(pulse) 140.0k · $0.19');
  });

  it('Show Diagnostics lists per-file skipped lines and their reasons', async () => {
    // A usage line cut short: counted as skipped ('malformed JSON'), the rest of the file still read.
    appendFileSync(claudeFile, '{"type":"assistant","message":{"usage":{"input_tokens":5\n');
    await vscode.commands.executeCommand('awuMeter.refresh');
    const text = (await vscode.commands.executeCommand('awuMeter.showDiagnostics')) as string;
    assert.match(text, /AWU Meter diagnostics/);
    assert.match(text, /Files read: 2/);
    assert.match(text, /Skipped lines: 1/);
    assert.ok(text.includes(`[claude] ${claudeFile}`), text);
    assert.match(text, /skipped malformed JSON: 1/);
    assert.ok(text.includes(`${join(claudeHome, 'projects')} — watched`), text);
    // The figures are unchanged by the unusable line.
    assert.equal(spendText((await state()).text), '$(pulse) 140.0k · $0.19');
  });

  it('registers every contributed command', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string; category: string }[] } };
    for (const c of pkg.contributes.commands) {
      assert.equal(c.category, 'AWU Meter');
      assert.ok(all.has(c.command), `${c.command} is registered`);
    }
    assert.ok(pkg.contributes.commands.some((c) => c.command === 'awuMeter.exportWeek'), 'Export Weekly Summary is contributed');
    await vscode.commands.executeCommand('awuMeter.openPanel');
    await vscode.commands.executeCommand('awuMeter.openSettings');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('collects VS Code task runs (the test group) for the outcome model', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!;
    const task = new vscode.Task({ type: 'shell' }, folder, 'unit tests', 'awu-it', new vscode.ShellExecution('exit 3'), []);
    task.group = vscode.TaskGroup.Test;
    const count = api.vscodeRuns.list().length;
    const ended = new Promise<void>((resolve) => {
      const sub = api.vscodeRuns.onDidAdd(() => {
        sub.dispose();
        resolve();
      });
    });
    await vscode.tasks.executeTask(task);
    await Promise.race([ended, new Promise((_, reject) => setTimeout(() => reject(new Error('no task end event in 20 s')), 20_000))]);
    const run = api.vscodeRuns.list()[count]!;
    assert.equal(run.kind, 'task');
    assert.equal(run.exitCode, 3);
    assert.equal(run.isTestTask, true);
    assert.equal(run.commandLine, 'exit 3');
    assert.equal(run.cwd, folder.uri.fsPath);
    assert.equal(run.taskName, 'unit tests');
  });

  it('picks up a new log file in a new folder under a watched root', async () => {
    const file = join(codexHome, 'sessions', '2026', '11', '26', 'rollout-2026-11-26T09-00-00-0199a000-0000-7000-8000-000000000002.jsonl');
    const appendedAt = Date.now();
    mkdirSync(join(file, '..'), { recursive: true });
    const at = new Date().toISOString();
    // 1,000 uncached input tokens of gpt-5: +$0.00125
    writeFileSync(file, `${[sessionMeta({ id: '0199a000-0000-7000-8000-000000000002', cwd: '/home/dev/api', timestamp: at }), turnContext(at, 'gpt-5'), tokenCount(at, { input: 1000, cached: 0, output: 0, reasoning: 0 })].join('\n')}\n`);
    // Ends on the host's update event. 10 s: far above a pickup, far below the 60 s safety refresh.
    const s = await afterUpdate(api, (x) => spendText(x.text) === '$(pulse) 141.0k · $0.19', 'the new file read', 10_000);
    console.log(`[awu-it]     new file → status bar: ${Date.now() - appendedAt} ms`);
    assert.equal(s.figures?.spend.bySource.codex?.tokens, 24_000);
  });

  it('collects terminal commands seen through shell integration', async function () {
    const terminal = vscode.window.createTerminal({ name: 'awu-it', cwd: vscode.workspace.workspaceFolders![0]!.uri, shellPath: '/bin/bash' });
    try {
      const integration =
        terminal.shellIntegration ??
        (await new Promise<vscode.TerminalShellIntegration | undefined>((resolve) => {
          const sub = vscode.window.onDidChangeTerminalShellIntegration((e) => {
            if (e.terminal === terminal) {
              sub.dispose();
              resolve(e.shellIntegration);
            }
          });
          setTimeout(() => resolve(undefined), 15_000);
        }));
      if (!integration) {
        console.log('[awu-it]     (no shell integration in this terminal: skipped)');
        this.skip();
      }
      const count = api.vscodeRuns.list().length;
      integration.executeCommand('npm --version > /dev/null; (exit 4)');
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('no terminal command end in 15 s')), 15_000);
        const check = (): void => {
          if (api.vscodeRuns.list().slice(count).some((r) => r.kind === 'terminal')) {
            clearTimeout(t);
            resolve();
          } else setTimeout(check, 50);
        };
        check();
      });
      const run = api.vscodeRuns.list().slice(count).find((r) => r.kind === 'terminal')!;
      assert.equal(run.commandLine, 'npm --version > /dev/null; (exit 4)');
      assert.equal(run.exitCode, 4);
      assert.equal(run.cwd, vscode.workspace.workspaceFolders![0]!.uri.fsPath);
    } finally {
      terminal.dispose();
    }
  });
});
