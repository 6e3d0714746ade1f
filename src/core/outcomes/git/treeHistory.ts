// The trees of the commits on local branches over time. Given the previous read, only commits below
// tips it had not seen are listed; points of commits since dropped from a branch stay (HEAD was there).
import type { TreePoint } from '../types';
import { byTime, listTrees } from './commitGraph';
import type { TreeState } from './gitState';
import type { GitRunner } from './runGit';

export async function readTrees(git: GitRunner, tips: string[], prior: TreeState | undefined, readFrom: number | undefined): Promise<TreeState> {
  const known = new Set(prior?.tips ?? []);
  if (prior && tips.every((t) => known.has(t))) return { tips, points: prior.points };
  if (prior) {
    // A tip that no longer exists (deleted and collected) makes `--not` fail: then read everything.
    const added = await listTrees(git, [...tips, '--not', ...prior.tips], readFrom).catch(() => undefined);
    if (added) return { tips, points: mergeByTime(prior.points, added) };
  }
  return { tips, points: await listTrees(git, tips, readFrom) };
}

function mergeByTime(a: TreePoint[], b: TreePoint[]): TreePoint[] {
  return b.length === 0 ? a : [...a, ...b].sort(byTime);
}
