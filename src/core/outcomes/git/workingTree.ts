// The content of a working tree as one hash: the tree `git add -A && git commit` would record (tracked
// and untracked-not-ignored files). Built in a copy of the index, so the repo's own index and refs are
// never touched; the copy keeps the index's stat data, so only files changed since are hashed again.
import { copyFile, mkdtemp, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gitRunner } from './runGit';

const TIMEOUT_MS = 20_000;

export async function workingTreeHash(dir: string, gitPath = 'git'): Promise<string | undefined> {
  let scratch: string | undefined;
  try {
    const where = await gitRunner(dir, gitPath, { timeoutMs: TIMEOUT_MS })(['rev-parse', '--git-path', 'index']);
    if (where.code !== 0) return undefined;
    scratch = await mkdtemp(join(tmpdir(), 'awu-index-'));
    const index = join(scratch, 'index');
    // No index yet (a repo with no commits): git starts an empty one.
    const copied = await copyIndex(resolve(dir, where.stdout.replace(/\r?\n$/, '')), index).then(
      () => true,
      () => false,
    );
    const hash = await treeOf(dir, gitPath, index);
    // A copy git cannot use where it lies (a split index, say): build the index from nothing instead.
    if (hash === undefined && copied) {
      await rm(index, { force: true });
      return await treeOf(dir, gitPath, index);
    }
    return hash;
  } catch {
    return undefined;
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * The copy keeps the index's modification time: git re-hashes a file whose mtime is not older than the
 * index's ("racily clean"), which is how it sees a same-size edit made within the index's last write.
 * Times set here are at most a little earlier (ms precision), which only makes git re-hash more.
 */
async function copyIndex(from: string, to: string): Promise<void> {
  const stats = await stat(from);
  await copyFile(from, to);
  await utimes(to, stats.atime, stats.mtime);
}

async function treeOf(dir: string, gitPath: string, index: string): Promise<string | undefined> {
  const git = gitRunner(dir, gitPath, { env: { GIT_INDEX_FILE: index }, timeoutMs: TIMEOUT_MS });
  // Without a pathspec, `add -A` takes the whole working tree wherever in it `dir` is.
  const add = await git(['add', '-A']);
  if (add.code !== 0) return undefined;
  const tree = await git(['write-tree']);
  const hash = tree.stdout.trim();
  return tree.code === 0 && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(hash) ? hash : undefined;
}
