// The saved totals (store/rollups.ts): reports from them equal reports summed from the records, in every
// period and zone (half- and quarter-hour offsets included), and a run that finds nothing new reads no
// record at all.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pricer } from '../../src/core/pricing/pricing';
import { buildUsageReport, type Period } from '../../src/core/report/usageReport';
import { updateUsage, type UpdateResult } from '../../src/core/scan/updateUsage';
import { columnBytes } from '../../src/core/store/columnBytes';
import { INDEX_FILE, loadSnapshot } from '../../src/core/store/persist';
import { seal } from '../../src/core/store/sealedFile';
import { assistantLine } from './helpers/claudeLines';
import { appendLines, tempDir } from './helpers/engine';
import { ALL_SOURCES, assertSameRows, PERIODS, recordGroups, writeSavedTotalsFixture, ZONES } from './helpers/savedTotals';

const temps: string[] = [];
function temp(): string {
  const d = tempDir('awu-totals-');
  temps.push(d);
  return d;
}

function run(env: Record<string, string>, cache: string | undefined): Promise<UpdateResult> {
  return updateUsage({ sources: ALL_SOURCES, env: { env, home: '/nonexistent-home', platform: 'linux' }, cacheDir: cache, workers: 0, toolRuns: false });
}

function reportOf(r: UpdateResult, period: Period, timeZone: string, pricer = new Pricer()) {
  return buildUsageReport(r.store, { period, timeZone, sources: ALL_SOURCES, weekStartsOn: 1, pricer, now: Date.parse('2026-04-02T00:00:00Z') });
}

describe('saved totals (rollups)', () => {
  after(() => {
    for (const d of temps) rmSync(d, { recursive: true, force: true });
  });

  it('give the same reports as the records in every period and zone, cold and warm', async () => {
    const home = temp();
    const cache = temp();
    const env = writeSavedTotalsFixture(home);
    const cold = await run(env, cache);
    const warm = await run(env, cache);
    assert.equal(warm.filesRead, 0);
    const reference = await run(env, undefined);
    assert.ok(reference.store.columns.length > 25, 'the fixture holds records of every source');
    for (const timeZone of ZONES) {
      for (const period of PERIODS) {
        const expected = recordGroups(reference.store, period, timeZone, new Pricer());
        assertSameRows(reportOf(cold, period, timeZone), expected, `cold ${period} ${timeZone}`);
        assertSameRows(reportOf(warm, period, timeZone), expected, `warm ${period} ${timeZone}`);
      }
    }
    // Some totals are on the far side of a long-context tier; several sources; days differ by zone.
    const daysUtc = reportOf(warm, 'daily', 'UTC').rows.map((r) => r.key);
    const daysKathmandu = reportOf(warm, 'daily', 'Asia/Kathmandu').rows.map((r) => r.key);
    assert.notDeepEqual(daysUtc, daysKathmandu);
    assert.deepEqual(Object.keys(reportOf(warm, 'monthly', 'UTC').rows[0]!.bySource).sort(), ['claude', 'codex', 'copilot', 'gemini']);
    assert.equal(warm.store.recordsLoaded, false, 'no report above needed the records');
    assert.equal(warm.store.stats.recordLoads, 0);
  });

  it('a run that finds nothing new reads no records; new bytes read them and the totals follow', async () => {
    const home = temp();
    const cache = temp();
    const env = writeSavedTotalsFixture(home);
    await run(env, cache);
    const warm = await run(env, cache);
    reportOf(warm, 'daily', 'Asia/Kolkata');
    assert.deepEqual([warm.filesRead, warm.store.recordsLoaded, warm.store.stats.recordLoads, warm.store.stats.rollupBuilds], [0, false, 0, 0]);

    appendLines(join(env.CLAUDE_CONFIG_DIR!, 'projects', '-home-dev-app', 'main-0.jsonl'), [
      assistantLine({ sessionId: 's9', timestamp: '2026-03-31T18:29:00Z', messageId: 'late', requestId: 'late', input: 5, output: 6 }),
      // A later copy of a stored message with a larger total replaces it.
      assistantLine({ sessionId: 's0', cwd: '/home/dev/app0', timestamp: '2026-03-04T18:14:59.000Z', messageId: 'm0-0', requestId: 'r0-0', input: 10, output: 5000 }),
    ]);
    const grown = await run(env, cache);
    assert.equal(grown.filesRead, 1);
    assert.equal(grown.store.stats.recordLoads, 1);
    const after = await run(env, cache);
    const reference = await run(env, undefined);
    for (const timeZone of ['Asia/Kolkata', 'Asia/Kathmandu']) {
      for (const period of ['daily', 'session'] as Period[]) {
        const expected = recordGroups(reference.store, period, timeZone, new Pricer());
        assertSameRows(reportOf(grown, period, timeZone), expected, `grown ${period} ${timeZone}`);
        assertSameRows(reportOf(after, period, timeZone), expected, `warm after ${period} ${timeZone}`);
      }
    }
    assert.equal(after.store.recordsLoaded, false);
  });

  it('prices a model whose long-context threshold the totals do not record from the records', async () => {
    const home = temp();
    const cache = temp();
    const env = writeSavedTotalsFixture(home);
    await run(env, cache);
    const warm = await run(env, cache);
    const pricer = () => new Pricer({ overrides: { 'claude-sonnet-4-5-20250929': { input: 3, output: 15, inputAbove: 6, outputAbove: 22.5, tierThreshold: 5_000 } } });
    const expected = recordGroups((await run(env, undefined)).store, 'daily', 'Asia/Kathmandu', pricer());
    assertSameRows(reportOf(warm, 'daily', 'Asia/Kathmandu', pricer()), expected, 'override');
    assert.equal(warm.store.recordsLoaded, true);
  });

  it('counts records dated in the future exactly, also from the totals', async () => {
    const home = temp();
    const cache = temp();
    const env = writeSavedTotalsFixture(home);
    await run(env, cache);
    const warm = await run(env, cache);
    // now + 1 day falls inside the 15-minute slot of the 18:29:59.5 record: the records decide.
    const at = (now: string) => buildUsageReport(warm.store, { period: 'daily', timeZone: 'UTC', sources: ALL_SOURCES, weekStartsOn: 1, pricer: new Pricer(), now: Date.parse(now) }).diagnostics.futureRecords;
    const cold = await run(env, undefined);
    const ref = (now: string) => buildUsageReport(cold.store, { period: 'daily', timeZone: 'UTC', sources: ALL_SOURCES, weekStartsOn: 1, pricer: new Pricer(), now: Date.parse(now) }).diagnostics.futureRecords;
    assert.equal(at('2026-03-01T00:00:00Z'), ref('2026-03-01T00:00:00Z'));
    assert.equal(warm.store.recordsLoaded, false);
    assert.ok(ref('2026-03-03T18:20:00Z') > 0);
    assert.equal(at('2026-03-03T18:20:00Z'), ref('2026-03-03T18:20:00Z'));
  });

  it('rebuilds from the logs, with a diagnostic, when the records part of the index is damaged', async () => {
    const home = temp();
    const cache = temp();
    const env = writeSavedTotalsFixture(home);
    const expected = reportOf(await run(env, cache), 'daily', 'UTC').totals;
    const path = join(cache, INDEX_FILE);
    const bytes = readFileSync(path);
    bytes[200]! ^= 0x01; // inside the records (the head, at the end, is intact)
    writeFileSync(path, bytes);
    const warm = await run(env, cache);
    assert.equal(warm.filesRead, 0, 'the head is intact: nothing to read');
    appendLines(join(env.CLAUDE_CONFIG_DIR!, 'projects', '-home-dev-app', 'main-0.jsonl'), [assistantLine({ sessionId: 's9', timestamp: '2026-03-31T18:29:00Z', messageId: 'late', requestId: 'late', input: 5, output: 6 })]);
    const rebuilt = await run(env, cache);
    assert.ok(rebuilt.filesRead >= 5, 'every log read again');
    const r = reportOf(rebuilt, 'daily', 'UTC');
    assert.equal(r.totals.totalTokens, expected.totalTokens + 11);
    assert.match(r.diagnostics.indexWarnings.join('\n'), /discarded and rebuilt from the logs: .*checksum mismatch/);
    const next = await run(env, cache);
    assert.equal(next.filesRead, 0);
    assert.equal(reportOf(next, 'daily', 'UTC').totals.totalTokens, expected.totalTokens + 11);
  });

  it('upgrades a version 2 index (records only) without losing the records of deleted logs', async () => {
    const home = temp();
    const cache = temp();
    const env = writeSavedTotalsFixture(home);
    const expected = reportOf(await run(env, cache), 'daily', 'Asia/Kolkata').rows;
    // The version 2 file: the length of a JSON header, the header, padding to 8 bytes, the record columns.
    const { files, columns: c } = loadSnapshot(cache).snapshot!;
    const json = Buffer.from(JSON.stringify({ version: 2, savedAt: '', recordsBytes: Buffer.concat(columnBytes(c)).length, length: c.length, files, models: c.models, sessions: c.sessions, projects: c.projects, branches: c.branches }));
    const lead = Buffer.alloc(((4 + json.length + 7) & ~7) - json.length);
    lead.writeUInt32LE(json.length, 0);
    writeFileSync(join(cache, 'index-v2.bin'), seal([lead.subarray(0, 4), json, lead.subarray(4), ...columnBytes(c)]));
    rmSync(join(cache, INDEX_FILE));
    rmSync(join(env.CLAUDE_CONFIG_DIR!, 'projects', '-home-dev-app', 'resumed-0.jsonl'));
    rmSync(join(env.CLAUDE_CONFIG_DIR!, 'projects', '-home-dev-app', 'main-0.jsonl'));
    const upgraded = await run(env, cache);
    assert.equal(upgraded.filesRead, 0);
    assert.deepEqual(reportOf(upgraded, 'daily', 'Asia/Kolkata').rows, expected, 'the deleted logs still count');
    assert.deepEqual(reportOf(upgraded, 'daily', 'UTC').diagnostics.indexWarnings, []);
    assert.equal(existsSync(join(cache, 'index-v2.bin')), false);
    const warm = await run(env, cache);
    assert.deepEqual(reportOf(warm, 'daily', 'Asia/Kolkata').rows, expected);
    assert.equal(warm.store.recordsLoaded, false);
  });
});
