// Runs a command under strace (every process and thread, file syscalls, file descriptors shown as
// paths) and reports each syscall that could change something under the given folders: an open for
// writing, appending, creating or truncating, and creat, truncate, rename, unlink, mkdir, chmod, utimes
// and the like. strace comes from Debian (scripts/test-env/setup.mjs installs it).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { tempDir } from './engine';

const OPENS = new Set(['open', 'openat', 'openat2', 'creat', 'open_by_handle_at']);
const WRITE_FLAGS = /\bO_(WRONLY|RDWR|CREAT|TRUNC|APPEND)\b/;
const CHANGES = new Set([
  'truncate', 'ftruncate', 'fallocate', 'rename', 'renameat', 'renameat2', 'unlink', 'unlinkat', 'mkdir', 'mkdirat', 'rmdir',
  'link', 'linkat', 'symlink', 'symlinkat', 'chmod', 'fchmod', 'fchmodat', 'fchmodat2', 'chown', 'fchown', 'lchown', 'fchownat',
  'utime', 'utimes', 'utimensat', 'futimesat', 'setxattr', 'lsetxattr', 'fsetxattr', 'removexattr', 'lremovexattr', 'fremovexattr', 'mknod', 'mknodat',
]);

/** Whether strace can trace here (installed, and ptrace allowed). */
export function straceWorks(): boolean {
  const r = spawnSync('strace', ['-f', '-qq', '-o', '/dev/null', 'true'], { stdio: 'ignore' });
  return r.status === 0;
}

export interface Traced {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Syscalls that could change something under the folders, as strace printed them. */
  changes: string[];
  /** Paths under the folders that were opened read-only. */
  readOnly: Set<string>;
}

/** The paths a strace line names: quoted path arguments (joined to their `<dir>` descriptor or working folder when relative) and `<path>` descriptors. */
function pathsOf(args: string): string[] {
  const out: string[] = [];
  const at = /^\s*(?:AT_FDCWD<([^>]*)>|\d+<([^>]*)>)/.exec(args);
  const dirfd = at?.[1] ?? at?.[2];
  for (const m of args.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
    const p = m[1]!;
    out.push(isAbsolute(p) || !dirfd ? p : join(dirfd, p));
  }
  for (const m of args.matchAll(/\d+<([^>]*)>/g)) out.push(m[1]!);
  return out;
}

export function traceWrites(command: string, args: string[], under: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Traced {
  const dir = tempDir('awu-strace-');
  const r = spawnSync('strace', ['-f', '-ff', '-y', '-qq', '-e', 'trace=%file,%desc', '-o', join(dir, 't'), command, ...args], { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  const changes: string[] = [];
  const readOnly = new Set<string>();
  const inside = (p: string): boolean => under.some((u) => p === u || p.startsWith(`${u}/`));
  for (const f of readdirSync(dir)) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      const m = /^(\w+)\((.*)$/.exec(line);
      if (!m) continue;
      const [, call, rest] = m as unknown as [string, string, string];
      const paths = pathsOf(rest).filter(inside);
      if (paths.length === 0) continue;
      if (OPENS.has(call)) {
        if (call === 'creat' || WRITE_FLAGS.test(rest)) changes.push(line);
        else for (const p of paths) readOnly.add(p);
      } else if (CHANGES.has(call) || /^(write|pwrite64|writev|pwritev2?|sendfile|copy_file_range|splice)$/.test(call)) {
        changes.push(line);
      }
    }
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, changes, readOnly };
}
