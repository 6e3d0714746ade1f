// pi, the pi.dev coding agent (log-formats.md §9.2): `<agent dir>/sessions/--<cwd, / as ->--/
// <timestamp>_<uuid>.jsonl`, append-only. The agent dir is PI_CODING_AGENT_DIR (pi's own variable),
// else `~/.pi/agent` (`%USERPROFILE%\.pi\agent` on Windows); ccusage's PI_AGENT_DIR, a comma list of
// `sessions` dirs, replaces both.
import { basename, join } from 'node:path';
import type { ParserOptions } from '../../scan/fileParser';
import type { LogSource, SourceFile } from '../logSource';
import { listJsonlFiles, pathList, type SourceEnv } from '../sourceEnv';
import { createPiParser } from './fileParser';

function piRoots({ env, home }: SourceEnv): string[] {
  const configured = pathList(env.PI_AGENT_DIR);
  if (configured.length > 0) return [...new Set(configured)];
  const agentDir = env.PI_CODING_AGENT_DIR?.trim() || join(home, '.pi', 'agent');
  return [join(agentDir, 'sessions')];
}

/** ccusage's session id: the file stem after its first `_` (the stem starts with a timestamp). */
export function piSessionId(path: string): string {
  const stem = basename(path).replace(/\.jsonl$/, '');
  const i = stem.indexOf('_');
  return i >= 0 ? stem.slice(i + 1) : stem;
}

export const piSource: LogSource = {
  id: 'pi',
  displayName: 'pi',
  roots: piRoots,
  listFiles: (roots) => [...new Set(roots)].flatMap((root) => listJsonlFiles(root).map((path): SourceFile => ({ path, root }))),
  createParser(file: SourceFile, state: unknown, options: ParserOptions) {
    return createPiParser({ source: 'pi', fileSessionId: piSessionId(file.path) }, state, options);
  },
};
