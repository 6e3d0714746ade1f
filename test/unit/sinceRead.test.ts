// Date-bounded reads: a query with a start (--since, the status bar's today or week) reads only the logs
// changed since shortly before it; the logs it leaves are remembered and read by a later wider query,
// and every report equals one over a full read.
import { strict as assert } from 'node:assert';
import { rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { Pricer } from '../../src/core/pricing/pricing';
import { buildUsageReport } from '../../src/core/report/usageReport';
import { updateUsage, type UpdateResult } from '../../src/core/scan/updateUsage';
import { SINCE_SKEW_MS } from '../../src/core/store/usageStore';
import { ZoneCalendar } from '../../src/core/time/zone';
import { assistantLine } from './helpers/claudeLines';
import { sessionMeta, tokenCount, turnContext } from './helpers/codexLines';
import { appendLines, tempDir, writeLines } from './helpers/engine';

const DAY = 86_400_000;
const NOW = Date.now();
const iso = (ms: number): string => new Date(ms).toISOString();
const dayKey = (ms: number): string => new ZoneCalendar('Asia/Kathmandu').dayKey(ms);

const temps: string[] = [];
function temp(): string {
  const d = tempDir('awu-since-');
  temps.push(d);
  return d;
}

/** A Claude log of `n` records `ageDays` old, last modified when its last record was written. */
function claudeLog(claude: string, name: string, ageDays: number, n: number): string {
  const at = NOW - ageDays * DAY;
  const file = join(claude, 'projects', '-home-dev-app', `${name}.jsonl`);
  writeLines(file, Array.from({ length: n }, (_, i) => assistantLine({ sessionId: name, timestamp: iso(at + i * 60_000), messageId: `${name}-${i}`, requestId: `${name}-r${i}`, input: 100 + i, output: 10 * ageDays + 1, cacheRead: 1000 })));
  const mtime = (at + n * 60_000) / 1000;
  utimesSync(file, mtime, mtime);
  return file;
}

function codexLog(codex: string, name: string, ageDays: number): string {
  const at = NOW - ageDays * DAY;
  const file = join(codex, 'sessions', 'x', `rollout-${name}.jsonl`);
  writeLines(file, [sessionMeta({ id: name, cwd: '/home/dev/api', timestamp: iso(at) }), turnContext(iso(at), 'gpt-5'), tokenCount(iso(at + 1000), { input: 500 + ageDays, cached: 100, output: 50, reasoning: 5 })]);
  utimesSync(file, (at + 2000) / 1000, (at + 2000) / 1000);
  return file;
}

interface Fixture {
  env: Record<string, string>;
  old: string[];
  recent: string[];
}

function fixture(): Fixture {
  const home = temp();
  const claude = join(home, 'claude');
  const codex = join(home, 'codex');
  const old = [claudeLog(claude, 'a', 40, 30), claudeLog(claude, 'b', 9, 20), codexLog(codex, 'c', 12)];
  const recent = [claudeLog(claude, 'd', 1, 10), claudeLog(claude, 'e', 0.1, 5), codexLog(codex, 'f', 0.5)];
  return { env: { CLAUDE_CONFIG_DIR: claude, CODEX_HOME: codex }, old, recent };
}

function run(env: Record<string, string>, cache: string | undefined, since?: number): Promise<UpdateResult> {
  return updateUsage({ sources: ['claude', 'codex'], env: { env, home: '/nonexistent-home', platform: 'linux' }, cacheDir: cache, workers: 0, toolRuns: false, ...(since !== undefined ? { since } : {}) });
}

function daily(r: UpdateResult, since?: string) {
  const rep = buildUsageReport(r.store, { period: 'daily', timeZone: 'Asia/Kathmandu', sources: ['claude', 'codex'], weekStartsOn: 1, pricer: new Pricer(), ...(since ? { since } : {}) });
  return { rows: rep.rows.map((row) => [row.key, row.totalTokens, row.records, Math.round(row.costUSD * 1e9)]), totals: rep.totals.totalTokens };
}

describe('date-bounded reads (--since)', () => {
  after(() => {
    for (const d of temps) rmSync(d, { recursive: true, force: true });
  });

  it('reads only the logs changed since shortly before the range, with the totals of a full read', async () => {
    const f = fixture();
    const cache = temp();
    const since = dayKey(NOW - 2 * DAY);
    const start = new ZoneCalendar('Asia/Kathmandu').startOfLocalDay(since);
    const bounded = await run(f.env, cache, start);
    assert.equal(bounded.filesRead, f.recent.length, 'the three recent logs, none of the old');
    const full = await run(f.env, undefined);
    assert.deepEqual(daily(bounded, since), daily(full, since));
    assert.ok(daily(full, since).totals > 0);
    const diag = buildUsageReport(bounded.store, { period: 'daily', timeZone: 'UTC', sources: ['claude', 'codex'], weekStartsOn: 1, pricer: new Pricer() }).diagnostics;
    assert.deepEqual([diag.filesRead, diag.filesOutsideRange], [3, 3]);

    // The same query again reads nothing; a wider one reads what was left, then equals a full read.
    assert.equal((await run(f.env, cache, start)).filesRead, 0);
    const wider = await run(f.env, cache, NOW - 13 * DAY);
    assert.equal(wider.filesRead, 2, 'the logs of 9 and 12 days ago');
    assert.deepEqual(daily(wider, dayKey(NOW - 13 * DAY)), daily(full, dayKey(NOW - 13 * DAY)));
    const all = await run(f.env, cache);
    assert.equal(all.filesRead, 1, 'the log of 40 days ago');
    assert.deepEqual(daily(all), daily(full));
    assert.equal((await run(f.env, cache)).filesRead, 0);
  });

  it('keeps a margin for clock skew: a log changed less than a day before the range is read', async () => {
    const f = fixture();
    const start = NOW - 9 * DAY + SINCE_SKEW_MS - 3_600_000; // 'b' was last changed 9 days ago: within the margin
    const r = await run(f.env, undefined, start);
    assert.equal(r.filesRead, f.recent.length + 1);
  });

  it('still reads a log that was read before and has changed since, however old its mtime', async () => {
    const f = fixture();
    const cache = temp();
    await run(f.env, cache);
    const [a] = f.old;
    appendLines(a!, [assistantLine({ sessionId: 'a', timestamp: iso(NOW - 39 * DAY), messageId: 'a-late', requestId: 'a-late', input: 7, output: 7 })]);
    const back = (NOW - 39 * DAY) / 1000;
    utimesSync(a!, back, back);
    const r = await run(f.env, cache, NOW - DAY);
    assert.equal(r.filesRead, 1);
    assert.deepEqual(daily(r), daily(await run(f.env, undefined)));
  });
});
