import { strict as assert } from 'node:assert';
import { extractClaudeLine } from '../../src/core/sources/claude/extractLine';
import { readString, skipValue, walkObject } from '../../src/core/scan/jsonBytes';

function keysOf(json: string): string[] {
  const buf = Buffer.from(json);
  const keys: string[] = [];
  const end = walkObject(buf, 0, buf.length, (ks, ke) => {
    keys.push(buf.toString('utf8', ks, ke));
    return undefined;
  });
  assert.equal(end, buf.length, json);
  return keys;
}

describe('byte-level JSON walking', () => {
  it('walks the top-level members only, across nested values and escaped quotes', () => {
    const doc = { a: 'x\\"}{][', b: { c: [1, { d: '"' }], e: '\\' }, f: [], g: {}, h: null, i: -1.5e3, j: true, 'k"q': 'π 😀' };
    assert.deepEqual(keysOf(JSON.stringify(doc)), ['a', 'b', 'f', 'g', 'h', 'i', 'j', 'k\\"q']);
    assert.deepEqual(keysOf(' { "a" : 1 ,\t"b":"2" } '.trim()), ['a', 'b']);
  });

  it('reads strings with escapes and multi-byte characters exactly as JSON.parse does', () => {
    for (const s of ['plain', 'quote " and \\ backslash', 'tab\t newline\n', 'emoji 😀 and 中文', '\u0000', '']) {
      const buf = Buffer.from(JSON.stringify(s));
      assert.deepEqual(readString(buf, 0, buf.length), [s, buf.length]);
    }
  });

  it('reports malformed input instead of guessing', () => {
    for (const bad of ['{"a":', '{"a" 1}', '{"a":"unterminated}', '{"a":1,,"b":2}', '["not an object"]']) {
      const buf = Buffer.from(bad);
      assert.equal(walkObject(buf, 0, buf.length, () => undefined), -1, bad);
    }
    const buf = Buffer.from('{"a":[1,2}');
    assert.equal(skipValue(buf, 5, buf.length), -1);
  });

  it('extracts the same fields as JSON.parse would, whatever the key order', () => {
    const line = { message: { usage: { input_tokens: 1, output_tokens: 2 }, content: [{ type: 'text', text: '"id":"x"' }], model: 'm', id: 'msg' }, timestamp: '2026-01-01T00:00:00Z', requestId: 'r', sessionId: 's', isSidechain: true, costUSD: 0.5 };
    const buf = Buffer.from(JSON.stringify(line));
    const r = extractClaudeLine(buf, 0, buf.length);
    assert.ok(r.ok);
    assert.deepEqual(r.fields, { message: { usage: { input_tokens: 1, output_tokens: 2 }, model: 'm', id: 'msg' }, timestamp: '2026-01-01T00:00:00Z', requestId: 'r', sessionId: 's', isSidechain: true, costUSD: 0.5 });
  });

  it('falls back to JSON.parse for valid JSON the fast path does not expect, and rejects broken lines', () => {
    const weird = Buffer.from('{"timestamp":"2026-01-01T00:00:00Z","message":{"id":"m","usage":{"input_tokens":1,"output_tokens":2}},"sessionId":{"nested":"object"}}');
    const r = extractClaudeLine(weird, 0, weird.length);
    assert.ok(r.ok);
    assert.deepEqual(r.fields.sessionId, { nested: 'object' });
    const broken = Buffer.from('{"timestamp":"2026-01-01T00:00:00Z","message":{"id":"m","usage":{"input_tokens":1');
    assert.deepEqual(extractClaudeLine(broken, 0, broken.length), { ok: false, reason: 'malformed JSON' });
  });
});
