// "Spent since the last outcome" in a real VS Code: a Claude Code session that keeps spending in a real
// git repository with no outcome turns the status bar to its warning form (text, background, the task's
// name in the tooltip, a click that opens the panel on the task) and notifies once; a commit landing
// clears it; spending again warns again without a second notification; "Open" opens the breakdown and
// "Don't Show Again" turns the notifications off while the status bar still warns. Waits are on the
// host's figures event, never on fixed sleeps.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HostState } from '../../src/extension/host';
import type { AwuMeterApi } from '../../src/extension/main';
import { afterFigures } from './afterUpdate';
import { assistantLine, bashUseLine, toolResultLine } from '../unit/helpers/claudeLines';

const EXTENSION_ID = 'awu-meter.awu-meter';
const THRESHOLD = 0.01;
/** One reply: 10,000 input and 2,000 output tokens of Claude Sonnet 4.5 ($0.06, past the threshold). */
const REPLY = { input: 10_000, output: 2_000 };
const SESSIONS = {
  a: '5e5e5e5e-0000-4000-8000-00000000000a',
  b: '5e5e5e5e-0000-4000-8000-00000000000b',
  c: '5e5e5e5e-0000-4000-8000-00000000000c',
  d: '5e5e5e5e-0000-4000-8000-00000000000d',
};

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } }).trim();
}

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('awuMeter').update(key, value, vscode.ConfigurationTarget.Global);
}

const isPanelTab = (t: vscode.Tab): boolean => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('awuMeter.panel');
const panelTabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(isPanelTab);

/** Resolves once the breakdown panel's tabs satisfy `ok` (the tab model updates after a command returns). */
function whenPanelTabs(ok: (tabs: vscode.Tab[]) => boolean, what: string, timeoutMs = 15_000): Promise<vscode.Tab[]> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const tabs = panelTabs();
      if (!ok(tabs)) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(tabs);
    };
    const sub = vscode.window.tabGroups.onDidChangeTabs(check);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`${what}: not reached in ${timeoutMs} ms; tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label)).join(', ')}`));
    }, timeoutMs);
    check();
  });
}

const unescapeMd = (s: string): string => s.replace(/\\(.)/g, '$1');
const usd = (n: number): string => `$${n.toFixed(2)}`;

describe('Spent since the last outcome in VS Code', function () {
  this.timeout(90_000);
  let api: AwuMeterApi;
  let repo: string;
  let logDir: string;
  const taskId = (s: keyof typeof SESSIONS): string => `claude:${SESSIONS[s]}`;
  const file = (s: keyof typeof SESSIONS): string => join(logDir, `${SESSIONS[s]}.jsonl`);
  let n = 0;
  /** One costly reply of session `s` at `at`, appended to its transcript. */
  const spend = (s: keyof typeof SESSIONS, at = Date.now()): void => {
    n++;
    appendFileSync(file(s), `${assistantLine({ sessionId: SESSIONS[s], cwd: repo, timestamp: new Date(at).toISOString(), messageId: `spend-m${n}`, requestId: `spend-r${n}`, ...REPLY })}\n`);
  };
  const noticesOf = (s: keyof typeof SESSIONS): number => api.openSpendAlert.notices().filter((x) => x.taskId === taskId(s)).length;
  const warnsFor = (s: keyof typeof SESSIONS) => (x: HostState): boolean => x.figures?.openSpend?.taskId === taskId(s) && x.text.startsWith('$(warning) ');

  before(async () => {
    api = (await vscode.extensions.getExtension<AwuMeterApi>(EXTENSION_ID)!.activate())!;
    repo = mkdtempSync(join(tmpdir(), 'awu-it-spend-'));
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'config', 'user.email', 'dev@example.com');
    git(repo, 'config', 'user.name', 'Dev');
    git(repo, 'config', 'commit.gpgsign', 'false');
    logDir = join(process.env.CLAUDE_CONFIG_DIR!, 'projects', repo.replace(/[^a-zA-Z0-9]/g, '-'));
    mkdirSync(logDir, { recursive: true });
    await setSetting('alerts.noOutcomeCostUSD', THRESHOLD);
  });

  after(async () => {
    await setSetting('alerts.noOutcomeCostUSD', undefined);
    await setSetting('alerts.noOutcomeNotify', undefined);
    rmSync(repo, { recursive: true, force: true });
  });

  it('turns the status bar to the warning form past the threshold, with the task in the tooltip and the click, and notifies once', async () => {
    writeFileSync(file('a'), '');
    // Session a must be the most recently active task, though earlier suites' tasks were active moments
    // ago, and its reply must be dated 5 s back (the next test dates a commit's tool call before the commit
    // and after this reply): so it is dated just after now, once the clock has passed that by 5 s.
    const after = Date.now();
    while (Date.now() <= after + 5_000) await new Promise((r) => setTimeout(r, 100));
    spend('a', after + 1);
    await vscode.commands.executeCommand('awuMeter.refresh');
    const s = await afterFigures(api, warnsFor('a'), 'the warning for session a');
    const open = s.figures!.openSpend!;
    assert.equal(open.tokens, REPLY.input + REPLY.output);
    assert.ok(open.costUSD > THRESHOLD, String(open.costUSD));
    assert.equal(open.lastOutcome, undefined);
    assert.ok(s.text.startsWith(`$(warning) ${usd(open.costUSD)} since task start · `), s.text);
    assert.equal(s.backgroundColor, 'statusBarItem.warningBackground');
    assert.ok(unescapeMd(s.tooltip).includes(`spent by *${open.name}* in ${repo}`), s.tooltip);
    assert.match(s.tooltip, /past \$0\.01 \(awuMeter\.alerts\.noOutcomeCostUSD\)/);
    assert.equal(s.command, 'awuMeter.openPanel');
    assert.deepEqual(s.commandArguments, [{ taskId: taskId('a') }]);
    assert.equal(noticesOf('a'), 1);
    assert.match(api.openSpendAlert.notices().find((x) => x.taskId === taskId('a'))!.message, /since task start in ".+" \(12,000 tokens/);
  });

  it('is cleared by a commit landing, and warns again on new spend without a second notification', async () => {
    const before = Date.now();
    appendFileSync(file('a'), `${bashUseLine({ sessionId: SESSIONS.a, cwd: repo, timestamp: new Date(before - 1_500).toISOString(), toolUseId: 'toolu_spend_commit', command: 'git commit -m "feat: app"', messageId: 'spend-commit-m', requestId: 'spend-commit-r' })}\n`);
    writeFileSync(join(repo, 'app.js'), 'module.exports = 1;\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'feat: app');
    appendFileSync(file('a'), `${toolResultLine({ sessionId: SESSIONS.a, timestamp: new Date().toISOString(), toolUseId: 'toolu_spend_commit', ok: true })}\n`);
    await vscode.commands.executeCommand('awuMeter.refresh');
    const cleared = await afterFigures(api, (x) => x.figures?.openSpend?.taskId === taskId('a') && x.figures.openSpend.lastOutcome?.kind === 'commit.landed', 'the landed commit as the last outcome');
    assert.equal(cleared.figures!.openSpend!.costUSD, 0);
    assert.ok(cleared.text.startsWith('$(pulse) '), cleared.text);
    assert.equal(cleared.backgroundColor, undefined);
    assert.equal(cleared.commandArguments, undefined);

    spend('a');
    await vscode.commands.executeCommand('awuMeter.refresh');
    const again = await afterFigures(api, warnsFor('a'), 'the warning after new spend');
    assert.ok(again.text.startsWith(`$(warning) ${usd(again.figures!.openSpend!.costUSD)} since last outcome · `), again.text);
    assert.equal(again.figures!.openSpend!.tokens, REPLY.input + REPLY.output, 'only the reply after the commit');
    assert.equal(noticesOf('a'), 1, 'one notification per task');
  });

  it('"Open" opens the breakdown; "Don\'t Show Again" stops the notifications but not the status bar warning', async () => {
    spend('b');
    await vscode.commands.executeCommand('awuMeter.refresh');
    await afterFigures(api, warnsFor('b'), 'the warning for session b');
    assert.equal(noticesOf('b'), 1);
    // From no panel to one: a breakdown left open by an earlier test is closed first.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await whenPanelTabs((t) => t.length === 0, 'no breakdown panel');
    assert.equal(await api.openSpendAlert.answer(taskId('b'), 'Open'), true);
    await whenPanelTabs((t) => t.length === 1, 'the breakdown panel opened by "Open"');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    spend('c');
    await vscode.commands.executeCommand('awuMeter.refresh');
    await afterFigures(api, warnsFor('c'), 'the warning for session c');
    assert.equal(noticesOf('c'), 1);
    assert.equal(await api.openSpendAlert.answer(taskId('c'), "Don't Show Again"), true);
    assert.equal(vscode.workspace.getConfiguration('awuMeter').get('alerts.noOutcomeNotify'), false);

    spend('d');
    await vscode.commands.executeCommand('awuMeter.refresh');
    const s = await afterFigures(api, warnsFor('d'), 'the warning for session d');
    assert.equal(s.backgroundColor, 'statusBarItem.warningBackground');
    assert.equal(noticesOf('d'), 0, 'no notification after "Don\'t Show Again"');
  });
});
