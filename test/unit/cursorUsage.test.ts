import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCES } from '../../src/core/sources/registry';
import { writeCursorDb } from './helpers/cursorDb';
import { tempDir } from './helpers/engine';
import { reportOf, scanSources } from './helpers/geminiLines';

const C1 = '3f2a1b4c-5d6e-4f70-8192-a3b4c5d6e7f8';

function dbPath(appData: string): string {
  return join(appData, 'Cursor', 'User', 'globalStorage', 'state.vscdb');
}

async function cursor(appData: string, cache?: string) {
  return scanSources(['cursor'], { VSCODE_APPDATA: appData }, cache ? { cache } : {});
}

describe('Cursor usage (best effort)', () => {
  it('counts assistant messages that have token counts, with the composer\'s workspace and model', async () => {
    const appData = tempDir();
    writeCursorDb(dbPath(appData), {
      composers: [{ id: C1, createdAt: Date.parse('2026-09-20T10:00:00Z'), model: 'claude-4-sonnet', workspace: '/home/dev/app' }],
      bubbles: [
        { composer: C1, id: 'b1', type: 1, createdAt: '2026-09-20T10:00:01.000Z' },
        { composer: C1, id: 'b2', type: 2, createdAt: '2026-09-20T10:00:05.000Z', model: 'gpt-5', tokens: { input: 5200, output: 640 } },
        { composer: C1, id: 'b3', type: 2, createdAt: '2026-09-20T10:00:09.000Z', tokens: { input: 100, output: 20 } },
        { composer: C1, id: 'b4', type: 2, createdAt: '2026-09-20T10:00:10.000Z' },
      ],
    });
    assert.ok(existsSync(`${dbPath(appData)}-wal`));
    const result = await cursor(appData);
    const r = reportOf(result, ['cursor']);
    assert.deepEqual([r.totals.inputTokens, r.totals.outputTokens, r.totals.records], [5300, 660, 2]);
    const s = reportOf(result, ['cursor'], 'session').rows[0]!;
    assert.equal(s.key.split('\u0000')[1], C1);
    assert.deepEqual(s.projects, ['/home/dev/app']);
    assert.deepEqual(s.models, ['claude-4-sonnet', 'gpt-5']);
    assert.ok(SOURCES.cursor.approximate);
  });

  it('replaces its counts when the database changes', async () => {
    const appData = tempDir();
    const cache = tempDir();
    const composers = [{ id: C1, createdAt: Date.parse('2026-09-20T10:00:00Z') }];
    writeCursorDb(dbPath(appData), { composers, bubbles: [{ composer: C1, id: 'b1', type: 2, createdAt: '2026-09-20T10:00:05.000Z', tokens: { input: 10, output: 1 } }] });
    assert.equal(reportOf(await cursor(appData, cache), ['cursor']).totals.totalTokens, 11);
    writeCursorDb(dbPath(appData), { composers, bubbles: [{ composer: C1, id: 'b1', type: 2, createdAt: '2026-09-20T10:00:05.000Z', tokens: { input: 20, output: 2 } }, { composer: C1, id: 'b2', type: 2, createdAt: '2026-09-20T10:01:05.000Z', tokens: { input: 1, output: 1 } }] });
    assert.equal(reportOf(await cursor(appData, cache), ['cursor']).totals.totalTokens, 24);
  });

  it('reports terminal commands with their exit codes and completed edits', async () => {
    const appData = tempDir();
    const at = '2026-09-20T10:00:05.000Z';
    writeCursorDb(dbPath(appData), {
      composers: [{ id: C1, createdAt: Date.parse('2026-09-20T10:00:00Z'), workspace: '/home/dev/web' }],
      bubbles: [
        { composer: C1, id: 'b1', type: 2, createdAt: at, tool: { tool: 15, name: 'run_terminal_command_v2', params: JSON.stringify({ command: 'npm test', cwd: '/home/dev/web/pkg' }), result: JSON.stringify({ output: '1 failing', exitCode: 1 }), status: 'completed' } },
        { composer: C1, id: 'b2', type: 2, createdAt: at, tool: { tool: 15, name: 'run_terminal_command_v2', params: { command: 'git commit -m x' }, result: { output: '', exitCode: 0 }, status: 'completed' } },
        { composer: C1, id: 'b3', type: 2, createdAt: at, tool: { tool: 7, name: 'edit_file', params: { target_file: 'a.ts' }, status: 'completed' } },
        { composer: C1, id: 'b4', type: 2, createdAt: at, tool: { tool: 15, name: 'run_terminal_command_v2', params: { command: 'pytest' }, result: { rejected: true }, status: 'error' } },
      ],
    });
    const runs = (await cursor(appData)).store.activity.events.map((a) => [a.kind, a.label, a.exitCode, a.cwd]);
    assert.deepEqual(runs.sort(), [
      ['commit', 'git commit', 0, '/home/dev/web'],
      ['edit', 'Edit', undefined, '/home/dev/web'],
      ['test', 'npm test', 1, '/home/dev/web/pkg'],
      ['test', 'pytest', undefined, '/home/dev/web'],
    ].sort());
  });

  it('finds Cursor\'s global state on each platform', () => {
    assert.deepEqual(SOURCES.cursor.roots({ env: {}, home: '/home/dev', platform: 'linux' }), [join('/home/dev', '.config', 'Cursor', 'User', 'globalStorage')]);
    assert.deepEqual(SOURCES.cursor.roots({ env: {}, home: '/Users/dev', platform: 'darwin' }), [join('/Users/dev', 'Library', 'Application Support', 'Cursor', 'User', 'globalStorage')]);
    assert.deepEqual(SOURCES.cursor.roots({ env: { APPDATA: 'C:\\Users\\dev\\AppData\\Roaming' }, home: 'C:\\Users\\dev', platform: 'win32' }), [join('C:\\Users\\dev\\AppData\\Roaming', 'Cursor', 'User', 'globalStorage')]);
  });
});
