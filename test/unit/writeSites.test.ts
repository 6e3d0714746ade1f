// Nothing writes into agent logs, statically (best effort; logsReadOnly.test.ts checks the running CLI
// and editor index under strace): the code that lists, watches and reads the logs (src/core/sources,
// src/core/scan, the editor's log watcher and index) has no write call and opens files read-only; every
// write call in src/core, src/extension and src/cli is in a module named here with what it writes. A new
// write site fails until it is added here. Not covered statically: which path a writer is handed (the
// running code is traced for that), methods of the store classes (UsageStore.save, ActivityLog.save),
// and programs run as child processes (git).
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSites } from './helpers/writeSites';

/** The project's own write functions: a call of one writes too. */
const HELPERS = ['writeFileAtomic', 'writeFileAtomicAsync', 'removeOrphanedTemps', 'saveSnapshot', 'saveSnapshotAsync', 'withFileLock', 'saveGitState'];

/** The modules that may write, and where. */
const WRITERS: Record<string, string> = {
  'src/core/store/atomicFile.ts': 'temp files and renames inside the index folder',
  'src/core/store/fileLock.ts': 'the save lock file in the index folder',
  'src/core/store/persist.ts': 'the index file (and legacy index files) in the index folder',
  'src/core/store/usageStore.ts': 'the index folder (through persist.ts and a lock)',
  'src/core/activity/activityLog.ts': 'the activity log in the index folder',
  'src/core/runtime/codeCache.ts': "the CLI's V8 code cache",
  'src/core/outcomes/git/gitState.ts': "a repository's outcome state in the index folder",
  'src/core/outcomes/git/readGitOutcomes.ts': "a repository's outcome state in the index folder (gitState.ts)",
  'src/core/outcomes/git/workingTree.ts': "a copy of a repository's git index in a temp folder",
  'src/core/outcomes/git/unmovedRepos.ts': 'the memo of unmoved repositories in the index folder (atomicFile.ts)',
  'src/core/report/week/weekArchive.ts': "last week's summary in the archive folder the user chose",
  'src/extension/fileLock.ts': "the save lock in the extension's storage",
  'src/extension/exportWeek.ts': 'the weekly summary where the user saves it',
  'src/cli/outcomeCommands.ts': 'the weekly summary to --out',
};

/** Code that lists, watches or reads agent logs: never a write. */
const READERS = [/^src\/core\/sources\//, /^src\/core\/scan\//, /^src\/extension\/logWatcher\.ts$/, /^src\/extension\/newFolderWatches\.ts$/, /^src\/extension\/usageIndex\.ts$/];

function sources(): string[] {
  return ['src/core', 'src/extension', 'src/cli'].flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(dir, f).split('\\').join('/')),
  );
}

describe('no write call reaches an agent log (static)', () => {
  const sites = sources().flatMap((file) => writeSites(readFileSync(file, 'utf8'), HELPERS).map((s) => ({ file, ...s })));
  const where = (list: typeof sites): string => list.map((s) => `${s.file}:${s.line} ${s.call}: ${s.text}`).join('\n');

  it('finds the write calls it is meant to find, and no read-only open', () => {
    const code = `import { appendFileSync, openSync, readFileSync, writeFileSync as put } from 'node:fs';
      import * as fsp from 'node:fs/promises';
      import { writeFileAtomic } from '../store/atomicFile';
      const a = openSync(p, 'r'); const b = openSync(p); readFileSync(p); // appendFileSync(p, 'comment')
      appendFileSync(log, line);
      const c = openSync(p, 'a+');
      put(p, text);
      await fsp.open(p, flags);
      await fsp.rename(p, q);
      writeFileAtomic(p, data);
      await vscode.workspace.fs.writeFile(uri, bytes);`;
    assert.deepEqual(
      writeSites(code, HELPERS).map((s) => [s.line, s.call]),
      [[5, 'appendFileSync'], [6, "openSync(…, 'a+')"], [7, 'writeFileSync'], [8, 'fsp.open(…, flags)'], [9, 'fsp.rename'], [10, 'writeFileAtomic'], [11, 'workspace.fs.writeFile']],
    );
  });

  it('the code that lists, watches and reads the logs never writes and opens files read-only', () => {
    const inReaders = sites.filter((s) => READERS.some((r) => r.test(s.file)));
    assert.deepEqual(inReaders, [], where(inReaders));
    assert.ok(sources().filter((f) => READERS.some((r) => r.test(f))).length > 50, 'the readers were looked at');
  });

  it('every write call is in a module that writes the meter’s own files or an export the user chose', () => {
    const unknown = sites.filter((s) => !(s.file in WRITERS));
    assert.deepEqual(unknown, [], `write calls outside the known writers (add the module to WRITERS with what it writes, if it never writes a log):\n${where(unknown)}`);
    assert.ok(sites.length > 20, 'the write calls were found');
  });
});
