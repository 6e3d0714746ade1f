// Task names a person recognises (issue 13), on real repositories and real Claude Code transcripts: the
// PR's title (squash, merge commit with and without the title GitHub writes into its message, a PR merged
// after the range), else the first landed or local commit's subject (and a rebase merge, which carries
// no title), else the branch when it is not the default one, else `project · weekday HH:MM` in the
// user's zone; and the same name in `tasks`, `session` (with its project column) and the weekly exports.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { analyzeTasks, type TaskAnalysis } from '../../src/core/outcomes/analyzeTasks';
import { Pricer } from '../../src/core/pricing/pricing';
import { ZoneCalendar } from '../../src/core/time/zone';
import { ClaudeSession, min } from './helpers/claudeSession';
import { scan, tempDir } from './helpers/engine';
import { Forge } from './helpers/forge';
import { GitRepo, isolatedGitEnv } from './helpers/gitRepo';

const CLI = resolve('dist/cli.js');
const DAY_MIN = 24 * 60;
const A = 'a1b2c3d4-0000-4000-8000-00000000000a';
const B = 'b1b2c3d4-0000-4000-8000-00000000000b';

async function analyze(sessions: ClaudeSession[], opts: { fromMin?: number; toMin?: number; timeZone?: string; withoutSubjects?: boolean } = {}): Promise<TaskAnalysis> {
  const root = tempDir();
  for (const s of sessions) s.write(root);
  const { store } = await scan({ claude: root, cache: tempDir() }, { toolRuns: true });
  return analyzeTasks(store, min(opts.fromMin ?? 0), min(opts.toMin ?? DAY_MIN), {
    sources: ['claude'],
    pricer: new Pricer(),
    calendar: new ZoneCalendar(opts.timeZone ?? 'UTC'),
    ...(opts.withoutSubjects ? { namesWithoutSubjects: true } : {}),
  });
}

/** Name and the rule that gave it, of the session's task. */
function nameOf(a: TaskAnalysis, sessionId: string): [string, string] {
  const t = a.tasks.find((x) => x.id === `claude:${sessionId}`);
  assert.ok(t, `task of ${sessionId} in ${a.tasks.map((x) => x.id).join(', ')}`);
  return [t.name, t.nameFrom];
}

/** A session on `branch` that commits each file with its own `git commit` tool call, then pushes. */
function work(forge: Forge, id: string, branch: string, startMin: number, files: string[]): ClaudeSession {
  forge.dev.checkout('-B', branch, 'origin/main');
  const s = new ClaudeSession(id, forge.dev.dir, branch).usage(startMin, 3000);
  let t = startMin + 1;
  for (const file of files) {
    s.edit(t);
    forge.dev.commit(`${branch}: ${file}`, { at: min(t + 1), files: { [file]: `${file} by ${branch}\n` } });
    s.bash(t + 0.9, `git add -A && git commit -m "${branch}: ${file}"`, 0, 0.2).usage(t + 1.5, 2000);
    t += 2;
  }
  forge.dev.git('push', '-q', '-u', 'origin', branch);
  return s;
}

describe('task names a person recognises (issue 13)', function () {
  // Every temp dir these tests make (repositories, logs, caches) goes under one folder, removed at the end.
  let scratch: string;
  let tmpBefore: string | undefined;
  before(() => {
    tmpBefore = process.env.TMPDIR;
    scratch = mkdtempSync(join(tmpdir(), 'awu-task-names-'));
    process.env.TMPDIR = scratch;
  });
  after(() => {
    if (tmpBefore === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpBefore;
    rmSync(scratch, { recursive: true, force: true });
  });

  describe('by the PR the work landed in', () => {
    it('a squash merge: the landed commit’s subject, the PR title with its number', async () => {
      const forge = Forge.create(min(0));
      const a = work(forge, A, 'feat-x', 60, ['x1.txt', 'x2.txt']);
      forge.squash('feat-x', 'Add feature X', 12, min(400));
      forge.pull();
      assert.deepEqual(nameOf(await analyze([a]), A), ['Add feature X (#12)', 'pr']);
    });

    it('a merge commit: the PR title GitHub writes after `Merge pull request #N …`, else the PR’s branch', async () => {
      const forge = Forge.create(min(0));
      const a = work(forge, A, 'feat-y', 60, ['y1.txt']);
      const b = work(forge, B, 'feat-z', 120, ['z1.txt']);
      forge.merge('feat-y', 13, min(400), { title: 'Add feature Y' });
      forge.merge('feat-z', 14, min(420));
      forge.pull();
      const r = await analyze([a, b]);
      assert.deepEqual(nameOf(r, A), ['Add feature Y', 'pr']);
      assert.deepEqual(nameOf(r, B), ['feat-z', 'pr']);
    });

    it('a PR merged days after the range still names the task whose commits it brought in', async () => {
      const forge = Forge.create(min(0));
      const a = work(forge, A, 'feat-x', 60, ['x1.txt']);
      forge.squash('feat-x', 'Add feature X', 12, min(2 * DAY_MIN + 60));
      forge.pull();
      const r = await analyze([a], { toMin: DAY_MIN });
      assert.ok(!r.outcomes.some((o) => o.kind === 'pr.merged'), 'the PR is outside the range');
      assert.deepEqual(nameOf(r, A), ['Add feature X (#12)', 'pr']);
    });

    it('a rebase merge carries no title: the first of the task’s commits names it', async () => {
      const forge = Forge.create(min(0));
      const a = work(forge, A, 'feat-r', 60, ['r1.txt', 'r2.txt']);
      forge.rebase('feat-r', min(400));
      forge.pull();
      const r = await analyze([a]);
      assert.equal(r.outcomes.find((o) => o.kind === 'pr.merged')?.pr?.style, 'rebase');
      assert.deepEqual(nameOf(r, A), ['feat-r: r1.txt', 'commit']);
    });

    it('without subjects (an export that leaves them out): by the PR’s branch, never its title', async () => {
      const forge = Forge.create(min(0));
      const a = work(forge, A, 'feat-y', 60, ['y1.txt']);
      forge.merge('feat-y', 13, min(400), { title: 'Add feature Y' });
      forge.pull();
      assert.deepEqual(nameOf(await analyze([a], { withoutSubjects: true }), A), ['feat-y', 'branch']);
    });
  });

  it('by the first landed commit’s subject when the work went straight onto main', async () => {
    const repo = GitRepo.init({ env: isolatedGitEnv() });
    repo.commit('initial', { at: min(0), files: { 'a.txt': '0\n' } });
    const dev = repo.cloneViaRemote();
    const s = new ClaudeSession(A, dev.dir, 'main').usage(60, 3000);
    dev.commit('Fix the login redirect', { at: min(62), files: { 'a.txt': '1\n' } });
    dev.commit('Cover the redirect in tests', { at: min(64), files: { 'b.txt': '1\n' } });
    s.bash(61.9, 'git commit -am "Fix the login redirect"', 0, 0.2).bash(63.9, 'git commit -am "Cover the redirect in tests"', 0, 0.2);
    dev.push('main');
    const r = await analyze([s]);
    assert.deepEqual(r.tasks.find((t) => t.id === `claude:${A}`)?.outcomes.map((o) => o.kind), ['commit.landed', 'commit.landed']);
    assert.deepEqual(nameOf(r, A), ['Fix the login redirect', 'commit']);
  });

  it('by the first local commit’s subject while the work is not landed yet', async () => {
    const forge = Forge.create(min(0));
    forge.dev.checkout('-b', 'feat-local');
    const s = new ClaudeSession(A, forge.dev.dir, 'feat-local').usage(60, 3000).bash(61.9, 'git commit -m "Draft the parser"', 0, 0.2);
    forge.dev.commit('Draft the parser', { at: min(62), files: { 'p.txt': '1\n' } });
    const r = await analyze([s]);
    assert.deepEqual(r.tasks.find((t) => t.id === `claude:${A}`)?.outcomes.map((o) => [o.kind, o.zeroReason]), [['commit.local', 'pending']]);
    assert.deepEqual(nameOf(r, A), ['Draft the parser', 'commit']);
  });

  it('by its branch when it made no commit, unless that is the default branch', async () => {
    const forge = Forge.create(min(0));
    const onBranch = new ClaudeSession(A, forge.dev.dir, 'fix-login').usage(60, 3000).edit(61);
    const onMain = new ClaudeSession(B, forge.dev.dir, 'main').usage(90, 3000).edit(91);
    const r = await analyze([onBranch, onMain]);
    assert.deepEqual(nameOf(r, A), ['fix-login', 'branch']);
    assert.deepEqual(nameOf(r, B), [`${basename(forge.dev.dir)} · Mon 10:30`, 'start']);
  });

  it('by project folder and start time in the user’s zone, never by what was asked', async () => {
    const folder = join(tempDir(), 'api-server');
    mkdirSync(folder);
    // 2026-03-02 09:02 UTC is Monday 04:02 in New York; the session's first line is what starts it.
    const s = new ClaudeSession(A, folder, 'main').usage(2, 3000).usage(300, 100);
    const r = await analyze([s], { timeZone: 'America/New_York' });
    assert.deepEqual(nameOf(r, A), ['api-server · Mon 04:02', 'start']);
    assert.deepEqual(nameOf(await analyze([s], { timeZone: 'Asia/Tokyo' }), A), ['api-server · Mon 18:02', 'start']);
  });

  describe('the same names on every surface of the CLI', () => {
    let env: Record<string, string>;
    let project: string;
    const range = ['--tz', 'UTC', '--since', '2026-03-02', '--until', '2026-03-02'];

    before(function () {
      if (!existsSync(CLI)) execFileSync(process.execPath, ['esbuild.config.mjs'], { stdio: 'inherit' });
      const forge = Forge.create(min(0));
      const a = work(forge, A, 'feat-x', 60, ['x1.txt', 'x2.txt']);
      forge.squash('feat-x', 'Add feature X', 12, min(400));
      forge.pull();
      const b = new ClaudeSession(B, forge.dev.dir, 'fix-login').usage(500, 3000).edit(501);
      const claude = tempDir();
      a.write(claude);
      b.write(claude);
      project = forge.dev.dir;
      env = { ...isolatedGitEnv(), PATH: process.env.PATH ?? '', CLAUDE_CONFIG_DIR: claude, CODEX_HOME: tempDir(), AWU_METER_CACHE_DIR: tempDir(), TZ: 'UTC' };
    });

    function run(args: string[]): string {
      const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    }

    /** The cells of the table row whose first cell is `first`. */
    function row(table: string, first: string): string[] | undefined {
      return table.split('\n').map((l) => l.split('│').slice(1, -1).map((c) => c.trim())).find((cells) => cells[0] === first);
    }

    it('tasks: the name in the table and in --json, next to the id', () => {
      const json = JSON.parse(run(['tasks', '--json', ...range])) as { tasks: { id: string; name: string; nameFrom: string }[] };
      assert.deepEqual(json.tasks.map((t) => [t.id, t.name, t.nameFrom]), [[`claude:${A}`, 'Add feature X (#12)', 'pr'], [`claude:${B}`, 'fix-login', 'branch']]);
      const table = run(['tasks', ...range]);
      assert.deepEqual(row(table, 'Add feature X (#12)')?.slice(1, 4), ['claude', project, 'feat-x']);
      assert.deepEqual(row(table, 'fix-login')?.slice(1, 4), ['claude', project, 'fix-login']);
    });

    it('session: the task’s name and a project column, the name in --json next to the session id', () => {
      const table = run(['session', ...range]);
      assert.deepEqual(row(table, 'Task')?.slice(0, 3), ['Task', 'Sources', 'Project']);
      assert.deepEqual(row(table, 'Add feature X (#12)')?.slice(1, 3), ['claude', project]);
      assert.deepEqual(row(table, 'fix-login')?.slice(1, 3), ['claude', project]);
      const json = JSON.parse(run(['session', '--json', ...range])) as { sessions: { sessionId: string; name: string; project: string }[] };
      assert.deepEqual(json.sessions.map((s) => [s.sessionId, s.name, s.project]), [[A, 'Add feature X (#12)', project], [B, 'fix-login', project]]);
    });

    it('week: the names in Markdown, CSV, JSON and HTML; with --no-subjects none from commit text', () => {
      const md = run(['week', '--week', '2026-W10', '--tz', 'UTC']);
      assert.match(md, /^\| Add feature X \(#12\) \| claude \|/m);
      assert.match(md, /^\| fix-login \| claude \|/m);
      assert.match(run(['week', '--week', '2026-W10', '--tz', 'UTC', '--format', 'csv']), new RegExp(`^claude:${A},Add feature X \\(#12\\),claude,`, 'm'));
      const json = JSON.parse(run(['week', '--week', '2026-W10', '--tz', 'UTC', '--format', 'json'])) as { tasks: { id: string; name: string }[] };
      assert.deepEqual(json.tasks.map((t) => t.name), ['Add feature X (#12)', 'fix-login']);
      assert.match(run(['week', '--week', '2026-W10', '--tz', 'UTC', '--format', 'html']), new RegExp(`<td title="claude:${A}">Add feature X \\(#12\\)</td>`));
      const plain = run(['week', '--week', '2026-W10', '--tz', 'UTC', '--no-subjects']);
      assert.ok(!plain.includes('Add feature X'), 'no PR title without subjects');
      assert.match(plain, /^\| feat-x \| claude \|/m);
    });
  });
});
