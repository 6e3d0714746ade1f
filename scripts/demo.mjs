// The first run: the CLI on the bundled demo logs (demo/claude, demo/codex) plus a small real git
// repository made here, beside them, with the Claude Code sessions that worked in it, so the first screen
// shows tokens against outcomes (AWUs). Everything lives in demo/.work (git-ignored, remade each run;
// AWU_DEMO_WORK moves it): the logs read are the demo's only and the index is the demo's own, never
// the user's agent folders or cache. The week is 2026-W47 (16–22 Nov 2026, UTC), when the logs were written:
// - Tue: session A on branch fix-rounding: `npm test` red, an edit, `npm test` green, two commits made
//   by its own `git commit` tool calls, a push; that afternoon the forge squash-merges PR #7.
// - Wed: session B on main: an edit, `npm test` green, a commit by its tool call pushed to main.
// - Thu: a commit made by hand, pushed (no agent session: a token-free AWU).
// - Fri: session C on branch spike-pdf: edits, no commit (spend with no outcome).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const WORK = resolve(process.env.AWU_DEMO_WORK ?? join(ROOT, 'demo', '.work'));
const WEEK = '2026-W47';
const epoch = (iso) => `${Math.floor(Date.parse(iso) / 1000)} +0000`;

rmSync(WORK, { recursive: true, force: true });
const home = join(WORK, 'home');
mkdirSync(home, { recursive: true });
writeFileSync(join(home, '.gitconfig'), '[user]\n\tname = Dev\n\temail = dev@example.com\n[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n');
// The demo's own home: its git config, and no agent folder of the user's can be found from it.
const env = {
  ...process.env,
  HOME: home,
  USERPROFILE: home,
  XDG_DATA_HOME: join(home, '.local', 'share'),
  XDG_CONFIG_HOME: join(home, '.config'),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: join(home, '.gitconfig'),
};
const git = (cwd, args, when, who = {}) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...env, ...(when ? { GIT_AUTHOR_DATE: epoch(when), GIT_COMMITTER_DATE: epoch(when) } : {}), ...who },
  }).trim();
const lead = { GIT_AUTHOR_NAME: 'Lead', GIT_AUTHOR_EMAIL: 'lead@example.com', GIT_COMMITTER_NAME: 'Lead', GIT_COMMITTER_EMAIL: 'lead@example.com' };
const forgeWho = { GIT_COMMITTER_NAME: 'GitHub', GIT_COMMITTER_EMAIL: 'noreply@github.com' };

const origin = join(WORK, 'origin.git');
const repo = join(WORK, 'invoice-api');
const forge = join(WORK, 'forge');
git(WORK, ['init', '-q', '--bare', origin]);
git(WORK, ['clone', '-q', origin, repo]);
git(repo, ['config', 'user.email', 'dev@example.com']);
const write = (file, text) => {
  mkdirSync(join(repo, file, '..'), { recursive: true });
  writeFileSync(join(repo, file), text);
};
const commit = (subject, when, who) => {
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '-m', subject], when, who);
};
write('src/total.js', 'export const total = (lines) => lines.reduce((s, l) => s + l.price * l.qty, 0);\n');
write('README.md', '# invoice-api\n\nInvoices for the shop.\n');
commit('Initial invoice API', '2026-11-16T08:30:00Z', lead);
git(repo, ['push', '-q', 'origin', 'main']);
git(WORK, ['clone', '-q', origin, forge]);

// Claude Code transcripts (Claude Code 2.x lines), in a projects folder named as Claude Code names it.
const logs = join(WORK, 'claude', 'projects', repo.replace(/[^a-zA-Z0-9]/g, '-'));
mkdirSync(logs, { recursive: true });
function session(id, branch) {
  const lines = [];
  let n = 0;
  const base = (ts) => ({ timestamp: ts, cwd: repo, sessionId: id, version: '2.1.0', gitBranch: branch, userType: 'external', isSidechain: false });
  const assistant = (ts, content, output, cacheRead) => {
    n++;
    const usage = { input_tokens: 40 + n * 7, output_tokens: output, cache_creation_input_tokens: 2400 + n * 130, cache_read_input_tokens: cacheRead + n * 1500 };
    lines.push({ ...base(ts), type: 'assistant', uuid: `${id}-${n}`, requestId: `req_${id.slice(0, 8)}_${n}`, message: { id: `msg_${id.slice(0, 8)}_${n}`, type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', content, usage } });
  };
  const tool = (ts, name, input, result, isError) => {
    const useId = `toolu_${id.slice(0, 8)}_${n + 1}`;
    assistant(ts, [{ type: 'tool_use', id: useId, name, input }], 120, 24000);
    lines.push({ ...base(ts), type: 'user', uuid: `${useId}-r`, message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: useId, is_error: isError, content: result }] } });
  };
  const s = {
    user: (ts) => (lines.push({ ...base(ts), type: 'user', uuid: `${id}-u${lines.length}`, message: { role: 'user', content: 'Please take a look.' } }), s),
    talk: (ts) => (assistant(ts, [{ type: 'text', text: 'Working on it.' }], 650, 18000), s),
    bash: (ts, command, exit = 0) => (tool(ts, 'Bash', { command }, exit === 0 ? 'ok' : `Exit code ${exit}\n1 failing`, exit !== 0), s),
    edit: (ts, file) => (tool(ts, 'Edit', { file_path: join(repo, file), old_string: 'a', new_string: 'b' }, 'edited', false), s),
    save: () => writeFileSync(join(logs, `${id}.jsonl`), lines.map((l) => JSON.stringify(l)).join('\n') + '\n'),
  };
  return s;
}
const at = (day, hhmm) => `2026-11-${day}T${hhmm}:00.000Z`;

// Tuesday: session A fixes a bug on a branch; the forge squash-merges its PR.
git(repo, ['checkout', '-q', '-b', 'fix-rounding']);
const A = session('a7c31f0e-5b2d-4e8a-9f16-2d4b8c0e7a15', 'fix-rounding');
A.user(at(17, '09:00')).talk(at(17, '09:00')).bash(at(17, '09:02'), 'npm test', 1).edit(at(17, '09:05'), 'src/total.js');
write('src/total.js', 'export const total = (lines) => Math.round(lines.reduce((s, l) => s + l.price * l.qty, 0) * 100) / 100;\n');
A.bash(at(17, '09:07'), 'npm test');
commit('Fix rounding of invoice totals', at(17, '09:09'));
A.bash(at(17, '09:09'), 'git add -A && git commit -m "Fix rounding of invoice totals"').edit(at(17, '09:12'), 'test/total.test.js');
write('test/total.test.js', "import { total } from '../src/total.js';\nconsole.assert(total([{ price: 0.1, qty: 3 }]) === 0.3);\n");
commit('Test rounding of invoice totals', at(17, '09:14'));
A.bash(at(17, '09:14'), 'git commit -am "Test rounding of invoice totals"');
git(repo, ['push', '-q', '-u', 'origin', 'fix-rounding']);
A.bash(at(17, '09:15'), 'git push -u origin fix-rounding').talk(at(17, '09:16')).save();
git(forge, ['fetch', '-q', '--prune', 'origin']);
git(forge, ['checkout', '-q', '-B', 'main', 'origin/main']);
git(forge, ['merge', '-q', '--squash', 'origin/fix-rounding']);
git(forge, ['commit', '-q', '-m', 'Fix rounding of invoice totals (#7)\n\n* Fix rounding of invoice totals\n* Test rounding of invoice totals'], at(17, '16:00'), forgeWho);
git(forge, ['push', '-q', 'origin', 'main', ':fix-rounding']);
git(repo, ['checkout', '-q', 'main']);
git(repo, ['pull', '-q', '--prune', '--ff-only'], at(17, '17:00'));

// Wednesday: session B adds a feature straight on main.
const B = session('b2e8d4a1-9c3f-4b7e-8a25-6f1d3e9b0c42', 'main');
B.user(at(18, '10:00')).talk(at(18, '10:00')).edit(at(18, '10:06'), 'src/csv.js');
write('src/csv.js', "export const toCsv = (lines) => lines.map((l) => [l.sku, l.qty, l.price].join(',')).join('\\n');\n");
B.bash(at(18, '10:10'), 'npm test');
commit('Add CSV export of invoices', at(18, '10:12'));
B.bash(at(18, '10:12'), 'git add -A && git commit -m "Add CSV export of invoices"');
git(repo, ['push', '-q', 'origin', 'main']);
B.bash(at(18, '10:13'), 'git push').talk(at(18, '10:14')).save();

// Thursday: a fix made by hand, no agent running.
write('README.md', '# invoice-api\n\nInvoices for the shop, with CSV export.\n');
commit('Mention CSV export in README', at(19, '14:00'));
git(repo, ['push', '-q', 'origin', 'main']);

// Friday: session C explores on a branch and commits nothing.
git(repo, ['checkout', '-q', '-b', 'spike-pdf']);
const C = session('c9f05b7d-1e4a-4c2b-b6d8-3a7e5f1c9d20', 'spike-pdf');
C.user(at(20, '11:00')).talk(at(20, '11:00')).edit(at(20, '11:20'), 'src/pdf.js').talk(at(20, '11:40')).bash(at(20, '11:45'), 'npm test', 1).talk(at(20, '11:50')).save();
git(repo, ['checkout', '-q', 'main']);

const cliEnv = {
  ...env,
  CLAUDE_CONFIG_DIR: `${join(ROOT, 'demo', 'claude')},${join(WORK, 'claude')}`,
  CODEX_HOME: join(ROOT, 'demo', 'codex'),
  AWU_METER_CACHE_DIR: join(WORK, 'cache'),
};
const common = ['--tz', 'UTC', '--source', 'claude,codex'];
for (const args of [
  ['daily', ...common],
  ['tasks', '--since', '2026-11-16', '--until', '2026-11-22', ...common],
  ['week', '--week', WEEK, ...common],
]) {
  console.log(`\n$ awu-meter ${args.join(' ')}`);
  execFileSync(process.execPath, [CLI, ...args], { env: cliEnv, stdio: ['ignore', 'inherit', 'inherit'] });
}
console.log(`\nThe demo repository, its sessions and index are in ${WORK}.`);
