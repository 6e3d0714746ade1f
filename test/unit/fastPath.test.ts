import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClaudeFastReader } from '../../src/core/sources/claude/fastRecord';
import { parseGeneral } from '../../src/core/sources/claude/usageLine';
import { assistantLine } from './helpers/claudeLines';

const ctx = { fileSessionId: 'file-session', encodedProject: '-p' };

function lines(): string[] {
  const root = 'demo/claude/projects';
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jsonl'));
  const fromDemo = files.flatMap((f) => readFileSync(join(root, f), 'utf8').split('\n')).filter((l) => l.includes('"usage":{'));
  const base = { sessionId: 's', messageId: 'm', requestId: 'r', timestamp: '2026-09-20T10:00:00.5Z', input: 1, output: 2 };
  const variants = [
    assistantLine(base),
    assistantLine({ ...base, speed: 'fast', cacheCreation1h: 7, cacheCreation5m: 3, thinking: 9 }),
    assistantLine(base).replace('"requestId":"r"', '"requestId":null'),
    assistantLine(base).replace('"sessionId":"s"', '"sessionId":"s\\u00e9"'),
    assistantLine(base).replace('"output_tokens":2', '"output_tokens":2.5'),
    assistantLine(base).replace('"output_tokens":2', '"output_tokens":"2"'),
    assistantLine(base).replace('"version":"2.1.241"', '"version":"dev"'),
    assistantLine(base).replace('2026-09-20T10:00:00.5Z', '2026-02-30T10:00:00Z'),
    assistantLine(base).replace('2026-09-20T10:00:00.5Z', '2026-09-20T12:00:00+02:00'),
    assistantLine(base).replace('"isSidechain":false', '"isSidechain":true'),
    assistantLine({ ...base, model: '<synthetic>' }),
    JSON.stringify({ type: 'user', message: { role: 'user', content: 'x' }, toolUseResult: { usage: { input_tokens: 1, output_tokens: 1 } }, timestamp: base.timestamp }),
    `{"timestamp":"2026-09-20T10:00:00Z","message":{"usage":{"input_tokens":1,"output_tokens":1}}}`,
  ];
  return [...fromDemo, ...variants];
}

describe('the fast path for Claude usage lines', () => {
  it('gives the same record as the general, schema-validated path, or defers to it', () => {
    const reader = new ClaudeFastReader();
    let fastCount = 0;
    for (const text of lines()) {
      const buf = Buffer.from(text);
      const general = parseGeneral(buf, 0, buf.length, ctx);
      const fast = reader.read(buf, 0, buf.length, ctx);
      if (fast === undefined) continue;
      if (fast === null) assert.ok('ignore' in general, `fast ignored what the general path reads: ${text.slice(0, 200)}`);
      else {
        fastCount++;
        assert.ok('record' in general, `fast read what the general path rejects: ${text.slice(0, 200)} → ${JSON.stringify(general)}`);
        assert.deepEqual(fast, general.record);
      }
    }
    assert.ok(fastCount > 20, `the fast path took only ${fastCount} lines`);
  });
});
