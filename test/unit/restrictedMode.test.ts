// Restricted Mode (package.json capabilities.untrustedWorkspaces "limited"): git never runs in an untrusted
// workspace's repositories, nor in a repository holding one, so nothing their .git/config names (hooks,
// fsmonitor, filters) can run; their sessions' spend still counts.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeTasks } from '../../src/core/outcomes/analyzeTasks';
import { gitMayRunIn, gitMayStartAt } from '../../src/core/outcomes/git/restrictedFolders';
import { Pricer } from '../../src/core/pricing/pricing';
import { ZoneCalendar } from '../../src/core/time/zone';
import type { SourceId } from '../../src/core/types';
import { ClaudeSession, min } from './helpers/claudeSession';
import { scan, tempDir } from './helpers/engine';
import { GitRepo } from './helpers/gitRepo';

describe('Restricted Mode: no git in untrusted folders', function () {
  const made: string[] = [];
  after(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });

  it('tells folders inside, holding and beside a restricted one apart', function () {
    const ws = ['/home/dev/untrusted'];
    assert.equal(gitMayStartAt('/home/dev/untrusted', ws), false);
    assert.equal(gitMayStartAt('/home/dev/untrusted/src', ws), false);
    assert.equal(gitMayStartAt('/home/dev', ws), true, 'looking for a repository from a parent runs nothing of the folder');
    assert.equal(gitMayStartAt('/home/dev/untrusted-2', ws), true);
    assert.equal(gitMayRunIn('/home/dev', ws), false, 'a repository holding the folder');
    assert.equal(gitMayRunIn('/home/dev/other', ws), true);
    assert.equal(gitMayRunIn('/home/dev/untrusted/../other', ws), true);
  });

  it('runs no git in the repository and reads no outcome from it, while the session’s tokens count', async function () {
    const repo = GitRepo.init();
    made.push(repo.dir);
    repo.write({ 'a.txt': 'a\n' });
    const s = new ClaudeSession('5e551011-aaaa-4bbb-8ccc-000000000001', repo.dir).usage(0, 2000).bash(1, 'npm test', 0);
    repo.git('add', '-A');
    repo.gitAt(min(2), ['commit', '-q', '-m', 'feat: a']);
    s.bash(2, 'git commit -m "feat: a"', 0).usage(3);
    const logs = tempDir();
    made.push(logs);
    s.write(logs);
    const cache = tempDir();
    made.push(cache);
    const store = (await scan({ claude: logs, cache }, { toolRuns: true })).store;
    // A git that notes where and how it was run, then runs the real one.
    const probe = tempDir('awu-git-probe-');
    made.push(probe);
    const calls = join(probe, 'calls');
    const gitPath = join(probe, 'git');
    writeFileSync(gitPath, `#!/bin/sh\necho "$(pwd) $*" >> '${calls}'\nexec git "$@"\n`);
    chmodSync(gitPath, 0o755);
    const opts = { sources: ['claude'] as SourceId[], pricer: new Pricer(), calendar: new ZoneCalendar('UTC'), gitPath };
    const ranIn = (): string[] => (existsSync(calls) ? readFileSync(calls, 'utf8').split('\n').filter((l) => l.includes(repo.dir)) : []);

    const restricted = await analyzeTasks(store, min(-60), min(600), { ...opts, noGitUnder: [repo.dir] });
    assert.deepEqual(ranIn(), [], 'git never ran in the repository');
    assert.deepEqual(restricted.repos, []);
    assert.equal(restricted.outcomes.filter((o) => o.kind === 'commit.landed').length, 0);
    const task = restricted.tasks.find((t) => t.sessionId?.startsWith('5e551011'));
    assert.ok(task && task.tokens.total > 0, 'the session and its spend are there');

    const trusted = await analyzeTasks(store, min(-60), min(600), opts);
    assert.ok(ranIn().length > 0, 'the probe sees git when it runs');
    assert.deepEqual(trusted.outcomes.filter((o) => o.kind === 'commit.landed').map((o) => o.awu), [1]);
  });
});
