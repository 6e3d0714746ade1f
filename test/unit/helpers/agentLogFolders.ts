// Agent log folders of four kinds for the read-only checks: Claude Code and Codex JSONL (with tool runs,
// in a real git repository), and OpenCode and Hermes SQLite databases left by their writer with the
// commits in `-wal` (and its `-shm`), as while the agents run. Plus a snapshot of everything in them.
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { min } from './claudeSession';
import { tempDir } from './engine';
import { writeHermesDb } from './hermesDb';
import { writeOpencodeDb } from './opencodeDb';
import { sentinelFixture, type SentinelFixture } from './sentinelLogs';

export interface AgentLogFolders extends SentinelFixture {
  /** The environment that points the meter at the folders. */
  env: Record<string, string>;
  roots: string[];
}

export function agentLogFolders(): AgentLogFolders {
  const fx = sentinelFixture();
  const opencode = tempDir('awu-ro-opencode-');
  writeOpencodeDb(join(opencode, 'opencode.db'), [{ id: 'ses_1', directory: fx.repo.dir }], [
    { id: 'msg_1', sessionId: 'ses_1', created: min(200), tokens: { input: 1200, output: 300 }, cwd: fx.repo.dir },
    { id: 'msg_2', sessionId: 'ses_1', created: min(205), tokens: { input: 900, output: 100, cacheRead: 400 }, cwd: fx.repo.dir, padding: 6000 },
  ]);
  const hermes = tempDir('awu-ro-hermes-');
  writeHermesDb(join(hermes, 'state.db'), [{ id: 'h1', model: 'claude-sonnet-4-20250514', started: min(300) / 1000, input: 700, output: 70, provider: 'anthropic' }]);
  return {
    ...fx,
    env: { ...fx.gitEnv, CLAUDE_CONFIG_DIR: fx.claudeRoot, CODEX_HOME: fx.codexHome, OPENCODE_DATA_DIR: opencode, HERMES_HOME: hermes },
    roots: [fx.claudeRoot, fx.codexHome, opencode, hermes],
  };
}

function walk(dir: string, visit: (path: string) => void): void {
  visit(dir);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, visit);
    else visit(p);
  }
}

/** Files read-only (0444), folders read-and-list-only (0555); `writable` undoes it. */
export function setReadOnly(roots: string[], writable = false): void {
  for (const root of roots) {
    const paths: string[] = [];
    walk(root, (p) => paths.push(p));
    // Folders last when locking (their entries stay reachable), first when unlocking.
    for (const p of writable ? paths : paths.reverse()) chmodSync(p, lstatSync(p).isDirectory() ? (writable ? 0o755 : 0o555) : writable ? 0o644 : 0o444);
  }
}

/** Every entry under the roots: type, mode, size, modification and change times, inode, content hash. */
export function snapshot(roots: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  roots.forEach((root, i) =>
    walk(root, (p) => {
      const st = lstatSync(p);
      const hash = st.isFile() ? createHash('sha256').update(readFileSync(p)).digest('hex') : '-';
      out[`${i}/${relative(root, p)}`] = `${st.isDirectory() ? 'dir' : 'file'} mode=${(st.mode & 0o7777).toString(8)} size=${st.size} mtime=${st.mtimeMs} ctime=${st.ctimeMs} ino=${st.ino} sha256=${hash}`;
    }),
  );
  return out;
}

/** The files under the roots (what a reader must open). */
export function logFiles(roots: string[]): string[] {
  const out: string[] = [];
  for (const root of roots) walk(root, (p) => lstatSync(p).isFile() && out.push(p));
  return out;
}
