import { strict as assert } from 'node:assert';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParseSink } from '../../src/core/scan/fileParser';
import { MID_REWRITE, readWholeFile } from '../../src/core/scan/readWholeFile';
import { tempDir } from './helpers/engine';

function collect(): { sink: ParseSink; skipped: string[]; docs: unknown[]; parser: { parseDocument(d: unknown): void; state(): unknown } } {
  const skipped: string[] = [];
  const docs: unknown[] = [];
  const sink = { record: () => undefined, skip: (r: string) => void skipped.push(r), toolRun: () => undefined } as unknown as ParseSink;
  return { sink, skipped, docs, parser: { parseDocument: (d: unknown) => void docs.push(d), state: () => undefined } };
}

describe('whole-file reads', () => {
  it('hands the parsed document to the parser and reports the file consumed', () => {
    const path = join(tempDir(), 'ui_messages.json');
    writeFileSync(path, JSON.stringify([{ ts: 1, type: 'say', say: 'task', text: 'x'.repeat(10000) }]));
    const c = collect();
    const r = readWholeFile(path, c.parser, c.sink)!;
    assert.equal(c.docs.length, 1);
    assert.equal((c.docs[0] as unknown[]).length, 1);
    assert.equal(r.offset, statSync(path).size);
    assert.equal(r.size, statSync(path).size);
    assert.equal(r.pendingBytes, 0);
    assert.deepEqual(c.skipped, []);
  });

  it('accepts a UTF-8 byte order mark', () => {
    const path = join(tempDir(), 'session.json');
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"sessionId":"s","messages":[]}')]));
    const c = collect();
    assert.ok(readWholeFile(path, c.parser, c.sink));
    assert.deepEqual(c.docs, [{ sessionId: 's', messages: [] }]);
  });

  it('yields nothing and one skip for a file caught mid-rewrite (truncated or empty)', () => {
    for (const text of ['[{"ts":1,"type":"say","say":"api_req_started","text":"{\\"tokensIn\\":1', '']) {
      const path = join(tempDir(), 'ui_messages.json');
      writeFileSync(path, text);
      const c = collect();
      assert.equal(readWholeFile(path, c.parser, c.sink), undefined);
      assert.deepEqual(c.docs, []);
      assert.deepEqual(c.skipped, [MID_REWRITE]);
    }
  });
});
