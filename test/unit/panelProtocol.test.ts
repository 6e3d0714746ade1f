import { strict as assert } from 'node:assert';
import { panelViewStateSchema, toHostSchema, toWebviewSchema } from '../../src/shared/protocol';
import { panelData, prPanelData } from '../browser/fixtures/panelData';

describe('panel protocol', () => {
  it('round-trips panel data through JSON unchanged', () => {
    const msg = { type: 'data', data: panelData() };
    assert.deepEqual(toWebviewSchema.parse(JSON.parse(JSON.stringify(msg))), msg);
  });

  it("round-trips a PR's commits and the PR a commit landed through, with and without subjects", () => {
    for (const data of [prPanelData(), prPanelData(false)]) {
      const msg = { type: 'data', data };
      assert.deepEqual(toWebviewSchema.parse(JSON.parse(JSON.stringify(msg))), msg);
    }
    const pr = prPanelData().outcomes.find((o) => o.prCommits)!;
    assert.equal(pr.prCommits!.length, 4);
    const withOutcome = (o: unknown): boolean => toWebviewSchema.safeParse({ type: 'data', data: { ...panelData(), outcomes: [o] } }).success;
    assert.equal(withOutcome(pr), true);
    assert.equal(withOutcome({ ...pr, prCommits: [{ ref: 'aa11111', taskId: 'claude:x' }] }), false, 'a commit without who made it');
    assert.equal(withOutcome({ ...pr, prCommits: [{ ...pr.prCommits![0], subject: 7 }] }), false);
    assert.equal(withOutcome({ ...pr, prCommits: 'aa11111' }), false);
    assert.equal(withOutcome({ ...pr, viaPr: 12 }), false, 'viaPr is the PR\'s name, "#12"');
  });

  it('accepts the webview messages and rejects malformed ones', () => {
    const query = { range: { kind: 'custom', since: '2026-11-01', until: '2026-11-15' }, project: null, source: 'claude' };
    for (const m of [{ type: 'ready', v: 1, query }, { type: 'query', query }, { type: 'export', format: 'csv' }, { type: 'openFile', path: '/a.jsonl' }]) {
      assert.ok(toHostSchema.safeParse(m).success, JSON.stringify(m));
    }
    for (const m of [
      { type: 'ready', v: 2, query },
      { type: 'query', query: { ...query, range: { kind: 'custom', since: '2026-11-15', until: '2026-11-01' } } },
      { type: 'query', query: { ...query, range: { kind: 'custom', since: '15/11/2026', until: '2026-11-20' } } },
      { type: 'query', query: { ...query, range: { kind: 'yesterday' } } },
      { type: 'export', format: 'pdf' },
      { type: 'runCommand', command: 'rm -rf /' },
      null,
      'ready',
    ]) {
      assert.equal(toHostSchema.safeParse(m).success, false, JSON.stringify(m));
    }
  });

  it('rejects data with negative counts or a newer schema version', () => {
    const d = panelData();
    assert.equal(toWebviewSchema.safeParse({ type: 'data', data: { ...d, totals: { ...d.totals, tokens: -1 } } }).success, false);
    assert.equal(toWebviewSchema.safeParse({ type: 'data', data: { ...d, schemaVersion: 2 } }).success, false);
    assert.equal(toWebviewSchema.safeParse({ type: 'data', data: { ...d, tasks: [{ ...d.tasks[0], tokens: { total: 1.5 } }] } }).success, false);
  });

  it('parses the saved view state the serializer gets back', () => {
    const state = { v: 1, query: { range: { kind: 'lastWeek' }, project: '/work/alpha', source: null }, sort: { key: 'tokens', dir: 'desc' }, filterText: 'x', openTaskId: null, data: panelData() };
    assert.ok(panelViewStateSchema.safeParse(JSON.parse(JSON.stringify(state))).success);
    assert.equal(panelViewStateSchema.safeParse({ ...state, sort: { key: 'prompt', dir: 'desc' } }).success, false);
  });
});
