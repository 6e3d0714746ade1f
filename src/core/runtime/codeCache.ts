// Runs a CommonJS bundle through V8's code cache, so a process or worker that loads half a megabyte of
// JavaScript does not compile it again each time it starts. A cache from another Node or bundle version
// is rejected by V8 (it checks the source) and written anew.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

export interface CachedModule {
  exports: unknown;
  /** Writes the cache when there was none or V8 rejected it; call it late, so it also holds the functions compiled by then. */
  saveIfNeeded(): void;
}

/** Loads `file` as a CommonJS module; with `cacheFile` undefined it compiles without a cache and saves none. */
export function loadWithCodeCache(file: string, cacheFile: string | undefined, parent: NodeModule): CachedModule {
  const source = readFileSync(file, 'utf8');
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // first run: no cache yet
    }
  }
  const wrap = (Module as unknown as { wrap(s: string): string }).wrap;
  const script = new Script(wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const mod = new Module(file, parent);
  mod.filename = file;
  (mod as unknown as { paths: string[] }).paths = (Module as unknown as { _nodeModulePaths(d: string): string[] })._nodeModulePaths(dirname(file));
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(mod.exports, mod.exports, ((id: string) => mod.require(id)) as NodeJS.Require, mod, file, dirname(file));
  let saved = !cacheFile || (cachedData !== undefined && !script.cachedDataRejected);
  return {
    exports: mod.exports,
    saveIfNeeded(): void {
      if (saved || !cacheFile) return;
      saved = true;
      const tmp = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      try {
        mkdirSync(dirname(cacheFile), { recursive: true });
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        // a read-only or full cache dir only costs start-up time; a partial file must not take up the space
        rmSync(tmp, { force: true });
      }
    },
  };
}

/** Where the code cache of bundle `name` lives in `dir` (one file per Node version). */
export function codeCacheFile(dir: string, name: string): string {
  return join(dir, `code-cache-${name}-${process.version}.bin`);
}
