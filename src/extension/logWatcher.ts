// Watches the agents' log roots and calls back (debounced) when a log file changes, so an appended line
// reaches the status bar within about a second. A recursive watch per existing root (VS Code's file
// watcher in the host, Node's recursive fs.watch otherwise); a root that does not exist yet, or whose
// watch fails (no recursive support, inotify limit), is polled instead, with back-off: every
// POLL_MIN_MS, doubling to POLL_MAX_MS while nothing changes. A folder created under a root is watched
// on its own too when the root's backend may miss what is written into it (see newFolderWatches.ts).
// No `vscode` here.
import { watch } from 'node:fs';
import { join } from 'node:path';
import { isDirectory } from '../core/sources/sourceEnv';
import { NewFolderWatches } from './newFolderWatches';

const DEBOUNCE_MS = 150;
/** Events that keep coming (an agent streaming, a database's -wal) still give an update this often. */
const MAX_DELAY_MS = 1_000;
const POLL_MIN_MS = 1_000;
const POLL_MAX_MS = 30_000;

/** What changed since the last callback: files whose content changed, and whether anything was created,
 * removed or renamed (`structural`: the file list must be read again). */
export interface WatchedChanges {
  paths: Set<string>;
  structural: boolean;
}

/** 'change': a file's content; 'create': a file or folder appeared; 'other': deleted, renamed, unknown. */
export type WatchEventKind = 'change' | 'create' | 'other';

/** A recursive watch of one folder: calls `onEvent` with what happened and, when known, the path it
 * happened to; `onError` when the watch stops working. */
export type WatchBackend = (root: string, recursive: boolean, onEvent: (kind: WatchEventKind, path?: string) => void, onError: (err: Error) => void) => { close(): void };

/**
 * Node's recursive fs.watch. On Linux, Node 20 builds it in JavaScript: it walks the whole tree
 * synchronously when the watch starts (about 180 ms for 1,000 files in 400 folders), and again for each
 * new folder, on the calling thread. The VS Code host therefore passes VS Code's own watcher, which runs
 * in another process; this one serves where there is no VS Code (the bench) or as the fallback.
 */
export const nodeWatch: WatchBackend = (root, recursive, onEvent, onError) => {
  const w = watch(root, { recursive, persistent: false }, (event, name) => {
    if (event === 'change' && name) onEvent('change', join(root, name));
    else onEvent('other', name ? join(root, name) : undefined);
  });
  w.on('error', onError);
  return w;
};

export interface WatcherState {
  watched: string[];
  polled: string[];
}

export interface LogWatcherOptions {
  /** Watches each folder created under a recursive root, for a root backend that may miss what is
   * written into a new folder (VS Code's on Linux); none when the root backend sees it (Node's). */
  newFolders?: WatchBackend;
  debounceMs?: number;
}

export class LogWatcher {
  private watchers = new Map<string, { close(): void }>();
  private polled = new Set<string>();
  private shallow: ReadonlySet<string> = new Set();
  private debounce: NodeJS.Timeout | undefined;
  private pendingSince: number | undefined;
  private readonly newFolders: NewFolderWatches | undefined;
  private readonly debounceMs: number;
  private pending: WatchedChanges = { paths: new Set(), structural: false };
  private pollTimer: NodeJS.Timeout | undefined;
  private pollDelay = POLL_MIN_MS;
  private disposed = false;

  /**
   * `onChange` runs after events settle; `poll` (a cheap incremental update that says whether it found
   * new data) runs on the polling schedule while some root cannot be watched.
   */
  constructor(
    private readonly onChange: (changes: WatchedChanges) => void,
    private readonly poll: () => Promise<boolean>,
    private readonly log: (message: string) => void = () => undefined,
    private readonly backend: WatchBackend = nodeWatch,
    options: LogWatcherOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? DEBOUNCE_MS;
    if (options.newFolders) this.newFolders = new NewFolderWatches(options.newFolders, (kind, path) => this.changed(kind === 'change' ? path : undefined), log);
  }

  /**
   * Watches exactly these roots (call again when the settings change them); those in `shallow` only at
   * their top level (a home folder or a project folder that holds one log file: a recursive watch there
   * would see every write of every program).
   */
  setRoots(roots: readonly string[], shallow: ReadonlySet<string> = new Set()): void {
    const wanted = new Set(roots);
    for (const [root, w] of this.watchers) {
      if (this.shallow.has(root) !== shallow.has(root)) {
        w.close();
        this.watchers.delete(root);
      }
    }
    this.shallow = shallow;
    for (const [root, w] of this.watchers) {
      if (!wanted.has(root)) {
        w.close();
        this.watchers.delete(root);
      }
    }
    this.polled = new Set([...this.polled].filter((r) => wanted.has(r)));
    for (const root of wanted) if (!this.watchers.has(root)) this.tryWatch(root);
    this.newFolders?.retain((root) => this.watchers.has(root) && !shallow.has(root));
    this.pollDelay = POLL_MIN_MS;
    this.schedulePoll();
  }

  /** Watches polled roots that exist by now (call after an update found new files). */
  recheck(): void {
    for (const root of [...this.polled]) if (isDirectory(root)) this.tryWatch(root);
  }

  get state(): WatcherState {
    return { watched: [...this.watchers.keys()].sort(), polled: [...this.polled].sort() };
  }

  /** Folders created under a root since its watch started, watched on their own (see LogWatcherOptions). */
  get newFolderWatches(): string[] {
    return this.newFolders?.folders ?? [];
  }

  private tryWatch(root: string): boolean {
    if (!isDirectory(root)) {
      this.polled.add(root);
      return false;
    }
    try {
      // Any change (JSONL appends, JSON rewrites, SQLite -wal writes, new dirs): the update that follows
      // is incremental and debounced, so a change that brings nothing costs a few stat calls.
      const recursive = !this.shallow.has(root);
      const w = this.backend(
        root,
        recursive,
        (kind, path) => {
          // Watched before the update that lists it (the debounce delays that), so nothing written
          // into the folder falls between the listing and the watch.
          if (kind === 'create' && path && recursive) this.newFolders?.add(root, path);
          this.changed(kind === 'change' ? path : undefined);
        },
        (err) => {
          // The root was removed or the watch broke: back to polling until it can be watched again.
          this.log(`Watching ${root} stopped (${err.message}); polling it instead.`);
          w.close();
          this.watchers.delete(root);
          this.newFolders?.retain((r) => r !== root);
          this.polled.add(root);
          this.pollDelay = POLL_MIN_MS;
          this.schedulePoll();
          this.changed();
        },
      );
      this.watchers.set(root, w);
      this.polled.delete(root);
      return true;
    } catch (err) {
      this.log(`Cannot watch ${root} (${(err as Error).message}); polling it instead.`);
      this.polled.add(root);
      return false;
    }
  }

  /** A file's content changed (`path`), or something structural happened (no path). */
  private changed(path?: string): void {
    if (this.disposed) return;
    if (path) this.pending.paths.add(path);
    else this.pending.structural = true;
    if (this.debounce) clearTimeout(this.debounce);
    const now = Date.now();
    this.pendingSince ??= now;
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      this.pendingSince = undefined;
      const changes = this.pending;
      this.pending = { paths: new Set(), structural: false };
      this.onChange(changes);
    }, Math.max(0, Math.min(this.debounceMs, this.pendingSince + MAX_DELAY_MS - now)));
  }

  private schedulePoll(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    if (this.disposed || this.polled.size === 0) return;
    this.pollTimer = setTimeout(() => void this.pollOnce(), this.pollDelay);
    this.pollTimer.unref?.();
  }

  private async pollOnce(): Promise<void> {
    this.pollTimer = undefined;
    let appeared = false;
    // A root that now exists is watched from here on (and read at once: it may already hold logs).
    for (const root of [...this.polled]) if (isDirectory(root) && this.tryWatch(root)) appeared = true;
    let found = false;
    if (this.polled.size > 0) {
      try {
        found = await this.poll();
      } catch {
        found = false;
      }
    }
    if (appeared) this.changed();
    this.pollDelay = found || appeared ? POLL_MIN_MS : Math.min(POLL_MAX_MS, this.pollDelay * 2);
    this.schedulePoll();
  }

  dispose(): void {
    this.disposed = true;
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
    this.newFolders?.dispose();
    if (this.debounce) clearTimeout(this.debounce);
    if (this.pollTimer) clearTimeout(this.pollTimer);
  }
}
