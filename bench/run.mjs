#!/usr/bin/env node
// Benchmark: awu-meter (dist/cli.js) against ccusage on generated corpora (bench/generate.mjs), per
// shape (`large`: long sessions with big tool outputs; `dense`: short turns, small lines) and per
// source (Claude Code vs `ccusage claude daily`, Codex vs `ccusage codex daily`).
//
//   node bench/run.mjs [--size 1GiB] [--shapes large,dense] [--runs 3] [--seed 1] [--statusline-runs 10]
//                      [--append-mb 1] [--no-host] [--keep]
//   quick: node bench/run.mjs --size 128MiB --runs 1 --statusline-runs 3
//
// For each shape and source, interleaved run by run (ccusage, then ours), medians of --runs:
// ccusage daily; our `daily --json` cold (empty cache), warm (nothing changed), `--since <last day>` cold,
// and (Claude only) after an append of --append-mb MiB; peak RSS of the cold runs (GNU time's %M). Our
// per-day tokens are checked against the corpus's truth.json and against ccusage's daily rows (costs are
// reported, never checked). Then, per shape, `awu-meter statusline` with Claude Code's status-line JSON
// on stdin over a warm index of the whole corpus (median of --statusline-runs), and on the dense shape
// the extension host's largest event-loop delay during a cold scan and at a start with a saved index
// (bench/hostLatency.mjs, run twice: the index with the status bar's token figures, then with the AWU
// analysis too; --no-host skips it). Writes bench/RESULTS.md with a Targets table (PASS/FAIL per shape and source)
// and exits non-zero when any token total differs.
// Corpora are kept in bench/corpus/<shape>-<size>-<seed> and reused when present (deleted at the end
// unless --keep). The dense shape's Codex share is 0.3 (about 300 MiB of Codex at 1 GiB), large's 0.2.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const GENERATOR = join(ROOT, 'bench', 'generate.mjs');
const HOST_LATENCY = join(ROOT, 'bench', 'hostLatency.mjs');
const GNU_TIME = '/usr/bin/time';
const TARGETS = { cold: 1.0, warm: 0.05, since: 0.1, rssMiB: 200, statuslineMs: 100, hostDelayMs: 50 };
const CODEX_SHARE = { large: '0.2', dense: '0.3' };
const CLAUDE_KEYS = ['inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheReadTokens', 'totalTokens'];
const CODEX_KEYS = [...CLAUDE_KEYS, 'reasoningTokens'];
const SOURCES = [
  { id: 'claude', name: 'Claude Code', cc: 'claude', keys: CLAUDE_KEYS },
  { id: 'codex', name: 'Codex', cc: 'codex', keys: CODEX_KEYS },
];

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '1GiB' },
    shapes: { type: 'string', default: 'large,dense' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    'statusline-runs': { type: 'string', default: '10' },
    'append-mb': { type: 'string', default: '1' },
    'no-host': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const RUNS = Math.max(1, Number(args.runs));
const STATUSLINE_RUNS = Math.max(1, Number(args['statusline-runs']));
const SHAPES = args.shapes.split(',').map((s) => s.trim()).filter(Boolean);
for (const s of SHAPES) if (!(s in CODEX_SHARE)) throw new Error(`unknown shape ${s} (large, dense)`);

// ---------------------------------------------------------------- processes

const scratch = mkdtempSync(join(tmpdir(), 'awu-bench-'));
const emptyHome = join(scratch, 'home');
mkdirSync(emptyHome);
const hasGnuTime = existsSync(GNU_TIME);

/** A clean environment: no real ~/.claude or ~/.codex can leak into a measurement. */
function env(extra) {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: emptyHome, XDG_CACHE_HOME: join(emptyHome, '.cache'), NO_COLOR: '1', ...extra };
}

/** Runs a command once; wall time from the parent's clock, peak RSS from GNU time. */
function timed(cmd, argv, environment, input) {
  const [file, fileArgs] = hasGnuTime ? [GNU_TIME, ['-f', '%e %M', cmd, ...argv]] : [cmd, argv];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(file, fileArgs, { env: environment, encoding: 'utf8', maxBuffer: 1 << 30, ...(input !== undefined ? { input } : {}) });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  const m = hasGnuTime ? /(\S+) (\d+)\s*$/.exec(r.stderr) : null;
  return { ms, rssMiB: m ? Number(m[2]) / 1024 : NaN, stdout: r.stdout, stderr: hasGnuTime ? r.stderr.replace(/\S+ \d+\s*$/, '') : r.stderr };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Summary of one case's samples. */
function summary(samples) {
  return { samples, ms: median(samples.map((s) => s.ms)), rssMiB: median(samples.map((s) => s.rssMiB)), maxRssMiB: Math.max(...samples.map((s) => s.rssMiB)), first: samples[0] };
}

/** RUNS rounds of several cases, interleaved: round i runs every case once, in order. */
function interleaved(label, cases, rounds = RUNS) {
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < rounds; i++) {
    for (const [k, run] of Object.entries(cases)) samples[k].push(run(i));
    console.log(`  ${label}: round ${i + 1}/${rounds}`);
  }
  return Object.fromEntries(Object.entries(samples).map(([k, s]) => [k, summary(s)]));
}

function ccusageBinary() {
  const platform = `${process.platform === 'darwin' ? 'darwin' : process.platform === 'win32' ? 'win32' : 'linux'}-${process.arch}`;
  const candidates = [join(ROOT, 'node_modules', '@ccusage', `ccusage-${platform}`, 'bin', 'ccusage'), join(ROOT, 'node_modules', '.bin', 'ccusage')];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('ccusage not found: run npm ci (devDependency @ccusage/ccusage-<platform>)');
  // npm may unpack the native binary without its exec bit; run a private executable copy.
  const copy = join(scratch, 'ccusage');
  copyFileSync(found, copy);
  chmodSync(copy, 0o755);
  return copy;
}

// ---------------------------------------------------------------- corpus

function ensureCorpus(shape) {
  const dir = join(ROOT, 'bench', 'corpus', `${shape}-${args.size}-${args.seed}`);
  if (existsSync(join(dir, 'truth.json')) && existsSync(join(dir, 'corpus-stats.json'))) {
    console.log(`reusing corpus ${dir}`);
    return { dir, genMs: null };
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`generating ${args.size} ${shape} corpus (seed ${args.seed}) in ${dir}`);
  const t0 = Date.now();
  execFileSync(process.execPath, [GENERATOR, '--out', dir, '--size', args.size, '--seed', args.seed, '--shape', shape, '--codex-share', CODEX_SHARE[shape]], { stdio: 'inherit' });
  return { dir, genMs: Date.now() - t0 };
}

function listFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name));
}

// ---------------------------------------------------------------- checks

/** {date: {all, claude, codex}} from our daily --json. */
function oursByDay(stdout) {
  const out = {};
  for (const d of JSON.parse(stdout).days) out[d.date] = { all: d, ...d.bySource };
  return out;
}

/** Differences between two {date: tokens} maps over `keys` (a missing day counts as zeros). */
function diff(label, expected, actual, keys) {
  const problems = [];
  const dates = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  for (const date of dates) {
    for (const k of keys) {
      const e = expected[date]?.[k] ?? 0;
      const a = actual[date]?.[k] ?? 0;
      if (e !== a) problems.push(`${label} ${date} ${k}: expected ${e}, got ${a} (${a - e > 0 ? '+' : ''}${a - e})`);
    }
  }
  return problems;
}

const pick = (byDay, source) => Object.fromEntries(Object.entries(byDay).filter(([, v]) => v[source]).map(([d, v]) => [d, v[source]]));
const fromDay = (byDay, first) => Object.fromEntries(Object.entries(byDay).filter(([d]) => d >= first));

/** Our run of one source against the truth (optionally from a first day on). */
function checkOurs(label, stdout, truth, source, first) {
  const keys = SOURCES.find((s) => s.id === source).keys;
  const expected = first ? fromDay(truth[source], first) : truth[source];
  const ours = oursByDay(stdout);
  return [...diff(`${label} vs truth`, expected, pick(ours, source), keys), ...diff(`${label} day totals vs truth`, expected, pick(ours, 'all'), CLAUDE_KEYS)];
}

/** ccusage daily rows keyed by date, with our key names for reasoning and cost. */
function ccusageByDay(stdout) {
  const out = {};
  for (const row of JSON.parse(stdout).daily) out[row.date] = { ...row, reasoningTokens: row.reasoningOutputTokens, costUSD: row.costUSD ?? row.totalCost };
  return out;
}

const relDiff = (a, b) => (b === 0 ? (a === 0 ? 0 : Infinity) : (a - b) / b);

function costRow(source, oursStdout, ccDays) {
  const ours = pick(oursByDay(oursStdout), source);
  const sum = (m) => Object.values(m).reduce((n, v) => n + (v.costUSD ?? 0), 0);
  const worstDay = Math.max(0, ...Object.keys(ccDays).map((d) => Math.abs(relDiff(ours[d]?.costUSD ?? 0, ccDays[d].costUSD))));
  return { ours: sum(ours), ccusage: sum(ccDays), rel: relDiff(sum(ours), sum(ccDays)), worstDay };
}

// ---------------------------------------------------------------- one shape

function benchShape(shape, ccusage) {
  const { dir, genMs } = ensureCorpus(shape);
  const stats = JSON.parse(readFileSync(join(dir, 'corpus-stats.json'), 'utf8'));
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
  const logs = { CLAUDE_CONFIG_DIR: join(dir, 'claude'), CODEX_HOME: join(dir, 'codex') };
  const lastDay = [...Object.keys(truth.claude), ...Object.keys(truth.codex)].sort().at(-1);
  const freshCache = () => mkdtempSync(join(scratch, 'cache-'));
  const ours = (cacheDir, extraArgs, logEnv = logs) => timed(process.execPath, [CLI, 'daily', '--json', '--tz', 'UTC', ...extraArgs], env({ ...logEnv, AWU_METER_CACHE_DIR: cacheDir }));
  const ccArgs = ['daily', '--json', '--offline', '--timezone', 'UTC'];
  const shapeResult = { shape, dir, stats, genMs, lastDay, sources: {}, problems: [], ccusageVsTruth: [] };

  for (const src of SOURCES) {
    console.log(`${shape} / ${src.name}: ${RUNS} round(s)`);
    const only = ['--source', src.id];
    const ccEnv = env(src.id === 'claude' ? { CLAUDE_CONFIG_DIR: logs.CLAUDE_CONFIG_DIR } : { CODEX_HOME: logs.CODEX_HOME });
    let warmCache;
    const r = interleaved(`${shape} ${src.id}`, {
      ccusage: () => timed(ccusage, [src.cc, ...ccArgs], ccEnv),
      cold: () => ours((warmCache = freshCache()), only),
      warm: () => ours(warmCache, only),
      since: () => ours(freshCache(), [...only, '--since', lastDay]),
    });
    if (src.id === 'claude' && Number(args['append-mb']) > 0) r.append = measureAppend(dir, (cache, logEnv) => ours(cache, only, logEnv), freshCache, shapeResult.problems);
    const cc = ccusageByDay(r.ccusage.first.stdout);
    shapeResult.problems.push(
      ...checkOurs(`${shape} ${src.id} cold`, r.cold.first.stdout, truth, src.id),
      ...checkOurs(`${shape} ${src.id} warm`, r.warm.first.stdout, truth, src.id),
      ...checkOurs(`${shape} ${src.id} --since ${lastDay}`, r.since.first.stdout, truth, src.id, lastDay),
      ...diff(`${shape} ccusage-vs-ours ${src.id}`, cc, pick(oursByDay(r.cold.first.stdout), src.id), src.keys),
    );
    shapeResult.ccusageVsTruth.push(...diff(`${shape} ccusage ${src.id} vs truth`, truth[src.id], cc, src.keys));
    r.cost = costRow(src.id, r.cold.first.stdout, cc);
    shapeResult.sources[src.id] = r;
    for (const k of ['cold', 'warm', 'since', 'append']) if (r[k]) for (const s of r[k].samples) s.stdout = undefined;
  }
  shapeResult.statusline = measureStatusline(dir, logs, freshCache, ours);
  if (shape === 'dense' && !args['no-host']) shapeResult.host = measureHost(dir);
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
  return shapeResult;
}

/**
 * Our re-run after --append-mb MiB of new lines. Works on a copy of the Claude logs: each round
 * appends (untimed), re-runs (timed), checks against the updated truth, then truncates the files
 * back, restores truth and state, and re-syncs the cache (untimed).
 */
function measureAppend(dir, ours, freshCache, problems) {
  const work = mkdtempSync(join(dirname(dir), '.append-work-'));
  try {
    cpSync(join(dir, 'claude'), join(work, 'claude'), { recursive: true });
    for (const f of ['truth.json', '.generator-state.json', 'corpus-stats.json']) copyFileSync(join(dir, f), join(work, f));
    const logs = { CLAUDE_CONFIG_DIR: join(work, 'claude'), CODEX_HOME: join(dir, 'codex') };
    const cache = freshCache();
    ours(cache, logs);
    const sizes = new Map(listFiles(join(work, 'claude')).map((f) => [f, statSync(f).size]));
    const saved = Object.fromEntries(['truth.json', '.generator-state.json'].map((f) => [f, readFileSync(join(work, f))]));
    const samples = [];
    for (let i = 0; i < RUNS; i++) {
      execFileSync(process.execPath, [GENERATOR, '--append-mb', args['append-mb'], '--into', work, '--seed', args.seed, '--quiet']);
      const sample = ours(cache, logs);
      if (i === 0) problems.push(...checkOurs('after-append claude', sample.stdout, JSON.parse(readFileSync(join(work, 'truth.json'), 'utf8')), 'claude'));
      samples.push(sample);
      for (const f of listFiles(join(work, 'claude'))) {
        const before = sizes.get(f);
        if (before === undefined) rmSync(f);
        else if (statSync(f).size !== before) truncateSync(f, before);
      }
      for (const [f, data] of Object.entries(saved)) writeFileSync(join(work, f), data);
      ours(cache, logs);
    }
    return summary(samples);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * `awu-meter statusline` as Claude Code runs it: its status-line JSON on stdin, over an index already
 * holding the whole corpus (both sources); one untimed run first, then the median of STATUSLINE_RUNS.
 */
function measureStatusline(dir, logs, freshCache, ours) {
  const transcript = listFiles(join(dir, 'claude', 'projects')).find((f) => f.endsWith('.jsonl') && !f.includes('subagents'));
  const cwd = mkdtempSync(join(scratch, 'cwd-'));
  const input = JSON.stringify({
    session_id: transcript ? transcript.split('/').at(-1).replace(/\.jsonl$/, '') : 'bench',
    transcript_path: transcript ?? '',
    cwd,
    model: { display_name: 'Opus 4.5' },
    workspace: { current_dir: cwd },
    cost: { total_cost_usd: 1.23 },
  });
  const cache = freshCache();
  ours(cache, []);
  const run = () => timed(process.execPath, [CLI, 'statusline', '--tz', 'UTC'], env({ ...logs, AWU_METER_CACHE_DIR: cache }), input);
  let first;
  try {
    first = run();
  } catch (err) {
    return { missing: `statusline failed: ${err.message.split('\n')[0]}` };
  }
  if (/Unknown command/.test(first.stderr)) return { missing: 'no statusline command in dist/cli.js' };
  console.log(`  statusline: ${STATUSLINE_RUNS} run(s)`);
  const r = summary(Array.from({ length: STATUSLINE_RUNS }, run));
  return { ...r, line: first.stdout.trim(), stderr: first.stderr.trim() };
}

/**
 * The extension host's event loop on this corpus (bench/hostLatency.mjs, which works on a copy): the index
 * with the status bar's token figures, then the same with the AWU analysis the status bar starts too.
 */
function measureHost(dir) {
  const out = {};
  for (const [key, extra] of [['index', ['--no-awu', '--appends', '5']], ['awu', ['--appends', '0']]]) {
    const file = join(scratch, `host-${key}.json`);
    console.log(`  extension host (${key === 'index' ? 'index + figures' : 'index + figures + AWU analysis'}): cold scan, then a start with the index saved`);
    const r = spawnSync(process.execPath, [HOST_LATENCY, '--corpus', dir, '--json', file, ...extra], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    out[key] = r.status === 0 && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { missing: `hostLatency failed (${r.status}): ${r.stderr.slice(-500)}` };
  }
  return out;
}

// ---------------------------------------------------------------- report

const s3 = (ms) => (ms / 1000).toFixed(3);
const mib = (x) => (Number.isFinite(x) ? x.toFixed(0) : 'n/a');
const verdict = (ok) => (ok === undefined ? 'n/a' : ok ? 'PASS' : 'FAIL');
const mdTable = (h, b) => [`| ${h.join(' | ')} |`, `|${h.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...b.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const textTable = (h, b) => {
  const w = h.map((_, i) => Math.max(h[i].length, ...b.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join('  ');
  return [line(h), w.map((n) => '-'.repeat(n)).join('  '), ...b.map(line)].join('\n');
};

function timingRows(sr) {
  const rows = [];
  for (const src of SOURCES) {
    const r = sr.sources[src.id];
    const cc = r.ccusage.ms;
    const row = (name, m, rss = m.rssMiB) => [`${src.name}: ${name}`, s3(m.ms), mib(rss), (m.ms / cc).toFixed(3)];
    rows.push(row(`ccusage ${src.cc} daily`, r.ccusage));
    rows.push(row('ours cold (empty cache)', r.cold, r.cold.maxRssMiB));
    rows.push(row('ours warm (nothing changed)', r.warm));
    rows.push(row(`ours --since ${sr.lastDay} cold`, r.since));
    if (r.append) rows.push(row(`ours after ${args['append-mb']} MiB append`, r.append));
  }
  return rows;
}

function targetRows(sr) {
  const rows = [];
  for (const src of SOURCES) {
    const r = sr.sources[src.id];
    const cc = r.ccusage.ms;
    const ratio = (m) => (m.ms / cc).toFixed(3);
    rows.push([sr.shape, src.name, 'daily --json cold / ccusage', ratio(r.cold), `≤ ${TARGETS.cold}`, verdict(r.cold.ms <= TARGETS.cold * cc)]);
    rows.push([sr.shape, src.name, 'daily --json warm / ccusage', ratio(r.warm), `≤ ${TARGETS.warm}`, verdict(r.warm.ms <= TARGETS.warm * cc)]);
    rows.push([sr.shape, src.name, `daily --json --since ${sr.lastDay} cold / ccusage`, ratio(r.since), `≤ ${TARGETS.since}`, verdict(r.since.ms <= TARGETS.since * cc)]);
    const rss = r.cold.maxRssMiB;
    rows.push([sr.shape, src.name, 'peak RSS cold (max of runs)', `${mib(rss)} MiB`, `≤ ${TARGETS.rssMiB} MiB`, verdict(Number.isFinite(rss) ? rss <= TARGETS.rssMiB : undefined)]);
  }
  const sl = sr.statusline;
  rows.push([sr.shape, 'all', 'statusline warm (median)', sl.missing ? 'n/a' : `${sl.ms.toFixed(0)} ms`, `≤ ${TARGETS.statuslineMs} ms`, sl.missing ? 'FAIL' : verdict(sl.ms <= TARGETS.statuslineMs)]);
  if (sr.host) {
    for (const [key, what] of [['index', 'index + figures'], ['awu', 'with AWU analysis']]) {
      const h = sr.host[key];
      for (const [k, name] of [['cold', 'cold scan'], ['start', 'start with a saved index']]) {
        const v = h.missing ? undefined : h[k];
        rows.push([sr.shape, 'editor', `host event-loop delay, ${name} (${what})`, v ? `${v.maxMs.toFixed(1)} ms (CPU ${v.cpuWorstMs.toFixed(1)} ms)` : 'n/a', `≤ ${TARGETS.hostDelayMs} ms`, v ? verdict(v.maxMs <= TARGETS.hostDelayMs) : 'FAIL']);
      }
    }
  }
  return rows;
}

function corpusLines(sr) {
  const { stats, genMs } = sr;
  const src = stats.sources;
  const pct = (a, b) => `${((100 * a) / b).toFixed(1)}%`;
  const avg = (x) => (x.lines ? `${Math.round(x.chars / x.lines)} B/line mean` : '');
  return [
    `${(stats.bytes / 2 ** 20).toFixed(0)} MiB, shape ${stats.shape ?? sr.shape} (seed ${stats.seed}, ${stats.days} days ending ${stats.end}, Codex share ${stats.codexShare})` + (genMs ? `, generated in ${(genMs / 1000).toFixed(1)} s` : ''),
    `Claude: ${src.claude.files} files, ${src.claude.lines} lines (${avg(src.claude)}); usage-bearing ${src.claude.usageLines} lines (${pct(src.claude.usageLines, src.claude.lines)}) = ${pct(src.claude.usageChars, src.claude.chars)} of bytes`,
    `Codex: ${src.codex.files} files, ${src.codex.lines} lines (${avg(src.codex)}); token_count ${src.codex.usageLines} lines (${pct(src.codex.usageLines, src.codex.lines)}) = ${pct(src.codex.usageChars, src.codex.chars)} of bytes`,
    `Hazards: ${Object.entries(stats.hazards).map(([k, v]) => `${k} ${v}`).join(', ')}`,
  ];
}

function render(results, ccVersion) {
  const header = ['case', 'wall s (median)', 'peak RSS MiB (median; cold: max)', 'wall / ccusage'];
  const targetHeader = ['shape', 'source', 'target', 'value', 'limit', 'result'];
  const targets = results.flatMap(targetRows);
  const problems = results.flatMap((r) => r.problems);
  const ccusageVsTruth = results.flatMap((r) => r.ccusageVsTruth);
  const checks = [
    ['ours == truth.json (cold, warm, --since, after append), per day and source, every shape', problems.filter((p) => !p.includes('ccusage-vs-ours')).length === 0],
    ['ours == ccusage daily token columns, per day and source, every shape', problems.filter((p) => p.includes('ccusage-vs-ours')).length === 0],
    ['ccusage == truth.json (validates the generator)', ccusageVsTruth.length === 0],
  ];
  const costRows = results.flatMap((sr) => SOURCES.map((src) => {
    const c = sr.sources[src.id].cost;
    return [`${sr.shape} ${src.name}`, c.ours.toFixed(2), c.ccusage.toFixed(2), `${(100 * c.rel).toFixed(2)}%`, `${(100 * c.worstDay).toFixed(2)}%`];
  }));
  const extraLines = (sr) => {
    const out = [];
    const sl = sr.statusline;
    out.push(sl.missing ? `- statusline: ${sl.missing}` : `- statusline: median ${sl.ms.toFixed(0)} ms over ${STATUSLINE_RUNS} runs (peak RSS ${mib(sl.rssMiB)} MiB), warm index of both sources; it printed \`${sl.line}\`${sl.stderr ? ` (stderr: ${sl.stderr})` : ''}`);
    for (const [key, what] of [['index', 'the index and the status bar\'s token figures'], ['awu', 'the same and the AWU analysis the status bar starts']]) {
      const h = sr.host?.[key];
      if (!h) continue;
      if (h.missing) out.push(`- extension host (${what}): ${h.missing}`);
      else {
        out.push(`- extension host, ${what}: cold scan of ${h.cold.mib.toFixed(0)} MiB (${h.cold.files} files) ${(h.cold.ms / 1000).toFixed(2)} s, largest event-loop delay ${h.cold.maxMs.toFixed(1)} ms (p99 ${h.cold.p99Ms.toFixed(1)} ms; main-thread CPU within one gap at most ${h.cold.cpuWorstMs.toFixed(1)} ms); ` +
          `start with the index saved ${h.start.ms.toFixed(0)} ms, largest delay ${h.start.maxMs.toFixed(1)} ms (CPU within one gap at most ${h.start.cpuWorstMs.toFixed(1)} ms)` +
          (h.append ? `; append → index (after a start) median ${h.append.medianMs.toFixed(0)} ms over ${h.append.count} appends, largest delay ${h.append.loop.maxMs.toFixed(1)} ms (CPU within one gap at most ${h.append.loop.cpuWorstMs.toFixed(1)} ms)` : ''));
      }
    }
    return out.join('\n');
  };
  const table = [
    ...results.map((sr) => `== ${sr.shape}\n${textTable(header, timingRows(sr))}`),
    '',
    textTable(targetHeader, targets),
    '',
    ...checks.map(([name, ok]) => `${verdict(ok)}  ${name}`),
  ].join('\n');

  let freeG = '';
  try { freeG = execFileSync('free', ['-g'], { encoding: 'utf8' }).trimEnd(); } catch { freeG = 'n/a'; }
  let load = '';
  try { load = readFileSync('/proc/loadavg', 'utf8').trim(); } catch { load = 'n/a'; }
  const markdown = `# Benchmark results

Written by \`npm run bench\` (\`node bench/run.mjs --size ${args.size} --shapes ${SHAPES.join(',')} --runs ${RUNS} --seed ${args.seed}\`) on ${new Date().toISOString()}.
Wall times are medians of ${RUNS} runs measured by the parent process, ccusage and ours interleaved run by run;
peak RSS is GNU time's \`%M\`. All runs read from a warm OS page cache; nothing drops caches.
Each source is measured on its own: ours with \`--source claude\` / \`--source codex\` against \`ccusage claude daily\` /
\`ccusage codex daily\`; every ratio divides by that ccusage run's median. The \`--since\` row reads the corpus's last day.
The editor rows (\`bench/hostLatency.mjs\`) give the largest gap between two ticks of a 10 ms timer on the extension
host's thread, and in brackets the CPU time that thread itself spent within one gap (the rest of a gap is the
machine's load); the status bar's "now" is the evening of the corpus's last day.

## Machine

- CPU: ${cpus()[0]?.model ?? 'unknown'}, \`nproc\` = ${availableParallelism()}, load average at the end: ${load}
- Node ${process.version}, ${ccVersion} (native binary, \`--offline\`)
- \`free -g\`:

\`\`\`
${freeG}
\`\`\`

## Targets

${mdTable(targetHeader, targets)}

## Token totals

${checks.map(([name, ok]) => `- **${verdict(ok)}** ${name}`).join('\n')}
${[...problems, ...ccusageVsTruth].slice(0, 30).map((p) => `  - ${p}`).join('\n')}

${results.map((sr) => `## Shape \`${sr.shape}\`

Corpus (\`bench/generate.mjs --shape ${sr.shape}\`):

${corpusLines(sr).map((l) => `- ${l}`).join('\n')}

${mdTable(header, timingRows(sr))}

${extraLines(sr)}
`).join('\n')}
## Cost (reported, not checked)

${mdTable(['shape / source', 'ours USD', 'ccusage USD', 'difference', 'worst day'], costRows)}
`;
  return { table, markdown, failed: problems.length > 0 };
}

// ---------------------------------------------------------------- main

function main() {
  if (!existsSync(CLI)) {
    console.error(`${CLI} is missing: run npm run build (npm run bench builds first)`);
    process.exit(2);
  }
  const ccusage = ccusageBinary();
  const ccVersion = execFileSync(ccusage, ['--version'], { encoding: 'utf8' }).trim();
  try {
    const results = SHAPES.map((shape) => benchShape(shape, ccusage));
    const report = render(results, ccVersion);
    console.log('\n' + report.table);
    writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), report.markdown);
    console.log('\nwrote bench/RESULTS.md');
    for (const p of results.flatMap((r) => [...r.problems, ...r.ccusageVsTruth]).slice(0, 40)) console.log(`  MISMATCH ${p}`);
    process.exitCode = report.failed ? 1 : 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
