// One build for every bundle: the extension host (cjs, `vscode` external), the CLI and its scan worker,
// and, with --tests, the mocha suites. `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import wabtInit from 'wabt';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const production = process.argv.includes('--production');

/** `.wat` imports become the WebAssembly bytes, compiled here with wabt and inlined in the bundle. */
const watPlugin = {
  name: 'wat',
  setup(build) {
    build.onLoad({ filter: /\.wat$/ }, async (args) => {
      const wabt = await wabtInit();
      const module = wabt.parseWat(args.path, readFileSync(args.path, 'utf8'), { simd: true });
      try {
        return { contents: module.toBinary({}).buffer, loader: 'binary' };
      } finally {
        module.destroy();
      }
    });
  },
};
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  plugins: [watPlugin],
};

const cli = {
  ...common,
  entryPoints: { cliMain: 'src/cli/main.ts', scanWorker: 'src/core/scan/scanWorker.ts', scanWorkerMain: 'src/core/scan/scanWorkerMain.ts' },
  outdir: 'dist',
  // Minified even in development: start-up parse time is part of every CLI run (source maps stay).
  minify: true,
  define: { AWU_METER_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
};

// The `awu-meter` bin: a small launcher that runs cliMain.js through V8's code cache.
const launcher = {
  ...common,
  entryPoints: { cli: 'src/cli/launcher.ts' },
  outdir: 'dist',
  minify: true,
  banner: { js: '#!/usr/bin/env node' },
};

const host = {
  ...common,
  entryPoints: { extension: 'src/extension/main.ts' },
  outdir: 'dist',
  external: ['vscode'],
};

// The AWU panel's browser app: no Node, no vscode (an import of either fails this build). uPlot's CSS,
// imported by the app, comes out as dist/webview.css.
const webview = {
  ...common,
  entryPoints: { webview: 'src/webview/main.ts' },
  outdir: 'dist',
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: true,
  plugins: [],
};

const ROOT = dirname(fileURLToPath(import.meta.url));
const buildTests = process.argv.includes('--tests');
// The test bundles (out/test) are built whole into a fresh folder that then replaces out/test, so a
// renamed or deleted test never keeps running from an old bundle (the runners load every *.test.js they
// find there), and a run that is loading out/test meanwhile (another `npm test` in this tree) never finds
// it half-written or gone. `--watch` builds into an emptied out/test instead.
const TEST_OUT = join(ROOT, 'out', 'test');
const testStage = watch ? TEST_OUT : join(ROOT, 'out', `.test-${process.pid}`);

function testEntries(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

const tests = {
  ...common,
  minify: false,
  entryPoints: testEntries('test/unit'),
  outdir: join(testStage, 'unit'),
  outbase: 'test/unit',
  external: ['vscode', 'mocha'],
};

// Browser tests drive Chromium through playwright-core (kept external: it is a Node library with its own files).
const browserTests = {
  ...tests,
  entryPoints: testEntries('test/browser'),
  outdir: join(testStage, 'browser'),
  outbase: 'test/browser',
  external: ['vscode', 'mocha', 'playwright-core'],
};

// The integration suite runs inside VS Code's extension host: cjs, `vscode` from the host, mocha from node_modules.
const integrationTests = {
  ...tests,
  entryPoints: testEntries('test/integration'),
  outdir: join(testStage, 'integration'),
  outbase: 'test/integration',
};

/** Puts the freshly built `stage` in place of out/test (two renames; another build may swap in between). */
function replaceTestOut(stage) {
  for (let attempt = 0; ; attempt++) {
    const old = join(ROOT, 'out', `.old-${process.pid}-${attempt}`);
    try {
      renameSync(TEST_OUT, old);
    } catch (err) {
      if (err.code !== 'ENOENT') throw err;
    }
    try {
      renameSync(stage, TEST_OUT);
      return;
    } catch (err) {
      if ((err.code !== 'ENOTEMPTY' && err.code !== 'EEXIST') || attempt > 20) throw err;
    } finally {
      rmSync(old, { recursive: true, force: true });
    }
  }
}

/** Leftovers of test builds that were killed (their process is gone). */
function removeStaleStages() {
  for (const name of existsSync(join(ROOT, 'out')) ? readdirSync(join(ROOT, 'out')) : []) {
    const m = /^\.(?:test|old)-(\d+)/.exec(name);
    if (!m) continue;
    try {
      process.kill(Number(m[1]), 0);
    } catch (err) {
      if (err.code === 'ESRCH') rmSync(join(ROOT, 'out', name), { recursive: true, force: true });
    }
  }
}

const bundles = existsSync(host.entryPoints.extension) ? [cli, launcher, host, webview] : [cli, launcher, webview];
const configs = buildTests ? [tests, browserTests, integrationTests] : bundles;
if (buildTests) {
  removeStaleStages();
  rmSync(testStage, { recursive: true, force: true });
}
const contexts = await Promise.all(configs.map((c) => esbuild.context(c)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  try {
    await Promise.all(contexts.map((c) => c.rebuild()));
    if (buildTests) replaceTestOut(testStage);
  } finally {
    await Promise.all(contexts.map((c) => c.dispose()));
    if (buildTests) rmSync(testStage, { recursive: true, force: true });
  }
}
