// The weekly summary comes to the developer (issue 13), in a real VS Code: a start in a new week (the
// clock driven through the extension's API) offers last week's summary and writes it to the archive
// folder once; a folder that cannot be made is a warning, not a failure.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AwuMeterApi } from '../../src/extension/main';
import { weekRange } from '../../src/core/report/week/weekRange';
import { ZoneCalendar } from '../../src/core/time/zone';

const EXTENSION_ID = 'awu-meter.awu-meter';
const WEEK_MS = 7 * 86_400_000;

describe('weekly summary notice and archive folder', function () {
  let api: AwuMeterApi;
  let root: string;
  const config = () => vscode.workspace.getConfiguration('awuMeter');

  before(async () => {
    api = (await vscode.extensions.getExtension<AwuMeterApi>(EXTENSION_ID)!.activate())!;
    root = mkdtempSync(join(tmpdir(), 'awu-it-archive-'));
  });
  after(async () => {
    await config().update('weeklySummary.folder', undefined, vscode.ConfigurationTarget.Global);
    rmSync(root, { recursive: true, force: true });
  });

  it('at the first start of next week, writes this week’s Markdown and HTML once and offers it', async function () {
    const folder = join(root, 'archive');
    await config().update('weeklySummary.folder', folder, vscode.ConfigurationTarget.Global);
    const settings = api.host.state().settings;
    assert.equal(settings.weeklySummary.folder, folder);
    const week = weekRange(new ZoneCalendar(api.host.timeZone()), settings.weekStartsOn).label;
    const nextWeek = Date.now() + WEEK_MS;

    const first = await api.weeklySummary.check(nextWeek);
    assert.equal(first.week, week);
    assert.equal(first.notified, true, 'a new week since the start at activation');
    assert.equal(first.archiveError, undefined);
    const md = join(folder, `awu-week-${week}.md`);
    const html = join(folder, `awu-week-${week}.html`);
    assert.deepEqual(first.archive?.written, [md, html]);
    assert.match(readFileSync(md, 'utf8'), new RegExp(`^# AWU Meter — week ${week}$`, 'm'));
    assert.match(readFileSync(html, 'utf8'), /^<!DOCTYPE html>/i);

    // Later starts in the same week: no notice, nothing written again, even after the file was removed.
    const again = await api.weeklySummary.check(nextWeek + 3_600_000);
    assert.deepEqual([again.notified, again.archive], [false, undefined]);
    rmSync(md);
    const third = await api.weeklySummary.check(nextWeek + 7_200_000);
    assert.deepEqual([third.notified, third.archive], [false, undefined]);
    assert.equal(existsSync(md), false);
  });

  it('a folder that cannot be made is a warning with the reason, and the next week is still offered', async function () {
    writeFileSync(join(root, 'a-file'), '');
    await config().update('weeklySummary.folder', join(root, 'a-file', 'archive'), vscode.ConfigurationTarget.Global);
    const r = await api.weeklySummary.check(Date.now() + 2 * WEEK_MS);
    assert.equal(r.notified, true);
    assert.match(r.archiveError ?? '', /ENOTDIR|EEXIST/);
    assert.equal(r.archive, undefined);
  });
});
