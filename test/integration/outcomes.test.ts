// AWUs in a real VS Code: a real git repository and a Claude Code session that worked in it (a green
// test run, a commit through its tool call) give AWUs in the status bar and its tooltip; a VS Code test
// task earns once for a working tree it had not seen, never for the same tree again; the weekly summary
// exports to a file and to the clipboard.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HostState } from '../../src/extension/host';
import type { AwuMeterApi } from '../../src/extension/main';
import { type WeekSummary, weekSummarySchema } from '../../src/core/report/week/weekSchema';
import { ZoneCalendar, resolveTimeZone } from '../../src/core/time/zone';
import { assistantLine, bashUseLine, toolResultLine } from '../unit/helpers/claudeLines';

const EXTENSION_ID = 'awu-meter.awu-meter';
const SESSION = '0a0a0a0a-1111-4222-8333-444444444444';

async function state(): Promise<HostState> {
  return (await vscode.commands.executeCommand('awuMeter._state')) as HostState;
}

async function waitFor<T>(get: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let v = await get();
  while (!ok(v)) {
    if (Date.now() > deadline) throw new Error(`${what} not reached in ${timeoutMs} ms; last: ${JSON.stringify(v).slice(0, 600)}`);
    await new Promise((r) => setTimeout(r, 100));
    v = await get();
  }
  return v;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } }).trim();
}

/** This week's summary as the JSON export writes it (built afresh from the index and the recorded runs). */
async function weekJson(): Promise<WeekSummary> {
  const cal = new ZoneCalendar(resolveTimeZone());
  const week = cal.isoWeekKey(cal.startOfLocalDay(cal.weekStartKey(Date.now(), 1)));
  const file = join(mkdtempSync(join(tmpdir(), 'awu-it-week-')), 'w.json');
  await vscode.commands.executeCommand('awuMeter.exportWeek', { format: 'json', week, path: file });
  return weekSummarySchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

const awuOf = (text: string): number | undefined => {
  const m = / ([\d.]+) AWU/.exec(text);
  return m ? Number(m[1]) : undefined;
};

describe('AWUs in VS Code', function () {
  let api: AwuMeterApi;
  let repo: string;

  before(async () => {
    api = (await vscode.extensions.getExtension<AwuMeterApi>(EXTENSION_ID)!.activate())!;
    await vscode.workspace.getConfiguration('awuMeter').update('statusBar.period', 'today', vscode.ConfigurationTarget.Global);
    repo = mkdtempSync(join(tmpdir(), 'awu-it-repo-'));
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'config', 'user.email', 'dev@example.com');
    git(repo, 'config', 'user.name', 'Dev');
    writeFileSync(join(repo, 'app.js'), 'module.exports = 1;\n');
    git(repo, 'add', '-A');
    const t0 = Date.now() - 60_000;
    const iso = (ms: number): string => new Date(ms).toISOString();
    // The agent's session: a green test run, then a commit through its Bash tool.
    const lines = [
      assistantLine({ sessionId: SESSION, cwd: repo, timestamp: iso(t0), messageId: 'm1', requestId: 'r1', input: 2000, output: 500 }),
      bashUseLine({ sessionId: SESSION, cwd: repo, timestamp: iso(t0 + 1000), toolUseId: 'toolu_t', command: 'npm test', messageId: 'm2', requestId: 'r2' }),
      toolResultLine({ sessionId: SESSION, timestamp: iso(t0 + 5000), toolUseId: 'toolu_t', ok: true }),
      bashUseLine({ sessionId: SESSION, cwd: repo, timestamp: iso(t0 + 6000), toolUseId: 'toolu_c', command: 'git commit -m "feat: app"', messageId: 'm3', requestId: 'r3' }),
    ];
    git(repo, 'commit', '-q', '-m', 'feat: app');
    lines.push(toolResultLine({ sessionId: SESSION, timestamp: iso(Date.now()), toolUseId: 'toolu_c', ok: true }));
    const dir = join(process.env.CLAUDE_CONFIG_DIR!, 'projects', repo.replace(/[^a-zA-Z0-9]/g, '-'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${SESSION}.jsonl`), lines.map((l) => `${l}\n`).join(''));
    await vscode.commands.executeCommand('awuMeter.refresh');
  });

  it('shows the AWUs of the landed commit and the green run, with the outcomes in the tooltip', async () => {
    const s = await waitFor(state, (x) => (awuOf(x.text) ?? 0) >= 1.5, 'AWUs in the status bar');
    assert.equal(awuOf(s.text), 1.5, s.text);
    assert.match(s.text, / · 1\.5 AWU · [\d.]+[kM]?\/AWU$/);
    assert.match(s.tooltip, /\| AWUs \| 1\.5 \|/);
    assert.match(s.tooltip, /Outcomes: 1 commits landed, 1 test passes\./);
    assert.match(s.tooltip, /Last outcome: commits landed `[0-9a-f]{10}` feat: app/);
    // The costliest task today is the earlier suite's fixture session (no commit, on no branch): it is named by its project and start time.
    assert.match(s.tooltip, /Costliest task: app · [A-Z][a-z]{2} \d\d:\d\d \(claude [^)]+\) in \/home\/dev\/app: /, `tooltip: ${JSON.stringify(s.tooltip)}`);
  });

  it('counts a VS Code test task once for a working tree it had not seen, and not again for the same tree', async () => {
    writeFileSync(join(repo, 'app.js'), 'module.exports = 2;\n'); // a change the agent did not make
    const runTask = async (): Promise<void> => {
      const before = api.vscodeRuns.list().length;
      const task = new vscode.Task({ type: 'shell' }, vscode.TaskScope.Workspace, 'unit tests', 'awu-it', new vscode.ShellExecution('exit 0', { cwd: repo }), []);
      task.group = vscode.TaskGroup.Test;
      await vscode.tasks.executeTask(task);
      await waitFor(async () => api.vscodeRuns.list().length, (n) => n > before, 'the task run');
    };
    await runTask();
    const after1 = await waitFor(state, (x) => awuOf(x.text) === 2, 'AWUs after the first task run');
    assert.match(after1.tooltip, /2 test passes/);
    await runTask();
    // The second run is recorded once the weekly summary (built from the same list of runs) holds its pass:
    // a third test pass, which earns nothing.
    const summary = await waitFor(weekJson, (w) => w.outcomes.filter((o) => o.kind === 'tests.passed').length === 3, 'the second task run in the model');
    const passes = summary.outcomes.filter((o) => o.kind === 'tests.passed');
    assert.deepEqual(passes.map((o) => [o.awu, o.zeroReason ?? '']), [[0.5, ''], [0.5, ''], [0, 'no-change-since-last-pass']]);
    assert.equal(summary.totals.awu, 2, 'the same tree earns nothing');
    // The status bar: its analysis runs in the background, and the same figure (2) before and after the run
    // would pass on a stale one. A new weight forces an analysis that starts after the run was recorded;
    // with 1 AWU per pass it must show 1 (commit) + 2 × 1 (the two counted passes) = 3, not 4.
    try {
      await vscode.workspace.getConfiguration('awuMeter').update('weights.testsPassed', 1, vscode.ConfigurationTarget.Global);
      const s = await waitFor(state, (x) => awuOf(x.text) !== 2, 'AWUs under the new weight');
      assert.equal(awuOf(s.text), 3, s.text);
      assert.match(s.tooltip, /Outcomes: 1 commits landed, 2 test passes\./);
    } finally {
      await vscode.workspace.getConfiguration('awuMeter').update('weights.testsPassed', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor(state, (x) => awuOf(x.text) === 2, 'AWUs back under the default weight');
  });

  it('exports the weekly summary to files and to the clipboard', async () => {
    const cal = new ZoneCalendar(resolveTimeZone());
    const week = cal.isoWeekKey(cal.startOfLocalDay(cal.weekStartKey(Date.now(), 1)));
    const out = mkdtempSync(join(tmpdir(), 'awu-it-export-'));
    const json = (await vscode.commands.executeCommand('awuMeter.exportWeek', { format: 'json', week, path: join(out, 'w.json') })) as string;
    const summary = weekSummarySchema.parse(JSON.parse(readFileSync(json, 'utf8')));
    assert.equal(summary.week, week);
    assert.equal(summary.totals.awu, 2);
    assert.ok(summary.outcomes.some((o) => o.kind === 'commit.landed' && o.subject === 'feat: app' && /tool call `git commit`/.test(o.evidence)));
    const md = (await vscode.commands.executeCommand('awuMeter.exportWeek', { format: 'markdown', week, path: join(out, 'w.md') })) as string;
    assert.match(readFileSync(md, 'utf8'), new RegExp(`AWU Meter — week ${week}`));
    const html = (await vscode.commands.executeCommand('awuMeter.exportWeek', { format: 'html', week, path: join(out, 'w.html') })) as string;
    assert.doesNotMatch(readFileSync(html, 'utf8'), /(src|href)\s*=\s*["']?https?:/i);
    let settled = false;
    const copied = Promise.resolve(vscode.commands.executeCommand('awuMeter.exportWeek', { week, clipboard: true })).finally(() => (settled = true));
    // The web workbench writes to the clipboard at the user's next gesture; the harness makes one, again
    // until the write is done (one gesture at a fixed time could come before the write waits for it).
    if (vscode.env.uiKind === vscode.UIKind.Web) {
      void (async () => {
        while (!settled) {
          console.log('[awu-it-gesture]');
          await new Promise((r) => setTimeout(r, 250));
        }
      })();
    }
    assert.equal(await copied, 'clipboard');
    const clip = await vscode.env.clipboard.readText();
    assert.match(clip, new RegExp(`AWU Meter — week ${week}`));
    assert.match(clip, /\| AWUs \| 2 \|/);
  });
});
