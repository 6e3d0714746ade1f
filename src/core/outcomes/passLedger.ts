// The game-resistance rule for passing test runs in one repo: a pass earns only when the code under test
// changed since the last counted pass. A run that recorded its working tree's content (a tree hash, from
// the editor) earns iff that content was never tested. A run known only from an agent log earns on an
// agent edit since the last counted pass, or on HEAD having moved to content never tested; edits made
// any other way stay unseen until they are committed. Committing, amending a message or pushing tested
// content is no change. Legacy opaque fingerprints earn as before: on a fingerprint never seen, too.
import type { TreePoint } from './types';

export interface RepoChanges {
  /** Sorted times of agent edits in the repo. */
  edits: number[];
  /** The repo's commits over time (sorted), for the content of HEAD at a given moment. */
  trees: TreePoint[];
}

export interface PassFacts {
  at: number;
  /** A tree hash (the working tree's content at the run), or an opaque fingerprint from older versions. */
  treeFingerprint?: string;
}

/** Tree hashes are 40 hex (64 in SHA-256 repos); older runs hold 32-hex opaque hashes of HEAD + status. */
export function isTreeHash(fingerprint: string): boolean {
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(fingerprint);
}

/** The index of the last element of a sorted list at or before `at`, by binary search (-1: none). */
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

/** Decides, pass by pass in time order, which passes of one repo earn. */
export class PassLedger {
  /** Contents a counted pass tested. */
  private readonly tested = new Set<string>();
  /** Contents taken as tested only where a run's content is unknown (see `settle`). */
  private readonly testedForAgents = new Set<string>();
  private readonly fingerprints = new Set<string>();
  private lastAt: number | undefined;
  /** The last counted pass ran on changes HEAD did not hold yet; `exact`: its content is known. */
  private pending: { at: number; exact: boolean } | undefined;

  constructor(private readonly changes: RepoChanges) {}

  earns(run: PassFacts): boolean {
    this.settle(run.at);
    const head = this.headAt(run.at);
    if (run.treeFingerprint !== undefined && isTreeHash(run.treeFingerprint)) {
      const content = run.treeFingerprint;
      if (this.tested.has(content)) return false;
      this.tested.add(content);
      this.lastAt = run.at;
      this.pending = head?.tree === content ? undefined : { at: run.at, exact: true };
      return true;
    }
    const first = this.lastAt === undefined;
    const edited = this.lastAt !== undefined && this.editsIn(this.lastAt, run.at);
    const moved = head !== undefined && (this.lastAt === undefined || head.at > this.lastAt);
    const newHead = moved && !this.tested.has(head.tree) && !this.testedForAgents.has(head.tree);
    const newFingerprint = run.treeFingerprint !== undefined && !this.fingerprints.has(run.treeFingerprint);
    if (!first && !edited && !newHead && !newFingerprint) return false;
    this.lastAt = run.at;
    if (run.treeFingerprint !== undefined) this.fingerprints.add(run.treeFingerprint);
    if (this.editsIn(head?.at ?? Number.NEGATIVE_INFINITY, run.at)) this.pending = { at: run.at, exact: false };
    else {
      this.pending = undefined;
      if (head) this.tested.add(head.tree);
    }
    return true;
  }

  /**
   * A pass on uncommitted changes tested, in effect, the next commit when no agent edit came between:
   * committing tested work buys no second pass. When the pass's content is known, this only stands in
   * for runs whose content is not (a commit of part of it, say); those that know theirs compare exactly.
   */
  private settle(upTo: number): void {
    const p = this.pending;
    if (!p) return;
    const next = this.changes.trees[lastAtOrBefore(this.changes.trees, p.at, (t) => t.at) + 1];
    if (!next || next.at > upTo) return;
    this.pending = undefined;
    if (!this.editsIn(p.at, next.at)) (p.exact ? this.testedForAgents : this.tested).add(next.tree);
  }

  /** HEAD's commit at `at`, as the repo's commits over time tell it. */
  private headAt(at: number): TreePoint | undefined {
    const i = lastAtOrBefore(this.changes.trees, at, (t) => t.at);
    return i >= 0 ? this.changes.trees[i] : undefined;
  }

  /** An agent edit in (after, upTo]. */
  private editsIn(after: number, upTo: number): boolean {
    const i = lastAtOrBefore(this.changes.edits, upTo, (t) => t);
    return i >= 0 && this.changes.edits[i]! > after;
  }
}
