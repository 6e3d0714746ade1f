import { strict as assert } from 'node:assert';
import { parseDateArg, resolveTimeZone, ZoneCalendar } from '../../src/core/time/zone';

const H = 3_600_000;
const at = (iso: string): number => Date.parse(iso);

describe('time zones and calendar keys', () => {
  it('puts instants on local dates around the New York DST changes', () => {
    const ny = new ZoneCalendar('America/New_York');
    assert.equal(ny.dayKey(at('2026-03-08T06:59:59Z')), '2026-03-08'); // 01:59:59 EST
    assert.equal(ny.offsetMinutes(at('2026-03-08T06:59:59Z')), -300);
    assert.equal(ny.offsetMinutes(at('2026-03-08T07:00:00Z')), -240); // 03:00 EDT
    assert.equal(ny.dayKey(at('2026-03-08T04:59:59Z')), '2026-03-07');
    assert.equal(ny.dayKey(at('2026-11-01T05:30:00Z')), '2026-11-01');
    assert.equal(ny.dayKey(at('2026-11-02T04:59:59Z')), '2026-11-01');
    assert.equal(ny.dayKey(at('2026-11-02T05:00:00Z')), '2026-11-02');
  });

  it('knows 23- and 25-hour local days', () => {
    const berlin = new ZoneCalendar('Europe/Berlin');
    assert.equal(berlin.startOfLocalDay('2026-03-30') - berlin.startOfLocalDay('2026-03-29'), 23 * H);
    assert.equal(berlin.startOfLocalDay('2026-10-26') - berlin.startOfLocalDay('2026-10-25'), 25 * H);
    assert.equal(berlin.startOfLocalDay('2026-10-25'), at('2026-10-24T22:00:00Z'));
    assert.equal(new ZoneCalendar('UTC').startOfLocalDay('2026-10-25'), at('2026-10-25T00:00:00Z'), 'UTC takes no Intl path');
    const ny = new ZoneCalendar('America/New_York');
    assert.equal(ny.startOfLocalDay('2026-03-08'), at('2026-03-08T05:00:00Z'));
    assert.equal(ny.startOfLocalDay('2026-03-09') - ny.startOfLocalDay('2026-03-08'), 23 * H);
  });

  it('handles half-hour DST, quarter-hour offsets and +14', () => {
    const lordHowe = new ZoneCalendar('Australia/Lord_Howe'); // +10:30 standard, +11 in summer
    assert.equal(lordHowe.offsetMinutes(at('2026-07-01T00:00:00Z')), 630);
    assert.equal(lordHowe.offsetMinutes(at('2026-01-01T00:00:00Z')), 660);
    const kathmandu = new ZoneCalendar('Asia/Kathmandu');
    assert.equal(kathmandu.offsetMinutes(at('2026-06-30T00:00:00Z')), 345);
    assert.equal(kathmandu.dayKey(at('2026-06-30T18:14:59Z')), '2026-06-30');
    assert.equal(kathmandu.dayKey(at('2026-06-30T18:15:00Z')), '2026-07-01');
    const kiritimati = new ZoneCalendar('Pacific/Kiritimati');
    assert.equal(kiritimati.dayKey(at('2026-06-30T10:00:00Z')), '2026-07-01');
    assert.equal(kiritimati.startOfLocalDay('2026-07-01'), at('2026-06-30T10:00:00Z'));
    const utc = new ZoneCalendar('UTC');
    assert.equal(utc.dayKey(at('2026-12-31T23:59:59.999Z')), '2026-12-31');
    assert.equal(utc.monthKey(at('2027-01-01T00:00:00Z')), '2027-01');
  });

  it('computes week starts and ISO weeks across year ends', () => {
    const utc = new ZoneCalendar('UTC');
    // 2026-12-31 is a Thursday: ISO week 53 of 2026; 2027-01-04 (Monday) starts 2027-W01.
    assert.equal(utc.isoWeekKey(at('2026-12-31T12:00:00Z')), '2026-W53');
    assert.equal(utc.isoWeekKey(at('2027-01-03T12:00:00Z')), '2026-W53');
    assert.equal(utc.isoWeekKey(at('2027-01-04T00:00:00Z')), '2027-W01');
    assert.equal(utc.isoWeekKey(at('2026-01-01T00:00:00Z')), '2026-W01');
    assert.equal(utc.isoWeekKey(at('2025-12-29T00:00:00Z')), '2026-W01');
    assert.equal(utc.weekStartKey(at('2027-01-03T12:00:00Z'), 1), '2026-12-28');
    assert.equal(utc.weekStartKey(at('2027-01-03T12:00:00Z'), 0), '2027-01-03');
    assert.equal(utc.weekStartKey(at('2026-11-25T12:00:00Z'), 6), '2026-11-21');
    const tokyo = new ZoneCalendar('Asia/Tokyo');
    assert.equal(tokyo.weekStartKey(at('2026-11-22T15:30:00Z'), 1), '2026-11-23'); // Monday 00:30 in Tokyo
  });

  it('validates zones and dates with clear errors', () => {
    assert.equal(resolveTimeZone('Europe/Berlin'), 'Europe/Berlin');
    assert.equal(resolveTimeZone('UTC'), 'UTC');
    assert.ok(resolveTimeZone(undefined).length > 0);
    assert.throws(() => resolveTimeZone('Mars/Olympus_Mons'), /Unknown time zone "Mars\/Olympus_Mons"/);
    assert.equal(parseDateArg('20261125'), '2026-11-25');
    assert.equal(parseDateArg('2026-11-25'), '2026-11-25');
    assert.equal(parseDateArg('2028-02-29'), '2028-02-29');
    assert.throws(() => parseDateArg('2026-02-30'), /no such day/);
    assert.throws(() => parseDateArg('25.11.2026'), /YYYY-MM-DD/);
  });
});
