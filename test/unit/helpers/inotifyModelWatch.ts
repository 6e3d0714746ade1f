// A model of VS Code's recursive file watcher on Linux (VS Code 1.100 runs @parcel/watcher 2.5, whose
// inotify backend does this): when the watch starts, every folder of the tree gets an inotify watch;
// later, a folder reported created gets a watch of its own but is not read, so what was written into it
// before (a file, a subfolder) raises no event and such a subfolder is never watched. Built on Node's
// non-recursive fs.watch (one inotify watch per folder): the race is the kernel's, not a simulation.
import { type FSWatcher, readdirSync, statSync, watch } from 'node:fs';
import { join } from 'node:path';
import type { WatchBackend } from '../../../src/extension/logWatcher';

export const inotifyModelWatch: WatchBackend = (root, recursive, onEvent) => {
  const watchers = new Map<string, FSWatcher>();
  const unwatch = (dir: string): void => {
    watchers.get(dir)?.close();
    watchers.delete(dir);
  };
  const watchDir = (dir: string): void => {
    if (watchers.has(dir)) return;
    try {
      const w = watch(dir, { persistent: false }, (event, name) => name && handle(join(dir, name), event));
      w.on('error', () => unwatch(dir));
      watchers.set(dir, w);
    } catch {
      // Gone already (parcel drops it from its tree).
    }
  };
  const handle = (path: string, event: string): void => {
    if (event === 'change') return onEvent('change', path);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      unwatch(path);
      return onEvent('other', path);
    }
    if (isDir && recursive) watchDir(path);
    onEvent('create', path);
  };
  const walk = (dir: string): void => {
    watchDir(dir);
    if (recursive) for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) walk(join(dir, e.name));
  };
  walk(root);
  return { close: () => [...watchers.keys()].forEach(unwatch) };
};
