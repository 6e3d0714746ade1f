import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Pricer } from '../../src/core/pricing/pricing';
import { buildUsageReport, type Period } from '../../src/core/report/usageReport';
import { assistantLine } from './helpers/claudeLines';
import { scan, tempDir, writeLines } from './helpers/engine';

async function storeWith(timestamps: string[], cwd = '/home/dev/app'): Promise<Awaited<ReturnType<typeof scan>>> {
  const claude = tempDir();
  writeLines(
    join(claude, 'projects', '-p', 's.jsonl'),
    timestamps.map((timestamp, n) => assistantLine({ sessionId: 's', cwd, messageId: `m${n}`, requestId: `r${n}`, timestamp, input: 1, output: n + 1 })),
  );
  return scan({ claude });
}

function keys(result: Awaited<ReturnType<typeof scan>>, period: Period, timeZone: string, weekStartsOn = 1, since?: string, until?: string): [string, number][] {
  const r = buildUsageReport(result.store, { period, timeZone, sources: ['claude'], weekStartsOn, pricer: new Pricer(), ...(since ? { since } : {}), ...(until ? { until } : {}) });
  return r.rows.map((row) => [row.key, row.totalTokens]);
}

describe('reports by day, week, month and project', () => {
  it('puts records on the local date across the New York spring-forward and fall-back days', async () => {
    const result = await storeWith([
      '2026-03-08T04:59:59Z', // 23:59:59 EST on the 7th
      '2026-03-08T05:00:00Z', // 00:00 EST on the 8th
      '2026-03-09T03:59:59Z', // 23:59:59 EDT on the 8th (a 23-hour day)
      '2026-03-09T04:00:00Z', // 00:00 EDT on the 9th
      '2026-11-01T05:30:00Z', // 01:30 EDT on Nov 1
      '2026-11-01T06:30:00Z', // 01:30 EST on Nov 1 (the hour repeats)
      '2026-11-02T04:59:00Z', // 23:59 EST on Nov 1 (a 25-hour day)
    ]);
    assert.deepEqual(keys(result, 'daily', 'America/New_York'), [
      ['2026-03-07', 2],
      ['2026-03-08', 3 + 4],
      ['2026-03-09', 5],
      ['2026-11-01', 6 + 7 + 8],
    ]);
    assert.deepEqual(keys(result, 'daily', 'UTC').map(([k]) => k), ['2026-03-08', '2026-03-09', '2026-11-01', '2026-11-02']);
  });

  it('handles zones with 30- and 45-minute offsets and the far side of the date line', async () => {
    const result = await storeWith(['2026-06-30T18:14:00Z', '2026-06-30T18:15:00Z', '2026-06-30T10:30:00Z']);
    // Kathmandu is UTC+5:45: 18:14Z is 23:59 on the 30th, 18:15Z is midnight on July 1st.
    assert.deepEqual(keys(result, 'daily', 'Asia/Kathmandu'), [
      ['2026-06-30', 2 + 4],
      ['2026-07-01', 3],
    ]);
    // Kiritimati is UTC+14: all three are on July 1st.
    assert.deepEqual(keys(result, 'daily', 'Pacific/Kiritimati'), [['2026-07-01', 9]]);
  });

  it('groups weeks from the chosen first day and months by local date, and filters by local date', async () => {
    const result = await storeWith(['2026-11-22T12:00:00Z', '2026-11-23T12:00:00Z', '2026-11-29T23:30:00Z', '2026-12-01T00:30:00Z']);
    // Sunday 22nd, Monday 23rd, Sunday 29th, Tuesday Dec 1st.
    assert.deepEqual(keys(result, 'weekly', 'UTC', 1), [
      ['2026-11-16', 2],
      ['2026-11-23', 3 + 4],
      ['2026-11-30', 5],
    ]);
    assert.deepEqual(keys(result, 'weekly', 'UTC', 0), [
      ['2026-11-22', 2 + 3],
      ['2026-11-29', 4 + 5],
    ]);
    assert.deepEqual(keys(result, 'monthly', 'UTC'), [
      ['2026-11', 9],
      ['2026-12', 5],
    ]);
    // In Berlin (UTC+1) the 23:30Z record of the 29th is on the 30th, a Monday.
    assert.deepEqual(keys(result, 'weekly', 'Europe/Berlin', 1), [
      ['2026-11-16', 2],
      ['2026-11-23', 3],
      ['2026-11-30', 4 + 5],
    ]);
    assert.deepEqual(keys(result, 'daily', 'UTC', 1, '2026-11-23', '2026-11-29'), [
      ['2026-11-23', 3],
      ['2026-11-29', 4],
    ]);
  });

  it('groups by project and flags records dated in the future', async () => {
    const result = await storeWith(['2026-09-20T10:00:00Z', '2099-01-01T00:00:00Z'], '/srv/api');
    const r = buildUsageReport(result.store, { period: 'project', timeZone: 'UTC', sources: ['claude'], weekStartsOn: 1, pricer: new Pricer(), now: Date.parse('2026-09-21T00:00:00Z') });
    assert.deepEqual(r.rows.map((row) => [row.key, row.totalTokens]), [['/srv/api', 5]]);
    assert.equal(r.diagnostics.futureRecords, 1);
  });
});
