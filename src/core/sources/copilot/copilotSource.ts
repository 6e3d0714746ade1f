// GitHub Copilot CLI (log-formats.md §7.2): `${COPILOT_HOME:-~/.copilot}/session-state/<id>/events.jsonl`
// (%USERPROFILE%\.copilot on Windows). COPILOT_HOME is the CLI's own variable (ccusage 20.0.24 reads
// it too); COPILOT_CONFIG_DIR, newer ccusage's name for the same dir, is read as well. Its exact counts
// are also read from OpenTelemetry file exports (otelFiles.ts, otelParser.ts): `<home>/otel/*.jsonl` and
// COPILOT_OTEL_FILE_EXPORTER_PATH; their VS Code Copilot Chat records count under `copilot-chat`.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ParserOptions } from '../../scan/fileParser';
import type { LogSource, SourceFile } from '../logSource';
import type { SourceEnv } from '../sourceEnv';
import { createCopilotParser } from './fileParser';
import { isSessionEvents, otelExporterPath, otelFiles } from './otelFiles';
import { createOtelParser } from './otelParser';

/** The Copilot homes (COPILOT_HOME, COPILOT_CONFIG_DIR, else ~/.copilot). */
export function copilotHomes({ env, home }: SourceEnv): string[] {
  const configured = [env.COPILOT_HOME, env.COPILOT_CONFIG_DIR].map((v) => v?.trim()).filter((v): v is string => !!v);
  return [...new Set(configured.length > 0 ? configured : [join(home, '.copilot')])];
}

function copilotRoots(senv: SourceEnv): string[] {
  return [...new Set([...copilotHomes(senv), ...otelExporterPath(senv)])];
}

function listSessions(root: string): SourceFile[] {
  const dir = join(root, 'session-state');
  if (root.endsWith('.jsonl')) return [];
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
  listFiles: (roots) => [...new Set(roots)].flatMap((root) => [...listSessions(root), ...otelFiles(root)]),
  createParser(file: SourceFile, state: unknown, options: ParserOptions) {
    if (!isSessionEvents(file.path)) return createOtelParser(state);
    return createCopilotParser(basename(dirname(file.path)), state, options);
  },
};
