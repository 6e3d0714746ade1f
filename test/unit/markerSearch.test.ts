// The SIMD marker search (scan/wasm/findMarker.wat through scanBuffer.ts) finds exactly what a plain
// byte search finds, whichever two bytes of the needle it filters on, up to the region's last byte.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { escapedMarker } from '../../src/core/scan/escapedMarker';
import { filterOffsets, markerSearch, threadScanBuffer } from '../../src/core/scan/scanBuffer';
import { tempDir, writeLines } from './helpers/engine';
import { reportOf, scanSources } from './helpers/geminiLines';
import { piAssistant, piHeader } from './helpers/piLines';
import { qwenAssistant } from './helpers/qwenChats';
import { assistantMessage, sessionStart, shutdown } from './helpers/copilotEvents';
import { seededRandom } from './helpers/reserialise';

function reference(hay: Buffer, needle: Buffer, from: number, end: number): number {
  const i = hay.subarray(0, end).indexOf(needle, from);
  return i;
}

describe('the SIMD marker search', () => {
  it('filters on the rarest bytes of the needle, not on its quotes', () => {
    const at = (s: string): string => filterOffsets(Buffer.from(s)).map((k) => s[k]).join('');
    assert.ok(!at('"usage"').includes('"'));
    assert.ok(!at('"type":"tool_use"').includes('"'));
    assert.deepEqual(filterOffsets(Buffer.from('""')).sort(), [0, 1]);
  });

  it('finds every occurrence a byte search finds, in the scan buffer and in any other buffer', () => {
    const rnd = seededRandom(5);
    const alphabet = Buffer.from('"usage:{}, \\u00tol_yp\n');
    const needles = ['"usage"', '"usage":{', '"type":"tool_use"', '\\u00', 'ag', '""', '"u', 'e"', '\n{"'];
    const searches = needles.map((n) => [Buffer.from(n), markerSearch(n)] as const);
    const scan = threadScanBuffer();
    for (let round = 0; round < 300; round++) {
      const len = 1 + Math.floor(rnd() * 400);
      const hay = Buffer.alloc(len);
      for (let i = 0; i < len; i++) hay[i] = alphabet[Math.floor(rnd() * alphabet.length)]!;
      const buf = scan.ensure(Math.max(len, 4 * 1024 * 1024));
      // Bytes after the region must not be matched: fill them with the needles' own bytes.
      buf.fill(0x22, 0, len + 64);
      hay.copy(buf);
      const from = Math.floor(rnd() * len);
      const end = from + Math.floor(rnd() * (len - from + 1));
      for (const [bytes, find] of searches) {
        const want = reference(hay, bytes, from, end);
        assert.equal(find(buf, from, end), want, `${bytes} in ${JSON.stringify(hay.toString())} [${from}, ${end})`);
        assert.equal(find(hay, from, end), want);
      }
    }
  });

  it('registers a source\'s needles once per thread, not per file: 200 files of pi, Qwen and Copilot all count', async () => {
    // The needle area holds 4 KiB: markers made per file ran out of it after some 40 files.
    const root = tempDir();
    for (let i = 0; i < 200; i++) {
      writeLines(join(root, 'pi', '--home-dev-app--', `2026-09-20T10-00-00-000Z_s${i}.jsonl`), [piHeader(`s${i}`, '2026-09-20T10:00:00.000Z'), piAssistant('2026-09-20T10:00:01.000Z', 'claude-sonnet-4-5', { input: 10, output: 5 })]);
      writeLines(join(root, 'qwen', 'projects', 'p', 'chats', `s${i}.jsonl`), [qwenAssistant(`s${i}`, '2026-09-20T10:00:01.000Z', 'qwen3-coder-plus', { prompt: 10, candidates: 5 })]);
      writeLines(join(root, 'copilot', 'session-state', `s${i}`, 'events.jsonl'), [sessionStart(`s${i}`, '2026-09-20T10:00:00Z'), assistantMessage('2026-09-20T10:00:01Z', 'gpt-5', 5), shutdown('2026-09-20T10:00:02Z', { 'gpt-5': { input: 10, output: 5 } })]);
    }
    const sources = ['pi', 'qwen', 'copilot'] as const;
    const result = await scanSources([...sources], { PI_AGENT_DIR: join(root, 'pi'), QWEN_DATA_DIR: join(root, 'qwen'), COPILOT_HOME: join(root, 'copilot') });
    for (const s of sources) assert.equal(reportOf(result, [s]).totals.totalTokens, 200 * 15, s);
    assert.deepEqual(reportOf(result, [...sources]).diagnostics.files, []);
  });

  it('finds escapes of marker characters only (\\u0075 is u; \\u001b is not a marker character)', () => {
    const find = escapedMarker(['"usage"']);
    const b = (s: string): Buffer => Buffer.from(s);
    assert.equal(find(b('{"a":"\\u001b[31m"}'), 0, 18), -1);
    assert.equal(find(b('{"\\u0075sage":1}'), 0, 16), 2);
    assert.equal(find(b('{"\\u0055sage":1}'), 0, 16), -1); // U is not in the marker
    assert.equal(find(b('{"x":"\\u00E9\\u0067"}'), 0, 20), 12);
  });
});
