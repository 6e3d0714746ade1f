// The host's side of the panel conversation, driven with real messages and a provider that answers
// when the test says so.
import { strict as assert } from 'node:assert';
import { type PanelSessionDeps, PanelSession } from '../../src/extension/panel/panelSession';
import type { ExportFormat, PanelData, PanelQuery, ToWebview } from '../../src/shared/protocol';
import { panelData } from '../browser/fixtures/panelData';

const week: PanelQuery = { range: { kind: 'thisWeek' }, project: null, source: null };

function session(overrides: Partial<PanelSessionDeps> = {}): { s: PanelSession; posted: ToWebview[]; logs: string[]; exports: ExportFormat[]; opened: string[] } {
  const posted: ToWebview[] = [];
  const logs: string[] = [];
  const exports: ExportFormat[] = [];
  const opened: string[] = [];
  const s = new PanelSession({
    provider: (q) => Promise.resolve(panelData(q)),
    post: (m) => posted.push(m),
    runExport: (f) => Promise.resolve(exports.push(f)),
    openFile: (p) => opened.push(p),
    log: (m) => logs.push(m),
    ...overrides,
  });
  return { s, posted, logs, exports, opened };
}

describe('panel session (host side)', () => {
  it('answers ready and query with the provider\'s data for that query', async () => {
    const { s, posted } = session();
    await s.refresh(); // before ready: nothing to answer
    assert.equal(posted.length, 0);
    await s.receive({ type: 'ready', v: 1, query: week });
    await s.receive({ type: 'query', query: { ...week, project: '/work/alpha' } });
    assert.deepEqual(posted.map((m) => m.type === 'data' && m.data.tasks.length), [5, 2]);
    await s.refresh();
    assert.equal(posted.length, 3);
    assert.equal(posted[2]!.type === 'data' && posted[2]!.data.query.project, '/work/alpha');
  });

  it('drops an answer that arrives after a newer question', async () => {
    const waiting: ((d: PanelData) => void)[] = [];
    const { s, posted } = session({ provider: (q) => new Promise((resolve) => waiting.push(() => resolve(panelData(q)))) });
    const first = s.receive({ type: 'ready', v: 1, query: week });
    const second = s.receive({ type: 'query', query: { ...week, source: 'codex' } });
    waiting[1]!(panelData());
    waiting[0]!(panelData());
    await Promise.all([first, second]);
    assert.equal(posted.length, 1);
    assert.equal(posted[0]!.type === 'data' && posted[0]!.data.query.source, 'codex');
  });

  it('rejects and logs invalid messages', async () => {
    const { s, posted, logs, exports } = session();
    for (const m of [null, 'ready', { type: 'ready', v: 99, query: week }, { type: 'export', format: 'pdf' }, { type: 'query', query: { range: { kind: 'forever' } } }]) await s.receive(m);
    assert.equal(posted.length, 0);
    assert.equal(exports.length, 0);
    assert.equal(logs.filter((l) => l.startsWith('AWU panel: ignored an invalid message')).length, 5);
  });

  it('forwards exports and reports a failed one', async () => {
    const ok = session();
    await ok.s.receive({ type: 'export', format: 'csv' });
    assert.deepEqual(ok.exports, ['csv']);
    const failing = session({ runExport: () => Promise.reject(new Error("command 'awuMeter.exportWeek' not found")) });
    await failing.s.receive({ type: 'export', format: 'markdown' });
    assert.deepEqual(failing.posted, [{ type: 'error', message: "Export failed: command 'awuMeter.exportWeek' not found" }]);
  });

  it('opens only the log files it named', async () => {
    const { s, opened, logs } = session();
    await s.receive({ type: 'openFile', path: '/home/dev/.claude/projects/-work-alpha/a1b2c3d4.jsonl' });
    assert.deepEqual(opened, [], 'nothing was sent yet');
    await s.receive({ type: 'ready', v: 1, query: week });
    await s.receive({ type: 'openFile', path: '/home/dev/.claude/projects/-work-alpha/a1b2c3d4.jsonl' });
    await s.receive({ type: 'openFile', path: '/etc/passwd' });
    assert.deepEqual(opened, ['/home/dev/.claude/projects/-work-alpha/a1b2c3d4.jsonl']);
    assert.equal(logs.filter((l) => l.includes('refused to open')).length, 2);
  });

  it('turns provider failures and invalid provider data into error messages', async () => {
    const throwing = session({ provider: () => Promise.reject(new Error('index locked')) });
    await throwing.s.receive({ type: 'ready', v: 1, query: week });
    assert.deepEqual(throwing.posted, [{ type: 'error', message: 'Could not load the breakdown: index locked' }]);
    const invalid = session({ provider: () => Promise.resolve({ ...panelData(), totals: { ...panelData().totals, tokens: -5 } }) });
    await invalid.s.receive({ type: 'ready', v: 1, query: week });
    assert.deepEqual(invalid.posted, [{ type: 'error', message: 'The breakdown data was invalid (see the AWU Meter log).' }]);
    assert.ok(invalid.logs.some((l) => l.startsWith('AWU panel: the data provider returned invalid data')));
  });

  it('posts nothing once closed', async () => {
    const { s, posted } = session();
    await s.receive({ type: 'ready', v: 1, query: week });
    s.close();
    await s.refresh();
    assert.equal(posted.length, 1);
  });
});
