// The weekly summary comes to the developer (issue 13): on the first start in a new week a notice offers
// last week's summary, and an archive folder gets last week's Markdown and HTML once. The week change is
// simulated by the clock passed in; the archive is written to a real temp folder.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildWeekSummary } from '../../src/core/report/week/buildWeekSummary';
import { archivePaths, writeWeekArchive } from '../../src/core/report/week/weekArchive';
import { planWeeklyNotice, type WeeklyNoticeMemory } from '../../src/core/report/week/weeklyNotice';
import { weekRange } from '../../src/core/report/week/weekRange';
import { Pricer } from '../../src/core/pricing/pricing';
import { ZoneCalendar } from '../../src/core/time/zone';
import { assistantLine } from './helpers/claudeLines';
import { scan, tempDir, writeLines } from './helpers/engine';

const BERLIN = new ZoneCalendar('Europe/Berlin');
const at = (iso: string): number => Date.parse(iso);

/** Starts of the editor at the given times, each with the memory the last one left. */
function starts(times: string[], opts: { weekStartsOn?: number; notify?: boolean; folder?: string; calendar?: ZoneCalendar } = {}) {
  let memory: WeeklyNoticeMemory = {};
  return times.map((t) => {
    const plan = planWeeklyNotice(memory, { now: at(t), calendar: opts.calendar ?? BERLIN, weekStartsOn: opts.weekStartsOn ?? 1, notify: opts.notify ?? true, folder: opts.folder ?? '' });
    memory = plan.archive ? { ...plan.seen, archivedWeek: plan.lastWeek.label } : plan.seen;
    return plan;
  });
}

describe('weekly summary notice: when it comes', function () {
  it('offers last week once, at the first start of a new week, never at the very first start', function () {
    const plans = starts(['2026-11-25T09:00:00+01:00', '2026-11-27T18:00:00+01:00', '2026-11-30T08:00:00+01:00', '2026-11-30T14:00:00+01:00', '2026-12-03T09:00:00+01:00']);
    assert.deepEqual(plans.map((p) => p.notify), [false, false, true, false, false]);
    assert.equal(plans[2]!.lastWeek.label, '2026-W48');
    assert.deepEqual([plans[2]!.lastWeek.start, plans[2]!.lastWeek.end], ['2026-11-23', '2026-11-29']);
  });

  it('counts the week in the configured time zone and from the configured first day', function () {
    // Sunday 29 Nov, 23:30 UTC is already Monday 30 Nov in Berlin: a new week there, not in UTC.
    assert.deepEqual(starts(['2026-11-27T12:00:00Z', '2026-11-29T23:30:00Z']).map((p) => p.notify), [false, true]);
    assert.deepEqual(starts(['2026-11-27T12:00:00Z', '2026-11-29T23:30:00Z'], { calendar: new ZoneCalendar('UTC') }).map((p) => p.notify), [false, false]);
    // Weeks from Sunday: Sunday morning is a new week; Monday is not.
    const sunday = starts(['2026-11-27T12:00:00+01:00', '2026-11-29T09:00:00+01:00', '2026-11-30T09:00:00+01:00'], { weekStartsOn: 0 });
    assert.deepEqual(sunday.map((p) => p.notify), [false, true, false]);
    assert.deepEqual([sunday[1]!.lastWeek.start, sunday[1]!.lastWeek.end], ['2026-11-22', '2026-11-28']);
  });

  it('a new week after weeks away offers the week before this one', function () {
    const plans = starts(['2026-11-03T09:00:00+01:00', '2026-12-02T09:00:00+01:00']);
    assert.equal(plans[1]!.notify, true);
    assert.deepEqual([plans[1]!.lastWeek.start, plans[1]!.lastWeek.end], ['2026-11-23', '2026-11-29']);
  });

  it('stays silent when turned off, and still remembers the week', function () {
    const plans = starts(['2026-11-25T09:00:00+01:00', '2026-11-30T09:00:00+01:00'], { notify: false });
    assert.deepEqual(plans.map((p) => p.notify), [false, false]);
    assert.equal(plans[1]!.seen.seenWeek, plans[1]!.thisWeek.label);
  });

  it('archives last week once per week when a folder is set, also at the first start', function () {
    const plans = starts(['2026-11-25T09:00:00+01:00', '2026-11-26T09:00:00+01:00', '2026-11-30T09:00:00+01:00', '2026-12-01T09:00:00+01:00'], { folder: '/tmp/awu-archive' });
    assert.deepEqual(plans.map((p) => p.archive), [true, false, true, false]);
    assert.deepEqual(plans.filter((p) => p.archive).map((p) => p.lastWeek.label), ['2026-W47', '2026-W48']);
    assert.deepEqual(starts(['2026-11-25T09:00:00+01:00'], { folder: '  ' }).map((p) => p.archive), [false]);
  });

  it('labels a week from any first day so that the summary of that label is the same week', function () {
    for (const weekStartsOn of [0, 1, 3, 6]) {
      for (const day of ['2026-11-22', '2026-11-23', '2026-11-28', '2027-01-01', '2026-12-31']) {
        const w = weekRange(BERLIN, weekStartsOn, undefined, BERLIN.startOfLocalDay(day) + 12 * 3_600_000);
        const again = weekRange(BERLIN, weekStartsOn, w.label);
        assert.deepEqual([again.start, again.end], [w.start, w.end], `week from day ${weekStartsOn} holding ${day} (${w.label})`);
      }
    }
  });
});

describe('weekly summary archive folder', function () {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const dir = (): string => {
    const d = tempDir('awu-archive-test-');
    dirs.push(d);
    return d;
  };

  async function summaryOf(week: string) {
    const logs = dir();
    writeLines(join(logs, 'projects', '-home-dev-app', 's1.jsonl'), [
      assistantLine({ sessionId: 's1', messageId: 'm1', requestId: 'r1', timestamp: '2026-11-24T10:00:00Z', input: 1000, output: 500 }),
    ]);
    const result = await scan({ claude: logs, cache: dir() });
    return buildWeekSummary(result.store, { sources: ['claude'], pricer: new Pricer(), calendar: new ZoneCalendar('UTC'), weekStartsOn: 1, week, includeSubjects: true });
  }

  it('writes the week’s Markdown and HTML into a new folder, then keeps them', async function () {
    const folder = join(dir(), 'archive', 'awu');
    let built = 0;
    const summary = () => (built++, summaryOf('2026-W48'));
    const first = await writeWeekArchive(folder, '2026-W48', summary);
    assert.deepEqual(first.written, archivePaths(folder, '2026-W48'));
    assert.deepEqual(readdirSync(folder).sort(), ['awu-week-2026-W48.html', 'awu-week-2026-W48.md']);
    assert.match(readFileSync(join(folder, 'awu-week-2026-W48.md'), 'utf8'), /^# AWU Meter — week 2026-W48$/m);
    assert.match(readFileSync(join(folder, 'awu-week-2026-W48.md'), 'utf8'), /1,500/);
    assert.match(readFileSync(join(folder, 'awu-week-2026-W48.html'), 'utf8'), /^<!DOCTYPE html>/i);

    // An edited file is the developer's: kept, and nothing is built when nothing is missing.
    writeFileSync(join(folder, 'awu-week-2026-W48.md'), 'my notes\n');
    const mtime = statSync(join(folder, 'awu-week-2026-W48.html')).mtimeMs;
    const second = await writeWeekArchive(folder, '2026-W48', summary);
    assert.deepEqual(second, { written: [], kept: archivePaths(folder, '2026-W48') });
    assert.equal(readFileSync(join(folder, 'awu-week-2026-W48.md'), 'utf8'), 'my notes\n');
    assert.equal(statSync(join(folder, 'awu-week-2026-W48.html')).mtimeMs, mtime);
    assert.equal(built, 1);
  });

  it('writes only the missing file, and leaves no temporary file behind', async function () {
    const folder = dir();
    writeFileSync(join(folder, 'awu-week-2026-W48.md'), 'kept\n');
    const r = await writeWeekArchive(folder, '2026-W48', () => summaryOf('2026-W48'));
    assert.deepEqual(r.written, [join(folder, 'awu-week-2026-W48.html')]);
    assert.deepEqual(readdirSync(folder).sort(), ['awu-week-2026-W48.html', 'awu-week-2026-W48.md']);
  });

  it('fails with the reason when the folder cannot be made, writing nothing', async function () {
    const root = dir();
    writeFileSync(join(root, 'a-file'), '');
    await assert.rejects(writeWeekArchive(join(root, 'a-file', 'archive'), '2026-W48', () => summaryOf('2026-W48')), /ENOTDIR|EEXIST/);
    assert.deepEqual(readdirSync(root), ['a-file']);
  });

  it('refuses a summary of another week than the one named', async function () {
    const folder = dir();
    mkdirSync(folder, { recursive: true });
    await assert.rejects(writeWeekArchive(folder, '2026-W47', () => summaryOf('2026-W48')), /2026-W48, not 2026-W47/);
    assert.deepEqual(readdirSync(folder), []);
  });
});
