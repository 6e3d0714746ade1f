// The extension host's index and watcher without VS Code: two windows sharing one index folder, coalesced
// updates, the listing reused for known files, and the watcher's fallback from polling to watching.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { UsageStore } from '../../src/core/store/usageStore';
import { withFileLock } from '../../src/extension/fileLock';
import { LogWatcher, type WatchedChanges } from '../../src/extension/logWatcher';
import { sourceRoots, UsageIndex } from '../../src/extension/usageIndex';
import { assistantLine, bashUseLine, toolResultLine } from './helpers/claudeLines';
import { appendLines, tempDir, writeLines } from './helpers/engine';

const line = (i: number, output = 10): string => assistantLine({ sessionId: 's1', messageId: `msg_${i}`, requestId: `req_${i}`, timestamp: '2026-11-20T10:00:00Z', input: 1, output });

function claudeSetup(): { root: string; file: string; roots: { claude: string[] } } {
  const config = tempDir();
  const file = join(config, 'projects', '-home-dev-app', 's1.jsonl');
  mkdirSync(join(file, '..'), { recursive: true });
  const roots = { claude: sourceRoots('claude', { env: { CLAUDE_CONFIG_DIR: config }, home: tempDir(), platform: process.platform }, []) };
  return { root: roots.claude[0]!, file, roots };
}

function total(store: UsageStore): number {
  let t = 0;
  for (let i = 0; i < store.columns.length; i++) if (!store.columns.isDeleted(i)) t += store.columns.u32.output[i] ?? 0;
  return t;
}

const until = async (ok: () => boolean, ms = 5_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('extension host index', () => {
  it('classifies what it read before again when the test-command patterns change', async () => {
    const { file, roots } = claudeSetup();
    writeLines(file, [
      bashUseLine({ sessionId: 's1', timestamp: '2026-11-20T10:00:00Z', toolUseId: 'toolu_1', command: 'npm test', messageId: 'm1', requestId: 'r1' }),
      toolResultLine({ sessionId: 's1', timestamp: '2026-11-20T10:00:10Z', toolUseId: 'toolu_1', ok: true }),
      bashUseLine({ sessionId: 's1', timestamp: '2026-11-20T10:01:00Z', toolUseId: 'toolu_2', command: 'bazel test //...', messageId: 'm2', requestId: 'r2' }),
      toolResultLine({ sessionId: 's1', timestamp: '2026-11-20T10:01:10Z', toolUseId: 'toolu_2', ok: true }),
    ]);
    const cacheDir = tempDir();
    const index = new UsageIndex({ cacheDir, workerPath: '/nonexistent-worker.js', toolRuns: true });
    const first = await index.update({ sources: ['claude'], roots });
    assert.deepEqual(first.store.activity.events.map((a) => a.label), ['npm test']);
    const records = first.store.columns.length;
    const second = await index.update({ sources: ['claude'], roots, testPatterns: ['^bazel test\\b'] });
    assert.deepEqual(second.store.activity.events.map((a) => a.label), ['bazel test']);
    assert.equal(second.store.columns.length, records, 'usage is not read twice');
    await index.dispose();
    assert.equal(UsageStore.open(cacheDir).activityPatternsKey(), JSON.stringify(['^bazel test\\b']), 'saved with the key');
  });

  it('resolves extra folders the way each source expects them', () => {
    const { roots } = claudeSetup();
    const extra = tempDir();
    mkdirSync(join(extra, 'projects'));
    const env = { env: { CLAUDE_CONFIG_DIR: join(roots.claude[0]!, '..') }, home: '/home/u', platform: process.platform };
    assert.deepEqual(sourceRoots('claude', env, [extra, '~/logs']), [roots.claude[0], join(extra, 'projects'), '/home/u/logs']);
  });

  it('two windows on one index folder: each counts everything once, and the saved index is whole', async () => {
    const { file, roots } = claudeSetup();
    writeLines(file, [line(1), line(2)]);
    const cacheDir = tempDir();
    const a = new UsageIndex({ cacheDir, workerPath: 'none', toolRuns: false });
    const b = new UsageIndex({ cacheDir, workerPath: 'none', toolRuns: false });
    const req = { sources: ['claude'] as const, roots };
    await Promise.all([a.update(req), b.update(req)]);
    appendLines(file, [line(3)]);
    const [ra, rb] = await Promise.all([a.update(req), b.update(req)]);
    assert.equal(total(ra.store), 30);
    assert.equal(total(rb.store), 30);
    await Promise.all([a.dispose(), b.dispose()]);
    assert.equal(total(UsageStore.open(cacheDir)), 30);
    assert.equal(existsSync(join(cacheDir, 'save.lock')), false);
  });

  it('coalesces updates requested while one runs, and reuses the listing for changed known files', async () => {
    const { file, roots } = claudeSetup();
    writeLines(file, [line(1)]);
    const index = new UsageIndex({ cacheDir: undefined, workerPath: 'none', toolRuns: false });
    const req = { sources: ['claude'] as const, roots };
    const first = index.update(req);
    const second = index.update({ ...req, changedFiles: new Set([file]) });
    const third = index.update(req);
    assert.equal(second, third, 'one follow-up for both requests');
    await first;
    assert.equal(total((await second).store), 10);
    appendLines(file, [line(2)]);
    assert.equal(total((await index.update({ ...req, changedFiles: new Set([file]) })).store), 20);
    // A file the last listing does not have forces a new listing.
    const other = join(file, '..', 's2.jsonl');
    writeLines(other, [line(3)]);
    const r = await index.update({ ...req, changedFiles: new Set([other]) });
    assert.equal(r.filesListed, 2);
    assert.equal(total(r.store), 30);
  });

  it('stops a large read between chunks when cancelled, and reads the rest on the next update', async () => {
    const { file, roots } = claudeSetup();
    writeLines(file, [line(1)]);
    writeLines(join(file, '..', 's2.jsonl'), [line(2)]);
    writeLines(join(file, '..', 's3.jsonl'), [line(3)]);
    const index = new UsageIndex({ cacheDir: undefined, workerPath: 'none', toolRuns: false, chunkBytes: 1 });
    let chunksStarted = 0;
    const partial = await index.update({ sources: ['claude'], roots, isCancelled: () => ++chunksStarted > 1 });
    assert.equal(partial.cancelled, true);
    assert.equal(total(partial.store), 10);
    const rest = await index.update({ sources: ['claude'], roots });
    assert.equal(rest.cancelled, false);
    assert.equal(total(rest.store), 30);
  });

  it('serialises critical sections with the lock file and takes over a dead holder', async () => {
    const lock = join(tempDir(), 'x', 'save.lock');
    const order: string[] = [];
    await Promise.all([
      withFileLock(lock, async () => {
        order.push('a1');
        await new Promise((r) => setTimeout(r, 50));
        order.push('a2');
      }),
      withFileLock(lock, () => void order.push('b')),
    ]);
    // Whichever comes first, the other never runs inside it.
    assert.equal(order.indexOf('a2') - order.indexOf('a1'), 1, order.join());
    writeLines(lock, ['999999999'], false);
    assert.equal(await withFileLock(lock, () => 'ran'), 'ran');
  });
});

describe('log watcher', () => {
  it('reports the changed file of an append, and a new file as a structural change', async () => {
    const { root, file } = claudeSetup();
    writeLines(file, [line(1)]);
    const seen: WatchedChanges[] = [];
    const w = new LogWatcher((c) => seen.push(c), async () => false);
    try {
      w.setRoots([root]);
      assert.deepEqual(w.state, { watched: [root], polled: [] });
      // No pause first: setRoots arms the watch before it returns, so an append right after it is seen
      // (a fixed sleep here would only hide a watch that starts late).
      appendLines(file, [line(2)]);
      await until(() => seen.length > 0);
      assert.equal(seen[0]!.structural, false);
      assert.ok(seen[0]!.paths.has(file), JSON.stringify([...seen[0]!.paths]));
      writeLines(join(root, 'new-project', 's9.jsonl'), [line(9)]);
      await until(() => seen.some((c) => c.structural));
    } finally {
      w.dispose();
    }
  });

  it('polls a missing root and watches it once it exists', async () => {
    const { root } = claudeSetup();
    const missing = join(root, '..', 'later');
    let polls = 0;
    const changes: WatchedChanges[] = [];
    const w = new LogWatcher((c) => changes.push(c), async () => (polls++, false));
    try {
      w.setRoots([missing]);
      assert.deepEqual(w.state, { watched: [], polled: [missing] });
      mkdirSync(missing);
      await until(() => w.state.watched.includes(missing), 3_000);
      await until(() => changes.length > 0);
      assert.equal(w.state.polled.length, 0);
    } finally {
      w.dispose();
    }
  });
});
