// What the VS Code extension host does with the agents' logs, as a process of its own so that a test can
// run it under strace: the editor's index (src/extension/usageIndex.ts) reads every enabled source with
// tool runs, the log watcher (logWatcher.ts) watches the roots, an update after a watch event, a save
// into the extension's storage, and dispose. Usage: node editorReadRun.js '{"env":{…},"storage":DIR}'
import { SOURCES } from '../../../src/core/sources/registry';
import type { SourceId } from '../../../src/core/types';
import { LogWatcher } from '../../../src/extension/logWatcher';
import { sourceRoots, UsageIndex } from '../../../src/extension/usageIndex';

async function main(): Promise<void> {
  const { env, storage, workerPath } = JSON.parse(process.argv[2] ?? '{}') as { env: Record<string, string>; storage: string; workerPath: string };
  const sourceEnv = { env, home: '/nonexistent-home', platform: 'linux' as const };
  const sources = Object.keys(SOURCES) as SourceId[];
  const roots = Object.fromEntries(sources.map((s) => [s, sourceRoots(s, sourceEnv, [])]));
  const index = new UsageIndex({ cacheDir: storage, workerPath, toolRuns: true });
  const request = { sources, roots };
  const first = await index.update(request);
  let events = 0;
  const watcher = new LogWatcher(
    () => events++,
    async () => false,
  );
  watcher.setRoots(Object.values(roots).flat());
  await new Promise((r) => setTimeout(r, 400));
  const second = await index.update(request);
  await index.save();
  watcher.dispose();
  await index.dispose();
  process.stdout.write(`${JSON.stringify({ bytesRead: first.bytesRead, again: second.bytesRead, records: first.store.columns.length, activity: first.store.activity.events.length })}\n`);
}

void main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
