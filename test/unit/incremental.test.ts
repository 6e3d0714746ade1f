import { strict as assert } from 'node:assert';
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { assistantLine } from './helpers/claudeLines';
import { sessionMeta, tokenCount, turnContext } from './helpers/codexLines';
import { appendLines, report, scan, tempDir, writeLines } from './helpers/engine';

const S = '33333333-3333-4333-8333-333333333333';
const ID = '019dabc6-8fef-7681-a054-b5bb75fcb97d';

function line(n: number, output = 10): string {
  return assistantLine({ sessionId: S, messageId: `msg_${n}`, requestId: `req_${n}`, timestamp: `2026-09-2${n % 3}T10:00:00Z`, input: 1, output });
}

describe('incremental reading and the persisted index', () => {
  it('reads only appended bytes on a re-run and keeps the totals exact', async () => {
    const claude = tempDir();
    const cache = tempDir();
    const file = join(claude, 'projects', '-p', `${S}.jsonl`);
    writeLines(file, [line(1), line(2)]);
    const first = await scan({ claude, cache });
    assert.equal(first.bytesRead, statSync(file).size);
    const unchanged = await scan({ claude, cache });
    assert.equal(unchanged.bytesRead, 0);
    assert.equal(report(unchanged).totals.totalTokens, 22);
    const before = statSync(file).size;
    appendLines(file, [line(3), line(1, 50)]); // a new response and a later streaming copy of msg_1
    const after = await scan({ claude, cache });
    assert.equal(after.bytesRead, statSync(file).size - before);
    assert.equal(report(after).totals.totalTokens, 11 + 51 + 11);
  });

  it('leaves a half-written last line for the next read and counts it once when complete', async () => {
    const claude = tempDir();
    const cache = tempDir();
    const file = join(claude, 'projects', '-p', `${S}.jsonl`);
    const full = line(2);
    writeLines(file, [line(1)]);
    appendFileSync(file, full.slice(0, 100));
    const first = await scan({ claude, cache });
    assert.equal(report(first).totals.totalTokens, 11);
    assert.equal(report(first).diagnostics.pendingBytes, 100);
    assert.equal(report(first).diagnostics.skippedLines, 0);
    appendFileSync(file, `${full.slice(100)}\n`);
    const second = await scan({ claude, cache });
    assert.equal(report(second).totals.totalTokens, 22);
    assert.equal(report(second).diagnostics.pendingBytes, 0);
  });

  it('re-reads a Codex file that was replaced or truncated, without counting it twice', async () => {
    const codex = tempDir();
    const cache = tempDir();
    const file = join(codex, 'sessions', '2026', '09', '20', `rollout-2026-09-20T10-00-00-${ID}.jsonl`);
    const head = [sessionMeta({ id: ID, cwd: '/x', timestamp: '2026-09-20T10:00:00Z' }), turnContext('2026-09-20T10:00:01Z', 'gpt-5')];
    writeLines(file, [...head, tokenCount('2026-09-20T10:00:02Z', { input: 1000, cached: 0, output: 100, reasoning: 0 })]);
    assert.equal(report(await scan({ codex, cache })).totals.totalTokens, 1100);
    // Rewritten in place, shorter: truncation.
    writeLines(file, [...head.slice(0, 1), tokenCount('2026-09-20T10:00:02Z', { input: 400, cached: 0, output: 40, reasoning: 0 })]);
    assert.equal(report(await scan({ codex, cache })).totals.totalTokens, 440);
    // Replaced by a new file (new inode) with more usage.
    const tmp = `${file}.new`;
    writeLines(tmp, [...head, tokenCount('2026-09-20T10:00:02Z', { input: 400, cached: 0, output: 40, reasoning: 0 }), tokenCount('2026-09-20T10:00:09Z', { input: 900, cached: 0, output: 90, reasoning: 0 })]);
    renameSync(tmp, file);
    assert.equal(report(await scan({ codex, cache })).totals.totalTokens, 990);
  });

  it('keeps the history of a source file that was deleted', async () => {
    const claude = tempDir();
    const cache = tempDir();
    const old = join(claude, 'projects', '-p', `${S}.jsonl`);
    writeLines(old, [line(1), line(2)]);
    await scan({ claude, cache });
    rmSync(old);
    writeLines(join(claude, 'projects', '-p', 'other.jsonl'), [line(4)]);
    const r = report(await scan({ claude, cache }));
    assert.equal(r.totals.totalTokens, 33);
    assert.equal(r.diagnostics.filesMissing, 1);
    // Without the index, only what is on disk now.
    assert.equal(report(await scan({ claude })).totals.totalTokens, 11);
  });

  it('reports an unreadable log file and goes on with the others', async () => {
    const claude = tempDir();
    writeLines(join(claude, 'projects', '-p', 'good.jsonl'), [line(1)]);
    mkdirSync(join(claude, 'projects', '-p', 'broken.jsonl'), { recursive: true });
    writeFileSync(join(claude, 'projects', '-p', 'broken.jsonl', 'x.txt'), 'not a log');
    const r = report(await scan({ claude }));
    assert.equal(r.totals.totalTokens, 11);
    const problem = r.diagnostics.files.find((f) => f.path.endsWith('broken.jsonl'));
    assert.ok(problem?.error?.includes('EISDIR'), JSON.stringify(r.diagnostics.files));
  });

  it('reads a line larger than the read buffer', async () => {
    const claude = tempDir();
    const big = assistantLine({ sessionId: S, messageId: 'msg_big', requestId: 'req_big', timestamp: '2026-09-20T10:00:00Z', input: 5, output: 6, content: [{ type: 'text', text: 'x'.repeat(9 * 1024 * 1024) }] });
    writeLines(join(claude, 'projects', '-p', `${S}.jsonl`), [line(1), big, line(2)]);
    assert.equal(report(await scan({ claude })).totals.totalTokens, 33);
  });
});
