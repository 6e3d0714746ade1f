import { strict as assert } from 'node:assert';
import { appendFileSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MID_REWRITE } from '../../src/core/scan/readWholeFile';
import { geminiSource } from '../../src/core/sources/gemini/geminiSource';
import { appendLines, tempDir, writeLines } from './helpers/engine';
import { assertSameDays, ccusageBinary, ccusageDaily, geminiMessage, header, json, reportOf, scanSources, userMessage } from './helpers/geminiLines';

const SID = '5f0c2d1e-8a4b-4c6d-9e7f-0a1b2c3d4e5f';
const SID2 = '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d';
const PRO = 'gemini-2.5-pro';
const FLASH = 'gemini-2.5-flash';

function chats(tmp: string, slot = 'rusty'): string {
  return join(tmp, slot, 'chats');
}

async function gemini(tmp: string, cache?: string) {
  return scanSources(['gemini'], { GEMINI_DATA_DIR: tmp }, cache ? { cache } : {});
}

describe('Gemini CLI usage', () => {
  it('counts a message rewritten by id once, with its last version', async () => {
    const tmp = tempDir();
    writeLines(join(chats(tmp), 'session-2026-09-20T10-00-5f0c2d1e.jsonl'), json([
      header({ sessionId: SID, startTime: '2026-09-20T10:00:00.000Z' }),
      userMessage('u1', '2026-09-20T10:00:01.000Z'),
      geminiMessage({ id: 'm1', timestamp: '2026-09-20T10:00:02.000Z', model: PRO, tokens: null }),
      geminiMessage({ id: 'm1', timestamp: '2026-09-20T10:00:02.000Z', model: PRO, tokens: { input: 8665, output: 94, cached: 4000, thoughts: 243 } }),
      { $set: { lastUpdated: '2026-09-20T10:00:03.000Z' } },
      geminiMessage({ id: 'm1', timestamp: '2026-09-20T10:00:02.000Z', model: PRO, tokens: { input: 8665, output: 94, cached: 4000, thoughts: 243 }, shell: [{ command: 'cargo test', status: 'success' }] }),
    ]));
    const r = reportOf(await gemini(tmp), ['gemini']);
    const day = r.rows[0]!;
    // log-formats.md §3.2, verified with ccusage 20.0.24: input 4665, cache read 4000, output 94 + 243 thoughts.
    assert.equal(day.inputTokens, 4665);
    assert.equal(day.cacheReadTokens, 4000);
    assert.equal(day.outputTokens, 337);
    assert.equal(day.reasoningTokens, 243);
    assert.equal(day.totalTokens, 9002);
    assert.ok(Math.abs(day.costUSD - 0.00970125) < 1e-12, String(day.costUSD));
    assert.deepEqual(Object.keys(day.bySource), ['gemini']);
  });

  it('reads cached, tool and unexplained totals the way ccusage does', async () => {
    const tmp = tempDir();
    writeLines(join(chats(tmp), 'session-2026-09-20T10-00-5f0c2d1e.jsonl'), json([
      header({ sessionId: SID, startTime: '2026-09-20T10:00:00Z' }),
      // total counts cached beside input: cached is not inside input.
      geminiMessage({ id: 'a', timestamp: '2026-09-20T10:00:01Z', model: FLASH, tokens: { input: 1000, output: 10, cached: 200, tool: 5, total: 1215 } }),
      // output 0 and a total above the parts: the rest is output.
      geminiMessage({ id: 'b', timestamp: '2026-09-20T10:00:02Z', model: FLASH, tokens: { input: 1000, output: 0, cached: 0, total: 1300 } }),
      // output > 0: the rest is counted with the thoughts.
      geminiMessage({ id: 'c', timestamp: '2026-09-20T10:00:03Z', model: FLASH, tokens: { input: 100, output: 10, cached: 0, thoughts: 5, total: 130 } }),
      // no tokens at all, and info messages: nothing.
      geminiMessage({ id: 'd', timestamp: '2026-09-20T10:00:04Z', model: FLASH, tokens: { input: 0, output: 0, cached: 0 } }),
      { id: 'e', timestamp: '2026-09-20T10:00:05Z', type: 'info', content: 'Request cancelled.' },
    ]));
    const day = reportOf(await gemini(tmp), ['gemini']).rows[0]!;
    assert.equal(day.inputTokens, 1005 + 1000 + 100);
    assert.equal(day.cacheReadTokens, 200);
    assert.equal(day.outputTokens, 10 + 300 + 30); // c: 10 + 5 thoughts + 15 unexplained
    assert.equal(day.reasoningTokens, 5);
    assert.equal(day.totalTokens, 1215 + 1300 + 130);
  });

  it('uses the model of an earlier line when a message has none, and never drops unattributed usage', async () => {
    const tmp = tempDir();
    const file = join(chats(tmp), 'session-2026-09-20T10-00-5f0c2d1e.jsonl');
    writeLines(file, json([
      header({ sessionId: SID, startTime: '2026-09-20T10:00:00Z' }),
      geminiMessage({ id: 'a', timestamp: '2026-09-20T10:00:01Z', tokens: { input: 7, output: 3, cached: 0 } }),
      geminiMessage({ id: 'b', timestamp: '2026-09-20T10:00:02Z', model: FLASH, tokens: null }),
      geminiMessage({ id: 'c', timestamp: '2026-09-20T10:00:03Z', tokens: { input: 100, output: 10, cached: 0 } }),
    ]));
    const r = reportOf(await gemini(tmp), ['gemini'], 'session');
    assert.deepEqual(r.rows[0]!.models, [FLASH, 'unknown']);
    assert.equal(r.totals.totalTokens, 120);
    assert.equal(r.totals.unpricedTokens, 10);
    assert.deepEqual(r.unpriced.map((u) => u.model), ['unknown']);
  });

  it('skips malformed lines, leaves a half-written one for the next read, and re-reads only appended bytes', async () => {
    const tmp = tempDir();
    const cache = tempDir();
    const file = join(chats(tmp), 'session-2026-09-20T10-00-5f0c2d1e.jsonl');
    const late = JSON.stringify(geminiMessage({ id: 'm3', timestamp: '2026-09-20T10:05:00Z', model: FLASH, tokens: { input: 50, output: 5, cached: 0 } }));
    writeLines(file, [
      ...json([header({ sessionId: SID, startTime: '2026-09-20T10:00:00Z' }), geminiMessage({ id: 'm1', timestamp: '2026-09-20T10:00:01Z', model: FLASH, tokens: { input: 100, output: 10, cached: 0 } })]),
      '{"id":"m2","timestamp":"2026-09-20T10:00:02Z","type":"gemini","model":"x","tokens":{"input":1',
    ]);
    appendFileSync(file, late.slice(0, 40));
    const first = await gemini(tmp, cache);
    let r = reportOf(first, ['gemini']);
    assert.equal(r.totals.totalTokens, 110);
    assert.equal(r.diagnostics.skippedLines, 1);
    assert.deepEqual(r.diagnostics.files[0]!.skipped, { 'malformed JSON': 1 });
    assert.equal(r.diagnostics.pendingBytes, 40);
    const before = statSync(file).size;
    // The half line completes; then m1 is appended again with later (changed) counts: the last version wins.
    appendFileSync(file, `${late.slice(40)}\n`);
    appendLines(file, json([geminiMessage({ id: 'm1', timestamp: '2026-09-20T10:00:01Z', model: FLASH, tokens: { input: 90, output: 10, cached: 0 } })]));
    const second = await gemini(tmp, cache);
    assert.equal(second.bytesRead, statSync(file).size - before + 40);
    r = reportOf(second, ['gemini']);
    assert.equal(r.totals.totalTokens, 100 + 55);
    assert.equal(r.diagnostics.pendingBytes, 0);
    assert.equal((await gemini(tmp, cache)).bytesRead, 0);
  });

  it('keeps the usage of rewound messages and counts checkpointed messages once', async () => {
    const tmp = tempDir();
    const m1 = geminiMessage({ id: 'm1', timestamp: '2026-09-20T10:00:01Z', model: FLASH, tokens: { input: 100, output: 10, cached: 0 } });
    const m2 = geminiMessage({ id: 'm2', timestamp: '2026-09-20T10:00:02Z', model: FLASH, tokens: { input: 200, output: 20, cached: 0 } });
    writeLines(join(chats(tmp), 'session-2026-09-20T10-00-5f0c2d1e.jsonl'), json([
      header({ sessionId: SID, startTime: '2026-09-20T10:00:00Z' }),
      m1,
      m2,
      { $rewindTo: 'm2' },
      { $set: { messages: [userMessage('u1', '2026-09-20T10:00:00Z'), m1], lastUpdated: '2026-09-20T10:00:03Z' } },
      geminiMessage({ id: 'm3', timestamp: '2026-09-20T10:00:04Z', model: FLASH, tokens: { input: 300, output: 30, cached: 0 } }),
    ]));
    assert.equal(reportOf(await gemini(tmp), ['gemini']).totals.totalTokens, 110 + 220 + 330);
  });

  it('reads a legacy whole-file session, retries one caught mid-rewrite, and replaces its records on rewrite', async () => {
    const tmp = tempDir();
    const cache = tempDir();
    const file = join(chats(tmp), 'session-2026-09-20T10-00-5f0c2d1e.json');
    const doc = (messages: unknown[]): string => JSON.stringify({ sessionId: SID, projectHash: 'a1b2c3', startTime: '2026-09-20T10:00:00Z', lastUpdated: '2026-09-20T10:10:00Z', messages }, null, 2);
    const m1 = geminiMessage({ id: 'm1', timestamp: '2026-09-20T10:00:01Z', model: FLASH, tokens: { input: 100, output: 10, cached: 0 } });
    const m2 = geminiMessage({ id: 'm2', timestamp: '2026-09-20T10:00:02Z', model: FLASH, tokens: { input: 200, output: 20, cached: 0 } });
    mkdirSync(chats(tmp), { recursive: true });
    writeFileSync(file, doc([userMessage('u1', '2026-09-20T10:00:00Z'), m1]));
    assert.equal(reportOf(await gemini(tmp, cache), ['gemini']).totals.totalTokens, 110);
    // Caught half-written: the last read's records stay, the file is noted and read again next time.
    const full = doc([userMessage('u1', '2026-09-20T10:00:00Z'), m1, m2]);
    writeFileSync(file, full.slice(0, full.length - 30));
    let r = reportOf(await gemini(tmp, cache), ['gemini']);
    assert.equal(r.totals.totalTokens, 110);
    assert.deepEqual(r.diagnostics.files.map((f) => f.skipped), [{ [MID_REWRITE]: 1 }]);
    writeFileSync(file, full);
    r = reportOf(await gemini(tmp, cache), ['gemini']);
    assert.equal(r.totals.totalTokens, 330);
    assert.equal(r.diagnostics.skippedLines, 0);
    assert.equal((await gemini(tmp, cache)).bytesRead, 0);
  });

  it('counts a legacy session once after Gemini CLI migrated it to .jsonl beside it', async () => {
    const tmp = tempDir();
    const m1 = geminiMessage({ id: 'm1', timestamp: '2026-09-20T10:00:01Z', model: FLASH, tokens: { input: 100, output: 10, cached: 0 } });
    const legacy = { sessionId: SID, projectHash: 'a1b2c3', startTime: '2026-09-20T10:00:00Z', lastUpdated: '2026-09-20T10:00:01Z', messages: [m1] };
    mkdirSync(chats(tmp), { recursive: true });
    writeFileSync(join(chats(tmp), 'session-2026-09-20T10-00-5f0c2d1e.json'), JSON.stringify(legacy));
    writeLines(join(chats(tmp), 'session-2026-09-20T10-00-5f0c2d1e.jsonl'), json([
      header({ sessionId: SID, startTime: '2026-09-20T10:00:00Z' }),
      m1,
      { $set: { sessionId: SID } },
      geminiMessage({ id: 'm2', timestamp: '2026-09-20T11:00:00Z', model: FLASH, tokens: { input: 200, output: 20, cached: 0 } }),
    ]));
    assert.equal(reportOf(await gemini(tmp), ['gemini']).totals.totalTokens, 330);
  });

  it('keeps the history of a deleted session file (Gemini CLI deletes sessions after 30 days)', async () => {
    const tmp = tempDir();
    const cache = tempDir();
    const old = join(chats(tmp), 'session-2026-09-20T10-00-5f0c2d1e.jsonl');
    writeLines(old, json([header({ sessionId: SID, startTime: '2026-09-20T10:00:00Z' }), geminiMessage({ id: 'm1', timestamp: '2026-09-20T10:00:01Z', model: FLASH, tokens: { input: 100, output: 10, cached: 0 } })]));
    await gemini(tmp, cache);
    rmSync(old);
    writeLines(join(chats(tmp), 'session-2026-10-20T10-00-7a8b9c0d.jsonl'), json([header({ sessionId: SID2, startTime: '2026-10-20T10:00:00Z' }), geminiMessage({ id: 'm1', timestamp: '2026-10-20T10:00:01Z', model: FLASH, tokens: { input: 1, output: 1, cached: 0 } })]));
    const r = reportOf(await gemini(tmp, cache), ['gemini']);
    assert.equal(r.totals.totalTokens, 112);
    assert.equal(r.diagnostics.filesMissing, 1);
    assert.equal(reportOf(await gemini(tmp), ['gemini']).totals.totalTokens, 2);
  });

  it('reports shell runs with exit codes once their status is final', async () => {
    const tmp = tempDir();
    const base = { id: 'm1', timestamp: '2026-09-20T10:00:02Z', model: FLASH, tokens: { input: 1, output: 1, cached: 0 } };
    writeLines(join(chats(tmp), 'session-2026-09-20T10-00-5f0c2d1e.jsonl'), json([
      header({ sessionId: SID, startTime: '2026-09-20T10:00:00Z' }),
      geminiMessage({ ...base, shell: [{ command: 'npm test', status: 'executing' }] }),
      geminiMessage({ ...base, shell: [{ command: 'npm test', status: 'success', exitCode: 1, output: '1 failing' }, { command: 'pytest -q', status: 'success' }] }),
      // Appended again unchanged with one more call: the repeats are one run each.
      geminiMessage({ ...base, shell: [{ command: 'npm test', status: 'success', exitCode: 1, output: '1 failing' }, { command: 'pytest -q', status: 'success' }, { command: 'cargo test', status: 'cancelled' }], edits: ['replace', 'write_file'] }),
      geminiMessage({ ...base, id: 'm2', shell: [{ command: 'go test ./...', status: 'success', dir: 'C:\\src\\svc' }, { command: 'make test', status: 'success', dir: 'sub' }] }),
    ]));
    writeFileSync(join(tmp, 'rusty', '.project_root'), '/home/dev/rusty\n');
    const result = await gemini(tmp);
    const runs = result.store.activity.events.map((a) => [a.kind, a.label, a.exitCode, a.sessionId, a.cwd]).sort();
    assert.deepEqual(runs, [
      ['edit', 'Edit', undefined, SID, '/home/dev/rusty'],
      ['edit', 'Write', undefined, SID, '/home/dev/rusty'],
      ['test', 'cargo test', undefined, SID, '/home/dev/rusty'],
      ['test', 'go test', 0, SID, 'C:\\src\\svc'],
      ['test', 'make test', 0, SID, '/home/dev/rusty'],
      ['test', 'npm test', 1, SID, '/home/dev/rusty'],
      ['test', 'pytest', 0, SID, '/home/dev/rusty'],
    ]);
  });

  it('finds sessions under GEMINI_CLI_HOME or the home dir, with the project from .project_root or projects.json', async () => {
    const home = tempDir();
    const env = { env: {}, home, platform: 'linux' as const };
    assert.deepEqual(geminiSource.roots(env), [join(home, '.gemini', 'tmp')]);
    assert.deepEqual(geminiSource.roots({ ...env, env: { GEMINI_CLI_HOME: '/profiles/work' } }), [join('/profiles/work', '.gemini', 'tmp')]);
    assert.deepEqual(geminiSource.roots({ ...env, env: { GEMINI_DATA_DIR: '/a/tmp, /b/tmp' } }), ['/a/tmp', '/b/tmp']);
    assert.deepEqual(geminiSource.roots({ ...env, platform: 'win32' }), [join(home, '.gemini', 'tmp')]);
    const tmp = join(home, '.gemini', 'tmp');
    const line = (sid: string) => json([header({ sessionId: sid, startTime: '2026-09-20T10:00:00Z' }), geminiMessage({ id: 'm1', timestamp: '2026-09-20T10:00:01Z', model: FLASH, tokens: { input: 1, output: 1, cached: 0 } })]);
    writeLines(join(chats(tmp, 'rusty'), 'session-2026-09-20T10-00-5f0c2d1e.jsonl'), line(SID));
    writeFileSync(join(home, '.gemini', 'projects.json'), JSON.stringify({ projects: { '/home/dev/rusty': 'rusty' } }));
    writeLines(join(chats(tmp, '0f3e9a'), SID, 'b1c2d3e4-0000-4000-8000-000000000000.jsonl'), line('b1c2d3e4-0000-4000-8000-000000000000'));
    writeFileSync(join(tmp, '0f3e9a', '.project_root'), '/home/dev/web');
    writeFileSync(join(tmp, 'rusty', 'logs.json'), JSON.stringify([{ sessionId: SID, messageId: 0, type: 'user', message: 'hi' }]));
    const r = reportOf(await scanSources(['gemini'], {}, { home }), ['gemini'], 'project');
    assert.deepEqual(r.rows.map((p) => [p.key, p.totalTokens]).sort(), [['/home/dev/rusty', 2], ['/home/dev/web', 2]]);
    assert.equal(r.diagnostics.filesRead, 2);
  });

  it('equals ccusage gemini daily on the same files', async function () {
    const ccusage = ccusageBinary();
    if (!ccusage) this.skip();
    this.timeout(60000);
    const tmp = tempDir();
    writeLines(join(chats(tmp, 'rusty'), 'session-2026-09-20T10-00-5f0c2d1e.jsonl'), json([
      header({ sessionId: SID, startTime: '2026-09-20T10:00:00Z' }),
      userMessage('u1', '2026-09-20T10:00:01Z'),
      geminiMessage({ id: 'm1', timestamp: '2026-09-20T10:00:02Z', model: PRO, tokens: null }),
      geminiMessage({ id: 'm1', timestamp: '2026-09-20T10:00:02Z', model: PRO, tokens: { input: 8665, output: 94, cached: 4000, thoughts: 243 } }),
      geminiMessage({ id: 'm1', timestamp: '2026-09-20T10:00:02Z', model: PRO, tokens: { input: 8665, output: 94, cached: 4000, thoughts: 243 }, shell: [{ command: 'cargo test', status: 'success' }] }),
      geminiMessage({ id: 'm2', timestamp: '2026-09-20T23:59:59Z', model: FLASH, tokens: { input: 1000, output: 10, cached: 200, tool: 5, total: 1215 } }),
      '{"id":"broken", "type":"gemini"',
      geminiMessage({ id: 'm3', timestamp: '2026-09-21T00:00:01Z', tokens: { input: 1000, output: 0, cached: 0, total: 1300 } }),
      { $set: { lastUpdated: '2026-09-21T00:00:02Z' } },
      geminiMessage({ id: 'm4', timestamp: '2026-09-21T08:00:00Z', model: PRO, tokens: { input: 150000, output: 2000, cached: 120000, thoughts: 900, tool: 12 } }),
    ]).map((l) => l));
    writeLines(join(chats(tmp, 'rusty'), SID, 'b1c2d3e4-0000-4000-8000-000000000000.jsonl'), json([
      header({ sessionId: 'b1c2d3e4-0000-4000-8000-000000000000', startTime: '2026-09-21T09:00:00Z', kind: 'subagent' }),
      geminiMessage({ id: 's1', timestamp: '2026-09-21T09:00:01Z', model: FLASH, tokens: { input: 3000, output: 300, cached: 1000, thoughts: 50 } }),
    ]));
    mkdirSync(chats(tmp, '9d8c7b6a5f4e'), { recursive: true });
    writeFileSync(join(chats(tmp, '9d8c7b6a5f4e'), 'session-2026-09-22T10-00-7a8b9c0d.json'), JSON.stringify({
      sessionId: SID2, projectHash: '9d8c7b6a5f4e', startTime: '2026-09-22T10:00:00Z', lastUpdated: '2026-09-22T10:10:00Z',
      messages: [userMessage('u1', '2026-09-22T10:00:01Z'), geminiMessage({ id: 'g1', timestamp: '2026-09-22T10:00:02Z', model: PRO, tokens: { input: 5000, output: 500, cached: 2500, thoughts: 100 } })],
    }, null, 2));
    const cc = ccusageDaily(ccusage!, 'gemini', { GEMINI_DATA_DIR: tmp });
    // ccusage's outputTokens leaves thoughts out (they are in its totalTokens and its cost); ours includes them.
    assertSameDays(reportOf(await gemini(tmp), ['gemini']).rows, cc, (c) => c.totalTokens - c.inputTokens - c.cacheReadTokens);
    assert.equal(cc.length, 3);
  });
});
