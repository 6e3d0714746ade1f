// Passing test runs as outcomes, with the game-resistance rule: a pass earns only when the repo
// changed since the last pass that earned there — new edits by an agent, a HEAD whose content (tree)
// was never credited, or a working-tree fingerprint never credited. Re-running a green suite, an empty
// commit or a commit undone by its revert changes nothing, so it earns nothing. A pass that earned on
// agent edits not yet committed has, in effect, tested the next commit's content: that commit's tree is
// taken as credited, so committing tested work does not buy a second pass.
import type { ModelOutcome } from './modelOutcome';
import type { AwuWeights, TreePoint } from './types';

export interface TestRun {
  repo: string;
  at: number;
  label: string;
  exitCode: number;
  origin: 'agent' | 'terminal' | 'task';
  sessionKey?: string;
  treeFingerprint?: string;
}

export interface RepoChanges {
  /** Sorted times of agent edits in the repo. */
  edits: number[];
  /** The repo's commits over time (sorted), for the content of HEAD at a given moment. */
  trees: TreePoint[];
}

/** The last element of a sorted list at or before `at`, by binary search. */
function lastAtOrBefore<T>(sorted: readonly T[], at: number, time: (x: T) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time(sorted[mid]!) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export function testOutcomes(runs: readonly TestRun[], changes: ReadonlyMap<string, RepoChanges>, weights: AwuWeights): ModelOutcome[] {
  const out: ModelOutcome[] = [];
  const byRepo = new Map<string, TestRun[]>();
  for (const r of runs) {
    if (r.exitCode !== 0) continue;
    const list = byRepo.get(r.repo) ?? [];
    list.push(r);
    byRepo.set(r.repo, list);
  }
  for (const [repo, passes] of byRepo) {
    passes.sort((a, b) => a.at - b.at);
    const ch = changes.get(repo) ?? { edits: [], trees: [] };
    const creditedTrees = new Set<string>();
    const creditedFingerprints = new Set<string>();
    let lastCounted: number | undefined;
    /** The last counted pass ran on agent edits that HEAD did not hold yet. */
    let lastCountedDirty = false;
    const editsIn = (after: number, upTo: number): boolean => {
      const i = lastAtOrBefore(ch.edits, upTo, (t) => t);
      return i >= 0 && ch.edits[i]! > after;
    };
    for (const run of passes) {
      const treeIndex = lastAtOrBefore(ch.trees, run.at, (t) => t.at);
      const tree = treeIndex >= 0 ? ch.trees[treeIndex]!.tree : undefined;
      const treeSince = treeIndex >= 0 ? ch.trees[treeIndex]!.at : Number.NEGATIVE_INFINITY;
      const editedSince = editsIn(lastCounted ?? Number.NEGATIVE_INFINITY, run.at);
      let newTree = tree !== undefined && !creditedTrees.has(tree);
      if (newTree && lastCountedDirty && !editedSince) {
        creditedTrees.add(tree!);
        newTree = false;
      }
      const newFingerprint = run.treeFingerprint !== undefined && !creditedFingerprints.has(run.treeFingerprint);
      const earns = lastCounted === undefined || editedSince || newTree || newFingerprint;
      if (earns) {
        lastCounted = run.at;
        lastCountedDirty = editsIn(treeSince, run.at);
        if (tree !== undefined) creditedTrees.add(tree);
        if (run.treeFingerprint !== undefined) creditedFingerprints.add(run.treeFingerprint);
      }
      out.push({
        kind: 'tests.passed',
        repo,
        ref: run.label,
        at: run.at,
        awu: earns ? weights['tests.passed'] : 0,
        ...(earns ? {} : { zeroReason: 'no-change-since-last-pass' as const }),
        origin: run.origin,
        exitCode: 0,
        ...(run.sessionKey ? { sessionKey: run.sessionKey } : {}),
      });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}
