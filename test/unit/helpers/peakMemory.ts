// Runs the built CLI (dist/cli.js) in a child process and reads the process's peak resident memory
// (worker threads included) from inside it, as `process.resourceUsage().maxRSS` at exit.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from './engine';

export const CLI = resolve('dist/cli.js');

export interface PeakRun {
  stdout: string;
  /** Peak RSS of the whole process, in bytes. */
  maxRss: number;
}

export function runCliWithPeak(args: string[], env: Record<string, string>): PeakRun {
  const dir = tempDir('awu-peak-');
  const out = join(dir, 'max-rss');
  const preload = join(dir, 'peak.cjs');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, String(process.resourceUsage().maxRSS)));\n`);
  const r = spawnSync(process.execPath, ['--require', preload, CLI, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { PATH: process.env.PATH ?? '', HOME: dir, XDG_CACHE_HOME: join(dir, 'cache'), NO_COLOR: '1', ...env },
  });
  if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { stdout: r.stdout, maxRss: Number(readFileSync(out, 'utf8')) * 1024 };
}
