// The extension's side of the AWU model: analyses (tasks, outcomes, AWUs) over the host's index, with
// the settings (weights, identities, default branch, test patterns) and the test runs VS Code itself saw.
// The status bar asks synchronously, so the week's analysis is computed in the background after each
// update and the provider answers from the last one.
import type * as vscode from 'vscode';
import { createCommandClassifier } from '../core/activity/commandClassifier';
import { analyzeTasks, type AnalyzeOptions, type TaskAnalysis } from '../core/outcomes/analyzeTasks';
import { workingTreeHash } from '../core/outcomes/git/workingTree';
import type { LinkedOutcome } from '../core/outcomes/modelOutcome';
import type { TestRunInput } from '../core/outcomes/types';
import type { Pricer } from '../core/pricing/pricing';
import type { UsageStore } from '../core/store/usageStore';
import { addDays, ZoneCalendar } from '../core/time/zone';
import type { AwuProvider } from './host';
import { OpenSpendFigure } from './openSpendStatus';
import { enabledSources, type Settings } from './settings';
import type { AwuDetail } from './statusText';
import type { VsCodeRun } from './testRuns';

/**
 * Test runs from VS Code terminals and test tasks as the model takes them: labels and the working tree's
 * content at the run (`treeFingerprint`: the tree `git add -A` would commit, so a commit of what was tested
 * keeps it). Runs saved by older versions hold opaque 32-hex fingerprints; the model still reads them.
 */
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
    const fingerprint = await workingTreeHash(r.cwd);
    this.runs.push({ origin: r.kind, cwd: r.cwd, label, exitCode: r.exitCode, at: r.at, ...(fingerprint ? { treeFingerprint: fingerprint } : {}) });
    if (this.runs.length > 2000) this.runs.splice(0, this.runs.length - 2000);
    await this.state.update('awuMeter.testRuns', this.runs);
    return true;
  }
}

export interface ModelContext {
  settings: Settings;
  timeZone: string;
  pricer: Pricer;
  cacheDir: string;
  /** Restricted Mode: the untrusted workspace's folders, where git never runs. */
  noGitUnder?: readonly string[];
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
    ...(ctx.noGitUnder?.length ? { noGitUnder: ctx.noGitUnder } : {}),
  };
}

/** The status bar's AWU figures for [since, until] from an analysis that covers that range. */
export function awuFigures(analysis: TaskAnalysis, from: number, to: number): { awu: number; tokenFreeAwu: number; awuDetail: AwuDetail } {
  const outcomes = analysis.outcomes.filter((o) => o.at >= from && o.at < to);
  const tokenFree = new Set(analysis.tasks.filter((t) => t.source === 'token-free').map((t) => t.id));
  const round = (n: number): number => Math.round(n * 1000) / 1000;
  const sum = (list: readonly LinkedOutcome[]): number => round(list.reduce((s, o) => s + o.awu, 0));
  const earned = outcomes.filter((o) => o.awu > 0);
  // A PR split between tasks by their commits is one outcome per task, all of one ref: it counts once,
  // and its whole AWUs are the shares' sum.
  const prKey = (o: LinkedOutcome): string => `${o.repo}\0${o.ref}`;
  const prAwu = new Map<string, number>();
  const byKind: Record<string, number> = {};
  for (const o of earned) {
    if (o.kind === 'pr.merged') prAwu.set(prKey(o), (prAwu.get(prKey(o)) ?? 0) + o.awu);
    else byKind[o.kind] = (byKind[o.kind] ?? 0) + 1;
  }
  if (prAwu.size > 0) byKind['pr.merged'] = prAwu.size;
  const latest = earned[earned.length - 1];
  // Of a split PR, the largest share (the task that made most of its commits) speaks for it.
  const last = latest?.kind === 'pr.merged' ? earned.filter((o) => o.kind === 'pr.merged' && prKey(o) === prKey(latest)).reduce((a, b) => (b.awu > a.awu ? b : a)) : latest;
  const lastPr = last?.kind === 'pr.merged' ? { ...(last.pr?.number !== undefined ? { number: last.pr.number } : {}), awu: round(prAwu.get(prKey(last)) ?? last.awu) } : undefined;
  const top = [...analysis.tasks].filter((t) => t.source !== 'token-free').sort((a, b) => (b.costUSD ?? 0) - (a.costUSD ?? 0) || b.tokens.total - a.tokens.total)[0];
  return {
    awu: sum(outcomes),
    tokenFreeAwu: sum(outcomes.filter((o) => tokenFree.has(o.taskId))),
    awuDetail: {
      outcomesByKind: byKind,
      ...(top ? { topTask: { label: top.name, session: `${top.source} ${(top.sessionId ?? '').slice(0, 8)}`, project: top.project, tokens: top.tokens.total, costUSD: top.costUSD, awu: top.awu } } : {}),
      ...(last ? { lastOutcome: { kind: last.kind, ref: last.ref, at: last.at, awu: last.awu, ...(last.subject ? { subject: last.subject } : {}), ...(lastPr ? { pr: lastPr } : {}) } } : {}),
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
  private readonly openSpend = new OpenSpendFigure();

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
    const openSpend = this.openSpend.of(store, this.last.analysis, settings, this.context().pricer);
    return { ...awuFigures(this.last.analysis, cal.startOfLocalDay(since), to), ...(openSpend ? { openSpend } : {}) };
  };

  private start(key: string, store: UsageStore, from: number, to: number): void {
    this.running = key;
    // The analysis is long work on the host's thread: in a turn of its own (not the update's), and only
    // the latest of the keys asked for in one turn (an update with new bytes asks twice: for the figures,
    // then for the outcomes it invalidates).
    setImmediate(() => {
      if (this.running !== key) return;
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
    });
  }
}
