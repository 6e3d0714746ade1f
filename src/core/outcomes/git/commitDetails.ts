// What a commit changed and what its message claims, for the developer's own commits only: one
// `git log --no-walk` over their hashes with whitespace ignored, so "whitespace-only" costs no extra call.
import { availableParallelism } from 'node:os';
import type { AgentTrailer } from '../types';
import { agentTrailer, mergedPrTitle, namedBranch, revertedSha } from './messageRules';
import { gitOutput, type GitRunner } from './runGit';

export type ChangeKind = 'empty' | 'whitespace-only';

export interface CommitDetails {
  /** Set when the commit changes nothing (same tree as its first parent) or only whitespace. */
  change?: ChangeKind;
  agentTrailer?: AgentTrailer;
  /** The commit this one reverts, per its message. */
  reverts?: string;
  /** The branch the message says it brought in (`Merge pull request #13 from dev/feat-y`). */
  branchName?: string;
  /** A GitHub merge commit's PR title (the line after its subject). */
  prTitle?: string;
}

// -w --ignore-blank-lines drops a file whose changes are all whitespace from --numstat (checked on
// git 2.39); --raw still lists every changed path, so the two together tell empty, whitespace and real.
// A merge is diffed against its first parent: what it brought into the branch.
const ARGS = ['log', '--stdin', '--no-walk=unsorted', '--root', '--no-renames', '--no-ext-diff', '--no-textconv', '--diff-merges=first-parent', '-w', '--ignore-blank-lines', '--raw', '--numstat', '--format=%x1e%H%x1f%B%x1f'];

// Diffing is most of a first read's time; a long history is split over a few git processes.
const CHUNK = 2000;

export async function readCommitDetails(git: GitRunner, shas: string[]): Promise<Map<string, CommitDetails>> {
  const details = new Map<string, CommitDetails>();
  const processes = Math.max(1, Math.min(4, availableParallelism() - 1));
  const parts = Math.min(processes, Math.ceil(shas.length / CHUNK));
  const size = Math.ceil(shas.length / Math.max(1, parts));
  const chunks = Array.from({ length: parts }, (_, i) => shas.slice(i * size, (i + 1) * size));
  const outputs = await Promise.all(chunks.map((chunk) => gitOutput(git, ARGS, `${chunk.join('\n')}\n`)));
  for (const out of outputs) parseDetails(out, details);
  return details;
}

function parseDetails(out: string, details: Map<string, CommitDetails>): void {
  for (const record of out.split('\x1e')) {
    const [sha, message, diff] = record.split('\x1f');
    if (!sha || message === undefined) continue;
    const d: CommitDetails = {};
    const change = classifyDiff(diff ?? '');
    if (change) d.change = change;
    const agent = agentTrailer(message);
    if (agent) d.agentTrailer = agent;
    const reverts = revertedSha(message);
    if (reverts) d.reverts = reverts;
    const branchName = namedBranch(message);
    if (branchName) d.branchName = branchName;
    const prTitle = mergedPrTitle(message);
    if (prTitle) d.prTitle = prTitle;
    details.set(sha, d);
  }
}

/** From `--raw` lines (`:mode mode blob blob STATUS\tpath`) and `-w --numstat` lines (`added\tdeleted\tpath`). */
export function classifyDiff(diff: string): ChangeKind | undefined {
  let paths = 0;
  for (const line of diff.split('\n')) {
    if (line.startsWith(':')) {
      paths++;
      const [oldMode, newMode, , , status] = line.slice(1).split(/[ \t]/);
      // Added, deleted, retyped or chmod-ed files are more than whitespace.
      if (status !== 'M' || oldMode !== newMode) return undefined;
    } else if (line.includes('\t')) {
      const [added, deleted] = line.split('\t');
      if (added !== '0' || deleted !== '0') return undefined;
    }
  }
  return paths === 0 ? 'empty' : 'whitespace-only';
}
