// Privacy, checked end to end: Claude Code and Codex logs and a git repository carry sentinel strings in
// prompts, replies, reasoning, command lines, tool outputs, file contents (written, edited, read,
// patched, committed), commit bodies and unusable lines (helpers/sentinelLogs.ts). The whole pipeline
// runs over them (the built CLI's every report and export, the engine's analysis with its git caches, the
// panel's data, the editor's own index) and no sentinel may appear in anything it prints or writes.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeTasks } from '../../src/core/outcomes/analyzeTasks';
import { Pricer } from '../../src/core/pricing/pricing';
import { buildWeekSummary } from '../../src/core/report/week/buildWeekSummary';
import { ZoneCalendar } from '../../src/core/time/zone';
import type { SourceId } from '../../src/core/types';
import { analysisPanelData, rangeBounds } from '../../src/extension/panel/analysisPanelData';
import { sourceRoots, UsageIndex } from '../../src/extension/usageIndex';
import { min } from './helpers/claudeSession';
import { scan, tempDir } from './helpers/engine';
import { S, SENTINEL, sentinelFixture, type SentinelFixture } from './helpers/sentinelLogs';
import { filesUnder, findIn, findInFiles, type Leak } from './helpers/sentinelSearch';

const CLI = resolve('dist/cli.js');

const show = (leaks: Leak[]): string => leaks.map((l) => `${l.where}: …${l.context}…`).join('\n');

describe('privacy: no prompt, output, file content or commit body reaches the index, a cache or an export', function () {
  let fx: SentinelFixture;
  let env: Record<string, string>;
  let cacheDir: string;
  let outDir: string;
  const printed: { name: string; text: string }[] = [];

  before(function () {
    if (!existsSync(CLI)) execFileSync(process.execPath, ['esbuild.config.mjs'], { stdio: 'inherit' });
    fx = sentinelFixture();
    cacheDir = tempDir('awu-privacy-cache-');
    outDir = tempDir('awu-privacy-out-');
    env = { ...fx.gitEnv, PATH: process.env.PATH ?? '', CLAUDE_CONFIG_DIR: fx.claudeRoot, CODEX_HOME: fx.codexHome, AWU_METER_CACHE_DIR: cacheDir, TZ: 'UTC' };
  });

  function cli(args: string[]): string {
    const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
    assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    printed.push({ name: `awu-meter ${args.join(' ')} (stdout)`, text: r.stdout }, { name: `awu-meter ${args.join(' ')} (stderr)`, text: r.stderr });
    return r.stdout;
  }

  it('the fixture does carry every sentinel into the logs and the repository', () => {
    const logs = [...filesUnder(fx.claudeRoot), ...filesUnder(fx.codexHome)].map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const s of Object.values(S)) assert.ok(logs.includes(s), `${s} is in the logs`);
    const history = fx.repo.git('log', '--format=%B', '-p');
    assert.ok(history.includes(S.commitBody) && history.includes(S.fileContent), 'commit bodies and file contents carry sentinels');
    assert.ok(!fx.repo.git('log', '--format=%s').includes(SENTINEL), 'subjects (shown by design) carry none');
  });

  it('every CLI command reads the sessions, their tool runs and the commits, and prints no sentinel', () => {
    const range = ['--since', '2026-03-01', '--until', '2026-03-03', '--tz', 'UTC'];
    for (const cmd of ['daily', 'session', 'project']) cli([cmd, ...range]);
    for (const cmd of ['weekly', 'monthly', 'session', 'project']) cli([cmd, ...range, '--json']);
    // The runs read what the fixture holds (so a clean result is not an empty one): both sessions with
    // their tokens, the green test runs and the commits linked by their tool calls, the broken lines counted.
    const daily = JSON.parse(cli(['daily', ...range, '--json'])) as { totals: { totalTokens: number }; diagnostics: unknown };
    assert.ok(daily.totals.totalTokens > 10_000, `tokens read: ${daily.totals.totalTokens}`);
    const tasks = JSON.parse(cli(['tasks', ...range, '--json'])) as { tasks: { id: string; outcomes: { kind: string; awu: number; evidence: string }[] }[] };
    const kinds = (id: string): string[] => [...new Set(tasks.tasks.find((t) => t.id === id)?.outcomes.filter((o) => o.awu > 0).map((o) => o.kind))].sort();
    assert.deepEqual(kinds(`claude:${fx.claudeId}`), ['commit.landed', 'tests.passed'], 'the Claude session ran the tests and made a commit');
    assert.deepEqual(kinds(`codex:${fx.codexId}`), ['commit.landed', 'tests.passed'], 'the Codex session ran the tests and made a commit');
    cli(['tasks', ...range]);
    for (const format of ['md', 'csv', 'json', 'html']) cli(['week', '--week', '2026-W10', '--tz', 'UTC', '--format', format, '--out', join(outDir, `week.${format}`)]);
    cli(['week', '--week', '2026-W10', '--tz', 'UTC']);
    assert.match(readFileSync(join(outDir, 'week.md'), 'utf8'), /feat: parser/, 'subjects are shown, bodies are not');
    const leaks = printed.flatMap((p) => findIn(Buffer.from(p.text, 'utf8'), SENTINEL, p.name));
    assert.deepEqual(leaks, [], show(leaks));
  });

  it('no sentinel in any file the CLI wrote: its index, activity log, git caches and the exports', () => {
    assert.ok(filesUnder(cacheDir).length > 0, 'the CLI saved its index and caches');
    const leaks = [...findInFiles(cacheDir, SENTINEL), ...findInFiles(outDir, SENTINEL)];
    assert.deepEqual(leaks, [], show(leaks));
  });

  it('no sentinel in what the engine and the editor keep and show: the analysis, the panel data, the week summary, the editor index', async () => {
    const engineCache = tempDir('awu-privacy-engine-');
    const { store } = await scan({ claude: fx.claudeRoot, codex: fx.codexHome, cache: engineCache }, { toolRuns: true });
    const cal = new ZoneCalendar('UTC');
    const opts = { sources: ['claude', 'codex'] as SourceId[], pricer: new Pricer(), calendar: cal, cacheDir: engineCache };
    const analysis = await analyzeTasks(store, min(0), min(24 * 60), opts);
    assert.ok(analysis.outcomes.length >= 5, 'the analysis found the outcomes');
    const query = { range: { kind: 'thisWeek' as const }, project: null, source: null };
    const bounds = rangeBounds(query.range, min(600), cal, 1);
    const panelAnalysis = await analyzeTasks(store, bounds.from, bounds.to, opts);
    const panel = analysisPanelData(store, panelAnalysis, query, { timeZone: 'UTC', weekStartsOn: 1, pricer: new Pricer(), now: min(600) });
    const week = await buildWeekSummary(store, { ...opts, weekStartsOn: 1, includeSubjects: true, week: '2026-W10' });

    // The editor's index, in its own storage folder, saved as the extension saves it.
    const editorStorage = tempDir('awu-privacy-editor-');
    const index = new UsageIndex({ cacheDir: editorStorage, workerPath: resolve('dist/scanWorker.js'), toolRuns: true });
    const sourceEnv = { env: { CLAUDE_CONFIG_DIR: fx.claudeRoot, CODEX_HOME: fx.codexHome }, home: '/nonexistent-home', platform: 'linux' as const };
    const update = await index.update({ sources: ['claude', 'codex'], roots: { claude: sourceRoots('claude', sourceEnv, []), codex: sourceRoots('codex', sourceEnv, []) } });
    assert.ok(update.bytesRead > 0 && update.store.activity.events.length >= 4, 'the editor read the logs and their tool runs');
    await index.save();
    await index.dispose();

    const leaks = [
      ...findIn(Buffer.from(JSON.stringify(analysis)), SENTINEL, 'analyzeTasks'),
      ...findIn(Buffer.from(JSON.stringify(panel)), SENTINEL, 'panel data'),
      ...findIn(Buffer.from(JSON.stringify(week)), SENTINEL, 'week summary'),
      ...findIn(Buffer.from(JSON.stringify(store.activity.events)), SENTINEL, 'activity'),
      ...findInFiles(engineCache, SENTINEL),
      ...findInFiles(editorStorage, SENTINEL),
    ];
    assert.ok(filesUnder(editorStorage).length > 0, 'the editor saved its index');
    assert.deepEqual(leaks, [], show(leaks));
  });
});
