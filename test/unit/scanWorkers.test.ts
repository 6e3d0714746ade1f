import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { updateUsage, type UpdateResult } from '../../src/core/scan/updateUsage';
import { assistantLine, bashUseLine, toolResultLine } from './helpers/claudeLines';
import { execCall, execOutput, sessionMeta, tokenCount } from './helpers/codexLines';
import { report, tempDir, writeLines } from './helpers/engine';

// The built worker (npm test builds dist/ before the suites run).
const WORKER = resolve('dist/scanWorker.js');

function fixture(): { claude: string; codex: string } {
  const claude = tempDir();
  const codex = tempDir();
  for (let f = 0; f < 6; f++) {
    const session = `00000000-0000-4000-8000-00000000000${f}`;
    const lines: string[] = [];
    for (let i = 0; i < 40; i++) {
      const timestamp = `2026-09-${String(10 + (i % 5)).padStart(2, '0')}T10:${String(i).padStart(2, '0')}:00Z`;
      lines.push(assistantLine({ sessionId: session, messageId: `m-${f}-${i}`, requestId: `r-${f}-${i}`, timestamp, input: 10 + i, output: f + 1, cacheRead: 100 }));
      if (i % 10 === 0) {
        lines.push(bashUseLine({ sessionId: session, timestamp, toolUseId: `t-${f}-${i}`, messageId: `mt-${f}-${i}`, requestId: `rt-${f}-${i}`, command: 'npm test' }));
        lines.push(toolResultLine({ sessionId: session, timestamp, toolUseId: `t-${f}-${i}`, ok: i % 20 === 0 }));
      }
    }
    writeLines(join(claude, 'projects', `-home-dev-app${f}`, `${session}.jsonl`), lines);
  }
  const id = '019dabc6-8fef-7681-a054-b5bb75fcb97d';
  writeLines(join(codex, 'sessions', '2026', '09', '12', `rollout-2026-09-12T10-00-00-${id}.jsonl`), [
    sessionMeta({ id, cwd: '/home/dev/api', timestamp: '2026-09-12T10:00:00Z' }),
    tokenCount('2026-09-12T10:00:01Z', { input: 100, cached: 40, output: 10, reasoning: 2 }),
    execCall('2026-09-12T10:00:02Z', 'c1', 'cargo test'),
    execOutput('2026-09-12T10:00:03Z', 'c1', 101),
    tokenCount('2026-09-12T10:00:04Z', { input: 300, cached: 80, output: 30, reasoning: 5 }),
  ]);
  return { claude, codex };
}

function run(dirs: { claude: string; codex: string }, cacheDir: string | undefined, workers: number): Promise<UpdateResult> {
  const env = { CLAUDE_CONFIG_DIR: dirs.claude, CODEX_HOME: dirs.codex };
  return updateUsage({ sources: ['claude', 'codex'], env: { env, home: '/nonexistent-home', platform: 'linux' }, cacheDir, workers, workerPath: WORKER, toolRuns: true });
}

const activity = (r: UpdateResult): string[] => r.store.activity.events.map((e) => JSON.stringify(e)).sort();

describe('the scan worker threads', () => {
  before(function () {
    if (!existsSync(WORKER)) this.skip();
  });

  it('give the same usage and activity as an in-process scan, and keep their compiled code beside the index', async () => {
    const dirs = fixture();
    const inProcess = await run(dirs, undefined, 0);
    const cache = tempDir();
    const threaded = await run(dirs, cache, 2);
    assert.deepEqual(report(threaded), report(inProcess));
    assert.deepEqual(activity(threaded), activity(inProcess));
    assert.ok(activity(inProcess).length >= 7, 'the fixture has tool runs');
    const codeCache = readdirSync(cache).filter((f) => f.startsWith('code-cache-scanWorker-'));
    assert.equal(codeCache.length, 1, `one code cache file in ${readdirSync(cache).join(', ')}`);

    // A cold scan that starts from that code cache reads the same.
    for (const f of readdirSync(cache)) if (!f.startsWith('code-cache-')) rmSync(join(cache, f), { recursive: true });
    const fromCache = await run(dirs, cache, 2);
    assert.deepEqual(report(fromCache), report(inProcess));
    assert.deepEqual(activity(fromCache), activity(inProcess));
  });
});
