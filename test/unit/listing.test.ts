import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { jsonlSourceFilesAsync, listJsonlFiles, listJsonlFilesAsync } from '../../src/core/sources/sourceEnv';
import { tempDir, writeLines } from './helpers/engine';

describe('listing log folders', () => {
  it('finds the same JSONL files with the editor\'s asynchronous listing as with the synchronous one', async () => {
    const root = tempDir();
    for (const f of ['a/1.jsonl', 'a/b/2.jsonl', 'c/3.json', '4.jsonl', 'd/e/f/5.jsonl']) writeLines(join(root, f), ['{}']);
    const sync = listJsonlFiles(root);
    assert.deepEqual(sync, ['4.jsonl', 'a/1.jsonl', 'a/b/2.jsonl', 'd/e/f/5.jsonl'].map((f) => join(root, f)));
    assert.deepEqual(await listJsonlFilesAsync(root), sync);
    assert.deepEqual(await listJsonlFilesAsync(join(root, 'missing')), []);
    assert.deepEqual(await jsonlSourceFilesAsync([root]), sync.map((path) => ({ path, root })));
  });

  it('follows a symlinked folder, lists a folder named like a log (its read then fails visibly), and ends a symlink cycle', async () => {
    const root = tempDir();
    const elsewhere = tempDir();
    writeLines(join(root, 'a', '1.jsonl'), ['{}']);
    writeLines(join(elsewhere, 'x', '2.jsonl'), ['{}']);
    symlinkSync(elsewhere, join(root, 'linked'));
    mkdirSync(join(root, 'odd.jsonl'));
    symlinkSync(root, join(root, 'a', 'loop'));
    const sync = listJsonlFiles(root);
    assert.ok(sync.includes(join(root, 'linked', 'x', '2.jsonl')), sync.join(', '));
    assert.ok(sync.includes(join(root, 'odd.jsonl')));
    assert.equal(sync.filter((p) => p.endsWith('1.jsonl')).length, 1, 'the cycle back to the root is not walked');
    assert.deepEqual(listJsonlFiles(join(root, 'missing')), []);
    assert.deepEqual(await listJsonlFilesAsync(root), sync, 'the editor\'s listing walks the same way');
  });
});
