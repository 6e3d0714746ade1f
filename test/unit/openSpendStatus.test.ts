// "Spent since the last outcome" on the extension's pure surfaces: the status bar's text and tooltip past
// and under the threshold, the panel's figure (checked by the protocol's own schema), and the panel
// session asked to show one task before and after the webview is ready.
import * as assert from 'node:assert/strict';
import { panelOpenSpend } from '../../src/extension/openSpendStatus';
import { PanelSession } from '../../src/extension/panel/panelSession';
import { type OpenSpendStatus, openSpendAlert, overBudget, type StatusFigures, statusText, statusTooltip } from '../../src/extension/statusText';
import { panelDataSchema, type PanelQuery, type ToWebview, toWebviewSchema } from '../../src/shared/protocol';
import { panelData } from '../browser/fixtures/panelData';
import { statusFigures } from './helpers/statusFigures';

const AT = Date.UTC(2026, 10, 25, 14, 2);

function figures(openSpend?: OpenSpendStatus): StatusFigures {
  return statusFigures({
    spend: { tokens: 50_200_000, inputTokens: 1000, outputTokens: 2000, cacheCreationTokens: 3000, cacheReadTokens: 50_194_000, costUSD: 82.65, unpricedTokens: 0, bySource: {} },
    todayCostUSD: 82.65,
    awu: 0,
    ...(openSpend ? { openSpend } : {}),
  });
}

const open = (over: Partial<OpenSpendStatus> = {}): OpenSpendStatus => ({
  taskId: 'claude:1a2b3c4d-0000-4000-8000-000000000001',
  name: 'feat: parser_v2',
  project: '/work/api',
  tokens: 4_100_000,
  costUSD: 12.4,
  unpricedTokens: 0,
  since: AT,
  lastOutcome: { kind: 'commit.landed', ref: 'abc1234def', at: AT },
  thresholdUSD: 5,
  ...over,
});

describe('spent since the last outcome: status bar and panel', () => {
  it('warns past the threshold, in the issue\'s words, with the task named in the tooltip', () => {
    const f = figures(open());
    assert.equal(openSpendAlert(f)?.taskId, open().taskId);
    assert.equal(statusText(f, 'both'), '$(warning) $12.40 since last outcome · 50.2M · $82.65 · 0 AWU');
    assert.ok(!overBudget(f), 'a separate warning from the budget');
    const tip = statusTooltip(f);
    assert.match(tip, /\$\(warning\) \*\*\$12\.40\*\* \(4,100,000 tokens\) spent by \*feat: parser\\_v2\* in \/work\/api since its last outcome \(commit landed `abc1234def`, 2026-11-25 14:02\): past \$5\.00/);
    assert.match(tip, /Click to open this task in the breakdown\.$/);
    const fresh = figures(open({ lastOutcome: undefined }));
    assert.equal(statusText(fresh, 'cost'), '$(warning) $12.40 since task start · $82.65 · 0 AWU');
    assert.match(statusTooltip(fresh), /since its start \(2026-11-25 14:02\), no outcome yet/);
    assert.equal(statusText(figures(open({ unpricedTokens: 5 })), 'cost'), '$(warning) $12.40+? since last outcome · $82.65 · 0 AWU');
  });

  it('says nothing in the text under the threshold or when turned off, and the tooltip names the running task while on', () => {
    const under = figures(open({ costUSD: 4.99 }));
    assert.equal(openSpendAlert(under), undefined);
    assert.equal(statusText(under, 'both'), '$(pulse) 50.2M · $82.65 · 0 AWU');
    assert.match(statusTooltip(under), /^Running task: \*\*\$4\.99\*\*/m);
    assert.match(statusTooltip(under), /Click for the breakdown\.$/);
    const off = figures(open({ thresholdUSD: 0 }));
    assert.equal(openSpendAlert(off), undefined);
    assert.equal(statusText(off, 'both'), '$(pulse) 50.2M · $82.65 · 0 AWU');
    assert.doesNotMatch(statusTooltip(off), /Running task|spent by/);
    assert.equal(statusText(figures(open({ costUSD: 5 })), 'both'), '$(pulse) 50.2M · $82.65 · 0 AWU', 'passing means more than the threshold');
  });

  it('gives the panel the same figure, valid under the protocol', () => {
    const query: PanelQuery = { range: { kind: 'thisWeek' }, project: null, source: null };
    const dto = panelOpenSpend(open({ unpricedTokens: 3 }));
    assert.deepEqual(dto, {
      taskId: open().taskId,
      name: 'feat: parser_v2',
      project: '/work/api',
      tokens: 4_100_000,
      costUSD: 12.4,
      costIsLowerBound: true,
      since: '2026-11-25T14:02:00.000Z',
      lastOutcome: { kind: 'commit.landed', ref: 'abc1234def', at: '2026-11-25T14:02:00.000Z' },
      thresholdUSD: 5,
    });
    assert.ok(panelDataSchema.safeParse({ ...panelData(query), openSpend: dto }).success);
    assert.ok(!panelDataSchema.safeParse({ ...panelData(query), openSpend: { ...dto, costUSD: -1 } }).success);
    assert.equal(panelOpenSpend(open({ lastOutcome: undefined })).lastOutcome, undefined);
  });

  it('asks the webview to show a task: at once when it is ready, else right after it says ready', async () => {
    const posted: ToWebview[] = [];
    const s = new PanelSession({ provider: (q) => Promise.resolve(panelData(q)), post: (m) => posted.push(m), runExport: () => Promise.resolve(), openFile: () => undefined, log: () => undefined });
    s.selectTask('claude:early');
    assert.equal(posted.length, 0, 'nothing is posted before the webview listens');
    await s.receive({ type: 'ready', v: 1, query: { range: { kind: 'today' }, project: null, source: null } });
    assert.deepEqual(posted.map((m) => m.type), ['selectTask', 'data']);
    assert.deepEqual(posted[0], { type: 'selectTask', taskId: 'claude:early' });
    s.selectTask('claude:later');
    assert.deepEqual(posted[2], { type: 'selectTask', taskId: 'claude:later' });
    assert.ok(posted.every((m) => toWebviewSchema.safeParse(m).success));
  });
});
