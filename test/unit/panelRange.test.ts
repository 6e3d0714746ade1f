import { strict as assert } from 'node:assert';
import { addDays, daysOf, rangeDays } from '../../src/extension/panel/rangeDays';
import { ZoneCalendar } from '../../src/core/time/zone';

describe('panel ranges', () => {
  // Wednesday 2026-11-25 00:30 in Berlin (still Tuesday in UTC).
  const now = Date.parse('2026-11-24T23:30:00Z');
  const berlin = new ZoneCalendar('Europe/Berlin');

  it('resolves today, this week, last week and the last 30 days in the user\'s zone', () => {
    assert.deepEqual(rangeDays({ kind: 'today' }, now, berlin, 1), { since: '2026-11-25', until: '2026-11-25' });
    assert.deepEqual(rangeDays({ kind: 'today' }, now, new ZoneCalendar('UTC'), 1), { since: '2026-11-24', until: '2026-11-24' });
    assert.deepEqual(rangeDays({ kind: 'thisWeek' }, now, berlin, 1), { since: '2026-11-23', until: '2026-11-29' });
    assert.deepEqual(rangeDays({ kind: 'thisWeek' }, now, berlin, 0), { since: '2026-11-22', until: '2026-11-28' });
    assert.deepEqual(rangeDays({ kind: 'lastWeek' }, now, berlin, 1), { since: '2026-11-16', until: '2026-11-22' });
    assert.deepEqual(rangeDays({ kind: 'last30Days' }, now, berlin, 1), { since: '2026-10-27', until: '2026-11-25' });
    assert.deepEqual(rangeDays({ kind: 'custom', since: '2026-02-27', until: '2026-03-01' }, now, berlin, 1), { since: '2026-02-27', until: '2026-03-01' });
  });

  it('lists every day of a range, across month and year ends', () => {
    assert.deepEqual(daysOf({ since: '2026-02-27', until: '2026-03-01' }), ['2026-02-27', '2026-02-28', '2026-03-01']);
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(daysOf({ since: '2026-10-27', until: '2026-11-25' }).length, 30);
  });
});
