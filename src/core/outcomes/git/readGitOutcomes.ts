// A developer's commit-based outcomes in one repository, read from the git CLI. Never throws: every
// problem (no git, not a repo, shallow clone, detached HEAD, no user.email …) becomes a diagnostic.
import { stat } from 'node:fs/promises';
import type { GitOutcomeOptions, RepoOutcomes } from '../types';
import { commitFacts, type CommitFacts } from './commitFacts';
import { listCommits, listTrees, type CommitNode } from './commitGraph';
import { readCommitDetails } from './commitDetails';
import { findDefaultBranch, type DefaultBranch } from './defaultBranch';
import { deriveOutcomes, REVERT_WINDOW_MS } from './deriveOutcomes';
import { loadGitState, saveGitState, type GitState } from './gitState';
import { mergesBringingIn } from './mergedWork';
import { probeRepo } from './repoProbe';
import { gitRunner, GitSpawnError, type GitRunner } from './runGit';

/** How much git was asked this time: lets a caller (and the tests) see that a re-read was incremental. */
export interface GitReadStats {
  /** 'full': the default branch's history was read; 'incremental': only commits since the last head; 'cached': nothing new. */
  landedRead: 'full' | 'incremental' | 'cached' | 'none';
  /** Commits listed from the default branch this time. */
  commitsListed: number;
  /** Commits whose diff and message were read this time. */
  commitsDetailed: number;
}

export interface GitRepoOutcomes extends RepoOutcomes {
  read: GitReadStats;
}

export async function readGitOutcomes(repoPath: string, options: GitOutcomeOptions = {}): Promise<GitRepoOutcomes> {
  const result: GitRepoOutcomes = { repo: repoPath, identities: [], outcomes: [], trees: [], diagnostics: [], read: { landedRead: 'none', commitsListed: 0, commitsDetailed: 0 } };
  try {
    await read(repoPath, options, result);
  } catch (e) {
    result.diagnostics.push(e instanceof GitSpawnError ? `git could not be run ('${e.gitPath}': ${e.spawnError.code ?? e.spawnError.message}); no git outcomes for ${repoPath}` : `reading git outcomes of ${repoPath} failed: ${(e as Error).message}`);
  }
  return result;
}

async function read(repoPath: string, options: GitOutcomeOptions, result: GitRepoOutcomes): Promise<void> {
  const dir = await stat(repoPath).catch(() => undefined);
  if (!dir?.isDirectory()) {
    result.diagnostics.push(`${repoPath} does not exist or is not a directory`);
    return;
  }
  const git = gitRunner(repoPath, options.gitPath);
  const probe = await probeRepo(git);
  if (!probe) {
    result.diagnostics.push(`${repoPath} is not a git repository`);
    return;
  }
  const repo = (result.repo = probe.root);
  if (probe.shallow) result.diagnostics.push(`${repo} is a shallow clone: history may be incomplete (outcomes before its oldest commit are missing)`);
  if (!probe.onBranch && probe.head) result.diagnostics.push(`HEAD is detached in ${repo}: outcomes are read from the default branch and local branches`);
  if (!probe.userEmail) result.diagnostics.push(`no user.email is configured in ${repo}: only the configured extra emails count as yours`);
  const identities = [...new Set([probe.userEmail, ...(options.extraEmails ?? [])].filter((e): e is string => !!e).map((e) => e.trim().toLowerCase()))];
  result.identities = identities;
  const isMine = (c: CommitNode): boolean => identities.includes(c.email.toLowerCase());

  const branch = await findDefaultBranch(git, probe, options.defaultBranch);
  if (branch) result.defaultBranch = branch.name;
  else if (options.defaultBranch) result.diagnostics.push(`the configured default branch '${options.defaultBranch}' was not found in ${repo}: no landed outcomes`);
  else if (probe.head) result.diagnostics.push(`no default branch (origin/HEAD, main or master) in ${repo}: no landed outcomes`);

  // The revert window before `since`, so a revert inside the range finds the commit it cancels.
  const readFrom = options.since === undefined ? undefined : options.since - REVERT_WINDOW_MS;
  const landed = branch ? await readLanded(git, repo, branch, identities, options, isMine, result.read) : [];
  const localTips = probe.refs.filter((r) => r.name.startsWith('refs/heads/')).map((r) => r.sha);
  const local = await readLocal(git, localTips, branch, readFrom, isMine, new Set(landed.map((c) => c.sha)), result.read);
  result.outcomes = deriveOutcomes({ repo, landed, local, weights: options.weights, since: options.since });
  result.trees = await listTrees(git, probe.head ? [...localTips, probe.head] : localTips, options.since);
}

/** The developer's commits reachable from the default branch, read incrementally when a cache is kept. */
async function readLanded(git: GitRunner, repo: string, branch: DefaultBranch, identities: string[], options: GitOutcomeOptions, isMine: (c: CommitNode) => boolean, stats: GitReadStats): Promise<CommitFacts[]> {
  const cached = options.cacheDir ? await loadGitState(options.cacheDir, repo) : undefined;
  const usable = cached && stateCovers(cached, branch, identities, options.since) ? cached : undefined;
  if (usable && usable.head === branch.head) {
    stats.landedRead = 'cached';
    return usable.landed;
  }
  const extend = usable !== undefined && (await isAncestor(git, usable.head, branch.head));
  const since = extend ? usable.since ?? undefined : options.since;
  const nodes = await listCommits(git, extend ? [branch.head, `^${usable.head}`] : [branch.head], since === undefined ? undefined : since - REVERT_WINDOW_MS);
  const found = [...nodes.filter((n) => n.parents.length <= 1 && isMine(n)), ...mergesBringingIn(nodes, branch.head, isMine)];
  const facts = await detailed(git, found, stats);
  const landed = extend ? [...usable.landed, ...facts] : facts;
  stats.landedRead = extend ? 'incremental' : 'full';
  stats.commitsListed += nodes.length;
  if (options.cacheDir) {
    await saveGitState(options.cacheDir, { version: 1, repo, defaultRef: branch.ref, head: branch.head, identities, since: since ?? null, landed });
  }
  return landed;
}

/** The developer's commits on local branches that the default branch does not hold (pending), read afresh each time. */
async function readLocal(git: GitRunner, tips: string[], branch: DefaultBranch | undefined, since: number | undefined, isMine: (c: CommitNode) => boolean, landed: Set<string>, stats: GitReadStats): Promise<CommitFacts[]> {
  if (tips.length === 0) return [];
  const nodes = await listCommits(git, branch ? [...tips, '--not', branch.head] : tips, since);
  return detailed(git, nodes.filter((n) => n.parents.length <= 1 && isMine(n) && !landed.has(n.sha)), stats);
}

async function detailed(git: GitRunner, nodes: CommitNode[], stats: GitReadStats): Promise<CommitFacts[]> {
  const details = await readCommitDetails(git, nodes.map((n) => n.sha));
  stats.commitsDetailed += nodes.length;
  return nodes.map((n) => commitFacts(n, details.get(n.sha)));
}

function stateCovers(state: GitState, branch: DefaultBranch, identities: string[], since: number | undefined): boolean {
  const sameIdentities = state.identities.length === identities.length && state.identities.every((e) => identities.includes(e));
  const coversSince = state.since === null || (since !== undefined && since >= state.since);
  return state.defaultRef === branch.ref && sameIdentities && coversSince;
}

async function isAncestor(git: GitRunner, older: string, newer: string): Promise<boolean> {
  return (await git(['merge-base', '--is-ancestor', older, newer])).code === 0;
}
