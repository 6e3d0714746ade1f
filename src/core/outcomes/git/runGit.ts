// Runs the git CLI with an argument array (never a shell string) and collects its output without a
// size limit: a first read of a large history can print tens of megabytes.
import { spawn } from 'node:child_process';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** git itself could not be started (not on PATH, a wrong `gitPath`, or a missing working directory). */
export class GitSpawnError extends Error {
  constructor(
    readonly gitPath: string,
    readonly spawnError: NodeJS.ErrnoException,
  ) {
    super(`git could not be run (${gitPath}): ${spawnError.code ?? spawnError.message}`);
  }
}

export interface GitRunner {
  (args: string[], input?: string): Promise<GitResult>;
}

// Variables a git hook or wrapper may have set that would point every call at another repository.
const REPO_LOCATION = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_COMMON_DIR', 'GIT_NAMESPACE', 'GIT_PREFIX'];

function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
  for (const name of REPO_LOCATION) delete env[name];
  return env;
}

// Settings from the user's config that would change the output parsed here.
const STABLE_OUTPUT = ['-c', 'log.showSignature=false', '-c', 'core.quotePath=true', '-c', 'color.ui=false'];

export interface GitRunOptions {
  /** Variables set after the repo-location ones are cleared (e.g. a GIT_INDEX_FILE of the caller's own). */
  env?: Record<string, string>;
  /** Kills git after this many ms (its code is then -1). */
  timeoutMs?: number;
}

export function gitRunner(cwd: string, gitPath = 'git', options: GitRunOptions = {}): GitRunner {
  return (args, input) =>
    new Promise((resolve, reject) => {
      const child = spawn(gitPath, [...STABLE_OUTPUT, ...args], {
        cwd,
        env: { ...gitEnv(), ...options.env },
        ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
        stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout?.on('data', (b: Buffer) => out.push(b));
      child.stderr?.on('data', (b: Buffer) => err.push(b));
      child.on('error', (e: NodeJS.ErrnoException) => reject(new GitSpawnError(gitPath, e)));
      child.on('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8').trim() }));
      if (input !== undefined && child.stdin) {
        child.stdin.on('error', () => undefined); // git may exit before reading all of it; 'close' reports the code
        child.stdin.end(input);
      }
    });
}

/** The output of a command that must succeed, else an error carrying git's own message. */
export async function gitOutput(git: GitRunner, args: string[], input?: string): Promise<string> {
  const r = await git(args, input);
  if (r.code !== 0) throw new Error(`git ${args[0] ?? ''} failed (${r.code}): ${r.stderr.split('\n')[0] ?? ''}`);
  return r.stdout;
}
