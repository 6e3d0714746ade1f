import { strict as assert } from 'node:assert';
import { existsSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeModel, modelOfId } from '../../src/core/sources/antigravity/models';
import { decodeFields, ProtoError } from '../../src/core/sources/antigravity/protobuf';
import { SOURCES } from '../../src/core/sources/registry';
import { genBlob, stepBlob, trajectoryBlob, writeAntigravityDb, type Usage } from './helpers/antigravityDb';
import { tempDir } from './helpers/engine';
import { ccusageBinary, ccusageDaily, reportOf, scanSources } from './helpers/geminiLines';

const T = Date.parse('2026-09-20T10:00:00Z');
const DAY = 86_400_000;

const conv = (root: string, id: string): string => join(root, 'conversations', `${id}.db`);

async function antigravity(root: string, cache?: string) {
  return scanSources(['antigravity'], { ANTIGRAVITY_DATA_DIR: root }, cache ? { cache } : {});
}

function tokens(r: { inputTokens: number; outputTokens: number; cacheCreationTokens: number; cacheReadTokens: number; reasoningTokens: number; totalTokens: number }): number[] {
  return [r.inputTokens, r.outputTokens, r.cacheCreationTokens, r.cacheReadTokens, r.reasoningTokens, r.totalTokens];
}

describe('Antigravity usage', () => {
  it('reads the usages and retries of gen_metadata and steps (with the WAL): input, cache writes and reads, output with reasoning, the conversation as session', async () => {
    const root = tempDir();
    const usage: Usage = { input: 400, totalOutput: 200, cacheWrite: 30, cacheRead: 500, reasoning: 50, output: 150, responseId: 'r1' };
    writeAntigravityDb(conv(root, 'c1'), {
      gens: [
        [1, genBlob({ model: 'Gemini 3 Pro (High)', usage, time: T, retries: [{ input: 20, output: 5, totalOutput: 5, responseId: 'r1-retry' }] })],
        // No model: the previous row's; total output below visible + reasoning is raised to it.
        [2, genBlob({ usage: { input: 10, totalOutput: 3, output: 4, reasoning: 2, responseId: 'r2' }, time: T + 1000 })],
        // Visible output missing: the total less reasoning.
        [3, genBlob({ usage: { input: 1, totalOutput: 100, reasoning: 40, responseId: 'r3' }, time: T + 2000 })],
        // No tokens: nothing.
        [4, genBlob({ usage: { responseId: 'r4' }, time: T + 3000 })],
      ],
      steps: [[1, stepBlob({ model: 'gemini-3-flash-agent', usage: { input: 7, output: 1, totalOutput: 1, responseId: 's1' }, time: T + DAY })], [2, null]],
    });
    assert.ok(existsSync(`${conv(root, 'c1')}-wal`));
    const result = await antigravity(root);
    const r = reportOf(result, ['antigravity']);
    assert.deepEqual(
      r.rows.map((d) => [d.key, ...tokens(d)]),
      [
        ['2026-09-20', 400 + 20 + 10 + 1, 200 + 5 + 6 + 100, 30, 500, 50 + 2 + 40, 1130 + 25 + 16 + 101],
        ['2026-09-21', 7, 1, 0, 0, 0, 8],
      ],
    );
    assert.deepEqual(r.rows.map((d) => d.models), [['gemini-3-pro'], ['gemini-3.5-flash-high']]);
    assert.deepEqual(reportOf(result, ['antigravity'], 'session').rows.map((s) => s.key.split('\u0000').pop()), ['c1']);
    assert.equal(r.diagnostics.skippedLines, 0);
    assert.ok(SOURCES.antigravity.approximate);
  });

  it('counts copies of a call (a shared response, provider or message id, also between steps and gen_metadata) once: each count the largest copy, the best-ranked earliest time, the first copy model', async () => {
    const root = tempDir();
    const call: Usage = { input: 100, totalOutput: 50, cacheWrite: 5, cacheRead: 7, reasoning: 10, output: 40, messageId: 'm1', responseId: 'r1', providerId: 'p1' };
    writeAntigravityDb(conv(root, 'c1'), {
      // The gen copy is dated a day later than the step copy: the earlier own time wins.
      gens: [[1, genBlob({ model: 'gemini-3-pro', usage: call, time: T + DAY, retries: [{ input: 80, totalOutput: 60, output: 55, messageId: 'm1', responseId: 'rr' }] })]],
      steps: [[1, stepBlob({ model: 'claude 3.5 sonnet', usage: { ...call, cacheRead: 3 }, time: T })]],
    });
    // The same call in a backup copy of the conversation: counted once.
    writeAntigravityDb(conv(join(root, 'backup'), 'c1'), { gens: [[1, genBlob({ model: 'gemini-3-pro', usage: call, time: T + DAY })]] });
    const result = await scanSources(['antigravity'], { ANTIGRAVITY_DATA_DIR: `${root},${join(root, 'backup')}` });
    const r = reportOf(result, ['antigravity']);
    assert.deepEqual(r.rows.map((d) => [d.key, ...tokens(d)]), [['2026-09-20', 100, 70, 5, 7, 10, 182]]);
    assert.deepEqual(r.rows[0]!.models, ['claude-3-5-sonnet']);
  });

  it('replaces its counts when the database changes (rows added to the WAL), counting each call once across re-reads', async () => {
    const root = tempDir();
    const cache = tempDir();
    const db = conv(root, 'c1');
    writeAntigravityDb(db, { gens: [[1, genBlob({ model: 'gemini-3-pro', usage: { input: 10, output: 1, responseId: 'a' }, time: T })]] });
    assert.equal(reportOf(await antigravity(root, cache), ['antigravity']).totals.totalTokens, 11);
    // The row rewritten with final counts, and a new one.
    writeAntigravityDb(db, { gens: [[1, genBlob({ model: 'gemini-3-pro', usage: { input: 10, output: 5, responseId: 'a' }, time: T })], [2, genBlob({ usage: { input: 100, output: 10, responseId: 'b' }, time: T })]] });
    assert.equal(reportOf(await antigravity(root, cache), ['antigravity']).totals.totalTokens, 125);
    assert.equal(reportOf(await antigravity(root, cache), ['antigravity']).totals.totalTokens, 125);
  });

  it("dates a call without its own time by an earlier copy's, else the conversation's creation, else the file's mtime; a step's time is field 8, else 1", async () => {
    const root = tempDir();
    writeAntigravityDb(conv(root, 'c1'), {
      steps: [[1, stepBlob({ usage: { input: 9, output: 1, responseId: 's1' }, time1: T + DAY })]],
      gens: [
        [1, genBlob({ model: 'gemini-3-pro', usage: { input: 3, output: 1, messageId: 'm' } })],
        // Shares s1 with the step: its time.
        [2, genBlob({ usage: { input: 2, output: 1, responseId: 's1' } })],
      ],
      trajectory: [trajectoryBlob(T + 2 * DAY)],
    });
    const db = conv(root, 'c2');
    writeAntigravityDb(db, { gens: [[1, genBlob({ model: 'gemini-3-pro', usage: { input: 5, output: 5 } })]] });
    const mtime = new Date(T + 5 * DAY);
    utimesSync(db, mtime, mtime);
    utimesSync(`${db}-wal`, mtime, mtime);
    const r = reportOf(await antigravity(root), ['antigravity']);
    assert.deepEqual(r.rows.map((d) => [d.key, d.totalTokens]), [['2026-09-21', 10], ['2026-09-22', 4], ['2026-09-25', 10]]);
  });

  it('counts malformed blobs as skipped rows and reads the rest; a database without gen_metadata is a diagnostic', async () => {
    assert.throws(() => decodeFields(Buffer.from([0x0a, 0x05, 0x01])), ProtoError);
    assert.throws(() => decodeFields(Buffer.from([0x00, 0x01])), ProtoError);
    assert.throws(() => decodeFields(Buffer.from([0x0b])), ProtoError);
    assert.deepEqual(decodeFields(Buffer.from([0x08, 0x96, 0x01, 0x11, 1, 2, 3, 4, 5, 6, 7, 8])), [{ number: 1, varint: 150 }, { number: 2 }]);
    const root = tempDir();
    writeAntigravityDb(conv(root, 'c1'), {
      gens: [
        [1, Buffer.from([0x0a, 0x01, 0x80])],
        [2, Buffer.from([0x12, 0x00])],
        [3, null],
        [4, genBlob({ model: 'gemini-3-pro', usage: { input: 10, output: 2, responseId: 'ok' }, time: T })],
      ],
      steps: [[1, Buffer.from([0x4a, 0x03, 0x10])]],
      trajectory: [Buffer.from([0xff])],
    });
    writeAntigravityDb(join(root, 'conversations', 'other.db'), { genTable: false });
    const r = reportOf(await antigravity(root), ['antigravity']);
    assert.equal(r.totals.totalTokens, 12);
    const skipped = Object.assign({}, ...r.diagnostics.files.map((f) => f.skipped)) as Record<string, number>;
    assert.deepEqual(skipped, {
      'malformed gen_metadata row': 3,
      'malformed steps metadata': 1,
      'malformed trajectory metadata': 1,
      'not an Antigravity conversation database (no gen_metadata data)': 1,
    });
  });

  it('names models as ccusage does: model ids, placeholders, display names and aliases', () => {
    assert.deepEqual(
      [246, 313, 290, 342, 1026, 1318, 999].map((id) => modelOfId(id)),
      ['gemini-2.5-pro', 'gemini-2.5-flash-thinking', 'claude-4-opus', 'gpt-oss-120b-medium', 'claude-opus-4-6', 'gemini-3.8-flash-high', 'antigravity-model-999'],
    );
    assert.deepEqual(
      ['Gemini 3.8 Flash (High)', 'gemini 3 flash (high)', '  Gemini 3 Pro (Low) ', 'Claude Sonnet 4.5 (Thinking)', 'gemini-3-flash-agent', 'MODEL_PLACEHOLDER_M35', 'Some Custom Model', '  '].map(normalizeModel),
      ['gemini-3.8-flash-high', 'gemini-3.6-flash', 'gemini-3-pro', 'claude-sonnet-4.5', 'gemini-3.5-flash-high', 'claude-sonnet-4-6', 'Some Custom Model', undefined],
    );
  });

  it('finds conversations/**/*.db under the default folders, or ANTIGRAVITY_DATA_DIR (a comma list; set but blank reads nothing); a root without conversations/ holds them itself', async () => {
    const env = { env: {}, home: '/home/dev', platform: 'linux' as const };
    assert.deepEqual(SOURCES.antigravity.roots(env), ['antigravity', 'antigravity-cli', 'antigravity-ide', 'antigravity-backup'].map((d) => join('/home/dev', '.gemini', d)).concat(join('/home/dev', '.config', 'antigravity')));
    assert.deepEqual(SOURCES.antigravity.roots({ ...env, env: { ANTIGRAVITY_DATA_DIR: ' /a , /b,/a' } }), ['/a', '/b']);
    assert.deepEqual(SOURCES.antigravity.roots({ ...env, env: { ANTIGRAVITY_DATA_DIR: ' , ' } }), []);
    const user = tempDir();
    writeAntigravityDb(join(user, '.gemini', 'antigravity-ide', 'conversations', 'nested', 'c1.db'), { gens: [[1, genBlob({ usage: { input: 5, output: 1, responseId: 'a' }, time: T })]] });
    writeAntigravityDb(join(user, '.config', 'antigravity', 'conversations', 'c2.db'), { gens: [[1, genBlob({ usage: { input: 50, output: 10, responseId: 'b' }, time: T })]] });
    assert.equal(reportOf(await scanSources(['antigravity'], {}, { home: user }), ['antigravity']).totals.totalTokens, 66);
    const direct = tempDir();
    writeAntigravityDb(join(direct, 'c3.db'), { gens: [[1, genBlob({ usage: { input: 7, output: 1, responseId: 'c' }, time: T })]] });
    assert.equal(reportOf(await antigravity(direct), ['antigravity']).totals.totalTokens, 8);
    assert.deepEqual(SOURCES.antigravity.listFiles([direct]).map((f) => [f.path, f.mode, f.companions]), [[join(direct, 'c3.db'), 'whole', [join(direct, 'c3.db-wal')]]]);
    assert.equal(reportOf(await scanSources(['antigravity'], { ANTIGRAVITY_DATA_DIR: '' }, { home: user }), ['antigravity']).totals.totalTokens, 0);
  });

  it('equals ccusage antigravity daily on the same databases (token columns per day)', async function () {
    const ccusage = ccusageBinary();
    if (!ccusage) this.skip();
    const root = tempDir();
    const shared: Usage = { input: 4_050, totalOutput: 420, cacheRead: 16_275, reasoning: 45, output: 375, messageId: 'm1', responseId: 'r1', providerId: 'p1' };
    writeAntigravityDb(conv(root, 'c1'), {
      gens: [
        [1, genBlob({ model: 'Gemini 3 Pro (High)', usage: shared, time: T, retries: [{ input: 3_000, totalOutput: 500, output: 480, reasoning: 20, messageId: 'm1', responseId: 'r1b' }] })],
        [2, genBlob({ usage: { input: 1_200, totalOutput: 90, reasoning: 30, cacheWrite: 700, responseId: 'r2' }, time: T + 3_600_000 })],
        [3, genBlob({ modelId: 1026, usage: { modelId: 1026, input: 900, output: 60, totalOutput: 55, responseId: 'r3' } })],
      ],
      steps: [
        [1, stepBlob({ usage: { ...shared, cacheRead: 16_000 }, time: T - 5_000 })],
        [2, stepBlob({ model: 'gemini-3-flash-agent', provider: 24, time1: T + DAY, retries: [{ input: 11, totalOutput: 22, reasoning: 2, output: 20, responseId: 'sr' }] })],
      ],
      trajectory: [trajectoryBlob(T + 2 * DAY + 123)],
    });
    writeAntigravityDb(conv(root, 'c2'), {
      gens: [
        [1, genBlob({ model: 'model_placeholder_m318', usage: { input: 7_000, output: 800, totalOutput: 900, reasoning: 100, cacheRead: 2_000, responseId: 'x1' }, time: T + 3 * DAY })],
        // The same call as c1's r2 (another copy, larger output): counts once.
        [2, genBlob({ usage: { input: 1_200, totalOutput: 95, reasoning: 30, cacheWrite: 700, responseId: 'r2' }, time: T + 3_600_000 })],
      ],
    });
    const cc = ccusageDaily(ccusage!, 'antigravity', { ANTIGRAVITY_DATA_DIR: root });
    const ours = reportOf(await antigravity(root), ['antigravity']).rows;
    assert.deepEqual(ours.map((d) => d.key), cc.map((c) => c.date));
    assert.deepEqual(
      ours.map((o) => [o.inputTokens, o.outputTokens, o.cacheReadTokens, o.cacheCreationTokens, o.totalTokens]),
      // ccusage's output column leaves reasoning out (its total has it).
      cc.map((c) => [c.inputTokens, c.totalTokens - c.inputTokens - c.cacheReadTokens - c.cacheCreationTokens, c.cacheReadTokens, c.cacheCreationTokens, c.totalTokens]),
    );
    assert.deepEqual(cc.map((c) => c.date), ['2026-09-20', '2026-09-21', '2026-09-22', '2026-09-23']);
  });
});
