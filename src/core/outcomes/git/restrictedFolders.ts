// Folders where git must not run: VS Code's Restricted Mode keeps an untrusted workspace's repositories
// from running anything they configure (git runs hooks, fsmonitor and other commands named in a repo's
// .git/config), so such a folder, and a repository that holds one, count as no repository at all.
import { isAbsolute, relative, resolve } from 'node:path';

function inside(child: string, parent: string): boolean {
  const r = relative(resolve(parent), resolve(child));
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

/** Whether git may look for a repository from `cwd` (not from inside a restricted folder). */
export function gitMayStartAt(cwd: string, restricted: readonly string[]): boolean {
  return !restricted.some((f) => inside(cwd, f));
}

/** Whether git may run in the repository at `root` (neither in nor holding a restricted folder). */
export function gitMayRunIn(root: string, restricted: readonly string[]): boolean {
  return !restricted.some((f) => inside(root, f) || inside(f, root));
}
