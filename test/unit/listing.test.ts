import assert from 'node:assert/strict';
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
});
