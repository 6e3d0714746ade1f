// Where Copilot's OpenTelemetry file exports are (as ccusage 20.0.24 reads them for `ccusage copilot`):
// `${COPILOT_HOME:-~/.copilot}/otel/*.jsonl` and the file named by COPILOT_OTEL_FILE_EXPORTER_PATH (the
// variable both the Copilot CLI and VS Code Copilot Chat read). A root may be a Copilot home, an `otel`
// folder, or one exported `.jsonl` file (e.g. an extra path in the settings).
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SourceFile } from '../logSource';
import { isDirectory, type SourceEnv } from '../sourceEnv';

/** COPILOT_OTEL_FILE_EXPORTER_PATH, when set. */
export function otelExporterPath({ env }: SourceEnv): string[] {
  const path = env.COPILOT_OTEL_FILE_EXPORTER_PATH?.trim();
  return path ? [path] : [];
}

function jsonlIn(dir: string, root: string): SourceFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith('.jsonl')).map((n) => ({ path: join(dir, n), root }));
}

/** The OpenTelemetry export files of one root. */
export function otelFiles(root: string): SourceFile[] {
  if (root.endsWith('.jsonl') && !isDirectory(root)) return [{ path: root, root: dirname(root) }];
  if (basename(root) === 'otel') return jsonlIn(root, root);
  return jsonlIn(join(root, 'otel'), root);
}

/** A CLI session log (`session-state/<id>/events.jsonl`) rather than an OpenTelemetry export. */
export function isSessionEvents(path: string): boolean {
  return basename(path) === 'events.jsonl' && basename(dirname(dirname(path))) === 'session-state';
}
