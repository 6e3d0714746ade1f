import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assistantLine } from './helpers/claudeLines';
import { sessionMeta, tokenCount, turnContext } from './helpers/codexLines';
import { tempDir, writeLines } from './helpers/engine';

const CLI = resolve('dist/cli.js');

function run(args: string[], env: Record<string, string>): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOME: tempDir(), ...env }, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('the awu-meter CLI', function () {
  before(function () {
    if (!existsSync(CLI)) execFileSync(process.execPath, ['esbuild.config.mjs'], { stdio: 'inherit' });
  });

  function fixture(): Record<string, string> {
    const claude = tempDir();
    const codex = tempDir();
    writeLines(join(claude, 'projects', '-home-dev-app', 's1.jsonl'), [
      assistantLine({ sessionId: 's1', messageId: 'm1', requestId: 'r1', timestamp: '2026-09-20T23:30:00Z', input: 10, output: 20, cacheRead: 100, cacheCreation5m: 5 }),
      assistantLine({ sessionId: 's1', messageId: 'm2', requestId: 'r2', timestamp: '2026-09-21T00:30:00Z', input: 1, output: 2 }),
    ]);
    writeLines(join(codex, 'sessions', '2026', '09', '20', 'rollout-2026-09-20T10-00-00-019dabc6-8fef-7681-a054-b5bb75fcb97d.jsonl'), [
      sessionMeta({ id: 'c1', cwd: '/home/dev/api', timestamp: '2026-09-20T10:00:00Z' }),
      turnContext('2026-09-20T10:00:01Z', 'gpt-5'),
      tokenCount('2026-09-20T10:00:02Z', { input: 1000, cached: 600, output: 50, reasoning: 20 }),
    ]);
    return { CLAUDE_CONFIG_DIR: claude, CODEX_HOME: codex, AWU_METER_CACHE_DIR: tempDir() };
  }

  it('prints daily --json in the documented shape, grouped in the given time zone', () => {
    const env = fixture();
    const r = run(['daily', '--json', '--tz', 'UTC'], env);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { days: Record<string, unknown>[]; diagnostics: Record<string, unknown> };
    assert.deepEqual(
      out.days.map((d) => Object.keys(d)),
      [0, 1].map(() => ['date', 'inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheReadTokens', 'reasoningTokens', 'totalTokens', 'costUSD', 'bySource']),
    );
    const [d20, d21] = out.days as Array<Record<string, any>>;
    assert.equal(d20!.date, '2026-09-20');
    assert.equal(d20!.inputTokens, 10 + 400);
    assert.equal(d20!.cacheReadTokens, 100 + 600);
    assert.equal(d20!.cacheCreationTokens, 5);
    assert.equal(d20!.reasoningTokens, 20);
    assert.equal(d20!.totalTokens, 10 + 20 + 100 + 5 + 1050);
    assert.deepEqual(Object.keys(d20!.bySource).sort(), ['claude', 'codex']);
    assert.equal(d20!.bySource.codex.totalTokens, 1050);
    assert.equal(d21!.date, '2026-09-21');
    assert.equal(d21!.totalTokens, 3);
    assert.ok(typeof out.diagnostics === 'object');
    // In New York both Claude lines fall on the 20th.
    const ny = JSON.parse(run(['daily', '--json', '--tz', 'America/New_York', '--source', 'claude'], env).stdout) as { days: { date: string; totalTokens: number }[] };
    assert.deepEqual(ny.days.map((d) => [d.date, d.totalTokens]), [['2026-09-20', 138]]);
  });

  it('filters by --since/--until and prints a readable table', () => {
    const env = fixture();
    const r = run(['daily', '--tz', 'UTC', '--since', '20260921', '--until', '2026-09-21'], env);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /2026-09-21/);
    assert.doesNotMatch(r.stdout, /2026-09-20/);
    const json = JSON.parse(run(['monthly', '--json', '--tz', 'UTC'], env).stdout) as { months: { month: string; totalTokens: number }[] };
    assert.deepEqual(json.months.map((m) => [m.month, m.totalTokens]), [['2026-09', 1188]]);
  });

  it('answers bad arguments with a clear error and exit code 2', () => {
    const env = fixture();
    for (const [args, pattern] of [
      [['daily', '--tz', 'Mars/Olympus'], /time zone/i],
      [['daily', '--source', 'cursor-x'], /Unknown source/],
      [['daily', '--since', '2026-02-30'], /date/i],
      [['yearly'], /Unknown command/],
    ] as const) {
      const r = run([...args], env);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, pattern);
    }
  });

  it('reads the cache on a second run and honours --no-cache', () => {
    const env = fixture();
    const first = JSON.parse(run(['session', '--json'], env).stdout) as { sessions: { sessionId: string; totalTokens: number; project: string }[] };
    const second = JSON.parse(run(['session', '--json'], env).stdout) as typeof first;
    assert.deepEqual(second, first);
    assert.deepEqual(first.sessions.map((s) => [s.sessionId, s.project, s.totalTokens]).sort(), [['c1', '/home/dev/api', 1050], ['s1', '/home/dev/app', 138]]);
    const noCacheDir = tempDir();
    run(['daily', '--no-cache'], { ...env, AWU_METER_CACHE_DIR: noCacheDir });
    assert.equal(existsSync(join(noCacheDir, 'index-v2.bin')), false);
  });
});

describe('the CLI on the bundled demo logs', () => {
  it('reports exactly the per-day, per-source totals the generator recorded in demo/truth.json', () => {
    const truth = JSON.parse(readFileSync('demo/truth.json', 'utf8')) as Record<string, Record<string, Record<string, number>>>;
    const env = { CLAUDE_CONFIG_DIR: resolve('demo/claude'), CODEX_HOME: resolve('demo/codex'), AWU_METER_CACHE_DIR: tempDir() };
    const out = JSON.parse(run(['daily', '--json', '--tz', 'UTC'], env).stdout) as { days: { date: string; bySource: Record<string, Record<string, number>> }[] };
    const ours: Record<string, Record<string, Record<string, number>>> = {};
    for (const day of out.days) for (const [source, t] of Object.entries(day.bySource)) (ours[source] ??= {})[day.date] = t;
    for (const source of ['claude', 'codex']) {
      assert.deepEqual(Object.keys(ours[source] ?? {}).sort(), Object.keys(truth[source] ?? {}).sort(), source);
      for (const [date, expected] of Object.entries(truth[source] ?? {})) {
        for (const [k, v] of Object.entries(expected)) assert.equal(ours[source]![date]![k], v, `${source} ${date} ${k}`);
      }
    }
  });
});
