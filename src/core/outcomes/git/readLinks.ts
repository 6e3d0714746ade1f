// The squash and rebase merges of a repo, kept between reads: a PR once linked stays linked (its
// branch may be deleted and its reflog expire later), and the search runs again only when a ref,
// HEAD or the default branch moved.
import { createHash } from 'node:crypto';
import type { CommitFacts } from './commitFacts';
import type { DefaultBranch } from './defaultBranch';
import type { LinkState } from './gitState';
import { findPrLinks } from './prLinks';
import type { RepoProbe } from './repoProbe';
import type { GitRunner } from './runGit';

export interface ReadLinksInput {
  git: GitRunner;
  probe: RepoProbe;
  branch: DefaultBranch;
  landed: CommitFacts[];
  isMine: (email: string) => boolean;
  since: number | undefined;
  prior: LinkState | undefined;
}

export function linksKey(probe: RepoProbe, branch: DefaultBranch): string {
  const refs = probe.refs.map((r) => `${r.name} ${r.sha}`).sort();
  return createHash('sha256').update(JSON.stringify([probe.head ?? '', branch.ref, branch.head, refs])).digest('hex').slice(0, 32);
}

export async function readLinks(input: ReadLinksInput): Promise<LinkState> {
  const key = linksKey(input.probe, input.branch);
  if (input.prior?.key === key) return input.prior;
  const landed = new Set(input.landed.map((c) => c.sha));
  const kept = (input.prior?.list ?? []).filter((l) => landed.has(l.sha));
  const done = new Set(kept.flatMap((l) => [l.sha, ...(l.copies ?? [])]));
  const changeIds = new Map(Object.entries(input.prior?.changeIds ?? {}));
  const found = await findPrLinks({ ...input, landed: input.landed.filter((c) => !done.has(c.sha)), changeIds });
  return { key, list: [...kept, ...found], changeIds: Object.fromEntries(changeIds) };
}
