// Passing test runs as outcomes. Whether a pass earns is the game-resistance rule of ./passLedger: only
// when the code under test changed since the last counted pass in that repo.
import type { ModelOutcome } from './modelOutcome';
import { PassLedger, type RepoChanges } from './passLedger';
import type { AwuWeights } from './types';

export type { RepoChanges } from './passLedger';

export interface TestRun {
  repo: string;
  at: number;
  label: string;
  exitCode: number;
  origin: 'agent' | 'terminal' | 'task';
  sessionKey?: string;
  /** The working tree's tree hash at the run (editor runs), or an older opaque fingerprint. */
  treeFingerprint?: string;
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
    const ledger = new PassLedger(changes.get(repo) ?? { edits: [], trees: [] });
    for (const run of passes) {
      const earns = ledger.earns(run);
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
