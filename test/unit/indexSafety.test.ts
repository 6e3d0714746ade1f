// What can happen to the index and to the logs under it: a damaged index file, a full disk, several
// processes updating one index while an agent appends, logs rewritten in place, a save killed midway.
// Real temp folders and files; the multi-process cases run the built CLI (dist/cli.js). Kills at random
// points of real runs are bench/crashSafety.mjs (minutes, so not in this suite).
import { strict as assert } from 'node:assert';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { columnBytes } from '../../src/core/store/columnBytes';
import { INDEX_FILE, loadSnapshot, saveSnapshot } from '../../src/core/store/persist';
import { sourceRoots, UsageIndex } from '../../src/extension/usageIndex';
import { assistantLine } from './helpers/claudeLines';
import { sessionMeta, tokenCount, turnContext } from './helpers/codexLines';
import { appendLines, report, scan, tempDir, writeLines } from './helpers/engine';

const CLI = resolve('dist/cli.js');
const S = '44444444-4444-4444-8444-444444444444';
const CODEX_ID = '019dabc6-8fef-7681-a054-b5bb75fcb97e';

/** A Claude line worth 1 + `output` tokens, with its own message id. */
function claudeLine(n: number, output = 10, session = S): string {
  return assistantLine({ sessionId: session, messageId: `msg_${session.slice(0, 4)}_${n}`, requestId: `req_${n}`, timestamp: `2026-09-2${n % 4}T10:00:00Z`, input: 1, output });
}

function claudeLog(lines: number, output = 10): { claude: string; file: string } {
  const claude = tempDir();
  const file = join(claude, 'projects', '-p', `${S}.jsonl`);
  writeLines(file, Array.from({ length: lines }, (_, i) => claudeLine(i, output)));
  return { claude, file };
}

function codexLines(total: { input: number; output: number }): string[] {
  return [
    sessionMeta({ id: CODEX_ID, cwd: '/x', timestamp: '2026-09-20T10:00:00Z' }),
    turnContext('2026-09-20T10:00:01Z', 'gpt-5'),
    tokenCount('2026-09-20T10:00:02Z', { input: total.input, cached: 0, output: total.output, reasoning: 0 }),
  ];
}

function codexLog(total: { input: number; output: number }): { codex: string; file: string } {
  const codex = tempDir();
  const file = join(codex, 'sessions', '2026', '09', '20', `rollout-2026-09-20T10-00-00-${CODEX_ID}.jsonl`);
  writeLines(file, codexLines(total));
  return { codex, file };
}

function cli(args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOME: tempDir(), ...env }, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface CliJson {
  totals: { totalTokens: number };
  days: unknown[];
  diagnostics: { indexWarnings: string[] };
}

function cliAsync(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOME: env.HOME ?? tempDir(), ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

const temps = (dir: string): string[] => readdirSync(dir).filter((f) => f.includes('.tmp-'));

describe('index safety', () => {
  before(function () {
    if (!existsSync(CLI)) execFileSync(process.execPath, ['esbuild.config.mjs'], { stdio: 'inherit' });
  });

  describe('a damaged index file', () => {
    const damages: [string, (path: string) => void, RegExp][] = [
      ['truncated', (p) => truncateSync(p, Math.floor(statSync(p).size / 2)), /checksum mismatch/],
      ['corrupted (one byte of its records changed)', (p) => {
        const bytes = readFileSync(p);
        bytes[bytes.length - 40]! ^= 0x01;
        writeFileSync(p, bytes);
      }, /checksum mismatch/],
      ['emptied', (p) => truncateSync(p, 0), /shorter than its header/],
      ['replaced by something else', (p) => writeFileSync(p, '{"version":2}'.padEnd(100, ' ')), /wrong header/],
    ];
    for (const [how, damage, reason] of damages) {
      it(`is detected when ${how}, discarded with a diagnostic, and rebuilt from the logs`, async () => {
        const { claude, file } = claudeLog(30);
        const cache = tempDir();
        const expected = report(await scan({ claude, cache })).totals.totalTokens;
        assert.equal(expected, 30 * 11);
        damage(join(cache, INDEX_FILE));
        const rebuilt = await scan({ claude, cache });
        assert.equal(rebuilt.bytesRead, statSync(file).size, 'every log read again');
        const r = report(rebuilt);
        assert.equal(r.totals.totalTokens, expected);
        assert.equal(r.diagnostics.indexWarnings.length, 1);
        assert.match(r.diagnostics.indexWarnings[0]!, /discarded and rebuilt from the logs/);
        assert.match(r.diagnostics.indexWarnings[0]!, reason);
        const next = await scan({ claude, cache });
        assert.equal(next.bytesRead, 0, 'the rebuilt index was saved');
        assert.deepEqual(report(next).diagnostics.indexWarnings, []);
      });
    }

    it('shows the diagnostic in the CLI: under diagnostics in --json, and on stderr', () => {
      const { claude } = claudeLog(5);
      const env = { CLAUDE_CONFIG_DIR: claude, AWU_METER_CACHE_DIR: tempDir() };
      assert.equal(cli(['daily', '--json'], env).status, 0);
      truncateSync(join(env.AWU_METER_CACHE_DIR, INDEX_FILE), 100);
      const r = cli(['daily', '--json'], env);
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout) as CliJson;
      assert.equal(out.totals.totalTokens, 55);
      assert.match(out.diagnostics.indexWarnings.join('\n'), /checksum mismatch/);
      assert.match(r.stderr, /awu-meter: warning: The usage index was discarded/);
      assert.deepEqual((JSON.parse(cli(['daily', '--json'], env).stdout) as CliJson).diagnostics.indexWarnings, []);
    });

    it('upgrades a version 1 index (two files, no checksum) without losing the records of deleted logs', async () => {
      const { claude, file } = claudeLog(4);
      const cache = tempDir();
      await scan({ claude, cache });
      const snap = loadSnapshot(cache).snapshot!;
      const c = snap.columns;
      const records = Buffer.concat(columnBytes(c));
      writeFileSync(join(cache, 'records-v1.bin'), records);
      writeFileSync(join(cache, 'index-v1.json'), JSON.stringify({ version: 1, savedAt: '', recordsBytes: records.length, length: c.length, files: snap.files, models: c.models, sessions: c.sessions, projects: c.projects, branches: c.branches }));
      rmSync(join(cache, INDEX_FILE));
      rmSync(file);
      writeLines(join(claude, 'projects', '-p', 'other.jsonl'), [claudeLine(100, 5, 'other')]);
      const r = report(await scan({ claude, cache }));
      assert.equal(r.totals.totalTokens, 4 * 11 + 6, 'the deleted log still counts');
      assert.deepEqual(r.diagnostics.indexWarnings, []);
      assert.equal(existsSync(join(cache, INDEX_FILE)), true);
      assert.equal(existsSync(join(cache, 'index-v1.json')), false);
      assert.equal(existsSync(join(cache, 'records-v1.bin')), false);
    });

    it('removes the temporary files of a save that was killed, and never reads them', async () => {
      const { claude } = claudeLog(3);
      const cache = tempDir();
      await scan({ claude, cache });
      const dead = spawnSync(process.execPath, ['-e', '0']).pid;
      const orphan = join(cache, `${INDEX_FILE}.tmp-${dead}-abc123`);
      writeFileSync(orphan, 'half a snapshot');
      appendLines(join(claude, 'projects', '-p', `${S}.jsonl`), [claudeLine(3)]);
      assert.equal(report(await scan({ claude, cache })).totals.totalTokens, 44);
      assert.deepEqual(temps(cache), []);
    });
  });

  describe('a full disk on save', function () {
    let mnt = '';
    before(function () {
      mnt = tempDir('awu-tmpfs-');
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt], { stdio: 'pipe' });
      } catch (err) {
        console.log(`      skipped: cannot mount a 64 KiB tmpfs here (needs root): ${(err as Error).message.split('\n')[0]}`);
        mnt = '';
        this.skip();
      }
    });
    after(function () {
      if (mnt) execFileSync('umount', [mnt]);
    });

    it('warns, keeps the last good index, and the run goes on with exact totals (in-process and in the CLI)', async () => {
      const { claude, file } = claudeLog(5);
      const small = await scan({ claude, cache: mnt });
      assert.deepEqual(report(small).diagnostics.indexWarnings, [], 'a small index fits');
      // Some 150 KB of records: more than the disk has.
      appendLines(file, Array.from({ length: 1500 }, (_, i) => claudeLine(1000 + i, 20)));
      const expected = report(await scan({ claude })).totals.totalTokens;
      assert.equal(expected, 5 * 11 + 1500 * 21);
      const full = report(await scan({ claude, cache: mnt }));
      assert.equal(full.totals.totalTokens, expected);
      assert.equal(full.diagnostics.indexWarnings.length, 1);
      assert.match(full.diagnostics.indexWarnings[0]!, /Could not save the usage index .*ENOSPC.*next run reads again/);
      assert.deepEqual(temps(mnt), [], 'no half-written file takes up the space');
      const kept = loadSnapshot(mnt);
      assert.equal(kept.problem, undefined);
      assert.equal(kept.snapshot!.columns.length, 5, 'the last good index is untouched');

      const r = cli(['daily', '--json'], { CLAUDE_CONFIG_DIR: claude, AWU_METER_CACHE_DIR: mnt });
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout) as CliJson;
      assert.equal(out.totals.totalTokens, expected);
      assert.match(out.diagnostics.indexWarnings.join('\n'), /ENOSPC/);
      assert.match(r.stderr, /awu-meter: warning: Could not save the usage index .*ENOSPC/);
      assert.deepEqual(temps(mnt), []);
      assert.equal(existsSync(join(mnt, 'save.lock')), false, 'no lock left behind');
    });
  });

  describe('several processes updating one index while an agent appends', () => {
    it('two CLI processes and the extension host path end with exact totals and a whole index', async function () {
      this.timeout(120_000);
      const config = tempDir();
      const files = [0, 1, 2, 3].map((k) => join(config, 'projects', `-p${k}`, `s${k}.jsonl`));
      let expected = 0;
      let n = 0;
      const next = (k: number): string => {
        const output = 10 + (n % 7);
        expected += 1 + output;
        return claudeLine(n++, output, `sess${k}`);
      };
      files.forEach((f, k) => writeLines(f, Array.from({ length: 40 }, () => next(k))));
      const cache = tempDir();
      const env = { CLAUDE_CONFIG_DIR: config, AWU_METER_CACHE_DIR: cache, HOME: tempDir() };
      let appending = true;
      const cliRuns: CliJson[] = [];
      const cliLoop = async (): Promise<void> => {
        while (appending) {
          const r = await cliAsync(['daily', '--json', '--tz', 'UTC'], env);
          assert.equal(r.status, 0, r.stderr);
          cliRuns.push(JSON.parse(r.stdout) as CliJson);
        }
      };
      // The extension host's code path without VS Code: UsageIndex, saving under the same lock.
      const roots = { claude: sourceRoots('claude', { env: { CLAUDE_CONFIG_DIR: config }, home: tempDir(), platform: process.platform }, []) };
      const host = new UsageIndex({ cacheDir: cache, workerPath: 'none', toolRuns: true });
      let hostUpdates = 0;
      const hostLoop = async (): Promise<void> => {
        while (appending) {
          await host.update({ sources: ['claude'], roots });
          await host.save();
          hostUpdates++;
          await new Promise((r) => setTimeout(r, 30));
        }
      };
      const agent = async (): Promise<void> => {
        for (let round = 0; round < 60; round++) {
          const k = round % files.length;
          const line = next(k);
          if (round % 5 === 0) {
            // Written in two parts, as an agent flushing mid-line would.
            appendFileSync(files[k]!, line.slice(0, 200));
            await new Promise((r) => setTimeout(r, 25));
            appendFileSync(files[k]!, `${line.slice(200)}\n`);
          } else appendLines(files[k]!, [line, next(k)]);
          await new Promise((r) => setTimeout(r, 40));
        }
        appending = false;
      };
      await Promise.all([cliLoop(), cliLoop(), hostLoop(), agent()]);

      assert.ok(cliRuns.length >= 4 && hostUpdates >= 4, `${cliRuns.length} CLI runs, ${hostUpdates} host updates`);
      for (const run of cliRuns) assert.deepEqual(run.diagnostics.indexWarnings, [], 'never a torn or mixed index');
      const hostFinal = await host.update({ sources: ['claude'], roots });
      await host.dispose();
      let hostTotal = 0;
      for (let i = 0; i < hostFinal.store.columns.length; i++) {
        if (!hostFinal.store.columns.isDeleted(i)) hostTotal += hostFinal.store.columns.u32.input[i]! + hostFinal.store.columns.u32.output[i]!;
      }
      assert.equal(hostTotal, expected, 'the extension host path');
      const final = JSON.parse(cli(['daily', '--json', '--tz', 'UTC'], env).stdout) as CliJson;
      const fresh = JSON.parse(cli(['daily', '--json', '--tz', 'UTC', '--no-cache'], env).stdout) as CliJson;
      assert.equal(final.totals.totalTokens, expected);
      assert.deepEqual(final.days, fresh.days);
      assert.deepEqual(final.diagnostics.indexWarnings, []);
      const saved = loadSnapshot(cache);
      assert.equal(saved.problem, undefined);
      assert.ok(saved.snapshot, 'the index on disk loads');
      assert.deepEqual(temps(cache), []);
      assert.equal(existsSync(join(cache, 'save.lock')), false);
    });
  });

  describe('logs rewritten in place', () => {
    // An mtime of whole seconds, which utimesSync can put back exactly (it takes seconds as a double).
    const MTIME = Math.floor(Date.now() / 1000) - 3600;
    const pinMtime = (file: string): void => utimesSync(file, MTIME, MTIME);
    const rewrite = (file: string, text: string): void => {
      const st = statSync(file);
      assert.equal(Buffer.byteLength(text), st.size, 'same size');
      writeFileSync(file, text);
      pinMtime(file);
      assert.equal(statSync(file).mtimeMs, st.mtimeMs, 'same mtime');
    };

    it('notices a log rewritten with other content of the same size and mtime, and reads it again', async () => {
      const { codex, file } = codexLog({ input: 1000, output: 100 });
      pinMtime(file);
      const cache = tempDir();
      assert.equal(report(await scan({ codex, cache })).totals.totalTokens, 1100);
      rewrite(file, `${codexLines({ input: 2000, output: 300 }).join('\n')}\n`);
      const again = await scan({ codex, cache });
      assert.equal(again.bytesRead, statSync(file).size, 'read from its start');
      assert.equal(report(again).totals.totalTokens, 2300);
      assert.equal(report(again).totals.totalTokens, report(await scan({ codex })).totals.totalTokens, 'as without the index');
    });

    it('reads a rewritten Claude log again, so its new records count', async () => {
      const { claude, file } = claudeLog(3, 10);
      pinMtime(file);
      const cache = tempDir();
      assert.equal(report(await scan({ claude, cache })).totals.totalTokens, 33);
      // Other message ids and token counts, the same length.
      rewrite(file, readFileSync(file, 'utf8').replaceAll('msg_4444_', 'msg_9999_').replaceAll('"output_tokens":10', '"output_tokens":40'));
      const again = await scan({ claude, cache });
      assert.equal(again.bytesRead, statSync(file).size);
      // Records outlive the content they were read from (as for a truncated log): 3 old + 3 new.
      assert.equal(report(again).totals.totalTokens, 33 + 3 * 41);
    });

    it('reads a log from its start when it grew but its earlier bytes changed', async () => {
      const { codex, file } = codexLog({ input: 1000, output: 100 });
      const cache = tempDir();
      assert.equal(report(await scan({ codex, cache })).totals.totalTokens, 1100);
      const st = statSync(file);
      writeLines(file, [...codexLines({ input: 5000, output: 500 }), tokenCount('2026-09-20T10:00:09Z', { input: 6000, cached: 0, output: 600, reasoning: 0 })]);
      assert.ok(statSync(file).size > st.size);
      const again = await scan({ codex, cache });
      assert.equal(again.bytesRead, statSync(file).size, 'not only the new tail');
      assert.equal(report(again).totals.totalTokens, 6600);
    });

    it('does not read a log again when only its metadata changed', async () => {
      const { claude, file } = claudeLog(3);
      const cache = tempDir();
      await scan({ claude, cache });
      chmodSync(file, 0o600);
      utimesSync(file, statSync(file).atime, statSync(file).mtime); // the same times, written again
      const again = await scan({ claude, cache });
      assert.equal(again.bytesRead, 0);
      assert.equal(report(again).totals.totalTokens, 33);
    });

    it('checks a log read within moments of its last change even when its ctime did not move (a same-tick rewrite)', async () => {
      const { codex, file } = codexLog({ input: 1000, output: 100 });
      pinMtime(file);
      const cache = tempDir();
      await scan({ codex, cache });
      rewrite(file, `${codexLines({ input: 3000, output: 200 }).join('\n')}\n`);
      // The rewrite moved ctime; make the saved entry look as if it had been stat'ed after the rewrite,
      // in the same tick, as on a file system with coarse timestamps.
      const setEntry = (seenAfterChangeMs: number): void => {
        const snap = loadSnapshot(cache).snapshot!;
        const entry = snap.files.find((f) => f.path === file)!;
        entry.ctimeMs = statSync(file).ctimeMs;
        entry.seenAt = entry.ctimeMs + seenAfterChangeMs;
        saveSnapshot(cache, snap);
      };
      setEntry(10);
      assert.equal(report(await scan({ codex, cache })).totals.totalTokens, 3200, 'racy: checked, found rewritten, read again');
      // Stat'ed well after its last change: size, mtime and ctime are trusted without reading.
      rewrite(file, `${codexLines({ input: 4000, output: 200 }).join('\n')}\n`);
      setEntry(60_000);
      const trusted = await scan({ codex, cache });
      assert.equal(trusted.bytesRead, 0);
    });
  });
});
