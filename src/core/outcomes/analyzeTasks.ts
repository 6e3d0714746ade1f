// The AWU model end to end for a time range: sessions from the usage store, outcomes from git and
// from test runs (agent tool calls and runs fed in by the editor), linked to tasks, with figures.
import { existsSync } from 'node:fs';
import type { Activity } from '../activity/activityLog';
import type { Pricer } from '../pricing/pricing';
import type { UnpricedModel } from '../report/aggregate';
import type { UsageStore } from '../store/usageStore';
import type { ZoneCalendar } from '../time/zone';
import type { SourceId } from '../types';
import { linkOutcomes } from './attribution';
import { findRepoRoot, readGitOutcomes } from './git';
import { gitMayRunIn, gitMayStartAt } from './git/restrictedFolders';
import { UnmovedRepos } from './git/unmovedRepos';
import type { LinkedOutcome, ModelOutcome } from './modelOutcome';
import { collectSessions, sessionKey } from './sessions';
import { buildTaskReport, type TaskReport } from './taskReport';
import { type RepoChanges, type TestRun, testOutcomes } from './testOutcomes';
import { type AwuWeights, DEFAULT_WEIGHTS, type RepoOutcomes, type TestRunInput } from './types';

export interface AnalyzeOptions {
  sources: readonly SourceId[];
  pricer: Pricer;
  calendar: ZoneCalendar;
  weights?: AwuWeights;
  extraEmails?: string[];
  defaultBranch?: string;
  /** Minutes a session stays active after its last event (default 30). */
  graceMinutes?: number;
  includeCacheReads?: boolean;
  /** Only these repositories' outcomes (default: the repos the agent sessions worked in). */
  repos?: string[];
  gitPath?: string;
  /** Where git's incremental state is kept. */
  cacheDir?: string;
  /** Test runs from outside the agent logs (VS Code terminals and tasks). */
  externalRuns?: readonly TestRunInput[];
  /** Folders git never runs in, nor in a repository holding one (an untrusted workspace's). */
  noGitUnder?: readonly string[];
  /** Task names from branches and times only, never commit subjects (an export without subjects). */
  namesWithoutSubjects?: boolean;
  /** Reuse the last git answers (kept in cacheDir) for repos whose refs and config did not move: no git process then (the status line). */
  reuseUnmovedGit?: boolean;
}

export interface TaskAnalysis extends TaskReport {
  outcomes: LinkedOutcome[];
  repos: RepoOutcomes[];
  /** Problems met on the way (git missing, a path that is not a repo …), for the diagnostics view. */
  diagnostics: string[];
  unpriced: UnpricedModel[];
}

/** Git history read before the range, so reverts, promotions and test baselines are right at its start. */
const LOOKBACK_MS = 30 * 86_400_000;
const GIT_OUTCOME_KINDS = new Set(['commit.landed', 'pr.merged', 'commit.local']);

async function resolveRepos(cwds: Iterable<string>, gitPath: string | undefined, noGitUnder: readonly string[] = [], unmoved?: UnmovedRepos): Promise<Map<string, string | undefined>> {
  const out = new Map<string, string | undefined>();
  const unique = [...new Set(cwds)].filter((c) => c !== '');
  // A few at a time: each is a git process.
  for (let i = 0; i < unique.length; i += 8) {
    const batch = unique.slice(i, i + 8);
    const roots = await Promise.all(batch.map((cwd) => (existsSync(cwd) && gitMayStartAt(cwd, noGitUnder) ? (unmoved ? unmoved.repoRoot(cwd, gitPath) : findRepoRoot(cwd, gitPath)) : Promise.resolve(undefined))));
    batch.forEach((cwd, j) => out.set(cwd, roots[j] !== undefined && gitMayRunIn(roots[j], noGitUnder) ? roots[j] : undefined));
  }
  return out;
}

function changesByRepo(edits: readonly Activity[], repoOf: (cwd: string) => string, repos: readonly RepoOutcomes[]): Map<string, RepoChanges> {
  const changes = new Map<string, RepoChanges>();
  const get = (repo: string): RepoChanges => {
    let c = changes.get(repo);
    if (!c) changes.set(repo, (c = { edits: [], trees: [] }));
    return c;
  };
  for (const e of edits) get(repoOf(e.cwd)).edits.push(e.at);
  for (const r of repos) {
    // Commits that earn nothing (empty, whitespace-only, reverted, reverts) change nothing for tests either.
    const idle = new Set(r.outcomes.filter((o) => o.zeroReason !== undefined && o.zeroReason !== 'pending').map((o) => o.sha));
    get(r.repo).trees = r.trees.filter((t) => t.sha === undefined || !idle.has(t.sha));
  }
  for (const c of changes.values()) {
    c.edits.sort((a, b) => a - b);
    c.trees.sort((a, b) => a.at - b.at);
  }
  return changes;
}

export async function analyzeTasks(store: UsageStore, from: number, to: number, opts: AnalyzeOptions): Promise<TaskAnalysis> {
  const weights = opts.weights ?? DEFAULT_WEIGHTS;
  const activity = store.activity.events.filter((a) => opts.sources.includes(a.source));
  const { sessions, unpriced } = collectSessions(store.columns, activity, { sources: opts.sources, pricer: opts.pricer, from, to });
  const external = opts.externalRuns ?? [];
  const unmoved = opts.reuseUnmovedGit && opts.cacheDir ? UnmovedRepos.load(opts.cacheDir) : undefined;
  const cwdRepo = await resolveRepos([...[...sessions.values()].map((s) => s.cwd), ...activity.map((a) => a.cwd), ...external.map((r) => r.cwd)], opts.gitPath, opts.noGitUnder, unmoved);
  // Outside a repository, a working directory stands for itself (its tests still need a baseline).
  const repoOf = (cwd: string): string => cwdRepo.get(cwd) ?? cwd;

  const diagnostics: string[] = [];
  const explicitRepos = opts.repos && (await resolveRepos(opts.repos, opts.gitPath, opts.noGitUnder));
  if (explicitRepos) for (const [path, root] of explicitRepos) if (!root) diagnostics.push(`${path}: not a git repository (or git is not installed)`);
  const repoList = explicitRepos ? [...new Set([...explicitRepos.values()].filter((r): r is string => !!r))] : [...new Set([...cwdRepo.values()].filter((r): r is string => !!r))].sort();
  const wantedRepo = (repo: string): boolean => !explicitRepos || repoList.includes(repo);

  const repos = await Promise.all(
    repoList.map((repo) =>
      (unmoved ? unmoved.read.bind(unmoved) : readGitOutcomes)(repo, {
        since: from - LOOKBACK_MS,
        weights,
        ...(opts.extraEmails ? { extraEmails: opts.extraEmails } : {}),
        ...(opts.defaultBranch ? { defaultBranch: opts.defaultBranch } : {}),
        ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
        ...(opts.gitPath ? { gitPath: opts.gitPath } : {}),
      }),
    ),
  );
  unmoved?.save();
  for (const r of repos) for (const d of r.diagnostics) diagnostics.push(`${r.repo}: ${d}`);

  const outcomes: ModelOutcome[] = [];
  for (const r of repos) {
    for (const g of r.outcomes) {
      if (!GIT_OUTCOME_KINDS.has(g.kind)) continue;
      outcomes.push({
        kind: g.kind,
        repo: r.repo,
        ref: g.sha.slice(0, 10),
        at: g.at,
        awu: g.awu,
        ...(g.zeroReason ? { zeroReason: g.zeroReason } : {}),
        subject: g.subject,
        ...(g.kind !== 'commit.local' && r.landingBranch ? { branch: r.landingBranch } : {}),
        origin: 'git',
        ...(g.agentTrailer ? { agentTrailer: g.agentTrailer } : {}),
        ...(g.pr ? { pr: g.pr } : {}),
        ...(g.viaPr ? { viaPr: { ref: g.viaPr.sha.slice(0, 10), ...(g.viaPr.number !== undefined ? { number: g.viaPr.number } : {}) } } : {}),
      });
    }
  }
  const runs: TestRun[] = [];
  for (const a of activity) {
    if (a.kind !== 'test' || a.exitCode === undefined) continue;
    const repo = repoOf(a.cwd);
    if (wantedRepo(repo)) runs.push({ repo, at: a.at, label: a.label, exitCode: a.exitCode, origin: 'agent', sessionKey: sessionKey(a.source, a.sessionId) });
  }
  for (const r of external) {
    const repo = repoOf(r.cwd);
    if (wantedRepo(repo)) runs.push({ repo, at: r.at, label: r.label, exitCode: r.exitCode, origin: r.origin, ...(r.treeFingerprint ? { treeFingerprint: r.treeFingerprint } : {}) });
  }
  const edits = activity.filter((a) => a.kind === 'edit');
  outcomes.push(...testOutcomes(runs, changesByRepo(edits, repoOf, repos), weights));

  const sessionList = [...sessions.values()].map((s) => ({ ...s, repo: cwdRepo.get(s.cwd) }));
  const gitCalls = activity.filter((a) => a.kind === 'commit' || a.kind === 'merge').map((a) => ({ ...a, repo: cwdRepo.get(a.cwd) }));
  outcomes.sort((a, b) => a.at - b.at || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  const linked = linkOutcomes(outcomes, { sessions: sessionList, gitCalls, graceMs: (opts.graceMinutes ?? 30) * 60_000, calendar: opts.calendar });
  const defaultBranches = new Map(repos.filter((r) => r.landingBranch).map((r) => [r.repo, r.landingBranch!]));
  const naming = { calendar: opts.calendar, withSubjects: !opts.namesWithoutSubjects, defaultBranches };
  const report = buildTaskReport({ sessions: sessionList, outcomes: linked, from, to, includeCacheReads: opts.includeCacheReads ?? true, naming });
  return { ...report, outcomes: linked.filter((o) => o.at >= from && o.at < to), repos, diagnostics, unpriced };
}
