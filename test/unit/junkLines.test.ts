// Lines that are not JSON (issue 11, item 2): binary, invalid UTF-8, cut in the middle, absurd nesting,
// a 1 MiB file of random bytes, a 100 MiB line. Next to real logs, for every JSONL source, they leave
// the totals as they were and are counted per file and reason in the diagnostics; never a crash or a
// hang, and a huge line is passed over with bounded memory.
import { strict as assert } from 'node:assert';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { INVALID_UTF8, MALFORMED, NOT_OBJECT } from '../../src/core/scan/junkLines';
import type { UpdateResult } from '../../src/core/scan/updateUsage';
import type { SourceId } from '../../src/core/types';
import { assistantLine } from './helpers/claudeLines';
import { tempDir, writeLines } from './helpers/engine';
import { reportOf, scanSources } from './helpers/geminiLines';
import { JSONL_FIXTURES } from './helpers/jsonlFixtures';
import { runCliWithPeak } from './helpers/peakMemory';
import { seededRandom } from './helpers/reserialise';

const MiB = 1 << 20;

function randomBytes(n: number, seed: number): Buffer {
  const rnd = seededRandom(seed);
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rnd() * 256);
  return b;
}

/** Complete lines of `bytes` that are not blank (JSON whitespace only): each must be counted. */
function completeLines(bytes: Buffer): number {
  const parts = bytes.toString('latin1').split('\n');
  return parts.slice(0, -1).filter((l) => l.replace(/[ \t\r]/g, '') !== '').length;
}

function firstJsonl(dir: string): string | undefined {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, e.name);
    if (e.isFile() && e.name.endsWith('.jsonl')) return path;
    if (e.isDirectory()) {
      const inner = firstJsonl(path);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** Junk lines and the reason each is counted under. */
function junk(realLine: string): [Buffer, string][] {
  let cut = realLine.slice(0, Math.floor(realLine.length / 2));
  while (cut.endsWith('}')) cut = cut.slice(0, -1);
  const binary = Buffer.from(randomBytes(300, 9).map((b) => (b === 0x0a ? 0x20 : b)));
  return [
    [Buffer.concat([Buffer.from('{"type":"user","text":"caf'), Buffer.from([0xe9, 0x20, 0xff, 0xfe]), Buffer.from('"}')]), INVALID_UTF8],
    [Buffer.from(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), NOT_OBJECT],
    [Buffer.from(cut), MALFORMED],
    [binary, INVALID_UTF8],
  ];
}

function summary(result: UpdateResult, sources: SourceId[]): unknown {
  const day = reportOf(result, sources);
  return {
    days: day.rows.map((r) => ({ day: r.key, bySource: r.bySource })),
    sessions: reportOf(result, sources, 'session').rows.map((r) => [r.projects, r.models, r.totalTokens, r.costUSD]),
    runs: result.toolRuns.map((t) => `${t.source} ${t.sessionId} ${t.kind} ${t.command} ${t.exitCode} ${t.timestamp}`).sort(),
  };
}

function skippedOf(result: UpdateResult, sources: SourceId[], path: string): Record<string, number> | undefined {
  return reportOf(result, sources).diagnostics.files.find((f) => f.path === path)?.skipped;
}

describe('lines that are not JSON are counted, never a crash (every JSONL source)', () => {
  for (const [name, fixture] of Object.entries(JSONL_FIXTURES)) {
    it(`${name}: binary, invalid UTF-8, cut and 100,000-deep lines${fixture.extraFile ? ' and a 1 MiB random file' : ''} leave the totals and are reported`, async () => {
      const clean = tempDir();
      const env = fixture.write(clean);
      const expected = summary(await scanSources(fixture.sources, env, { home: join(clean, 'no-home') }), fixture.sources);

      const root = tempDir();
      const rootEnv = fixture.write(root);
      const damaged = firstJsonl(root)!;
      const lines = readFileSync(damaged, 'utf8').split('\n');
      const at = Math.min(4, lines.length - 1);
      const bad = junk(lines[1]!);
      const out = [...lines.slice(0, at).map((l) => Buffer.from(l)), ...bad.map(([b]) => b), ...lines.slice(at).map((l) => Buffer.from(l))];
      writeFileSync(damaged, Buffer.concat(out.flatMap((b, i) => (i < out.length - 1 ? [b, Buffer.from('\n')] : [b]))));
      let random: Buffer | undefined;
      if (fixture.extraFile) {
        random = randomBytes(MiB, 11);
        mkdirSync(dirname(join(root, fixture.extraFile)), { recursive: true });
        writeFileSync(join(root, fixture.extraFile), random);
      }

      const result = await scanSources(fixture.sources, rootEnv, { home: join(root, 'no-home') });
      assert.deepEqual(summary(result, fixture.sources), expected);
      const want: Record<string, number> = {};
      for (const [, reason] of bad) want[reason] = (want[reason] ?? 0) + 1;
      assert.deepEqual(skippedOf(result, fixture.sources, damaged), want);
      if (random && fixture.extraFile) {
        const skipped = skippedOf(result, fixture.sources, join(root, fixture.extraFile)) ?? {};
        const total = Object.values(skipped).reduce((a, b) => a + b, 0);
        assert.equal(total, completeLines(random), JSON.stringify(skipped));
        for (const reason of Object.keys(skipped)) assert.ok([INVALID_UTF8, MALFORMED, NOT_OBJECT].includes(reason), reason);
        assert.ok((skipped[INVALID_UTF8] ?? 0) > 0);
      }
    });
  }

  it('claude: a usage line nested 100,000 deep, or with a non-object usage, is a skip with its reason', async () => {
    const dir = tempDir();
    const file = join(dir, 'projects', 'p', 's1.jsonl');
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    writeLines(file, [
      assistantLine({ sessionId: 's1', messageId: 'm1', requestId: 'r1', timestamp: '2026-09-20T10:00:00Z', input: 5, output: 7 }),
      `{"type":"assistant","timestamp":"2026-09-20T10:00:01Z","message":{"id":"m2","model":"claude-sonnet-4-5","usage":${deep}}}`,
      `{"type":"assistant","timestamp":"2026-09-20T10:00:02Z","message":{"id":"m3","model":"claude-sonnet-4-5","content":${deep},"usage":{"input_tokens":1,"output_tokens":2}}}`,
      `{"type":"user","message":{"content":[{"type":"text","text":"x"}]},"toolUseResult":{"usage": ${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}}`,
    ]);
    const result = await scanSources(['claude'], { CLAUDE_CONFIG_DIR: dir });
    const r = reportOf(result, ['claude']);
    assert.deepEqual([r.totals.inputTokens, r.totals.outputTokens], [6, 9]);
    const skipped = r.diagnostics.files.find((f) => f.path === file)?.skipped ?? {};
    assert.deepEqual(Object.values(skipped), [1]);
    assert.match(Object.keys(skipped)[0]!, /^invalid message\.usage/);
  });

  it('claude: a 100 MiB line is passed over and reported, with peak memory within twice its size (built CLI)', function () {
    this.timeout(180_000);
    const dir = tempDir();
    const file = join(dir, 'projects', 'p', 's1.jsonl');
    const real = [
      assistantLine({ sessionId: 's1', messageId: 'm1', requestId: 'r1', timestamp: '2026-09-20T10:00:00Z', input: 5, output: 7 }),
      assistantLine({ sessionId: 's1', messageId: 'm2', requestId: 'r2', timestamp: '2026-09-21T10:00:00Z', input: 11, output: 13 }),
    ];
    writeLines(file, real);
    const args = ['daily', '--json', '--no-cache', '--source', 'claude'];
    const base = runCliWithPeak(args, { CLAUDE_CONFIG_DIR: dir });

    const fd = openSync(file, 'w');
    writeSync(fd, `${real[0]}\n{"type":"user","message":{"content":"`);
    const chunk = Buffer.alloc(MiB, 'a');
    for (let i = 0; i < 100; i++) writeSync(fd, chunk);
    writeSync(fd, `"}}\n${real[1]}\n`);
    closeSync(fd);
    let big: ReturnType<typeof runCliWithPeak>;
    try {
      big = runCliWithPeak(args, { CLAUDE_CONFIG_DIR: dir });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    const days = (o: PeakJson): unknown => o.days.map((d) => [d.date, d.inputTokens, d.outputTokens]);
    const before = JSON.parse(base.stdout) as PeakJson;
    const after = JSON.parse(big.stdout) as PeakJson;
    assert.deepEqual(days(after), days(before));
    assert.deepEqual(after.diagnostics.files.map((f) => f.skipped), [{ 'line too long': 1 }]);
    const growth = big.maxRss - base.maxRss;
    assert.ok(growth <= 2 * 100 * MiB, `peak RSS grew by ${(growth / MiB).toFixed(0)} MiB (${(base.maxRss / MiB).toFixed(0)} → ${(big.maxRss / MiB).toFixed(0)} MiB)`);
  });
});

interface PeakJson {
  days: { date: string; inputTokens: number; outputTokens: number }[];
  diagnostics: { files: { skipped: Record<string, number> }[] };
}
