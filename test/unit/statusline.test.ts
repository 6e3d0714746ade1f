// `awu-meter statusline` as a terminal agent runs it: the built CLI as a child process, Claude Code's
// JSON on stdin (or none), real transcripts written today and a real git repository with an agent's
// commit. Every figure on the line is checked against `daily --json` and `tasks --json` of the same data.
import { strict as assert } from 'node:assert';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseStatusInput } from '../../src/cli/statuslineInput';
import { FALLBACK_LINE } from '../../src/cli/statuslineText';
import { compactNumber } from '../../src/core/report/compactNumber';
import { formatUSD } from '../../src/cli/table';
import { clearRepoRootCache } from '../../src/core/outcomes/git';
import { UnmovedRepos } from '../../src/core/outcomes/git/unmovedRepos';
import { assistantLine, bashUseLine, toolResultLine } from './helpers/claudeLines';
import { tempDir, writeLines } from './helpers/engine';
import { GitRepo, isolatedGitEnv } from './helpers/gitRepo';

const CLI = resolve('dist/cli.js');
const SESSION_A = '5a7e11ee-0000-4000-8000-00000000000a';
const SESSION_B = '5a7e11ee-0000-4000-8000-00000000000b';
const ESC = '\x1b[';

/** A fixed-offset zone where it is about noon now, so every event of the last few hours is "today". */
function noonZone(now: number): string {
  const offset = 12 - new Date(now).getUTCHours();
  return offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

describe('awu-meter statusline', function () {
  const made: string[] = [];
  const dir = (prefix: string): string => {
    const d = tempDir(prefix);
    made.push(d);
    return d;
  };
  const now = Date.now();
  const ago = (minutes: number): number => now - minutes * 60_000;
  const iso = (ms: number): string => new Date(ms).toISOString();
  const tz = noonZone(now);
  let env: Record<string, string>;
  let repo: GitRepo;
  let other: string;
  let claude: string;

  before(function () {
    if (!existsSync(CLI)) execFileSync(process.execPath, ['esbuild.config.mjs'], { stdio: 'inherit' });
    const gitEnv = isolatedGitEnv();
    made.push(gitEnv.HOME!);
    repo = GitRepo.init({ env: gitEnv });
    made.push(repo.dir);
    repo.commit('initial, by hand', { at: ago(200), files: { 'a.txt': '1\n' } });
    other = dir('awu-sl-other-');
    claude = dir('awu-sl-claude-');
    // Session A works in the repo and commits (a tool call, then the commit lands on main).
    const a = [
      assistantLine({ sessionId: SESSION_A, cwd: repo.dir, timestamp: iso(ago(150)), messageId: 'a-m1', requestId: 'a-r1', input: 3000, output: 1200, cacheRead: 20_000 }),
      bashUseLine({ sessionId: SESSION_A, cwd: repo.dir, timestamp: iso(ago(120)), toolUseId: 'toolu_a1', messageId: 'a-m2', requestId: 'a-r2', command: 'git commit -am "feat: status line"' }),
      toolResultLine({ sessionId: SESSION_A, timestamp: iso(ago(119.8)), toolUseId: 'toolu_a1', ok: true }),
      // Spent after the outcome.
      assistantLine({ sessionId: SESSION_A, cwd: repo.dir, timestamp: iso(ago(100)), messageId: 'a-m3', requestId: 'a-r3', input: 6000, output: 3000 }),
    ];
    repo.commit('feat: status line', { at: ago(119.9), files: { 'a.txt': '2\n' } });
    writeLines(join(claude, 'projects', repo.dir.replace(/[^a-zA-Z0-9]/g, '-'), `${SESSION_A}.jsonl`), a);
    // Session B, later, elsewhere, without outcomes.
    const b = [assistantLine({ sessionId: SESSION_B, cwd: other, timestamp: iso(ago(30)), messageId: 'b-m1', requestId: 'b-r1', input: 500, output: 700 })];
    writeLines(join(claude, 'projects', other.replace(/[^a-zA-Z0-9]/g, '-'), `${SESSION_B}.jsonl`), b);
    env = { ...gitEnv, PATH: process.env.PATH ?? '', CLAUDE_CONFIG_DIR: claude, CODEX_HOME: dir('awu-sl-codex-'), AWU_METER_CACHE_DIR: dir('awu-sl-cache-') };
  });

  after(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });

  function cli(args: string[], opts: { input?: string; cwd?: string; env?: Record<string, string> } = {}): Run {
    const r = spawnSync(process.execPath, [CLI, ...args], { env: opts.env ?? env, cwd: opts.cwd ?? other, encoding: 'utf8', ...(opts.input !== undefined ? { input: opts.input } : { stdio: ['ignore', 'pipe', 'pipe'] }) });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  function statusline(opts: { input?: string; cwd?: string; env?: Record<string, string>; args?: string[] } = {}): string {
    const r = cli(['statusline', '--tz', tz, ...(opts.args ?? [])], opts);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.split('\n').filter(Boolean).length, 1, `one line: ${r.stdout}`);
    return r.stdout.trimEnd();
  }

  /** Today's figures and each session's, as `daily` and `tasks` report them. */
  function expected(): { tokens: number; cost: number; awu: number; sessions: Map<string, { cost: number; awu: number; outcomes: number }> } {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(now);
    const daily = JSON.parse(cli(['daily', '--json', '--tz', tz, '--since', day, '--until', day]).stdout) as { totals: { totalTokens: number; costUSD: number } };
    const tasks = JSON.parse(cli(['tasks', '--json', '--tz', tz, '--since', day, '--until', day]).stdout) as {
      tasks: { sessionId: string | null; costUSD: number; awu: number; outcomes: { awu: number }[] }[];
      totals: { awu: number };
    };
    const sessions = new Map(tasks.tasks.filter((t) => t.sessionId).map((t) => [t.sessionId!, { cost: t.costUSD, awu: t.awu, outcomes: t.outcomes.filter((o) => o.awu > 0).length }]));
    return { tokens: daily.totals.totalTokens, cost: daily.totals.costUSD, awu: tasks.totals.awu, sessions };
  }

  function claudeJson(sessionId: string, cwd: string): string {
    return JSON.stringify({
      hook_event_name: 'Status',
      session_id: sessionId,
      transcript_path: join(claude, 'projects', cwd.replace(/[^a-zA-Z0-9]/g, '-'), `${sessionId}.jsonl`),
      cwd,
      model: { id: 'claude-sonnet-4-5-20250929', display_name: 'Sonnet 4.5' },
      workspace: { current_dir: cwd, project_dir: cwd },
      version: '2.1.241',
      output_style: { name: 'default' },
      cost: { total_cost_usd: 0.0123, total_duration_ms: 45000, total_api_duration_ms: 2300, total_lines_added: 156, total_lines_removed: 23 },
      exceeds_200k_tokens: false,
    });
  }

  it("shows today's tokens, cost, AWUs and cost per AWU, and the session's cost and outcomes from Claude Code's JSON", () => {
    const line = statusline({ input: claudeJson(SESSION_A, repo.dir) });
    const want = expected();
    assert.ok(want.tokens > 0 && want.cost > 0 && want.awu > 0, 'the fixture has spend and outcomes today');
    const a = want.sessions.get(SESSION_A)!;
    assert.equal(a.outcomes, 1);
    const m = /^(.*) · \$(\d+\.\d\d) since · feat: status line$/.exec(line);
    assert.ok(m, line);
    assert.equal(m[1], `today ${compactNumber(want.tokens)} tok · ${formatUSD(want.cost)} · ${want.awu} AWU · ${formatUSD(want.cost / want.awu)}/AWU │ session ${formatUSD(a.cost)} · 1 outcome (${a.awu} AWU)`);
    // Spent since the commit: the one reply after it, a part of the session's cost.
    const since = Number(m[2]);
    assert.ok(since > 0 && since < a.cost, `${since} of ${a.cost}`);
    assert.doesNotMatch(line, /\x1b\[/, 'no colour on a pipe');
  });

  it("picks the session by its id, not by the folder's latest one", () => {
    const want = expected();
    const line = statusline({ input: claudeJson(SESSION_B, repo.dir) });
    assert.match(line, new RegExp(`│ session ${formatUSD(want.sessions.get(SESSION_B)!.cost).replace('$', '\\$')} · 0 outcomes`));
  });

  it("without stdin, shows the last session that worked in the working directory's repository", () => {
    const sub = join(repo.dir, 'src');
    mkdirSync(sub, { recursive: true });
    const want = expected();
    assert.match(statusline({ cwd: sub }), new RegExp(`│ session ${formatUSD(want.sessions.get(SESSION_A)!.cost).replace('$', '\\$')} · 1 outcome`));
    assert.match(statusline({ cwd: other }), new RegExp(`│ session ${formatUSD(want.sessions.get(SESSION_B)!.cost).replace('$', '\\$')} · 0 outcomes`));
    // A folder no agent worked in: today's figures only.
    const line = statusline({ cwd: dir('awu-sl-empty-') });
    assert.match(line, /^today .* tok · .* AWU · .*\/AWU$/);
    assert.doesNotMatch(line, /session/);
  });

  it("shows a session the logs do not hold yet with the agent's own cost", () => {
    const line = statusline({ input: claudeJson('5a7e11ee-0000-4000-8000-0000000000ff', other) });
    assert.match(line, /│ session \$0\.01 · 0 outcomes$/);
  });

  it('does not wait for a stdin that never closes', async () => {
    const child = spawn(process.execPath, [CLI, 'statusline', '--tz', tz], { env, cwd: repo.dir, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    child.stdin.destroy();
    assert.equal(code, 0);
    assert.match(out, /^today .* │ session .* · 1 outcome/);
  });

  it('prints the fallback and exits 0 on malformed stdin, a broken cache or bad arguments', () => {
    assert.equal(statusline({ input: '{"session_id": "abc", ' }), FALLBACK_LINE);
    assert.equal(statusline({ input: '[1, 2]' }), FALLBACK_LINE);
    const notADir = join(dir('awu-sl-file-'), 'cache');
    writeFileSync(notADir, 'not a folder');
    const broken = statusline({ env: { ...env, AWU_METER_CACHE_DIR: join(notADir, 'inside') } });
    assert.ok(broken === FALLBACK_LINE || broken.startsWith('today '), broken);
    assert.equal(statusline({ args: ['--source', 'nope'] }), FALLBACK_LINE);
    assert.equal(statusline({ args: ['--tz', 'Not/AZone'] }), FALLBACK_LINE);
  });

  it('colours only when asked: --color on a pipe, never with --no-color', () => {
    const plain = statusline({ input: claudeJson(SESSION_A, repo.dir) });
    const colored = statusline({ input: claudeJson(SESSION_A, repo.dir), args: ['--color'] });
    assert.ok(colored.includes(ESC));
    assert.equal(colored.replace(/\x1b\[[0-9;]*m/g, ''), plain);
    assert.ok(!statusline({ input: claudeJson(SESSION_A, repo.dir), args: ['--color', '--no-color'] }).includes(ESC));
    assert.ok(statusline({ input: '{', args: ['--color'] }).includes(ESC), 'the fallback too');
  });
});

describe('status line input', () => {
  it("reads Claude Code's fields, preferring the workspace's current dir, and ignores mistyped ones", () => {
    assert.deepEqual(parseStatusInput('{"session_id":"s1","cwd":"/a","workspace":{"current_dir":"/b"},"model":{"display_name":"Opus"},"cost":{"total_cost_usd":1.5}}'), {
      kind: 'json',
      input: { sessionId: 's1', cwd: '/b', model: 'Opus', sessionCostUSD: 1.5 },
    });
    assert.deepEqual(parseStatusInput('{"session_id":7,"cwd":"/a","cost":{"total_cost_usd":"1"}}'), { kind: 'json', input: { cwd: '/a' } });
    assert.deepEqual(parseStatusInput('  \n'), { kind: 'none' });
    assert.deepEqual(parseStatusInput('null'), { kind: 'malformed' });
    assert.deepEqual(parseStatusInput('{"a":'), { kind: 'malformed' });
  });
});

describe('git answers reused while a repository did not move', () => {
  const made: string[] = [];
  after(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });

  it('runs no git for an unmoved repo, and reads again after a commit, a new branch or a new user.email', async () => {
    const gitEnv = isolatedGitEnv();
    const repo = GitRepo.init({ env: gitEnv });
    const bin = tempDir('awu-sl-bin-');
    const cache = tempDir('awu-sl-memo-');
    made.push(gitEnv.HOME!, repo.dir, bin, cache);
    const saved = { ...process.env };
    Object.assign(process.env, gitEnv);
    try {
      // A git that counts its runs.
      const log = join(bin, 'runs');
      writeFileSync(log, '');
      const gitPath = join(bin, 'git');
      writeFileSync(gitPath, `#!/bin/sh\necho run >> '${log}'\nexec git "$@"\n`);
      chmodSync(gitPath, 0o755);
      const runs = (): number => readFileSync(log, 'utf8').split('\n').filter(Boolean).length;
      const now = Date.now();
      repo.commit('first', { at: now - 3_600_000, files: { 'a.txt': '1\n' } });
      const opts = { since: now - 86_400_000, cacheDir: cache, gitPath };
      const read = async (): Promise<{ subjects: string[]; ran: number }> => {
        const before = runs();
        const memo = UnmovedRepos.load(cache);
        const r = await memo.read(repo.dir, opts);
        memo.save();
        return { subjects: r.outcomes.map((o) => o.subject).sort(), ran: runs() - before };
      };
      const first = await read();
      assert.deepEqual(first.subjects, ['first']);
      assert.ok(first.ran > 0);
      assert.deepEqual(await read(), { subjects: ['first'], ran: 0 });

      repo.commit('second', { at: now - 1_800_000, files: { 'a.txt': '2\n' } });
      const afterCommit = await read();
      assert.deepEqual(afterCommit.subjects, ['first', 'second']);
      assert.ok(afterCommit.ran > 0);
      assert.equal((await read()).ran, 0);

      repo.git('checkout', '-q', '-b', 'feature/x');
      repo.commit('on a branch', { at: now - 600_000, files: { 'b.txt': '1\n' } });
      const afterBranch = await read();
      assert.ok(afterBranch.ran > 0);
      assert.ok(afterBranch.subjects.includes('on a branch'), afterBranch.subjects.join());

      repo.git('config', 'user.email', 'someone-else@example.com');
      const afterEmail = await read();
      assert.ok(afterEmail.ran > 0);
      assert.deepEqual(afterEmail.subjects, [], 'no commit is by the new identity');

      // Repository roots: a sub-folder's root is remembered until a .git appears on the way up.
      const sub = join(repo.dir, 'pkg');
      mkdirSync(sub);
      const memo = UnmovedRepos.load(cache);
      assert.equal(await memo.repoRoot(sub, gitPath), repo.dir);
      memo.save();
      const before = runs();
      assert.equal(await UnmovedRepos.load(cache).repoRoot(sub, gitPath), repo.dir);
      assert.equal(runs(), before);
      execFileSync('git', ['init', '-q'], { cwd: sub, env: { ...process.env, ...gitEnv } });
      clearRepoRootCache(); // this process's own memo of git's answers (a CLI run starts without it)
      assert.equal(await UnmovedRepos.load(cache).repoRoot(sub, gitPath), sub);
    } finally {
      for (const k of Object.keys(gitEnv)) if (saved[k] === undefined) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });
});
