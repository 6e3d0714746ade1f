#!/usr/bin/env node
// Benchmark: awu-meter (dist/cli.js) against ccusage on one generated corpus (bench/generate.mjs).
//
//   node bench/run.mjs [--size 1GiB] [--runs 5] [--seed 1] [--append-mb 1] [--keep]
//
// Measures medians of wall time and peak RSS (GNU time) for: two Node "floors" (bare start-up, and a
// multi-threaded read that only splits every file into lines), ccusage claude/codex daily, our cold run (fresh cache dir each time), our warm
// run (nothing changed), and our run after an append of --append-mb MiB (on a copy of the Claude
// logs, restored after each run). Checks that our per-day, per-source tokens equal the corpus's
// truth.json and ccusage's daily rows; costs are reported side by side but never fail the run.
// Prints a table, writes bench/RESULTS.md, and exits non-zero when any token total differs.
// The corpus is kept in bench/corpus/<size>-<seed> with --keep (and reused when present).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const GENERATOR = join(ROOT, 'bench', 'generate.mjs');
const GNU_TIME = '/usr/bin/time';
const TARGETS = { cold: 0.5, warm: 0.05, rssMiB: 200 };
const CLAUDE_KEYS = ['inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheReadTokens', 'totalTokens'];
const CODEX_KEYS = [...CLAUDE_KEYS, 'reasoningTokens'];

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '1GiB' },
    runs: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
    'append-mb': { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
  },
});
const RUNS = Math.max(1, Number(args.runs));

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
function timed(cmd, argv, environment) {
  const [file, fileArgs] = hasGnuTime ? [GNU_TIME, ['-f', '%e %M', cmd, ...argv]] : [cmd, argv];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(file, fileArgs, { env: environment, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  const m = hasGnuTime ? /(\S+) (\d+)\s*$/.exec(r.stderr) : null;
  return { ms, rssMiB: m ? Number(m[2]) / 1024 : NaN, stdout: r.stdout };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** RUNS measurements of one case; `prepare`/`after` run untimed around each. */
function measure(name, run, { prepare, after } = {}) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    prepare?.(i);
    const sample = run(i);
    samples.push(sample);
    after?.(i, sample);
    if (process.stdout.isTTY) process.stdout.write(`\r  ${name}: ${i + 1}/${RUNS}   `);
  }
  if (process.stdout.isTTY) process.stdout.write('\n');
  else console.log(`  ${name}: ${RUNS} run(s)`);
  return { name, samples, ms: median(samples.map((s) => s.ms)), rssMiB: median(samples.map((s) => s.rssMiB)), maxRssMiB: Math.max(...samples.map((s) => s.rssMiB)), first: samples[0] };
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

function ensureCorpus() {
  const dir = join(ROOT, 'bench', 'corpus', `${args.size}-${args.seed}`);
  if (existsSync(join(dir, 'truth.json')) && existsSync(join(dir, 'corpus-stats.json'))) {
    console.log(`reusing corpus ${dir}`);
    return { dir, genMs: null };
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`generating ${args.size} corpus (seed ${args.seed}) in ${dir}`);
  const t0 = Date.now();
  execFileSync(process.execPath, [GENERATOR, '--out', dir, '--size', args.size, '--seed', args.seed], { stdio: 'inherit' });
  return { dir, genMs: Date.now() - t0 };
}

function listFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name));
}

// The Node floors, the least any Node reader of these logs can cost on this machine:
// - start-up: `node -e 0`, which every run of a Node CLI pays;
// - list + stat: start-up, then every log folder listed and every log stat'ed, the least a re-run must do
//   to see that nothing changed (bounds the warm run);
// - read: every log read into a reused buffer and split into lines at the byte level (newline search,
//   no strings), on one worker thread per core with files balanced by size, as our scan does, and
//   nothing else: no marker search, no parsing (bounds the cold run).
const LIST_FLOOR_SCRIPT = `
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
let files = 0;
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) walk(path);
    else if (e.name.endsWith('.jsonl')) files += statSync(path).size >= 0 ? 1 : 0;
  }
};
for (const root of process.argv.slice(1)) walk(root);
console.log(JSON.stringify({ files }));
`;

const FLOOR_SCRIPT = `
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');
const { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { availableParallelism } = require('node:os');
if (isMainThread) {
  const files = [];
  for (const root of process.argv.slice(2)) {
    for (const e of readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!e.isFile() || !e.name.endsWith('.jsonl')) continue;
      const path = join(e.parentPath ?? e.path, e.name);
      files.push([path, statSync(path).size]);
    }
  }
  const n = Math.min(availableParallelism(), files.length);
  const groups = Array.from({ length: n }, () => []);
  const load = new Array(n).fill(0);
  for (const [path, size] of files.sort((a, b) => b[1] - a[1])) {
    const g = load.indexOf(Math.min(...load));
    groups[g].push(path);
    load[g] += size;
  }
  let done = 0, lines = 0, bytes = 0;
  for (const group of groups) {
    new Worker(__filename, { workerData: group }).on('message', (m) => {
      lines += m.lines;
      bytes += m.bytes;
      if (++done === n) console.log(JSON.stringify({ lines, bytes }));
    });
  }
} else {
  let buf = Buffer.allocUnsafe(1 << 22), lines = 0, bytes = 0;
  for (const path of workerData) {
    const fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    if (size > buf.length) buf = Buffer.allocUnsafe(size);
    let off = 0;
    while (off < size) {
      const r = readSync(fd, buf, off, size - off, off);
      if (r <= 0) break;
      off += r;
    }
    closeSync(fd);
    bytes += off;
    for (let i = buf.indexOf(10); i >= 0 && i < off; i = buf.indexOf(10, i + 1)) lines++;
  }
  parentPort.postMessage({ lines, bytes });
}
`;

// ---------------------------------------------------------------- checks

/** {date: {claude: {...}, codex: {...}}} from our daily --json. */
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

function sumDays(...maps) {
  const out = {};
  for (const m of maps) {
    for (const [date, t] of Object.entries(m)) {
      const o = (out[date] ??= {});
      for (const k of CLAUDE_KEYS) o[k] = (o[k] ?? 0) + (t[k] ?? 0);
    }
  }
  return out;
}

function checkOurs(label, stdout, truth) {
  const ours = oursByDay(stdout);
  return [
    ...diff(`${label} claude vs truth`, truth.claude, pick(ours, 'claude'), CLAUDE_KEYS),
    ...diff(`${label} codex vs truth`, truth.codex, pick(ours, 'codex'), CODEX_KEYS),
    ...diff(`${label} day totals vs truth`, sumDays(truth.claude, truth.codex), pick(ours, 'all'), CLAUDE_KEYS),
  ];
}

/** ccusage daily rows keyed by date, with our key names for reasoning and cost. */
function ccusageByDay(stdout) {
  const out = {};
  for (const row of JSON.parse(stdout).daily) out[row.date] = { ...row, reasoningTokens: row.reasoningOutputTokens, costUSD: row.costUSD ?? row.totalCost };
  return out;
}

function costs(oursStdout, ccClaude, ccCodex) {
  const ours = oursByDay(oursStdout);
  const sum = (m, k) => Object.values(m).reduce((n, v) => n + (v[k] ?? 0), 0);
  const rows = [
    ['claude', sum(pick(ours, 'claude'), 'costUSD'), sum(ccClaude, 'costUSD')],
    ['codex', sum(pick(ours, 'codex'), 'costUSD'), sum(ccCodex, 'costUSD')],
  ];
  // Largest per-day relative difference, to spot a model priced differently on some days only.
  const worstDay = (oursDays, ccDays) => Math.max(0, ...Object.keys(ccDays).map((d) => relDiff(oursDays[d]?.costUSD ?? 0, ccDays[d].costUSD)));
  return rows.map(([source, o, c]) => ({ source, ours: o, ccusage: c, rel: relDiff(o, c), worstDay: worstDay(pick(ours, source), source === 'claude' ? ccClaude : ccCodex) }));
}
const relDiff = (a, b) => (b === 0 ? (a === 0 ? 0 : Infinity) : (a - b) / b);

// ---------------------------------------------------------------- main

function main() {
  if (!existsSync(CLI)) {
    console.error(`${CLI} is missing: run npm run build (npm run bench builds first)`);
    process.exit(2);
  }
  const { dir, genMs } = ensureCorpus();
  const stats = JSON.parse(readFileSync(join(dir, 'corpus-stats.json'), 'utf8'));
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
  const ccusage = ccusageBinary();
  const ccVersion = execFileSync(ccusage, ['--version'], { encoding: 'utf8' }).trim();
  const logs = { CLAUDE_CONFIG_DIR: join(dir, 'claude'), CODEX_HOME: join(dir, 'codex') };
  const ours = (cacheDir, extra = logs) => timed(process.execPath, [CLI, 'daily', '--json', '--tz', 'UTC'], env({ ...extra, AWU_METER_CACHE_DIR: cacheDir }));
  const freshCache = () => mkdtempSync(join(scratch, 'cache-'));
  const results = {};
  console.log(`measuring, ${RUNS} run(s) each`);

  const floorScript = join(scratch, 'floor.cjs');
  writeFileSync(floorScript, FLOOR_SCRIPT);
  results.startup = measure('node floor: start-up', () => timed(process.execPath, ['-e', '0'], env({})));
  results.listFloor = measure('node floor: list + stat', () => timed(process.execPath, ['-e', LIST_FLOOR_SCRIPT, join(dir, 'claude', 'projects'), join(dir, 'codex', 'sessions')], env({})));
  results.floor = measure('node floor: read + split lines', () => timed(process.execPath, [floorScript, join(dir, 'claude', 'projects'), join(dir, 'codex', 'sessions')], env({})));
  const ccArgs = ['daily', '--json', '--offline', '--timezone', 'UTC'];
  results.ccClaude = measure('ccusage claude daily', () => timed(ccusage, ['claude', ...ccArgs], env({ CLAUDE_CONFIG_DIR: logs.CLAUDE_CONFIG_DIR })));
  results.ccCodex = measure('ccusage codex daily', () => timed(ccusage, ['codex', ...ccArgs], env({ CODEX_HOME: logs.CODEX_HOME })));
  results.ccAll = measure('ccusage daily (all sources)', () => timed(ccusage, ccArgs, env(logs)));

  let warmCache;
  results.cold = measure('ours cold', () => ours((warmCache = freshCache())));
  results.warm = measure('ours warm', () => ours(warmCache));
  results.append = measureAppend(dir, ours, freshCache);

  // ---- checks
  const ccClaude = ccusageByDay(results.ccClaude.first.stdout);
  const ccCodex = ccusageByDay(results.ccCodex.first.stdout);
  const problems = [
    ...checkOurs('cold', results.cold.first.stdout, truth),
    ...checkOurs('warm', results.warm.first.stdout, truth),
    ...results.append.problems,
    ...diff('ccusage-vs-ours claude', ccClaude, pick(oursByDay(results.cold.first.stdout), 'claude'), CLAUDE_KEYS),
    ...diff('ccusage-vs-ours codex', ccCodex, pick(oursByDay(results.cold.first.stdout), 'codex'), CODEX_KEYS),
  ];
  const ccusageVsTruth = [
    ...diff('ccusage claude vs truth', truth.claude, ccClaude, CLAUDE_KEYS),
    ...diff('ccusage codex vs truth', truth.codex, ccCodex, CODEX_KEYS),
  ];
  const floor = JSON.parse(results.floor.first.stdout);
  const cost = costs(results.cold.first.stdout, ccClaude, ccCodex);

  const report = renderReport({ dir, stats, genMs, ccVersion, results, problems, ccusageVsTruth, floor, cost, truth });
  console.log('\n' + report.table);
  writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), report.markdown);
  console.log(`\nwrote bench/RESULTS.md`);
  for (const p of [...problems, ...ccusageVsTruth].slice(0, 40)) console.log(`  MISMATCH ${p}`);

  rmSync(scratch, { recursive: true, force: true });
  if (!args.keep) rmSync(dir, { recursive: true, force: true });
  process.exitCode = problems.length > 0 ? 1 : 0;
}

/**
 * Our re-run after --append-mb MiB of new lines. Works on a copy of the Claude logs: each round
 * appends (untimed), re-runs (timed), checks against the updated truth, then truncates the files
 * back, restores truth and state, and re-syncs the cache (untimed).
 */
function measureAppend(dir, ours, freshCache) {
  const work = mkdtempSync(join(dirname(dir), '.append-work-'));
  const problems = [];
  try {
    cpSync(join(dir, 'claude'), join(work, 'claude'), { recursive: true });
    for (const f of ['truth.json', '.generator-state.json', 'corpus-stats.json']) copyFileSync(join(dir, f), join(work, f));
    const logs = { CLAUDE_CONFIG_DIR: join(work, 'claude'), CODEX_HOME: join(dir, 'codex') };
    const cache = freshCache();
    ours(cache, logs);
    const sizes = new Map(listFiles(join(work, 'claude')).map((f) => [f, statSync(f).size]));
    const saved = Object.fromEntries(['truth.json', '.generator-state.json'].map((f) => [f, readFileSync(join(work, f))]));
    const result = measure(`ours after ${args['append-mb']} MiB append`, () => ours(cache, logs), {
      prepare: () => execFileSync(process.execPath, [GENERATOR, '--append-mb', args['append-mb'], '--into', work, '--seed', args.seed, '--quiet']),
      after: (i, sample) => {
        if (i === 0) {
          const truth = JSON.parse(readFileSync(join(work, 'truth.json'), 'utf8'));
          problems.push(...checkOurs('after-append', sample.stdout, truth));
        }
        for (const f of listFiles(join(work, 'claude'))) {
          const before = sizes.get(f);
          if (before === undefined) rmSync(f);
          else if (statSync(f).size !== before) truncateSync(f, before);
        }
        for (const [f, data] of Object.entries(saved)) writeFileSync(join(work, f), data);
        ours(cache, logs);
      },
    });
    result.problems = problems;
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- report

function renderReport({ dir, stats, genMs, ccVersion, results, problems, ccusageVsTruth, floor, cost, truth }) {
  const R = results;
  const cc = R.ccClaude.ms + R.ccCodex.ms;
  const ccRss = Math.max(R.ccClaude.rssMiB, R.ccCodex.rssMiB);
  const s = (ms) => (ms / 1000).toFixed(3);
  const mib = (x) => (Number.isFinite(x) ? x.toFixed(0) : 'n/a');
  const ratio = (ms) => (ms / cc).toFixed(3);
  const rows = [
    ['node floor: start-up (`node -e 0`)', R.startup],
    ['node floor: start-up + list and stat every log', R.listFloor],
    [`node floor: read + split lines (${availableParallelism()} threads, no parsing)`, R.floor],
    ['ccusage claude daily', R.ccClaude],
    ['ccusage codex daily', R.ccCodex],
    ['ccusage claude + codex', { ms: cc, rssMiB: ccRss }],
    ['ccusage daily (all sources, one process)', R.ccAll],
    ['ours cold (fresh cache)', R.cold],
    ['ours warm (nothing changed)', R.warm],
    [`ours after ${args['append-mb']} MiB append`, R.append],
  ];
  const header = ['case', 'wall s (median)', 'peak RSS MiB (median)', 'wall / ccusage'];
  const body = rows.map(([name, m]) => [name, s(m.ms), mib(m.rssMiB), ratio(m.ms)]);
  const oursMaxRss = Math.max(R.cold.maxRssMiB, R.warm.maxRssMiB, R.append.maxRssMiB);
  const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
  const targets = [
    ['cold / ccusage', ratio(R.cold.ms), `≤ ${TARGETS.cold}`, verdict(R.cold.ms <= TARGETS.cold * cc)],
    ['warm / ccusage', ratio(R.warm.ms), `≤ ${TARGETS.warm}`, verdict(R.warm.ms <= TARGETS.warm * cc)],
    ['Node floor for cold: read + split / ccusage', ratio(R.floor.ms), `≤ ${TARGETS.cold}`, verdict(R.floor.ms <= TARGETS.cold * cc)],
    ['Node floor for warm: start-up + list/stat / ccusage', ratio(R.listFloor.ms), `≤ ${TARGETS.warm}`, verdict(R.listFloor.ms <= TARGETS.warm * cc)],
    ['ours peak RSS (max of all runs)', `${mib(oursMaxRss)} MiB`, `≤ ${TARGETS.rssMiB} MiB`, Number.isFinite(oursMaxRss) ? verdict(oursMaxRss <= TARGETS.rssMiB) : 'n/a'],
  ];
  const days = Object.keys(truth.claude).length + Object.keys(truth.codex).length;
  const checks = [
    ['ours == truth.json (cold, warm, after append), per day and source', problems.filter((p) => !p.startsWith('ccusage-vs-ours')).length === 0],
    ['ours == ccusage daily token columns, per day and source', problems.filter((p) => p.startsWith('ccusage-vs-ours')).length === 0],
    ['ccusage == truth.json (validates the generator)', ccusageVsTruth.length === 0],
  ];
  const src = stats.sources;
  const pct = (a, b) => `${((100 * a) / b).toFixed(1)}%`;
  const corpusLines = [
    `${(stats.bytes / 2 ** 20).toFixed(0)} MiB (seed ${stats.seed}, ${stats.days} days ending ${stats.end}, Codex share ${stats.codexShare})` + (genMs ? `, generated in ${(genMs / 1000).toFixed(1)} s` : ''),
    `Claude: ${src.claude.files} files, ${src.claude.lines} lines; usage-bearing ${src.claude.usageLines} lines (${pct(src.claude.usageLines, src.claude.lines)}) = ${pct(src.claude.usageChars, src.claude.chars)} of bytes`,
    `Codex: ${src.codex.files} files, ${src.codex.lines} lines; token_count ${src.codex.usageLines} lines (${pct(src.codex.usageLines, src.codex.lines)}) = ${pct(src.codex.usageChars, src.codex.chars)} of bytes`,
    `${days} source-days in truth.json; the Node floor read ${(floor.bytes / 2 ** 20).toFixed(0)} MiB of .jsonl`,
    `Hazards: ${Object.entries(stats.hazards).map(([k, v]) => `${k} ${v}`).join(', ')}`,
  ];
  const costRows = cost.map((c) => [c.source, c.ours.toFixed(2), c.ccusage.toFixed(2), `${(100 * c.rel).toFixed(2)}%`, `${(100 * c.worstDay).toFixed(2)}%`]);

  const textTable = (h, b) => {
    const w = h.map((_, i) => Math.max(h[i].length, ...b.map((r) => String(r[i]).length)));
    const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join('  ');
    return [line(h), w.map((n) => '-'.repeat(n)).join('  '), ...b.map(line)].join('\n');
  };
  const mdTable = (h, b) => [`| ${h.join(' | ')} |`, `|${h.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...b.map((r) => `| ${r.join(' | ')} |`)].join('\n');

  const table = [
    textTable(header, body),
    '',
    textTable(['target', 'value', 'limit', 'result'], targets),
    '',
    ...checks.map(([name, ok]) => `${verdict(ok)}  ${name}`),
    '',
    textTable(['cost USD', 'ours', 'ccusage', 'diff', 'worst day'], costRows),
  ].join('\n');

  let freeG = '';
  try { freeG = execFileSync('free', ['-g'], { encoding: 'utf8' }).trimEnd(); } catch { freeG = 'n/a'; }
  const markdown = `# Benchmark results

Written by \`npm run bench\` (\`node bench/run.mjs --size ${args.size} --runs ${RUNS} --seed ${args.seed}\`) on ${new Date().toISOString()}.
Wall times are medians of ${RUNS} runs measured by the parent process; peak RSS is GNU time's \`%M\`.
All runs read from a warm OS page cache (the corpus was just written or read); nothing drops caches.
"ccusage" in the ratios is \`ccusage claude daily\` + \`ccusage codex daily\` (ours reads both sources in one run).

## Machine

- CPU: ${cpus()[0]?.model ?? 'unknown'}, \`nproc\` = ${availableParallelism()}
- Node ${process.version}, ${ccVersion} (native binary, \`--offline\`)
- \`free -g\`:

\`\`\`
${freeG}
\`\`\`

## Corpus (\`bench/generate.mjs\`)

${corpusLines.map((l) => `- ${l}`).join('\n')}

## Timings

${mdTable(header, body)}

## Targets

${mdTable(['target', 'value', 'limit', 'result'], targets)}

## Token totals

${checks.map(([name, ok]) => `- **${verdict(ok)}** ${name}`).join('\n')}
${[...problems, ...ccusageVsTruth].slice(0, 30).map((p) => `  - ${p}`).join('\n')}

## Cost (reported, not checked)

${mdTable(['source', 'ours USD', 'ccusage USD', 'difference', 'worst day'], costRows)}
`;
  return { table, markdown };
}

main();
