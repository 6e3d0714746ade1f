import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The benchmark corpus generator (bench/generate.mjs), run as the benchmark runs it.

const GENERATOR = resolve('bench/generate.mjs');
const temps: string[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

type Json = Record<string, any>;
type Tokens = Record<string, number>;
type Truth = { claude: Record<string, Tokens>; codex: Record<string, Tokens> };

function generate(args: string[]): void {
  const r = spawnSync(process.execPath, [GENERATOR, ...args, '--quiet'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

function corpus(seed: number, size = '1MiB'): string {
  const dir = tempDir('awu-gen-');
  generate(['--out', dir, '--size', size, '--seed', String(seed), '--days', '10']);
  return dir;
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(jsonl|json|txt)$/.test(f)).sort();
}

function jsonlFiles(dir: string, sub: string): string[] {
  return readdirSync(join(dir, sub), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jsonl')).map((f) => join(dir, sub, f));
}

function digest(dir: string): string {
  const h = createHash('sha256');
  for (const f of files(dir)) h.update(f).update(readFileSync(join(dir, f)));
  return h.digest('hex');
}

/** Every non-blank line of a file, parsed; `null` where the line is not JSON. */
function lines(path: string): { parsed: Json | null; last: boolean; terminated: boolean }[] {
  const text = readFileSync(path, 'utf8');
  const raw = text.split('\n');
  const out: { parsed: Json | null; last: boolean; terminated: boolean }[] = [];
  raw.forEach((line, i) => {
    if (line.trim() === '') return;
    let parsed: Json | null = null;
    try {
      parsed = JSON.parse(line) as Json;
    } catch {
      parsed = null;
    }
    out.push({ parsed, last: i === raw.length - 1, terminated: i < raw.length - 1 });
  });
  return out;
}

const isIso = (s: unknown): boolean => typeof s === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(s);

function addTokens(days: Record<string, Tokens>, date: string, t: Tokens): void {
  const d = (days[date] ??= {});
  for (const [k, v] of Object.entries(t)) d[k] = (d[k] ?? 0) + v;
}

/** The documented counting rules (log-formats.md §1.6, §2.6), applied to the files. */
function referenceTotals(dir: string): Truth {
  const truth: Truth = { claude: {}, codex: {} };
  const kept = new Map<string, { total: number; date: string; sidechain: boolean; msgId: string; tokens: Tokens }>();
  for (const f of jsonlFiles(dir, 'claude')) {
    for (const { parsed: o } of lines(f)) {
      const u = o?.message?.usage;
      if (!o || o.type !== 'assistant' || !u || o.message.model === '<synthetic>') continue;
      const tokens = { inputTokens: u.input_tokens, outputTokens: u.output_tokens, cacheCreationTokens: u.cache_creation_input_tokens, cacheReadTokens: u.cache_read_input_tokens };
      const total = tokens.inputTokens + tokens.outputTokens + tokens.cacheCreationTokens + tokens.cacheReadTokens;
      const key = `${o.message.id}:${o.requestId}`;
      const prev = kept.get(key);
      if (!prev || total > prev.total) kept.set(key, { total, date: o.timestamp.slice(0, 10), sidechain: o.isSidechain === true, msgId: o.message.id, tokens: { ...tokens, totalTokens: total } });
    }
  }
  const mainIds = new Set([...kept.values()].filter((e) => !e.sidechain).map((e) => e.msgId));
  for (const e of kept.values()) if (!(e.sidechain && mainIds.has(e.msgId))) addTokens(truth.claude, e.date, e.tokens);

  for (const f of jsonlFiles(dir, 'codex')) {
    let prev: Json | null = null;
    let replaySecond: string | null = null;
    let forked = false;
    let first = true;
    for (const { parsed: o } of lines(f)) {
      if (!o) continue;
      if (o.type === 'session_meta') forked = !!(o.payload.forked_from_id || o.payload.source?.subagent?.thread_spawn);
      const total = o.type === 'event_msg' && o.payload.type === 'token_count' ? o.payload.info?.total_token_usage : undefined;
      if (!total) continue;
      const second = String(o.timestamp).slice(0, 19);
      if (forked && first) replaySecond = second;
      first = false;
      const base: Json = prev ?? { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0 };
      prev = total;
      if (replaySecond === second) continue; // the fork's replay of its parent: a baseline only
      replaySecond = null;
      const d = (k: string): number => total[k] - base[k];
      if (d('input_tokens') === 0 && d('output_tokens') === 0 && d('cached_input_tokens') === 0) continue;
      const tokens = { inputTokens: d('input_tokens') - d('cached_input_tokens'), outputTokens: d('output_tokens'), cacheCreationTokens: 0, cacheReadTokens: d('cached_input_tokens'), reasoningTokens: d('reasoning_output_tokens') };
      addTokens(truth.codex, o.timestamp.slice(0, 10), { ...tokens, totalTokens: d('input_tokens') + d('output_tokens') });
    }
  }
  return truth;
}

function readTruth(dir: string): Truth {
  return JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as Truth;
}

/** truth.json lists days in order; compare as maps. */
function assertSameTotals(actual: Truth, expected: Truth): void {
  for (const source of ['claude', 'codex'] as const) {
    assert.deepEqual(Object.keys(actual[source]).sort(), Object.keys(expected[source]).sort(), `${source} days`);
    for (const [date, t] of Object.entries(expected[source])) assert.deepEqual(actual[source][date], t, `${source} ${date}`);
  }
}

describe('the benchmark corpus generator', function () {
  this.timeout(60000);
  let a: string;
  let stats: Json;

  before(function () {
    a = corpus(11);
    stats = JSON.parse(readFileSync(join(a, 'corpus-stats.json'), 'utf8')) as Json;
  });

  after(function () {
    for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const b = corpus(11);
    assert.deepEqual(files(a), files(b));
    assert.equal(digest(a), digest(b));
    assert.notEqual(digest(a), digest(corpus(12)));
  });

  it('plants every hazard in a small corpus', () => {
    for (const h of ['claudeStreamingCopies', 'claudeSubagentFiles', 'claudeSidechainReplays', 'claudeResumedFiles', 'claudeSyntheticLines', 'claudeMalformedLines', 'claudeHalfWrittenLastLines', 'blankLines', 'codexReemittedTotals', 'codexInfoNull', 'codexForkedSessions']) {
      assert.ok(stats.hazards[h] > 0, `${h} missing: ${JSON.stringify(stats.hazards)}`);
    }
    assert.ok(files(a).some((f) => f.endsWith('.meta.json')), 'sub-agent .meta.json siblings');
  });

  it('writes valid Claude Code lines of the documented shapes, except the planted broken ones', () => {
    let broken = 0;
    let unterminated = 0;
    for (const f of jsonlFiles(a, 'claude')) {
      const toolUses = new Set<string>();
      for (const { parsed: o, terminated } of lines(f)) {
        if (!o) {
          broken++;
          if (!terminated) unterminated++;
          continue;
        }
        assert.equal(typeof o.type, 'string');
        if (o.type === 'assistant') {
          const m = o.message;
          const u = m.usage;
          assert.ok(isIso(o.timestamp) && typeof o.sessionId === 'string' && typeof o.uuid === 'string' && typeof o.isSidechain === 'boolean');
          assert.ok(/^\d+\.\d+\.\d+$/.test(o.version));
          assert.equal(m.role, 'assistant');
          assert.equal(m.content.length, 1, 'one content block per streamed line');
          for (const k of ['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens']) assert.ok(Number.isInteger(u[k]) && u[k] >= 0, k);
          assert.equal(u.cache_creation.ephemeral_5m_input_tokens + u.cache_creation.ephemeral_1h_input_tokens, u.cache_creation_input_tokens);
          if (m.model === '<synthetic>') {
            assert.equal(o.isApiErrorMessage, true);
            assert.equal(u.input_tokens + u.output_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens, 0);
          } else {
            assert.ok(/^msg_/.test(m.id) && /^req_/.test(o.requestId) && /^claude-/.test(m.model));
            if (u.output_tokens_details) assert.ok(u.output_tokens_details.thinking_tokens <= u.output_tokens);
          }
          if (m.content[0].type === 'tool_use') toolUses.add(m.content[0].id);
        } else if (o.type === 'user') {
          assert.equal(o.message.role, 'user');
          if (!Array.isArray(o.message.content)) continue;
          for (const block of o.message.content) {
            assert.equal(block.type, 'tool_result');
            assert.ok(toolUses.has(block.tool_use_id), 'tool_result pairs with an earlier tool_use');
            if (block.is_error && typeof block.content === 'string' && block.content.startsWith('Exit code')) {
              assert.ok(/^Exit code \d+\n/.test(block.content));
              assert.ok(String(o.toolUseResult).startsWith('Error: Exit code'));
            }
          }
        }
      }
    }
    assert.equal(broken, stats.hazards.claudeMalformedLines + stats.hazards.claudeHalfWrittenLastLines);
    assert.equal(unterminated, stats.hazards.claudeHalfWrittenLastLines);
  });

  it('writes valid Codex rollout lines of the documented shapes', () => {
    let unterminated = 0;
    for (const f of jsonlFiles(a, 'codex')) {
      assert.match(f, /sessions\/\d{4}\/\d\d\/\d\d\/rollout-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-[0-9a-f-]{36}\.jsonl$/);
      const all = lines(f);
      assert.equal(all[0]?.parsed?.type, 'session_meta');
      let last = 0;
      for (const { parsed: o, terminated } of all) {
        if (!o) {
          assert.ok(!terminated, 'only a last line may be broken');
          unterminated++;
          continue;
        }
        assert.ok(isIso(o.timestamp) && typeof o.type === 'string' && typeof o.payload === 'object');
        if (o.type === 'turn_context') assert.ok(/^gpt-5/.test(o.payload.model));
        if (o.type === 'event_msg' && o.payload.type === 'exec_command_end') assert.ok(Number.isInteger(o.payload.exit_code));
        if (o.type !== 'event_msg' || o.payload.type !== 'token_count' || o.payload.info === null) continue;
        for (const u of [o.payload.info.total_token_usage, o.payload.info.last_token_usage]) {
          assert.equal(u.total_tokens, u.input_tokens + u.output_tokens);
          assert.ok(u.cached_input_tokens <= u.input_tokens && u.reasoning_output_tokens <= u.output_tokens);
        }
        assert.ok(o.payload.info.total_token_usage.total_tokens >= last, 'cumulative totals never go down');
        last = o.payload.info.total_token_usage.total_tokens;
      }
    }
    assert.equal(unterminated, stats.hazards.codexHalfWrittenLastLines ?? 0);
  });

  it('writes a truth.json that the documented rules reproduce from the files', () => {
    const truth = readTruth(a);
    assertSameTotals(referenceTotals(a), truth);
    for (const days of [truth.claude, truth.codex]) {
      for (const t of Object.values(days)) assert.equal(t.totalTokens, t.inputTokens! + t.outputTokens! + t.cacheCreationTokens! + t.cacheReadTokens!);
    }
  });

  it('--shape dense writes short lines with every hazard and an exact truth.json', () => {
    const dense = tempDir('awu-gen-dense-');
    generate(['--out', dense, '--size', '3MiB', '--seed', '11', '--days', '10', '--shape', 'dense', '--codex-share', '0.3']);
    const denseStats = JSON.parse(readFileSync(join(dense, 'corpus-stats.json'), 'utf8')) as Json;
    assert.equal(denseStats.shape, 'dense');
    for (const h of ['claudeStreamingCopies', 'claudeSidechainReplays', 'claudeSyntheticLines', 'claudeMalformedLines', 'blankLines', 'codexReemittedTotals', 'codexInfoNull', 'codexForkedSessions']) {
      assert.ok(denseStats.hazards[h] > 0, `${h} missing: ${JSON.stringify(denseStats.hazards)}`);
    }
    assertSameTotals(referenceTotals(dense), readTruth(dense));
    const median = (dir: string, sub: string): number => {
      const lengths = jsonlFiles(dir, sub).flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => Buffer.byteLength(l)));
      return lengths.sort((x, y) => x - y)[lengths.length >> 1]!;
    };
    const large = corpus(11, '3MiB');
    assert.ok(median(dense, 'claude') < 1200 && median(dense, 'claude') < median(large, 'claude'), `claude median ${median(dense, 'claude')} vs ${median(large, 'claude')}`);
    assert.ok(median(dense, 'codex') < 600, `codex median ${median(dense, 'codex')}`);
  });

  it('--append-mb appends valid requests, completes half-written lines and updates truth.json', () => {
    const dir = tempDir('awu-gen-append-');
    cpSync(a, dir, { recursive: true });
    const before = readTruth(dir);
    generate(['--append-mb', '0.5', '--into', dir, '--seed', '3']);
    const after = readTruth(dir);
    assert.deepEqual(after.codex, before.codex);
    const sum = (t: Truth): number => Object.values(t.claude).reduce((n, d) => n + d.totalTokens!, 0);
    assert.ok(sum(after) > sum(before));
    assertSameTotals(referenceTotals(dir), after);
    const unterminated = jsonlFiles(dir, 'claude').filter((f) => !readFileSync(f, 'utf8').endsWith('\n')).length;
    assert.ok(unterminated < stats.hazards.claudeHalfWrittenLastLines, 'half-written lines were completed');
  });
});
