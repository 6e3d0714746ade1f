// A developer's commit-based outcomes in one repository, read from the git CLI. Never throws: every
// problem (no git, not a repo, shallow clone, detached HEAD, no user.email …) becomes a diagnostic.
import { stat } from 'node:fs/promises';
import type { GitOutcomeOptions, RepoOutcomes } from '../types';
import type { CommitNode } from './commitGraph';
import { findDefaultBranch } from './defaultBranch';
import { deriveOutcomes, REVERT_WINDOW_MS } from './deriveOutcomes';
import { GIT_STATE_VERSION, loadGitState, saveGitState, type GitState } from './gitState';
import { readLanded, readLocal, type CommitReader, type GitReadStats } from './landedCommits';
import { probeRepo } from './repoProbe';
import { gitRunner, GitSpawnError } from './runGit';
import { localName } from './branchCandidates';
import { readLinks } from './readLinks';
import { readTrees } from './treeHistory';

export type { GitReadStats } from './landedCommits';

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

  const branch = await findDefaultBranch(git, probe, options.defaultBranch);
  if (branch) {
    result.defaultBranch = branch.name;
    result.landingBranch = localName(branch);
  }
  else if (options.defaultBranch) result.diagnostics.push(`the configured default branch '${options.defaultBranch}' was not found in ${repo}: no landed outcomes`);
  else if (probe.head) result.diagnostics.push(`no default branch (origin/HEAD, main or master) in ${repo}: no landed outcomes`);

  const prior = options.cacheDir ? await loadGitState(options.cacheDir, repo) : undefined;
  const usable = prior && covers(prior, identities, options.since) ? prior : undefined;
  const since = usable ? usable.since ?? undefined : options.since;
  const reader: CommitReader = {
    git,
    isMine: (c: CommitNode) => identities.includes(c.email.toLowerCase()),
    // The revert window before `since`, so a revert inside the range finds the commit it cancels.
    readFrom: since === undefined ? undefined : since - REVERT_WINDOW_MS,
    stats: result.read,
  };
  const landed = branch ? await readLanded(reader, branch, usable?.landed) : undefined;
  const landedCommits = landed?.commits ?? [];
  const localTips = probe.refs.filter((r) => r.name.startsWith('refs/heads/')).map((r) => r.sha);
  const local = await readLocal(reader, localTips, branch, new Set(landedCommits.map((c) => c.sha)));
  const isMine = (email: string): boolean => identities.includes(email.toLowerCase());
  const links = branch
    ? await readLinks({ git, probe, branch, landed: landedCommits, isMine, since: reader.readFrom, prior: usable?.links }).catch((e: Error) => {
        result.diagnostics.push(`squash and rebase merges could not be matched to their branches in ${repo}: ${e.message}`);
        return usable?.links;
      })
    : undefined;
  result.outcomes = deriveOutcomes({ repo, landed: landedCommits, local, links: links?.list, weights: options.weights, since: options.since });
  const treeTips = [...new Set(probe.head ? [...localTips, probe.head] : localTips)].sort();
  const trees = await readTrees(git, treeTips, usable?.trees, since);
  result.trees = options.since === undefined ? trees.points : trees.points.filter((p) => p.at >= (options.since ?? 0));

  const unchanged = usable && landed === usable.landed && links === usable.links && trees.points === usable.trees.points && trees.tips.join() === usable.trees.tips.join();
  if (options.cacheDir && !unchanged) {
    const state: GitState = { version: GIT_STATE_VERSION, repo, identities, since: since ?? null, trees };
    if (landed) state.landed = landed;
    if (links) state.links = links;
    // The answer stands without the cache; the next read is then a full one.
    await saveGitState(options.cacheDir, state).catch((e: Error) => result.diagnostics.push(`the git state of ${repo} could not be saved in ${options.cacheDir}: ${e.message}`));
  }
}

/** Whether a saved state can answer this read: same identities, and it reaches back far enough. */
function covers(state: GitState, identities: string[], since: number | undefined): boolean {
  const sameIdentities = state.identities.length === identities.length && state.identities.every((e) => identities.includes(e));
  return sameIdentities && (state.since === null || (since !== undefined && since >= state.since));
}
