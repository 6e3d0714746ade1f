// Any valid JSON counts the same (issue 11, item 1): for every JSONL source, logs written by the
// fixture helpers and the same logs re-serialised line by line (keys reversed, sorted or shuffled with a
// fixed seed, spaces after `:` and `,`, `/` as `\/`, characters of keys, ids and strings as `\uXXXX`,
// numbers as 1.0e2, 100.0, -0) give identical daily totals, sessions and tool runs, and no skipped line.
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UpdateResult } from '../../src/core/scan/updateUsage';
import type { SourceId } from '../../src/core/types';
import { tempDir } from './helpers/engine';
import { reportOf, scanSources } from './helpers/geminiLines';
import { type Fixture, JSONL_FIXTURES } from './helpers/jsonlFixtures';
import { reserialiseText, seededRandom } from './helpers/reserialise';

/** Copies `from` to `to`, every JSONL file (`*.jsonl`, `*.jsonl.*`) re-serialised line by line. */
function copyReserialised(from: string, to: string, seed: number): void {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, e.name);
    const dst = join(to, e.name);
    if (e.isDirectory()) copyReserialised(src, dst, seed);
    else if (/\.jsonl(\.|$)/.test(e.name)) writeFileSync(dst, reserialiseText(readFileSync(src, 'utf8'), seed));
    else copyFileSync(src, dst);
  }
}

function run(sources: SourceId[], env: Record<string, string>, root: string): Promise<UpdateResult> {
  return scanSources(sources, env, { home: join(root, 'no-home') });
}

/** What must not change: per day and source the token columns, cost and records; sessions; tool runs; skips. */
function summary(result: UpdateResult, fixture: Fixture): unknown {
  const { sources } = fixture;
  const day = reportOf(result, sources);
  const sessions = reportOf(result, sources, 'session');
  const runs = result.toolRuns.map((t) => `${t.source} ${t.sessionId} ${t.cwd} ${t.kind} ${t.command} ${t.exitCode} ${t.timestamp}`).sort();
  return {
    days: day.rows.map((r) => ({ day: r.key, models: r.models, bySource: r.bySource })),
    sessions: sessions.rows.map((r) => [fixture.pathSessions ? '' : r.key, r.projects, r.models, r.totalTokens, r.costUSD]),
    runs,
    skipped: day.diagnostics.files.map((f) => f.skipped),
  };
}

describe('any valid JSON counts the same (every JSONL source)', () => {
  it('the re-serialiser writes the same values in other spellings', () => {
    const rnd = seededRandom(7);
    const value = { a: [1, -2, 0, 1000, 2.5e-7, 1e21], 'k/"\\': 'x/y "q" \\ 😀 é\n\t\u0001', n: null, t: true, o: { p: { q: [] } } };
    const line = JSON.stringify(value);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const text = reserialiseText(line, Math.floor(rnd() * 1e9));
      // -0 is read as 0 here, as a sum of counts reads it.
      assert.deepEqual(JSON.parse(text, (_k, v: unknown) => (Object.is(v, -0) ? 0 : v)), value, text);
      seen.add(text);
    }
    const all = [...seen].join('\n');
    for (const form of [': ', ', ', '\\/', '\\u0022', '-0', 'e', '.0', '\\u00']) assert.ok(all.includes(form), form);
    assert.ok(seen.size > 150);
  });

  it('claude: a line without message.usage is never a skip, however it is written; a usage line with a null id is', async () => {
    const dir = tempDir();
    const file = join(dir, 'projects', 'p', 's1.jsonl');
    mkdirSync(join(dir, 'projects', 'p'), { recursive: true });
    writeFileSync(file, [
      // A Task tool result repeats its sub-agent's usage in toolUseResult, next to nulls: not a usage line.
      '{"type": "user", "sessionId": null, "cwd": null, "message": {"role": "user", "content": "\\u0075sage"}, "toolUseResult": {"usage": {"input_tokens": 1}}}',
      '{"type":"user","requestId":null,"message":{"role":"user","content":[{"type":"text","text":"x"}]},"toolUseResult":{"\\u0075sage":{"input_tokens":1}}}',
      '{"type":"assistant","timestamp":"2026-09-20T10:00:00Z","sessionId":null,"message":{"id":"m1","model":"claude-sonnet-4-5","usage":{"input_tokens":1,"output_tokens":2}}}',
      '{"type":"assistant","timestamp":"2026-09-20T10:00:01Z","message":{"id":"m2","model":"claude-sonnet-4-5","\\u0075sage":{"input_tokens":3,"output_tokens":4}}}',
      '',
    ].join('\n'));
    const r = reportOf(await scanSources(['claude'], { CLAUDE_CONFIG_DIR: dir }), ['claude']);
    assert.deepEqual([r.totals.inputTokens, r.totals.outputTokens], [3, 4]);
    assert.deepEqual(r.diagnostics.files.map((f) => f.skipped), [{ 'null sessionId': 1 }]);
  });

  for (const [name, fixture] of Object.entries(JSONL_FIXTURES)) {
    it(`${name}: identical daily totals, sessions and tool runs after re-serialising every line`, async () => {
      const original = tempDir();
      const env = fixture.write(original);
      const expected = summary(await run(fixture.sources, env, original), fixture);
      const days = (expected as { days: unknown[] }).days;
      assert.ok(days.length >= 1, 'the fixture has usage');
      for (const seed of [1, 2, 3]) {
        const copy = tempDir();
        copyReserialised(original, copy, seed);
        const copyEnv = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.split(original).join(copy)]));
        assert.deepEqual(summary(await run(fixture.sources, copyEnv, copy), fixture), expected, `seed ${seed}`);
      }
    });
  }
});
