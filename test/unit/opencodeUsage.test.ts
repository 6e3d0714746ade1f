import { strict as assert } from 'node:assert';
import { appendFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MID_REWRITE } from '../../src/core/scan/readWholeFile';
import { columnNames } from '../../src/core/scan/sqliteReader';
import { SOURCES } from '../../src/core/sources/registry';
import { tempDir } from './helpers/engine';
import { assertSameDays, ccusageBinary, ccusageDaily, reportOf, scanSources } from './helpers/geminiLines';
import { type OcMessage, writeLegacyMessage, writeOpencodeDb } from './helpers/opencodeDb';

const T0 = Date.UTC(2026, 8, 20, 10, 0, 0);
const SESSIONS = [{ id: 'ses_1', directory: '/home/dev/api' }, { id: 'ses_2', directory: '/home/dev/web' }];

function msg(i: number, o: Partial<OcMessage> = {}): OcMessage {
  return { id: `msg_${String(i).padStart(4, '0')}`, sessionId: 'ses_1', created: T0 + i * 1000, tokens: { input: 100, output: 10 }, ...o };
}

async function opencode(dir: string, cache?: string) {
  return scanSources(['opencode'], { OPENCODE_DATA_DIR: dir }, cache ? { cache } : {});
}

describe('OpenCode usage', () => {
  it('reads assistant messages from a database whose commits are still in its write-ahead log', async () => {
    const dir = tempDir();
    writeOpencodeDb(join(dir, 'opencode.db'), SESSIONS, [
      msg(1, { tokens: { input: 12596, output: 35, cacheRead: 1840 } }),
      msg(2, { tokens: { input: 1000, output: 400, reasoning: 100, cacheWrite: 500 } }),
      msg(3, { sessionId: 'ses_2', cost: 0.5, tokens: { input: 2000, output: 1000 } }),
      msg(4, { role: 'user' }),
      msg(5, { tokens: { input: 0, output: 0 } }),
    ]);
    assert.ok(statSync(join(dir, 'opencode.db-wal')).size > 0);
    const r = reportOf(await opencode(dir), ['opencode'], 'project');
    const byProject = Object.fromEntries(r.rows.map((p) => [p.key, p]));
    const api = byProject['/home/dev/api']!;
    assert.deepEqual([api.inputTokens, api.outputTokens, api.reasoningTokens, api.cacheCreationTokens, api.cacheReadTokens, api.totalTokens], [13596, 535, 100, 500, 1840, 16471]);
    // List prices for cost 0 (ccusage: 0.038865 + 0.012375); the recorded cost otherwise.
    assert.ok(Math.abs(api.costUSD - (0.038865 + 0.012375)) < 1e-12, String(api.costUSD));
    assert.ok(Math.abs(byProject['/home/dev/web']!.costUSD - 0.5) < 1e-12);
  });

  it('reads a checkpointed database across interior and overflow pages', async () => {
    const dir = tempDir();
    const many = Array.from({ length: 1200 }, (_, i) => msg(i, { padding: i % 100 === 0 ? 20000 : 0, sessionId: i % 2 ? 'ses_1' : 'ses_2' }));
    writeOpencodeDb(join(dir, 'opencode.db'), SESSIONS, many, { checkpoint: true });
    assert.ok(!existsSync(join(dir, 'opencode.db-wal')) || statSync(join(dir, 'opencode.db-wal')).size === 0);
    const r = reportOf(await opencode(dir), ['opencode'], 'session');
    assert.equal(r.totals.totalTokens, 1200 * 110);
    assert.deepEqual(r.rows.map((s) => s.key.split('\u0000')[1]).sort(), ['ses_1', 'ses_2']);
  });

  it('re-reads the database when it or its log changes, replacing what the last read counted', async () => {
    const dir = tempDir();
    const cache = tempDir();
    const db = join(dir, 'opencode.db');
    writeOpencodeDb(db, SESSIONS, [msg(1), msg(2)]);
    assert.equal(reportOf(await opencode(dir, cache), ['opencode']).totals.totalTokens, 220);
    assert.equal((await opencode(dir, cache)).bytesRead, 0);
    // A new message, and msg 2 updated in place (OpenCode rewrites a message's row as it streams).
    writeOpencodeDb(db, [], [msg(2, { tokens: { input: 300, output: 30 } }), msg(3)]);
    assert.equal(reportOf(await opencode(dir, cache), ['opencode']).totals.totalTokens, 110 + 330 + 110);
    writeOpencodeDb(db, [], [msg(4)], { checkpoint: true });
    assert.equal(reportOf(await opencode(dir, cache), ['opencode']).totals.totalTokens, 660);
  });

  it('ignores a torn write-ahead log tail, retries a database it cannot read yet, and keeps history when it is gone', async () => {
    const dir = tempDir();
    const cache = tempDir();
    const db = join(dir, 'opencode.db');
    writeOpencodeDb(db, SESSIONS, [msg(1), msg(2)]);
    // A frame being written: ignored (its checksum does not match), the committed ones stay.
    appendFileSync(`${db}-wal`, Buffer.alloc(4096 + 24, 7));
    assert.equal(reportOf(await opencode(dir, cache), ['opencode']).totals.totalTokens, 220);
    // Checkpointed into the database file, which is then caught half written: retried, history kept.
    writeOpencodeDb(db, [], [msg(3)], { checkpoint: true });
    assert.equal(reportOf(await opencode(dir, cache), ['opencode']).totals.totalTokens, 330);
    const whole = readFileSync(db);
    writeFileSync(db, whole.subarray(0, 50));
    let r = reportOf(await opencode(dir, cache), ['opencode']);
    assert.equal(r.totals.totalTokens, 330);
    assert.deepEqual(r.diagnostics.files.map((f) => f.skipped), [{ [MID_REWRITE]: 1 }]);
    writeFileSync(db, whole);
    r = reportOf(await opencode(dir, cache), ['opencode']);
    assert.equal(r.totals.totalTokens, 330);
    assert.equal(r.diagnostics.skippedLines, 0);
    rmSync(db);
    rmSync(`${db}-wal`, { force: true });
    r = reportOf(await opencode(dir, cache), ['opencode']);
    assert.equal(r.totals.totalTokens, 330);
    assert.equal(r.diagnostics.filesMissing, 1);
  });

  it('reads the legacy JSON store too, a message also in the database counting once', async () => {
    const dir = tempDir();
    writeOpencodeDb(join(dir, 'opencode.db'), SESSIONS, [msg(1), msg(2)]);
    writeLegacyMessage(dir, msg(1));
    writeLegacyMessage(dir, msg(9, { sessionId: 'ses_old', cwd: '/home/dev/old', tokens: { input: 1000, output: 100 } }));
    writeLegacyMessage(dir, msg(10, { role: 'user', tokens: undefined }));
    const r = reportOf(await opencode(dir), ['opencode'], 'project');
    assert.deepEqual(r.rows.map((p) => [p.key, p.totalTokens]).sort(), [['/home/dev/api', 220], ['/home/dev/old', 1100]]);
    assert.equal(r.diagnostics.filesRead, 4);
  });

  it('finds opencode.db and channel databases under XDG_DATA_HOME or OPENCODE_DATA_DIR', () => {
    const env = { env: {}, home: '/home/dev', platform: 'linux' as const };
    assert.deepEqual(SOURCES.opencode.roots(env), [join('/home/dev', '.local', 'share', 'opencode')]);
    assert.deepEqual(SOURCES.opencode.roots({ ...env, env: { XDG_DATA_HOME: '/xdg' } }), [join('/xdg', 'opencode')]);
    assert.deepEqual(SOURCES.opencode.roots({ ...env, env: { OPENCODE_DATA_DIR: '/a,/b' } }), ['/a', '/b']);
    const dir = tempDir();
    for (const n of ['opencode.db', 'opencode-beta.db', 'opencode.db-wal', 'auth.json', 'other.db']) writeFileSync(join(dir, n), '');
    assert.deepEqual(SOURCES.opencode.listFiles([dir]).map((f) => [f.path.slice(dir.length + 1), f.mode, f.companions?.map((c) => c.slice(dir.length + 1))]), [
      ['opencode-beta.db', 'whole', ['opencode-beta.db-wal']],
      ['opencode.db', 'whole', ['opencode.db-wal']],
    ]);
  });

  it('reads column names from CREATE TABLE statements', () => {
    assert.deepEqual(columnNames('CREATE TABLE `message` (\n\t`id` text PRIMARY KEY,\n\t"session id" text NOT NULL REFERENCES session(id),\n\t[data] text DEFAULT (json(\'{}\')),\n\tCONSTRAINT fk FOREIGN KEY (`id`) REFERENCES x(`id`)\n)'), ['id', 'session id', 'data']);
  });

  it('equals ccusage opencode daily on the same database', async function () {
    const ccusage = ccusageBinary();
    if (!ccusage) this.skip();
    const dir = tempDir();
    writeOpencodeDb(join(dir, 'opencode.db'), SESSIONS, [
      msg(1, { tokens: { input: 12596, output: 35, cacheRead: 1840 } }),
      msg(2, { tokens: { input: 1000, output: 400, reasoning: 100, cacheWrite: 500 } }),
      msg(3, { sessionId: 'ses_2', cost: 0.5, tokens: { input: 2000, output: 1000 } }),
      msg(4, { created: T0 + 86_400_000, tokens: { input: 50, output: 0, total: 80 } }),
      msg(5, { created: T0 + 86_400_000 + 1, model: 'gpt-5', provider: 'openai', tokens: { input: 5000, output: 300, cacheRead: 4000, reasoning: 64 } }),
      msg(6, { created: T0 + 2 * 86_400_000, tokens: { input: 7, output: 3, total: 20 }, padding: 30000 }),
    ], { checkpoint: false });
    writeLegacyMessage(dir, msg(2, { tokens: { input: 1000, output: 400, reasoning: 100, cacheWrite: 500 } }));
    writeLegacyMessage(dir, msg(7, { created: T0 + 3 * 86_400_000, sessionId: 'ses_old', tokens: { input: 900, output: 90, cacheRead: 50 } }));
    const cc = ccusageDaily(ccusage!, 'opencode', { OPENCODE_DATA_DIR: dir });
    // ccusage's outputTokens leaves reasoning out (it is in its totalTokens and its cost); ours includes it.
    assertSameDays(reportOf(await opencode(dir), ['opencode']).rows, cc, (c) => c.totalTokens - c.inputTokens - c.cacheReadTokens - c.cacheCreationTokens);
    assert.equal(cc.length, 4);
  });
});
