import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { zcodeInteger } from '../../src/core/sources/zcode/dbParser';
import { SOURCES } from '../../src/core/sources/registry';
import { tempDir } from './helpers/engine';
import { assertSameDays, ccusageBinary, ccusageDaily, reportOf, scanSources } from './helpers/geminiLines';
import { writeZcodeDb, zcodeDbPath, type ZcodeRow } from './helpers/zcodeDb';

const T = Date.parse('2026-09-20T10:00:00Z');
const SESSIONS = [{ id: 'sess_1', directory: '/home/dev/app', version: 3 }];

function row(id: string, o: ZcodeRow = {}): ZcodeRow {
  return { id, session_id: 'sess_1', provider_id: 'builtin:zai-coding-plan', model_id: 'glm-4.6', started_at: T, input_tokens: 1000, output_tokens: 100, ...o };
}

async function zcode(home: string, cache?: string) {
  return scanSources(['zcode'], { ZCODE_HOME: home }, cache ? { cache } : {});
}

describe('ZCode usage', () => {
  it('counts completed model_usage rows of cli/db/db.sqlite (with its WAL): cache taken out of the input, the rest of computed_total_tokens as reasoning, the session directory as project', async () => {
    const home = tempDir();
    writeZcodeDb(zcodeDbPath(home), {
      sessions: SESSIONS,
      rows: [
        row('m1', { input_tokens: 1000, output_tokens: 100, cache_read_input_tokens: 600, cache_creation_input_tokens: 50, computed_total_tokens: 1180 }),
        // Output 0: the rest of the total is the output.
        row('m2', { input_tokens: 10, output_tokens: 0, computed_total_tokens: 40 }),
        // Cache beyond the input is capped to it; a total below input + output is ignored.
        row('m3', { input_tokens: 100, output_tokens: 5, cache_read_input_tokens: 80, cache_creation_input_tokens: 500, computed_total_tokens: 3 }),
        row('m4', { status: 'error', input_tokens: 5000 }),
        row('m5', { status: 'cancelled', input_tokens: 5000 }),
      ],
    });
    assert.ok(existsSync(`${zcodeDbPath(home)}-wal`));
    const result = await zcode(home);
    const r = reportOf(result, ['zcode']);
    assert.deepEqual(
      [r.totals.inputTokens, r.totals.outputTokens, r.totals.cacheReadTokens, r.totals.cacheCreationTokens, r.totals.reasoningTokens, r.totals.totalTokens],
      [350 + 10 + 0, 180 + 30 + 5, 600 + 80, 50 + 20, 80, 1180 + 40 + 105],
    );
    assert.deepEqual(reportOf(result, ['zcode'], 'session').rows.map((s) => s.projects), [['/home/dev/app']]);
    assert.equal(r.diagnostics.skippedLines, 0);
  });

  it('prices Z.ai providers (or none) and records other providers at 0, as ccusage does', async () => {
    const home = tempDir();
    const tokens = { input_tokens: 1_000_000, output_tokens: 0, computed_total_tokens: 1_000_000 };
    writeZcodeDb(zcodeDbPath(home), { sessions: SESSIONS, rows: [row('a', { ...tokens, provider_id: ' ZAI ' }), row('b', { ...tokens, provider_id: null, started_at: T + 86_400_000 }), row('c', { ...tokens, provider_id: 'anthropic', model_id: 'claude-sonnet-4-5', started_at: T + 2 * 86_400_000 })] });
    const days = reportOf(await zcode(home), ['zcode']).rows;
    assert.equal(days.length, 3);
    assert.ok(days[0]!.costUSD > 0 && Math.abs(days[0]!.costUSD - days[1]!.costUSD) < 1e-12, JSON.stringify(days.map((d) => d.costUSD)));
    assert.equal(days[2]!.costUSD, 0);
  });

  it('counts the first valid row of each message id in table order; rows without an id, session, model or start time are skips', async () => {
    const home = tempDir();
    writeZcodeDb(zcodeDbPath(home), {
      uniqueIds: false,
      sessions: [...SESSIONS, { id: 'sess_1', directory: '/elsewhere', version: 4 }],
      rows: [
        row('m1', { model_id: null }),
        row('m1', { input_tokens: 0, output_tokens: 0 }),
        row('m1', { input_tokens: 7, output_tokens: 1 }),
        row('m1', { input_tokens: 9000 }),
        row('m2', { status: 'error' }),
        row('m2', { input_tokens: 3, output_tokens: 1 }),
        row('', { input_tokens: 100 }),
        row('m3', { session_id: null }),
        row('m4', { model_id: '  ' }),
        row('m5', { started_at: null }),
        row('m6', { started_at: '2026-09-20T10:00:00Z' }),
      ],
    });
    const result = await zcode(home);
    const r = reportOf(result, ['zcode']);
    assert.equal(r.totals.totalTokens, 8 + 4);
    assert.deepEqual(r.diagnostics.files.map((f) => f.skipped), [{ 'row without a model': 2, 'row without a message id': 1, 'row without a session': 1, 'invalid timestamp': 2 }]);
    assert.deepEqual(reportOf(result, ['zcode'], 'session').rows[0]!.projects, ['/home/dev/app']);
  });

  it('reads SQLite integers as ccusage does: text, reals, NULL and negatives', async () => {
    assert.deepEqual([zcodeInteger(12), zcodeInteger(12.9), zcodeInteger('42'), zcodeInteger(' 7x'), zcodeInteger('abc'), zcodeInteger(null), zcodeInteger(-3)], [12, 12, 42, 7, 0, 0, -3]);
    const home = tempDir();
    writeZcodeDb(zcodeDbPath(home), { sessions: SESSIONS, rows: [row('m1', { input_tokens: null, output_tokens: 'many', computed_total_tokens: 25 }), row('m2', { input_tokens: -5, output_tokens: 10 })] });
    const r = reportOf(await zcode(home), ['zcode']);
    assert.deepEqual([r.totals.inputTokens, r.totals.outputTokens, r.totals.totalTokens], [0, 35, 35]);
  });

  it('reads nothing, with a diagnostic, from a schema without the columns ccusage needs', async () => {
    const home = tempDir();
    writeZcodeDb(zcodeDbPath(home), { usageColumns: ['id', 'session_id', 'model_id', 'status', 'input_tokens', 'output_tokens'], sessions: SESSIONS, rows: [{ id: 'm1', session_id: 'sess_1', model_id: 'glm-4.6', input_tokens: 10, output_tokens: 1 }] });
    const r = reportOf(await zcode(home), ['zcode']);
    assert.equal(r.totals.totalTokens, 0);
    assert.deepEqual(r.diagnostics.files.map((f) => f.skipped), [{ 'unsupported ZCode schema (missing started_at)': 1 }]);
    const noSession = tempDir();
    writeZcodeDb(zcodeDbPath(noSession), { sessionColumns: null, rows: [row('m1')] });
    assert.equal(reportOf(await zcode(noSession), ['zcode']).totals.totalTokens, 0);
  });

  it('replaces its counts when the database changes, counting each message once across re-reads', async () => {
    const home = tempDir();
    const cache = tempDir();
    const db = zcodeDbPath(home);
    writeZcodeDb(db, { sessions: SESSIONS, rows: [row('m1', { input_tokens: 10, output_tokens: 1 })] });
    assert.equal(reportOf(await zcode(home, cache), ['zcode']).totals.totalTokens, 11);
    writeZcodeDb(db, { rows: [row('m2', { input_tokens: 100, output_tokens: 10 })] });
    assert.equal(reportOf(await zcode(home, cache), ['zcode']).totals.totalTokens, 121);
    assert.equal(reportOf(await zcode(home, cache), ['zcode']).totals.totalTokens, 121);
  });

  it('finds cli/db/db.sqlite under ZCODE_HOME (a comma list) or ~/.zcode, and in an extra path that is a ZCode home', async () => {
    const env = { env: {}, home: '/home/dev', platform: 'linux' as const };
    assert.deepEqual(SOURCES.zcode.roots(env), [join('/home/dev', '.zcode', 'cli', 'db')]);
    assert.deepEqual(SOURCES.zcode.roots({ ...env, env: { ZCODE_HOME: ' /a , /b,/a' } }), [join('/a', 'cli', 'db'), join('/b', 'cli', 'db')]);
    assert.deepEqual(SOURCES.zcode.roots({ ...env, env: { ZCODE_HOME: ' , ' } }), [join('/home/dev', '.zcode', 'cli', 'db')]);
    assert.deepEqual(SOURCES.zcode.roots({ env: {}, home: 'C:\\Users\\dev', platform: 'win32' }), [join('C:\\Users\\dev', '.zcode', 'cli', 'db')]);
    const a = tempDir();
    const b = tempDir();
    writeZcodeDb(zcodeDbPath(a), { sessions: SESSIONS, rows: [row('m1', { input_tokens: 10, output_tokens: 1 })] });
    writeZcodeDb(zcodeDbPath(b), { sessions: SESSIONS, rows: [row('m1', { input_tokens: 10, output_tokens: 1 }), row('m2', { input_tokens: 100, output_tokens: 10 })] });
    assert.equal(reportOf(await scanSources(['zcode'], { ZCODE_HOME: `${a},${b}` }), ['zcode']).totals.totalTokens, 121);
    const user = tempDir();
    writeZcodeDb(zcodeDbPath(join(user, '.zcode')), { sessions: SESSIONS, rows: [row('m1', { input_tokens: 5, output_tokens: 1 })] });
    assert.equal(reportOf(await scanSources(['zcode'], {}, { home: user }), ['zcode']).totals.totalTokens, 6);
    assert.deepEqual(SOURCES.zcode.listFiles([a]).map((f) => f.path), [zcodeDbPath(a)]);
  });

  it('equals ccusage zcode daily on the same database', async function () {
    const ccusage = ccusageBinary();
    if (!ccusage) this.skip();
    const home = tempDir();
    writeZcodeDb(zcodeDbPath(home), {
      uniqueIds: false,
      sessions: SESSIONS,
      rows: [
        row('m1', { model_id: 'glm-4.6', input_tokens: 52_000, output_tokens: 1_200, cache_read_input_tokens: 40_000, computed_total_tokens: 53_900 }),
        // Cache writes on a model whose LiteLLM price has them (ccusage prices GLM's listed 0 at the input price).
        row('m7', { model_id: 'claude-sonnet-4-5', provider_id: null, started_at: T + 60_000, input_tokens: 5_000, output_tokens: 100, cache_read_input_tokens: 1_000, cache_creation_input_tokens: 2_000 }),
        row('m2', { model_id: 'glm-4.5-air', provider_id: 'zai', started_at: T + 50_000_000, input_tokens: 8_000, output_tokens: 0, computed_total_tokens: 8_600 }),
        row('m2', { model_id: 'glm-4.5-air', provider_id: 'zai', started_at: T + 50_000_000, input_tokens: 99_999, output_tokens: 1 }),
        row('m3', { model_id: 'glm-4.6', provider_id: null, started_at: T + 200_000_000, input_tokens: 300, output_tokens: 20, cache_read_input_tokens: 500 }),
        row('m4', { model_id: 'claude-sonnet-4-5', provider_id: 'anthropic', started_at: T + 200_000_000, input_tokens: 4_000, output_tokens: 300 }),
        row('m5', { status: 'error', started_at: T + 200_000_000, input_tokens: 77_000 }),
        row('m6', { model_id: null, started_at: T + 200_000_000 }),
      ],
    });
    const cc = ccusageDaily(ccusage!, 'zcode', { ZCODE_HOME: home });
    assertSameDays(reportOf(await zcode(home), ['zcode']).rows, cc, (c) => c.totalTokens - c.inputTokens - c.cacheReadTokens - c.cacheCreationTokens);
    assert.deepEqual(cc.map((c) => c.date), ['2026-09-20', '2026-09-22']);
  });

  it('awu-meter daily --json --source zcode reports it under bySource', function () {
    this.timeout(60_000);
    const CLI = resolve('dist/cli.js');
    if (!existsSync(CLI)) execFileSync(process.execPath, ['esbuild.config.mjs'], { stdio: 'ignore' });
    const home = tempDir();
    writeZcodeDb(zcodeDbPath(home), { sessions: SESSIONS, rows: [row('m1', { input_tokens: 100, output_tokens: 10, cache_read_input_tokens: 40 })] });
    const r = spawnSync(process.execPath, [CLI, 'daily', '--json', '--tz', 'UTC', '--source', 'zcode'], { env: { PATH: process.env.PATH ?? '', HOME: tempDir(), ZCODE_HOME: home, AWU_METER_CACHE_DIR: tempDir() }, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const day = (JSON.parse(r.stdout) as { days: { date: string; bySource: Record<string, { inputTokens: number; cacheReadTokens: number; totalTokens: number }> }[] }).days[0]!;
    assert.deepEqual([day.date, Object.keys(day.bySource)], ['2026-09-20', ['zcode']]);
    assert.deepEqual([day.bySource.zcode!.inputTokens, day.bySource.zcode!.cacheReadTokens, day.bySource.zcode!.totalTokens], [60, 40, 110]);
  });
});
