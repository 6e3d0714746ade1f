import assert from 'node:assert/strict';
import { readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ActivityLog } from '../../src/core/activity/activityLog';
import { createCommandClassifier } from '../../src/core/activity/commandClassifier';
import { UsageStore } from '../../src/core/store/usageStore';
import { bashUseLine, editUseLine, toolResultLine } from './helpers/claudeLines';
import { applyPatchCall, execCall, execOutput, patchApplyEnd, sessionMeta } from './helpers/codexLines';
import { appendLines, scan, tempDir, writeLines } from './helpers/engine';

const S1 = '3f1c6c84-5a4e-4f57-9d2b-1b0d3e2c9a11';
const CODEX_ID = '019dabc6-8fef-7681-a054-b5bb75fcb97d';

function projectFile(root: string, session: string): string {
  return join(root, 'projects', '-home-dev-app', `${session}.jsonl`);
}

describe('command classification', () => {
  const classify = createCommandClassifier();
  const classes = (cmd: string): string[] => classify(cmd).map((c) => `${c.kind}:${c.label}`);

  it('finds test runners behind cd, env assignments, npx and pipes', () => {
    assert.deepEqual(classes('npm test'), ['test:npm test']);
    assert.deepEqual(classes('cd packages/api && CI=1 npx vitest run --reporter dot'), ['test:vitest']);
    assert.deepEqual(classes('pnpm run test:unit 2>&1 | tail -20'), ['test:pnpm run test:unit']);
    assert.deepEqual(classes('python -m pytest -q tests/'), ['test:python -m pytest']);
    assert.deepEqual(classes('go test ./... -run TestX'), ['test:go test']);
    assert.deepEqual(classes('cargo test --all'), ['test:cargo test']);
    assert.deepEqual(classes('./gradlew clean test'), ['test:./gradlew clean test']);
    assert.deepEqual(classes('dotnet test'), ['test:dotnet test']);
  });

  it('finds commits and merges, and keeps both parts of a test-then-commit line', () => {
    assert.deepEqual(classes('git commit -m "fix: npm test; flaky"'), ['commit:git commit']);
    assert.deepEqual(classes('git -C /repo commit -am wip'), ['commit:git commit']);
    assert.deepEqual(classes('npm test && git add -A && git commit -m x'), ['test:npm test', 'commit:git commit']);
    assert.deepEqual(classes('gh pr merge 12 --squash'), ['merge:gh pr merge']);
    assert.deepEqual(classes('git merge --no-ff feature'), ['merge:git merge']);
  });

  it('ignores commands that only mention a test runner', () => {
    assert.deepEqual(classes('echo "npm test"'), []);
    assert.deepEqual(classes('cat package.json | grep test'), []);
    assert.deepEqual(classes('git log --oneline'), []);
    assert.deepEqual(classes('ls -la'), []);
  });

  it('uses configured patterns instead of the defaults', () => {
    const custom = createCommandClassifier(['^bazel test\\b']);
    assert.deepEqual(custom('bazel test //...').map((c) => c.label), ['bazel test']);
    assert.deepEqual(custom('npm test'), []);
  });
});

describe('outcome activity from agent logs', () => {
  it('pairs a Claude tool call with a result that arrives in a later read, and keeps no command text', async () => {
    const root = tempDir();
    const cache = tempDir();
    const file = projectFile(root, S1);
    writeLines(file, [
      bashUseLine({ sessionId: S1, timestamp: '2026-09-20T10:00:00Z', toolUseId: 'toolu_1', command: 'API_TOKEN=sekret-123 npm test -- --grep login', messageId: 'm1', requestId: 'r1' }),
    ]);
    const first = await scan({ claude: root, cache }, { toolRuns: true });
    assert.equal(first.store.activity.size, 0, 'no result yet');
    appendLines(file, [toolResultLine({ sessionId: S1, timestamp: '2026-09-20T10:00:40Z', toolUseId: 'toolu_1', ok: true })]);
    const second = await scan({ claude: root, cache }, { toolRuns: true });
    assert.deepEqual(second.store.activity.events, [
      { source: 'claude', sessionId: S1, cwd: '/home/dev/app', kind: 'test', label: 'npm test', exitCode: 0, at: Date.parse('2026-09-20T10:00:40Z') },
    ]);
    for (const name of readdirSync(cache)) {
      assert.ok(!readFileSync(join(cache, name), 'latin1').includes('sekret'), `${name} holds command text`);
    }
    // Reopened from disk, the activity is still there.
    assert.equal(UsageStore.open(cache).activity.size, 1);
  });

  it('reports successful edits only, and does not duplicate activity when a file is read again', async () => {
    const root = tempDir();
    const cache = tempDir();
    const file = projectFile(root, S1);
    writeLines(file, [
      editUseLine({ sessionId: S1, timestamp: '2026-09-20T11:00:00Z', toolUseId: 'toolu_e1', messageId: 'm1', requestId: 'r1' }),
      toolResultLine({ sessionId: S1, timestamp: '2026-09-20T11:00:01Z', toolUseId: 'toolu_e1', ok: true }),
      editUseLine({ sessionId: S1, timestamp: '2026-09-20T11:01:00Z', toolUseId: 'toolu_e2', tool: 'Write', messageId: 'm2', requestId: 'r2' }),
      toolResultLine({ sessionId: S1, timestamp: '2026-09-20T11:01:01Z', toolUseId: 'toolu_e2', ok: false, text: 'Permission to use Write has been auto-denied' }),
    ]);
    await scan({ claude: root, cache }, { toolRuns: true });
    truncateSync(file, 0);
    await scan({ claude: root, cache }, { toolRuns: true });
    writeLines(file, [
      editUseLine({ sessionId: S1, timestamp: '2026-09-20T11:00:00Z', toolUseId: 'toolu_e1', messageId: 'm1', requestId: 'r1' }),
      toolResultLine({ sessionId: S1, timestamp: '2026-09-20T11:00:01Z', toolUseId: 'toolu_e1', ok: true }),
    ]);
    const again = await scan({ claude: root, cache }, { toolRuns: true });
    assert.deepEqual(again.store.activity.events.map((a) => [a.kind, a.label, a.exitCode]), [['edit', 'Edit', 0]]);
  });

  it('reads Codex apply_patch edits and a command finished in a later read', async () => {
    const home = tempDir();
    const cache = tempDir();
    const file = join(home, 'sessions', '2026', '09', '20', `rollout-2026-09-20T10-00-00-${CODEX_ID}.jsonl`);
    writeLines(file, [
      sessionMeta({ id: CODEX_ID, cwd: '/home/dev/api', timestamp: '2026-09-20T10:00:00Z' }),
      applyPatchCall('2026-09-20T10:00:01Z', 'p1'),
      patchApplyEnd('2026-09-20T10:00:02Z', 'p1', true),
      applyPatchCall('2026-09-20T10:00:03Z', 'p2'),
      patchApplyEnd('2026-09-20T10:00:04Z', 'p2', false),
      execCall('2026-09-20T10:00:05Z', 'c1', 'cargo test'),
    ]);
    await scan({ codex: home, cache }, { toolRuns: true });
    appendLines(file, [execOutput('2026-09-20T10:01:05Z', 'c1', 101)]);
    const result = await scan({ codex: home, cache }, { toolRuns: true });
    assert.deepEqual(
      result.store.activity.events.map((a) => [a.kind, a.label, a.exitCode, a.cwd, a.sessionId]),
      [
        ['edit', 'apply_patch', 0, '/home/dev/api', CODEX_ID],
        ['test', 'cargo test', 101, '/home/dev/api', CODEX_ID],
      ],
    );
  });
});

describe('Claude tool results in every documented shape', () => {
  it('reads exit codes from text-part arrays, results without is_error, and lines in another key order', async () => {
    const root = tempDir();
    const file = projectFile(root, S1);
    const use = (id: string, command: string, ts: string): string => bashUseLine({ sessionId: S1, timestamp: ts, toolUseId: id, command, messageId: `m-${id}`, requestId: `r-${id}` });
    const result = (id: string, ts: string, block: Record<string, unknown>): string =>
      JSON.stringify({ type: 'user', message: { role: 'user', content: [{ tool_use_id: id, type: 'tool_result', ...block }] }, timestamp: ts, sessionId: S1, cwd: '/home/dev/app' });
    // Keys in an order Claude Code does not write: read through the JSON fallback.
    const reordered = JSON.stringify({
      timestamp: '2026-09-20T12:04:00Z',
      sessionId: S1,
      cwd: '/home/dev/app',
      type: 'assistant',
      message: { id: 'm-x', role: 'assistant', model: 'claude-sonnet-4-5-20250929', content: [{ name: 'Bash', input: { command: 'cargo test' }, id: 'toolu_x', type: 'tool_use' }], usage: { input_tokens: 1, output_tokens: 1 } },
      requestId: 'r-x',
    });
    writeLines(file, [
      use('toolu_a', 'npm test', '2026-09-20T12:00:00Z'),
      result('toolu_a', '2026-09-20T12:00:30Z', { content: [{ type: 'text', text: 'Exit code 3\nnpm ERR! Test failed' }], is_error: true }),
      use('toolu_b', 'pytest', '2026-09-20T12:01:00Z'),
      result('toolu_b', '2026-09-20T12:01:30Z', { content: '5 passed in 0.2s' }),
      use('toolu_c', 'go test ./...', '2026-09-20T12:02:00Z'),
      result('toolu_c', '2026-09-20T12:02:30Z', { content: 'Command running in background with ID: 7', is_error: false }),
      use('toolu_d', 'vitest run', '2026-09-20T12:03:00Z'),
      result('toolu_d', '2026-09-20T12:03:30Z', { content: 'Claude requested permissions to use Bash, but you have not granted it yet.', is_error: true }),
      reordered,
      result('toolu_x', '2026-09-20T12:04:30Z', { is_error: false, content: 'ok' }),
    ]);
    const r = await scan({ claude: root, cache: tempDir() }, { toolRuns: true });
    assert.deepEqual(
      r.store.activity.events.map((a) => [a.label, a.exitCode, new Date(a.at).toISOString().slice(11, 19)]),
      [
        ['npm test', 3, '12:00:30'],
        ['pytest', 0, '12:01:30'],
        ['go test', undefined, '12:02:30'],
        ['vitest', undefined, '12:03:30'],
        ['cargo test', 0, '12:04:30'],
      ],
    );
  });
});

describe('test-command patterns changed in the settings', () => {
  it('classifies what was read before again with the new patterns, without touching usage', async () => {
    const root = tempDir();
    const cache = tempDir();
    writeLines(projectFile(root, S1), [
      bashUseLine({ sessionId: S1, timestamp: '2026-09-20T10:00:00Z', toolUseId: 'toolu_1', command: 'npm test', messageId: 'm1', requestId: 'r1' }),
      toolResultLine({ sessionId: S1, timestamp: '2026-09-20T10:00:10Z', toolUseId: 'toolu_1', ok: true }),
      bashUseLine({ sessionId: S1, timestamp: '2026-09-20T10:01:00Z', toolUseId: 'toolu_2', command: 'bazel test //...', messageId: 'm2', requestId: 'r2' }),
      toolResultLine({ sessionId: S1, timestamp: '2026-09-20T10:01:10Z', toolUseId: 'toolu_2', ok: true }),
    ]);
    const before = await scan({ claude: root, cache }, { toolRuns: true });
    assert.deepEqual(before.store.activity.events.map((a) => a.label), ['npm test']);
    const tokens = before.store.columns.length;
    const after = await scan({ claude: root, cache }, { toolRuns: true, testPatterns: ['^bazel test\\b'] });
    assert.deepEqual(after.store.activity.events.map((a) => a.label), ['bazel test']);
    assert.equal(after.store.columns.length, tokens, 'usage records are not read twice');
    const again = await scan({ claude: root, cache }, { toolRuns: true, testPatterns: ['^bazel test\\b'] });
    assert.equal(again.bytesRead, 0, 'nothing is read again while the patterns stay');
    assert.deepEqual(again.store.activity.events.map((a) => a.label), ['bazel test']);
  });
});

describe('the saved activity log', () => {
  const event = { source: 'claude', sessionId: 's1', cwd: '/home/dev/app', kind: 'test', label: 'npm test', at: 1_790_000_000_000, exitCode: 0 };
  const saved = (events: unknown[]): string => {
    const dir = tempDir();
    writeFileSync(join(dir, 'activity-v1.json'), JSON.stringify({ version: 1, patternsKey: '[]', events }));
    return dir;
  };

  it('loads its events as saved, without keys the schema does not know', () => {
    const log = ActivityLog.load(saved([{ ...event, extra: 'x' }, { ...event, kind: 'edit', label: 'Edit', exitCode: undefined }]));
    assert.deepEqual(log.events, [event, { source: 'claude', sessionId: 's1', cwd: '/home/dev/app', kind: 'edit', label: 'Edit', at: event.at }]);
    assert.equal(log.patternsKey, '[]');
  });

  it('is dropped whole (and rebuilt by the next read) when one event does not fit', () => {
    for (const bad of [{ ...event, kind: 'deploy' }, { ...event, exitCode: 1.5 }, { ...event, source: 'unknown' }, { ...event, at: '1' }, null]) {
      assert.deepEqual(ActivityLog.load(saved([event, bad])).events, [], JSON.stringify(bad));
    }
  });
});
