// GitHub Copilot CLI (log-formats.md §7.2): `${COPILOT_HOME:-~/.copilot}/session-state/<id>/events.jsonl`
// (%USERPROFILE%\.copilot on Windows). COPILOT_HOME is the CLI's own variable (ccusage 20.0.24 reads
// it too); COPILOT_CONFIG_DIR, newer ccusage's name for the same dir, is read as well.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ParserOptions } from '../../scan/fileParser';
import type { LogSource, SourceFile } from '../logSource';
import type { SourceEnv } from '../sourceEnv';
import { createCopilotParser } from './fileParser';

function copilotRoots({ env, home }: SourceEnv): string[] {
  const configured = [env.COPILOT_HOME, env.COPILOT_CONFIG_DIR].map((v) => v?.trim()).filter((v): v is string => !!v);
  return [...new Set(configured.length > 0 ? configured : [join(home, '.copilot')])];
}

function listSessions(root: string): SourceFile[] {
  const dir = join(root, 'session-state');
  if (!existsSync(dir)) return [];
  let ids: string[];
  try {
    ids = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return ids.map((id) => join(dir, id, 'events.jsonl')).filter((p) => existsSync(p)).map((path) => ({ path, root }));
}

export const copilotSource: LogSource = {
  id: 'copilot',
  displayName: 'GitHub Copilot CLI',
  approximate: 'a session without a clean exit has only output tokens (no input or cache counts) until its shutdown event',
  roots: copilotRoots,
  listFiles: (roots) => roots.flatMap(listSessions),
  createParser(file: SourceFile, state: unknown, options: ParserOptions) {
    return createCopilotParser(basename(dirname(file.path)), state, options);
  },
};
