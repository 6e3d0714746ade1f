// `awu-meter` start-up: runs the CLI bundle (cliMain.js) through V8's code cache, kept beside the usage
// index, so a warm run does not compile half a megabyte of JavaScript again. A cache from another Node
// or bundle version is rejected by V8 and rewritten.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { defaultCacheDir } from '../core/store/cacheDir';

const main = join(__dirname, 'cliMain.js');
const source = readFileSync(main, 'utf8');
const persist = !process.argv.includes('--no-cache');
const cacheFile = join(defaultCacheDir(), `code-cache-${process.version}.bin`);
let cachedData: Buffer | undefined;
if (persist) {
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // first run: no cache yet
  }
}
const script = new Script((Module as unknown as { wrap(s: string): string }).wrap(source), { filename: main, ...(cachedData ? { cachedData } : {}) });
const mod = new Module(main, module);
mod.filename = main;
(mod as unknown as { paths: string[] }).paths = (Module as unknown as { _nodeModulePaths(d: string): string[] })._nodeModulePaths(dirname(main));
const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
run.call(mod.exports, mod.exports, ((id: string) => mod.require(id)) as NodeJS.Require, mod, main, dirname(main));
if (persist && (!cachedData || script.cachedDataRejected)) {
  process.once('exit', () => {
    try {
      mkdirSync(dirname(cacheFile), { recursive: true });
      const tmp = `${cacheFile}.${process.pid}`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    } catch {
      // a read-only cache dir only costs start-up time
    }
  });
}
