import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Pricer } from '../../src/core/pricing/pricing';
import { usagePanelData } from '../../src/extension/panel/usageReportProvider';
import { panelDataSchema, type PanelQuery } from '../../src/shared/protocol';
import { assistantLine } from './helpers/claudeLines';
import { scan, tempDir, writeLines } from './helpers/engine';

describe('interim panel data from the usage index', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');
  const week: PanelQuery = { range: { kind: 'thisWeek' }, project: null, source: null };

  async function store(): Promise<Awaited<ReturnType<typeof scan>>['store']> {
    const claude = tempDir();
    const line = (sessionId: string, cwd: string, n: number, timestamp: string, input: number): string =>
      assistantLine({ sessionId, cwd, messageId: `m${sessionId}${n}`, requestId: `r${sessionId}${n}`, timestamp, input, output: 10, model: 'claude-sonnet-4-5' });
    writeLines(join(claude, 'projects', '-work-alpha', 'a.jsonl'), [
      line('a', '/work/alpha', 1, '2026-11-23T09:00:00Z', 100),
      line('a', '/work/alpha', 2, '2026-11-24T09:00:00Z', 200),
      line('a', '/work/alpha', 3, '2026-11-10T09:00:00Z', 5000), // an earlier week
    ]);
    writeLines(join(claude, 'projects', '-work-beta', 'b.jsonl'), [line('b', '/work/beta', 1, '2026-11-24T10:00:00Z', 1000)]);
    return (await scan({ claude })).store;
  }

  it('answers with one task per session, every day of the range, totals and diagnostics', async () => {
    const d = usagePanelData(await store(), week, { timeZone: 'UTC', weekStartsOn: 1, pricer: new Pricer(), now });
    panelDataSchema.parse(d);
    assert.equal(d.start, '2026-11-23');
    assert.equal(d.end, '2026-11-29');
    assert.equal(d.days.length, 7);
    assert.deepEqual(d.days.slice(0, 3).map((x) => x.bySource.map((b) => b.tokens)), [[110], [210 + 1010], []]);
    assert.deepEqual(d.tasks.map((t) => [t.id, t.project, t.tokens.total, t.awu]), [['claude:a', '/work/alpha', 320, 0], ['claude:b', '/work/beta', 1010, 0]]);
    assert.equal(d.totals.tokens, 1330);
    assert.equal(d.totals.awu, 0);
    assert.equal(d.totals.tokensPerAwu, null);
    assert.ok(d.totals.costUSD !== null && d.totals.costUSD > 0);
    assert.deepEqual(d.noOutcomeSpend.map((r) => r.taskId), ['claude:b', 'claude:a']);
    assert.deepEqual(d.available, { projects: ['/work/alpha', '/work/beta'], sources: ['claude'] });
    assert.equal(d.diagnostics.filesRead, 2);
  });

  it('filters by project and source, keeping the filter choices of the whole range', async () => {
    const s = await store();
    const alpha = usagePanelData(s, { ...week, project: '/work/alpha' }, { timeZone: 'UTC', weekStartsOn: 1, pricer: new Pricer(), now });
    assert.deepEqual(alpha.tasks.map((t) => t.id), ['claude:a']);
    assert.equal(alpha.days[1]!.bySource[0]!.tokens, 210);
    assert.deepEqual(alpha.available.projects, ['/work/alpha', '/work/beta']);
    const codex = usagePanelData(s, { ...week, source: 'codex' }, { timeZone: 'UTC', weekStartsOn: 1, pricer: new Pricer(), now });
    assert.equal(codex.tasks.length, 0);
    assert.equal(codex.totals.tokens, 0);
    const earlier = usagePanelData(s, { ...week, range: { kind: 'custom', since: '2026-11-10', until: '2026-11-10' } }, { timeZone: 'UTC', weekStartsOn: 1, pricer: new Pricer(), now });
    assert.equal(earlier.totals.tokens, 5010);
  });
});
