// The everyday PR flow, scripted as a new user would live it, and measured with the built CLI
// (`awu-meter tasks --json`), for each merge style the forge may use:
// - Claude Code session A works on branch feat-x: a red, then green `npm test`, two commits made by its
//   own `git commit` tool calls, `git push`;
// - session B works on feat-y: one commit, `git push`;
// - hours later, with no agent running, the forge merges PR #12 (feat-x, in the style given) and PR #13
//   (feat-y, a merge commit), deletes both branches; the developer fetches and fast-forwards main.
// Intended (awu-model.md v1.1): A 2.5 (tests 0.5 + PR 2.0), B 2.0, token-free 0, whatever the style.
// Written apart from the unit tests (its own git calls and log lines). Usage:
//   node scripts/scenarios/prFlow.mjs [--style squash|merge|rebase|all] [--keep]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { style: { type: 'string', default: 'all' }, keep: { type: 'boolean', default: false } } });
const CLI = resolve('dist/cli.js');
const DAY = '2026-11-30';
const at = (hhmm) => `${DAY}T${hhmm}:00Z`;
const epoch = (iso) => `${Math.floor(Date.parse(iso) / 1000)} +0000`;

function scenario(style) {
  const root = mkdtempSync(join(tmpdir(), `awu-prflow-${style}-`));
  const home = join(root, 'home');
  mkdirSync(home);
  writeFileSync(join(home, '.gitconfig'), '[user]\n\tname = Dev\n\temail = dev@example.com\n[init]\n\tdefaultBranch = main\n');
  const env = { ...process.env, HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: join(home, '.gitconfig') };
  const git = (cwd, args, when, who = {}) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, ...(when ? { GIT_AUTHOR_DATE: epoch(when), GIT_COMMITTER_DATE: epoch(when) } : {}), ...who } }).trim();
  const forgeWho = { GIT_COMMITTER_NAME: 'GitHub', GIT_COMMITTER_EMAIL: 'noreply@github.com' };

  const origin = join(root, 'origin.git');
  const dev = join(root, 'app');
  const forge = join(root, 'forge');
  git(root, ['init', '-q', '--bare', origin]);
  git(root, ['clone', '-q', origin, dev]);
  writeFileSync(join(dev, 'app.txt'), 'one\ntwo\nthree\n');
  git(dev, ['add', '-A']);
  git(dev, ['commit', '-q', '-m', 'initial'], at('08:00'), { GIT_AUTHOR_EMAIL: 'lead@example.com', GIT_COMMITTER_EMAIL: 'lead@example.com' });
  git(dev, ['push', '-q', 'origin', 'main']);
  git(root, ['clone', '-q', origin, forge]);

  // Claude Code transcripts, as Claude Code 2.x writes them.
  const logs = join(root, 'claude', 'projects', dev.replace(/[^a-zA-Z0-9]/g, '-'));
  mkdirSync(logs, { recursive: true });
  const session = (id, branch) => {
    const lines = [];
    let n = 0;
    const base = (ts) => ({ timestamp: at(ts), cwd: dev, sessionId: id, version: '2.1.0', gitBranch: branch, userType: 'external', isSidechain: false });
    const assistant = (ts, content, output) => {
      n++;
      lines.push({ ...base(ts), type: 'assistant', uuid: `${id}-${n}`, requestId: `req_${id}_${n}`, message: { id: `msg_${id}_${n}`, type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', content, usage: { input_tokens: 1200, output_tokens: output, cache_creation_input_tokens: 0, cache_read_input_tokens: 30000 } } });
    };
    const s = {
      talk: (ts) => (assistant(ts, [{ type: 'text', text: 'Working on it.' }], 800), s),
      bash: (ts, command, exit) => {
        const id2 = `toolu_${id.slice(0, 8)}_${n + 1}`;
        assistant(ts, [{ type: 'tool_use', id: id2, name: 'Bash', input: { command } }], 90);
        lines.push({ ...base(ts), type: 'user', uuid: `${id2}-r`, message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id2, is_error: exit !== 0, content: exit === 0 ? 'ok' : `Exit code ${exit}\nfailed` }] } });
        return s;
      },
      edit: (ts, file) => {
        const id2 = `toolu_${id.slice(0, 8)}_${n + 1}`;
        assistant(ts, [{ type: 'tool_use', id: id2, name: 'Edit', input: { file_path: join(dev, file), old_string: 'a', new_string: 'b' } }], 300);
        lines.push({ ...base(ts), type: 'user', uuid: `${id2}-r`, message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: id2, content: 'edited' }] } });
        return s;
      },
      save: () => writeFileSync(join(logs, `${id}.jsonl`), lines.map((l) => JSON.stringify(l)).join('\n') + '\n'),
    };
    return s;
  };
  const commit = (file, text, subject, ts) => {
    writeFileSync(join(dev, file), text);
    git(dev, ['add', '-A']);
    git(dev, ['commit', '-q', '-m', subject], at(ts));
  };

  const A = session('aaaa1111-2222-4333-8444-555566667777', 'feat-x');
  git(dev, ['checkout', '-q', '-b', 'feat-x']);
  A.talk('09:00').bash('09:02', 'npm test', 1).edit('09:05', 'x.txt');
  commit('x.txt', 'x\n', 'Add X parser', '09:07');
  A.bash('09:06.9'.slice(0, 5), 'git add -A && git commit -m "Add X parser"', 0).bash('09:08', 'npm test', 0).edit('09:10', 'x-test.txt');
  commit('x-test.txt', 'x tests\n', 'Test X parser', '09:12');
  A.bash('09:12', 'git commit -am "Test X parser"', 0);
  git(dev, ['push', '-q', '-u', 'origin', 'feat-x']);
  A.bash('09:13', 'git push -u origin feat-x', 0).talk('09:14').save();

  const B = session('bbbb1111-2222-4333-8444-555566667777', 'feat-y');
  git(dev, ['checkout', '-q', '-b', 'feat-y', 'origin/main']);
  B.talk('10:00').edit('10:03', 'y.txt');
  commit('y.txt', 'y\n', 'Add Y', '10:05');
  B.bash('10:05', 'git commit -am "Add Y"', 0);
  git(dev, ['push', '-q', '-u', 'origin', 'feat-y']);
  B.bash('10:06', 'git push -u origin feat-y', 0).talk('10:07').save();

  // Hours later, on the forge.
  const fresh = () => {
    git(forge, ['fetch', '-q', '--prune', 'origin']);
    git(forge, ['checkout', '-q', '-B', 'main', 'origin/main']);
  };
  fresh();
  if (style === 'squash') {
    git(forge, ['merge', '-q', '--squash', 'origin/feat-x']);
    git(forge, ['commit', '-q', '-m', 'Add feature X (#12)\n\n* Add X parser\n* Test X parser'], at('15:00'), forgeWho);
  } else if (style === 'merge') {
    git(forge, ['merge', '-q', '--no-ff', '-m', 'Merge pull request #12 from dev/feat-x', 'origin/feat-x'], at('15:00'), forgeWho);
  } else {
    git(forge, ['checkout', '-q', '-B', 'pr', 'origin/feat-x']);
    git(forge, ['rebase', '-q', '--force-rebase', 'main'], at('15:00'), forgeWho);
    git(forge, ['checkout', '-q', 'main']);
    git(forge, ['merge', '-q', '--ff-only', 'pr']);
  }
  git(forge, ['push', '-q', 'origin', 'main', ':feat-x']);
  fresh();
  git(forge, ['merge', '-q', '--no-ff', '-m', 'Merge pull request #13 from dev/feat-y', 'origin/feat-y'], at('16:00'), forgeWho);
  git(forge, ['push', '-q', 'origin', 'main', ':feat-y']);

  // The developer, with no agent running.
  git(dev, ['fetch', '-q', '--prune']);
  git(dev, ['checkout', '-q', 'main']);
  git(dev, ['merge', '-q', '--ff-only', 'origin/main']);

  const out = execFileSync(process.execPath, [CLI, 'tasks', '--json', '--tz', 'UTC', '--since', DAY, '--until', DAY, '--source', 'claude'], {
    encoding: 'utf8',
    env: { ...env, CLAUDE_CONFIG_DIR: join(root, 'claude'), AWU_METER_CACHE_DIR: join(root, 'cache') },
  });
  if (!values.keep) rmSync(root, { recursive: true, force: true });
  else console.error(`kept ${root}`);
  return JSON.parse(out);
}

const styles = values.style === 'all' ? ['squash', 'merge', 'rebase'] : [values.style];
const rows = [];
for (const style of styles) {
  const r = scenario(style);
  const awu = (pred) => Math.round(r.tasks.filter(pred).reduce((s, t) => s + t.awu, 0) * 1000) / 1000;
  rows.push({
    style,
    A: awu((t) => t.sessionId?.startsWith('aaaa')),
    B: awu((t) => t.sessionId?.startsWith('bbbb')),
    tokenFree: awu((t) => t.source === 'token-free'),
    total: r.totals.awu,
    share: r.totals.tokenFreeShare === null ? '—' : `${Math.round(r.totals.tokenFreeShare * 100)} %`,
    pending: r.tasks.flatMap((t) => t.outcomes).filter((o) => /pending/.test(o.evidence)).length,
  });
  if (values.keep) console.error(JSON.stringify(r.tasks.flatMap((t) => t.outcomes.map((o) => `${t.source} ${o.kind} ${o.awu} ${o.evidence}`)), null, 1));
}
console.log('| PR #12 merge style | session A | session B | token-free | total | token-free share | pending commits |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const x of rows) console.log(`| ${x.style} | ${x.A} | ${x.B} | ${x.tokenFree} | ${x.total} | ${x.share} | ${x.pending} |`);
console.log('| intended | 2.5 | 2 | 0 | 4.5 | 0 % | 0 |');
