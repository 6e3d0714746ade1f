// Folders created under a watched root after its watch started, each given a watch of its own.
// VS Code's recursive watcher on Linux (@parcel/watcher's inotify backend) starts watching a new folder
// when it sees it created, but never reads it: a file written into it before that (a new project's first
// log, right after mkdir) raises no event, and subfolders made with it (`mkdir -p sessions/2026/12/01`)
// are never watched at all, so their appends go unseen until the 60 s refresh. The backend used here
// (Node's fs.watch) reads a folder once it watches it, so what the folder holds or gets later is reported.
// No `vscode` here.
import { sep } from 'node:path';
import { isDirectory } from '../core/sources/sourceEnv';
import type { WatchBackend, WatchEventKind } from './logWatcher';

export class NewFolderWatches {
  private readonly watches = new Map<string, { root: string; watch: { close(): void } }>();

  constructor(
    private readonly backend: WatchBackend,
    private readonly onEvent: (kind: WatchEventKind, path?: string) => void,
    private readonly log: (message: string) => void,
  ) {}

  /** Watches `folder`, created under `root`, unless it is gone or a folder watched here holds it already. */
  add(root: string, folder: string): void {
    if (this.covers(folder) || !isDirectory(folder)) return;
    try {
      const watch = this.backend(
        folder,
        true,
        (kind, path) => {
          if (kind !== 'change' && !isDirectory(folder)) this.close(folder);
          this.onEvent(kind, path);
        },
        () => {
          this.close(folder);
          this.onEvent('other');
        },
      );
      this.watches.set(folder, { root, watch });
    } catch (err) {
      this.log(`Cannot watch the new folder ${folder} (${(err as Error).message}); the next update lists it.`);
    }
  }

  /** Stops watching the folders of roots that `keep` rejects (no longer watched, or only shallowly). */
  retain(keep: (root: string) => boolean): void {
    for (const [folder, { root }] of this.watches) if (!keep(root)) this.close(folder);
  }

  get folders(): string[] {
    return [...this.watches.keys()].sort();
  }

  dispose(): void {
    for (const folder of [...this.watches.keys()]) this.close(folder);
  }

  private covers(path: string): boolean {
    for (const folder of this.watches.keys()) if (path === folder || path.startsWith(folder + sep)) return true;
    return false;
  }

  private close(folder: string): void {
    this.watches.get(folder)?.watch.close();
    this.watches.delete(folder);
  }
}
