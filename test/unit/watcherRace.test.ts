// The watcher race (issue 11): a folder created under a watched root and written at once is read, every
// time. 100 folders one after another (half made with `mkdir -p`, each of those followed by a folder
// next to its deepest one), then 100 in bursts of 20. The watcher drives the host's index the way the
// extension wires them, and each wait ends on an update the watcher caused: there is no poll and no
// safety refresh here, so a file the watcher misses is never read and its wait fails. Run with Node's
// recursive watch (the bench, the fallback) and with a model of VS Code's watcher on Linux plus the
// new-folder watches the extension adds to it.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageStore } from '../../src/core/store/usageStore';
import { LogWatcher, type LogWatcherOptions, nodeWatch, type WatchBackend } from '../../src/extension/logWatcher';
import { UsageIndex } from '../../src/extension/usageIndex';
import { assistantLine } from './helpers/claudeLines';
import { appendLines, tempDir } from './helpers/engine';
import { inotifyModelWatch } from './helpers/inotifyModelWatch';

const OUTPUT = 10;
/** Far above a pickup (tens of ms); only a file the watcher missed gets there. */
const WAIT_MS = 10_000;

const line = (n: number): string => assistantLine({ sessionId: `s${n}`, messageId: `msg_${n}`, requestId: `req_${n}`, timestamp: '2026-11-20T10:00:00Z', input: 1, output: OUTPUT });

function outputTokens(store: UsageStore): number {
  let t = 0;
  for (let i = 0; i < store.columns.length; i++) if (!store.columns.isDeleted(i)) t += store.columns.u32.output[i] ?? 0;
  return t;
}

/** A watched Claude Code projects folder whose index is updated only by the watcher's callbacks. */
function rig(backend: WatchBackend, options: LogWatcherOptions) {
  const base = tempDir('awu-watch-race-');
  const root = join(base, 'projects');
  mkdirSync(root);
  const request = { sources: ['claude'] as const, roots: { claude: [root] } };
  const index = new UsageIndex({ cacheDir: undefined, workerPath: 'none', toolRuns: false });
  let tokens = 0;
  let failure: Error | undefined;
  const waiters = new Set<() => void>();
  const updated = (): void => {
    for (const w of [...waiters]) w();
  };
  const watcher = new LogWatcher(
    (c) =>
      void index.update(c.structural ? request : { ...request, changedFiles: c.paths }).then(
        (r) => {
          tokens = outputTokens(r.store);
          updated();
        },
        (err: Error) => {
          failure = err;
          updated();
        },
      ),
    async () => false,
    () => undefined,
    backend,
    options,
  );

  /** Resolves on the first watcher-driven update (or now) after which `ok` holds. */
  const until = (ok: () => boolean, what: string): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const done = (err?: Error): void => {
        waiters.delete(check);
        clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      };
      const check = (): void => {
        try {
          if (failure) done(failure);
          else if (ok()) done();
        } catch (err) {
          done(err as Error);
        }
      };
      const timer = setTimeout(() => done(new Error(`${what}: not after ${WAIT_MS} ms (${tokens} tokens read)`)), WAIT_MS);
      waiters.add(check);
      check();
    });

  let lines = 0;
  return {
    root,
    watcher,
    until,
    /** Writes one new usage line to `file`, creating its folder first; returns the token count to expect. */
    writeNew(file: string): number {
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, `${line(++lines)}\n`);
      return lines * OUTPUT;
    },
    async writeNewAsync(file: string): Promise<void> {
      const n = ++lines;
      await mkdir(join(file, '..'), { recursive: true });
      await writeFile(file, `${line(n)}\n`);
    },
    expected: () => lines * OUTPUT,
    /** Resolves once the watcher's updates have read exactly `want` tokens (more fails at once). */
    read: (want: number, what: string): Promise<void> =>
      until(() => {
        if (tokens > want) throw new Error(`${what}: ${tokens} tokens read, more than the ${want} written`);
        return tokens === want;
      }, `${what} read`),
    async start(): Promise<void> {
      await index.update(request);
      watcher.setRoots([root]);
    },
    dispose(): void {
      watcher.dispose();
      void index.dispose();
      rmSync(base, { recursive: true, force: true });
    },
  };
}

const setups: [string, WatchBackend, LogWatcherOptions][] = [
  ["Node's recursive fs.watch", nodeWatch, { debounceMs: 20 }],
  ["VS Code's watcher on Linux (model), with the extension's new-folder watches", inotifyModelWatch, { debounceMs: 20, newFolders: nodeWatch }],
];

for (const [name, backend, options] of setups) {
  describe(`watcher race: new folders written at once, ${name}`, function () {
    this.timeout(120_000);
    let r: ReturnType<typeof rig>;
    beforeEach(async () => {
      r = rig(backend, options);
      await r.start();
    });
    afterEach(() => r.dispose());

    it('reads 100 folders one after another, and a folder made next to the deepest of each `mkdir -p`', async () => {
      for (let i = 0; i < 100; i++) {
        if (i % 2 === 0) {
          await r.read(r.writeNew(join(r.root, `-home-dev-p${i}`, 'session.jsonl')), `new folder ${i}`);
        } else {
          // Codex's layout: a new month and day at once; the next day lands in a folder made by that.
          await r.read(r.writeNew(join(r.root, `y${i}`, '11', '25', 'rollout.jsonl')), `new folders ${i} (mkdir -p)`);
          await r.read(r.writeNew(join(r.root, `y${i}`, '11', '26', 'rollout.jsonl')), `new folder ${i} next to one made by mkdir -p`);
        }
      }
    });

    it('reads 100 folders made in bursts of 20 at once', async () => {
      for (let burst = 0; burst < 5; burst++) {
        const files = Array.from({ length: 20 }, (_, k) => join(r.root, `b${burst}-${k}`, ...(k % 2 ? ['x', 'y'] : []), 'session.jsonl'));
        await Promise.all(files.map((f) => r.writeNewAsync(f)));
        await r.read(r.expected(), `burst ${burst}`);
      }
    });

    it('reads lines appended later to a file in a folder made by `mkdir -p`', async () => {
      const file = join(r.root, 'later', 'a', 'b', 'session.jsonl');
      await r.read(r.writeNew(file), 'the first line');
      for (let i = 0; i < 10; i++) {
        appendLines(file, [line(1000 + i)]);
        await r.read(r.expected() + (i + 1) * OUTPUT, `appended line ${i}`);
      }
    });
  });
}

describe('log watcher: new-folder watches and the debounce', () => {
  it('drops the watch of a new folder when it is deleted, and all of them when the root is no longer watched', async () => {
    const r = rig(inotifyModelWatch, { debounceMs: 20, newFolders: nodeWatch });
    try {
      await r.start();
      await r.read(r.writeNew(join(r.root, 'gone', 'x', 'session.jsonl')), 'first folder');
      await r.read(r.writeNew(join(r.root, 'kept', 'x', 'session.jsonl')), 'second folder');
      assert.deepEqual(r.watcher.newFolderWatches, [join(r.root, 'gone'), join(r.root, 'kept')]);
      rmSync(join(r.root, 'gone'), { recursive: true });
      await r.until(() => r.watcher.newFolderWatches.length === 1, 'the deleted folder unwatched');
      assert.deepEqual(r.watcher.newFolderWatches, [join(r.root, 'kept')]);
      r.watcher.setRoots([]);
      assert.deepEqual(r.watcher.newFolderWatches, []);
    } finally {
      r.dispose();
    }
  });

  it('reports changes while events keep coming, not only once they stop', async () => {
    let emit: ((kind: 'change', path: string) => void) | undefined;
    const backend: WatchBackend = (_root, _recursive, onEvent) => {
      emit = onEvent;
      return { close: () => undefined };
    };
    let calls = 0;
    const root = tempDir('awu-watch-busy-');
    const w = new LogWatcher(() => void calls++, async () => false, () => undefined, backend);
    try {
      w.setRoots([root]);
      // Events back to back (each turn of the event loop) for up to 10 s: the debounce alone never settles.
      const until = Date.now() + 10_000;
      while (calls === 0 && Date.now() < until) {
        emit!('change', '/busy.jsonl');
        await new Promise((resolve) => setImmediate(resolve));
      }
      assert.ok(calls > 0, 'no update while the events went on');
    } finally {
      w.dispose();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
