// The extension's side of the AWU model: analyses (tasks, outcomes, AWUs) over the host's index, with
// the settings (weights, identities, default branch, test patterns) and the test runs VS Code itself saw.
// The status bar asks synchronously, so the week's analysis is computed in the background after each
// update and the provider answers from the last one.
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type * as vscode from 'vscode';
import { createCommandClassifier } from '../core/activity/commandClassifier';
import { analyzeTasks, type AnalyzeOptions, type TaskAnalysis } from '../core/outcomes/analyzeTasks';
import type { LinkedOutcome } from '../core/outcomes/modelOutcome';
import type { TestRunInput } from '../core/outcomes/types';
import type { Pricer } from '../core/pricing/pricing';
import type { UsageStore } from '../core/store/usageStore';
import { addDays, ZoneCalendar } from '../core/time/zone';
import type { AwuProvider } from './host';
import { enabledSources, type Settings } from './settings';
import type { AwuDetail } from './statusText';
import type { VsCodeRun } from './testRuns';

const run = promisify(execFile);

/** Test runs from VS Code terminals and test tasks as the model takes them: labels and a tree fingerprint. */
export class VsCodeTestRuns {
  private readonly runs: TestRunInput[] = [];

  constructor(private readonly state: vscode.Memento) {
    const saved = state.get<TestRunInput[]>('awuMeter.testRuns');
    if (Array.isArray(saved)) this.runs.push(...saved.filter((r) => typeof r?.cwd === 'string' && typeof r.at === 'number'));
  }

  list(): readonly TestRunInput[] {
    return this.runs;
  }

  /** Keeps a run when it is a test run (by the patterns, or a task of the test group); the command line is dropped. */
  async add(r: VsCodeRun, patterns: readonly string[]): Promise<boolean> {
    if (!r.cwd || r.exitCode === undefined) return false;
    const test = createCommandClassifier(patterns)(r.commandLine).find((c) => c.kind === 'test');
    const label = test?.label ?? (r.kind === 'task' && r.isTestTask ? `task: ${r.taskName ?? 'test'}` : undefined);
    if (!label) return false;
    const fingerprint = await treeFingerprint(r.cwd);
    this.runs.push({ origin: r.kind, cwd: r.cwd, label, exitCode: r.exitCode, at: r.at, ...(fingerprint ? { treeFingerprint: fingerprint } : {}) });
    if (this.runs.length > 2000) this.runs.splice(0, this.runs.length - 2000);
    await this.state.update('awuMeter.testRuns', this.runs);
    return true;
  }
}

/** HEAD and the working tree's status, hashed: equal fingerprints mean nothing changed between two runs. */
async function treeFingerprint(cwd: string): Promise<string | undefined> {
  try {
    const [head, status] = await Promise.all([
      run('git', ['rev-parse', 'HEAD^{tree}'], { cwd, timeout: 5000 }),
      run('git', ['status', '--porcelain=v1', '-z', '--untracked-files=normal'], { cwd, timeout: 5000, maxBuffer: 64 * 1024 * 1024 }),
    ]);
    // Modified files' content, not only their names: a second edit of the same file is a change too.
    const changed = status.stdout.split('\0').filter((l) => l.length > 3).map((l) => l.slice(3));
    const hashes = changed.length > 0 ? (await run('git', ['hash-object', '--', ...changed.slice(0, 500)], { cwd, timeout: 5000 })).stdout : '';
    return createHash('sha256').update(head.stdout).update(status.stdout).update(hashes).digest('hex').slice(0, 32);
  } catch {
    return undefined;
  }
}

export interface ModelContext {
  settings: Settings;
  timeZone: string;
  pricer: Pricer;
  cacheDir: string;
}

export function analyzeOptions(ctx: ModelContext, runs: readonly TestRunInput[]): AnalyzeOptions {
  const s = ctx.settings;
  return {
    sources: enabledSources(s),
    pricer: ctx.pricer,
    calendar: new ZoneCalendar(ctx.timeZone),
    weights: { 'commit.landed': s.weights.commitLanded, 'pr.merged': s.weights.prMerged, 'tests.passed': s.weights.testsPassed, 'commit.local': 0 },
    extraEmails: s.identities.extraEmails.map((e) => e.toLowerCase()),
    ...(s.git.defaultBranch ? { defaultBranch: s.git.defaultBranch } : {}),
    includeCacheReads: s.tokens.includeCacheReads,
    cacheDir: ctx.cacheDir,
    externalRuns: runs,
  };
}

/** The status bar's AWU figures for [since, until] from an analysis that covers that range. */
export function awuFigures(analysis: TaskAnalysis, from: number, to: number): { awu: number; tokenFreeAwu: number; awuDetail: AwuDetail } {
  const outcomes = analysis.outcomes.filter((o) => o.at >= from && o.at < to);
  const tokenFree = new Set(analysis.tasks.filter((t) => t.source === 'token-free').map((t) => t.id));
  const sum = (list: readonly LinkedOutcome[]): number => Math.round(list.reduce((s, o) => s + o.awu, 0) * 1000) / 1000;
  const byKind: Record<string, number> = {};
  for (const o of outcomes) if (o.awu > 0) byKind[o.kind] = (byKind[o.kind] ?? 0) + 1;
  const earned = outcomes.filter((o) => o.awu > 0);
  const last = earned[earned.length - 1];
  const top = [...analysis.tasks].filter((t) => t.source !== 'token-free').sort((a, b) => (b.costUSD ?? 0) - (a.costUSD ?? 0) || b.tokens.total - a.tokens.total)[0];
  return {
    awu: sum(outcomes),
    tokenFreeAwu: sum(outcomes.filter((o) => tokenFree.has(o.taskId))),
    awuDetail: {
      outcomesByKind: byKind,
      ...(top ? { topTask: { label: `${top.source} ${(top.sessionId ?? '').slice(0, 8)}`, project: top.project, tokens: top.tokens.total, costUSD: top.costUSD, awu: top.awu } } : {}),
      ...(last ? { lastOutcome: { kind: last.kind, ref: last.ref, at: last.at, awu: last.awu, ...(last.subject ? { subject: last.subject } : {}) } } : {}),
    },
  };
}

/**
 * Answers the status bar from the last analysis of the current week (which holds today), and starts a
 * new one when the index, the settings or the test runs changed since. `onReady` re-renders.
 */
export class StatusAwu {
  private last: { key: string; analysis: TaskAnalysis } | undefined;
  private running: string | undefined;
  private generation = 0;

  constructor(
    private readonly context: () => ModelContext,
    private readonly runs: () => readonly TestRunInput[],
    private readonly onReady: () => void,
    private readonly log: (m: string) => void,
  ) {}

  /** Something the analysis depends on changed (new log bytes, new test run). */
  invalidate(): void {
    this.generation++;
  }

  readonly provider: AwuProvider = ({ store, since, until, timeZone, settings }) => {
    const cal = new ZoneCalendar(timeZone);
    const weekStart = cal.weekStartKey(Date.now(), settings.weekStartsOn);
    const first = since < weekStart ? since : weekStart;
    const from = cal.startOfLocalDay(first);
    const to = cal.startOfLocalDay(addDays(until, 1));
    const key = JSON.stringify([first, until, timeZone, settings, this.generation, this.runs().length]);
    if (this.last?.key !== key && this.running !== key) this.start(key, store, from, to);
    if (!this.last) return undefined;
    // The last analysis may be of an earlier key (a newer one is running): its figures until then.
    return awuFigures(this.last.analysis, cal.startOfLocalDay(since), to);
  };

  private start(key: string, store: UsageStore, from: number, to: number): void {
    this.running = key;
    const ctx = this.context();
    analyzeTasks(store, from, to, analyzeOptions(ctx, this.runs()))
      .then((analysis) => {
        if (this.running !== key) return;
        this.last = { key, analysis };
        for (const d of analysis.diagnostics) this.log(`Outcomes: ${d}`);
        this.onReady();
      })
      .catch((err: unknown) => this.log(`Could not count AWUs: ${err instanceof Error ? err.stack : String(err)}`))
      .finally(() => {
        if (this.running === key) this.running = undefined;
      });
  }
}
