import { strict as assert } from 'node:assert';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCES } from '../../src/core/sources/registry';
import { chatRequest, session, terminalRun, workspace } from './helpers/copilotChatSessions';
import { tempDir } from './helpers/engine';
import { reportOf, scanSources } from './helpers/geminiLines';

const T0 = Date.parse('2026-09-20T10:00:00Z');

async function chat(appData: string, cache?: string) {
  return scanSources(['copilot-chat'], { VSCODE_APPDATA: appData }, cache ? { cache } : {});
}

describe('GitHub Copilot Chat (VS Code) usage', () => {
  it('counts requests per model with zero tokens, project from workspace.json, and says tokens are unavailable', async () => {
    const appData = tempDir();
    const dir = workspace(appData, 'a1b2c3', '/home/dev/app');
    writeFileSync(join(dir, 's1.json'), JSON.stringify(session('s1', T0, [
      chatRequest({ id: 'r1', timestamp: T0 + 1000, modelId: 'copilot/claude-sonnet-4.5' }),
      chatRequest({ id: 'r2', timestamp: T0 + 60_000, details: 'GPT-5 • 1x' }),
      chatRequest({ id: 'r3', timestamp: T0 + 120_000, modelId: 'copilot/gpt-5', usage: { promptTokens: 1200, completionTokens: 300 } }),
    ])));
    mkdirSync(join(appData, 'Code', 'User', 'globalStorage', 'emptyWindowChatSessions'), { recursive: true });
    writeFileSync(join(appData, 'Code', 'User', 'globalStorage', 'emptyWindowChatSessions', 's2.json'), JSON.stringify(session('s2', T0, [chatRequest({ id: 'r1', timestamp: T0 + 5000, modelId: 'copilot/gpt-5' })])));
    const result = await chat(appData);
    const r = reportOf(result, ['copilot-chat']);
    const src = r.rows[0]!.bySource['copilot-chat']!;
    assert.deepEqual([src.records, src.inputTokens, src.outputTokens], [4, 1200, 300]);
    const s = reportOf(result, ['copilot-chat'], 'session').rows;
    assert.deepEqual(s.map((x) => [x.key.split('\u0000')[1], x.projects, x.models]), [
      ['s2', [''], ['gpt-5']],
      ['s1', ['/home/dev/app'], ['claude-sonnet-4.5', 'gpt-5']],
    ]);
    assert.equal(SOURCES['copilot-chat'].tokensUnavailable, true);
  });

  it('replays the .jsonl op log (whole session, set at a path, append to requests) and is read again when it grows', async () => {
    const appData = tempDir();
    const cache = tempDir();
    const file = join(workspace(appData, 'ws', '/home/dev/api'), 's3.jsonl');
    const ops = [
      { kind: 0, v: session('s3', T0, [chatRequest({ id: 'r1', timestamp: T0, modelId: 'copilot/gpt-5' })]) },
      { kind: 1, k: ['inputState', 'inputText'], v: 'Hey' },
      { kind: 2, k: ['requests'], v: [chatRequest({ id: 'r2', timestamp: T0 + 1000, modelId: 'copilot/gpt-5' })] },
    ];
    writeFileSync(file, ops.map((o) => `${JSON.stringify(o)}\n`).join(''));
    let r = reportOf(await chat(appData, cache), ['copilot-chat']);
    assert.equal(r.totals.records, 2);
    appendFileSync(file, `${JSON.stringify({ kind: 2, k: ['requests'], v: [chatRequest({ id: 'r3', timestamp: T0 + 2000, modelId: 'copilot/claude-sonnet-4.5' })] })}\n`);
    // A request replaced at an index (the last one rewritten) counts once.
    appendFileSync(file, `${JSON.stringify({ kind: 2, k: ['requests'], i: 2, v: [chatRequest({ id: 'r3', timestamp: T0 + 2000, modelId: 'copilot/claude-sonnet-4.5' })] })}\n{"kind":1,"k":`);
    r = reportOf(await chat(appData, cache), ['copilot-chat']);
    assert.equal(r.totals.records, 3);
    assert.equal(r.diagnostics.skippedLines, 0);
  });

  it('reports terminal runs with their exit codes and edits', async () => {
    const appData = tempDir();
    const dir = workspace(appData, 'ws', '/home/dev/web');
    writeFileSync(join(dir, 's1.json'), JSON.stringify(session('s1', T0, [
      chatRequest({ id: 'r1', timestamp: T0, modelId: 'copilot/gpt-5', response: [terminalRun('npm test', 1), { kind: 'textEditGroup', uri: { path: '/home/dev/web/a.ts' }, edits: [], done: true }, terminalRun('git commit -m fix', 0), terminalRun('ls')] }),
    ])));
    const runs = (await chat(appData)).store.activity.events.map((a) => [a.kind, a.label, a.exitCode, a.cwd]);
    assert.deepEqual(runs.sort(), [['commit', 'git commit', 0, '/home/dev/web'], ['edit', 'Edit', undefined, '/home/dev/web'], ['test', 'npm test', 1, '/home/dev/web']].sort());
  });

  it('finds chatSessions of every VS Code build on each platform', () => {
    const home = tempDir();
    const cfg = join(home, '.config');
    const ws = join(cfg, 'Code - Insiders', 'User', 'workspaceStorage', 'w1', 'chatSessions');
    mkdirSync(ws, { recursive: true });
    mkdirSync(join(cfg, 'Code', 'User', 'workspaceStorage', 'w2'), { recursive: true });
    const roots = SOURCES['copilot-chat'].roots({ env: {}, home, platform: 'linux' });
    assert.ok(roots.includes(ws));
    assert.ok(roots.includes(join(cfg, 'Code', 'User', 'globalStorage', 'emptyWindowChatSessions')));
    assert.ok(!roots.some((r) => r.includes('w2')));
    assert.ok(SOURCES['copilot-chat'].roots({ env: {}, home: '/Users/dev', platform: 'darwin' }).includes(join('/Users/dev', 'Library', 'Application Support', 'Code', 'User', 'globalStorage', 'emptyWindowChatSessions')));
    assert.ok(SOURCES['copilot-chat'].roots({ env: { APPDATA: 'C:\\Users\\dev\\AppData\\Roaming' }, home: 'C:\\Users\\dev', platform: 'win32' }).includes(join('C:\\Users\\dev\\AppData\\Roaming', 'Code', 'User', 'globalStorage', 'emptyWindowChatSessions')));
  });
});
