#!/usr/bin/env node
// The extension host's main thread during a cold scan, at a start with a saved index, and the watcher
// path's latency, measured on the host's own code (src/extension/usageIndex.ts + logWatcher.ts +
// figures.ts and the outcome analysis the status bar starts, bundled here without `vscode`):
//   1. cold scan of a generated corpus into an empty index, then the status bar's figures and AWU
//      analysis: wall time and the largest event-loop delay on the main thread (target: never > 50 ms);
//   2. a window's start with that index saved: open, no-change update, figures and AWU analysis;
//   3. append → update: a line appended to a watched log until the index has it (watch event, debounce,
//      incremental read), repeated; target about a second, typically ~200 ms.
//
//   node bench/hostLatency.mjs [--size 256MiB] [--shape dense|large] [--corpus DIR] [--appends 10] [--json FILE] [--trace] [--no-awu]
// (--no-awu: the index and the status bar's token figures only, without the outcome analysis.)
// The corpus is generated into bench/corpus/host-<shape>-<size> once (bench/generate.mjs) and reused. The
// bench reads and appends to a copy of it in a temp folder, removed at the end: the corpus itself (which
// with --corpus may be someone's real agent logs) is only read.
//
// Two delays are reported per phase: the largest gap between two ticks of a 10 ms timer (wall clock: what
// another extension waits), and the largest main-thread CPU time spent within one such gap (Linux:
// /proc/self/task/<pid>/schedstat), which is what our code costs even when a loaded machine stretches
// the wall clock. --trace logs every store call on the main thread that takes more than 10 ms.
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '256MiB' },
    shape: { type: 'string', default: 'dense' },
    corpus: { type: 'string' },
    appends: { type: 'string', default: '10' },
    json: { type: 'string' },
    trace: { type: 'boolean', default: false },
    'no-awu': { type: 'boolean', default: false },
  },
});
const corpus = resolve(args.corpus ?? join(ROOT, 'bench', 'corpus', `host-${args.shape}-${args.size}`));
if (!existsSync(join(corpus, 'claude'))) {
  console.log(`generating ${args.size} ${args.shape} corpus in ${corpus}…`);
  execFileSync(process.execPath, [join(ROOT, 'bench', 'generate.mjs'), '--out', corpus, '--size', args.size, '--seed', '7', '--shape', args.shape], { stdio: 'inherit' });
}
execFileSync(process.execPath, ['esbuild.config.mjs'], { cwd: ROOT, stdio: 'inherit' }); // dist/scanWorker.js
const work = join(ROOT, 'bench', '.work');
const bundle = join(work, 'hostBench.cjs');
await esbuild.build({
  stdin: {
    contents: [
      "export { UsageIndex, sourceRoots } from './src/extension/usageIndex';",
      "export { LogWatcher } from './src/extension/logWatcher';",
      "export { computeFigures } from './src/extension/figures';",
      "export { readSettings } from './src/extension/settings';",
      "export { analyzeTasks } from './src/core/outcomes/analyzeTasks';",
      "export { Pricer } from './src/core/pricing/pricing';",
      "export { ZoneCalendar } from './src/core/time/zone';",
      "export { UsageStore } from './src/core/store/usageStore';",
    ].join('\n'),
    resolveDir: ROOT,
    loader: 'ts',
  },
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: bundle, logLevel: 'warning',
  plugins: [{ name: 'wat', setup: (b) => b.onLoad({ filter: /\.wat$/ }, async (a) => {
    const wabt = await (await import('wabt')).default();
    const m = wabt.parseWat(a.path, (await import('node:fs')).readFileSync(a.path, 'utf8'), { simd: true });
    try { return { contents: m.toBinary({}).buffer, loader: 'binary' }; } finally { m.destroy(); }
  }) }],
});
const { createRequire } = await import('node:module');
const { UsageIndex, sourceRoots, LogWatcher, computeFigures, readSettings, analyzeTasks, Pricer, ZoneCalendar, UsageStore } = createRequire(import.meta.url)(bundle);

if (args.trace) traceStore(UsageStore.prototype);

// The appends below go into this copy, never into the corpus.
const logs = mkdtempSync(join(tmpdir(), 'awu-host-logs-'));
const cacheDir = mkdtempSync(join(tmpdir(), 'awu-host-bench-'));
process.on('exit', () => {
  rmSync(logs, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});
for (const d of ['claude', 'codex']) if (existsSync(join(corpus, d))) cpSync(join(corpus, d), join(logs, d), { recursive: true, dereference: true });
// Logs on disk were last written a while before a window opens: wait out the store's racy window (3 s,
// usageStore.ts RACY_MS), else every just-copied file would be fingerprinted again at the start.
await new Promise((r) => setTimeout(r, 3500));
const env = { env: { CLAUDE_CONFIG_DIR: join(logs, 'claude'), CODEX_HOME: join(logs, 'codex') }, home: tmpdir(), platform: process.platform };
const roots = { claude: sourceRoots('claude', env, []), codex: sourceRoots('codex', env, []) };
const workerPath = join(ROOT, 'dist', 'scanWorker.js');
const newIndex = () => new UsageIndex({ cacheDir, workerPath, toolRuns: true, ...(process.env.AWU_BENCH_CHUNK ? { chunkBytes: Number(process.env.AWU_BENCH_CHUNK) } : {}) });
const request = { sources: ['claude', 'codex'], roots };
const settings = readSettings(() => undefined);
const pricer = new Pricer();
// "Now" is the evening of the corpus's last day, so that today's and this week's figures (and the AWU
// analysis over them) cover a busy stretch of the history, as for someone using their agents daily.
const statsFile = join(corpus, 'corpus-stats.json');
const clock = existsSync(statsFile) ? Date.parse(`${JSON.parse(readFileSync(statsFile, 'utf8')).end}T18:00:00Z`) : Date.now();

/**
 * What the host does on an update (host.ts `update` → `recompute`, main.ts's status AWU provider): the
 * index update, the status bar's figures, then the outcome analysis the AWU figures come from.
 */
async function hostUpdate(index, req) {
  return react(await index.update(req), req);
}

/** What the host does after an update with new bytes: the status bar's figures, then the AWU analysis. */
async function react(r, req) {
  const figures = computeFigures({ store: r.store, settings, sources: req.sources, timeZone: 'UTC', pricer, now: clock });
  if (args['no-awu']) return r;
  // The range StatusAwu analyses: from the start of the week (or the period, if earlier) to the end of today.
  const cal = new ZoneCalendar('UTC');
  const weekStart = cal.weekStartKey(clock, settings.weekStartsOn);
  const from = cal.startOfLocalDay(figures.since < weekStart ? figures.since : weekStart);
  const to = cal.startOfLocalDay(figures.until) + 86_400_000;
  await analyzeTasks(r.store, from, to, { sources: req.sources, pricer, calendar: cal, cacheDir, externalRuns: [] });
  return r;
}

/** Main-thread CPU time so far in ns (Linux), else undefined. */
const schedstat = `/proc/self/task/${process.pid}/schedstat`;
const threadCpuNs = existsSync(schedstat) ? () => Number(readFileSync(schedstat, 'latin1').split(' ')[0]) : () => undefined;

// Event-loop delay: the histogram, plus a 10 ms ticker that records the worst single gap (the histogram's
// max is the same thing at its resolution) and the main thread's CPU time within the worst gap.
function watchLoop() {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  let last = performance.now();
  let lastCpu = threadCpuNs();
  let worst = 0;
  let worstCpu = 0;
  const t = setInterval(() => {
    const now = performance.now();
    const cpu = threadCpuNs();
    worst = Math.max(worst, now - last - 10);
    if (cpu !== undefined) worstCpu = Math.max(worstCpu, (cpu - lastCpu) / 1e6);
    last = now;
    lastCpu = cpu;
  }, 10);
  return async () => {
    // Let the ticker fire once more: a block at the very end shows only in the next tick.
    await new Promise((r) => setTimeout(r, 30));
    clearInterval(t);
    h.disable();
    return { maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, tickerWorstMs: worst, cpuWorstMs: lastCpu === undefined ? NaN : worstCpu };
  };
}
const fmt = (l) => `max event-loop delay ${l.maxMs.toFixed(1)} ms (p99 ${l.p99Ms.toFixed(1)} ms, ticker ${l.tickerWorstMs.toFixed(1)} ms; main-thread CPU in one gap ${l.cpuWorstMs.toFixed(1)} ms)`;
const result = { corpus, shape: args.shape, awu: !args['no-awu'] };

const index = newIndex();
let stop = watchLoop();
const t0 = performance.now();
const cold = await hostUpdate(index, request);
const coldMs = performance.now() - t0;
result.cold = { ms: coldMs, mib: cold.bytesRead / 2 ** 20, files: cold.filesListed, ...(await stop()) };
console.log(`cold scan + figures${args['no-awu'] ? '' : ' + AWUs'}: ${result.cold.mib.toFixed(0)} MiB, ${cold.filesListed} files in ${(coldMs / 1000).toFixed(2)} s; ${fmt(result.cold)}`);

// Warm no-op update (what every watcher event or poll costs when nothing changed).
stop = watchLoop();
const t1 = performance.now();
await index.update(request);
result.noChange = { ms: performance.now() - t1, ...(await stop()) };
console.log(`no-change update with a full listing (the 60 s safety refresh, polls): ${result.noChange.ms.toFixed(1)} ms; ${fmt(result.noChange)}`);
await index.dispose(); // saved, as a window closing leaves it

// A window's start with the index saved: open it from disk, a no-change update, figures and AWUs.
{
  const fresh = newIndex();
  stop = watchLoop();
  const t2 = performance.now();
  await hostUpdate(fresh, request);
  result.start = { ms: performance.now() - t2, ...(await stop()) };
  console.log(`start with a saved index (open + no-change update + figures${args['no-awu'] ? '' : ' + AWUs'}): ${result.start.ms.toFixed(1)} ms; ${fmt(result.start)}`);
  await fresh.dispose();
}

// Append → update through the watcher.
if (Number(args.appends) > 0) {
  const live = newIndex();
  await live.update(request);
  const claudeFiles = readdirSync(roots.claude[0], { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jsonl') && !f.includes('subagents'));
  const target = join(roots.claude[0], claudeFiles[0]);
  let pending;
  const watcher = new LogWatcher(
    (changes) => void live.update(changes.structural ? request : { ...request, changedFiles: changes.paths }).then(async (r) => r.bytesRead > 0 && (await react(r, request), pending?.())),
    async () => false,
  );
  watcher.setRoots([...roots.claude, ...roots.codex]);
  await new Promise((r) => setTimeout(r, 500)); // the recursive watch walks the tree first
  const latencies = [];
  stop = watchLoop();
  for (let i = 0; i < Number(args.appends); i++) {
    const line = JSON.stringify({ type: 'assistant', sessionId: 'bench', requestId: `req_b${i}`, timestamp: new Date().toISOString(), cwd: '/home/dev/app', uuid: `ub${i}`, message: { id: `msg_b${i}`, model: 'claude-sonnet-4-5-20250929', role: 'assistant', content: [], usage: { input_tokens: 10, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 } } });
    const done = new Promise((r) => (pending = r));
    const at = performance.now();
    appendFileSync(target, `${line}\n`);
    await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
    latencies.push(performance.now() - at);
    await new Promise((r) => setTimeout(r, 300));
  }
  const appendLoop = await stop();
  watcher.dispose();
  latencies.sort((a, b) => a - b);
  result.append = { medianMs: latencies[Math.floor(latencies.length / 2)], maxMs: latencies[latencies.length - 1], count: latencies.length, loop: appendLoop };
  console.log(`append → index: median ${result.append.medianMs.toFixed(0)} ms, max ${result.append.maxMs.toFixed(0)} ms over ${latencies.length} appends (debounce 150 ms); ${fmt(appendLoop)}`);
  await live.dispose();
}
if (args.json) writeFileSync(args.json, JSON.stringify(result, null, 2));

/** --trace: every long store call (or an async one's synchronous part) over 10 ms, with its time. */
function traceStore(proto) {
  const now = () => [performance.now(), threadCpuNs() ?? NaN];
  const report = (name, [t, c]) => {
    const ms = performance.now() - t;
    if (ms > 10) console.log(`  [trace] UsageStore.${name} ${ms.toFixed(1)} ms (main-thread CPU ${((threadCpuNs() - c) / 1e6).toFixed(1)} ms)`);
  };
  // The calls that can be long; not their helpers (each traced call reads the CPU clock twice).
  for (const name of ['planScan', 'merge', 'loadRecords', 'save', 'saveAsync', 'saveShared', 'columns', 'rollups', 'activity']) {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (!d) continue;
    if (typeof d.value === 'function') {
      const f = d.value;
      proto[name] = function (...a) {
        const t = now();
        try { return f.apply(this, a); } finally { report(name, t); }
      };
    } else if (d.get) {
      const g = d.get;
      Object.defineProperty(proto, name, { ...d, get() { const t = now(); try { return g.call(this); } finally { report(`get ${name}`, t); } } });
    }
  }
  const open = UsageStore.open;
  UsageStore.open = (...a) => { const t = now(); try { return open(...a); } finally { report('open', t); } };
}
