// Runs the real engine over temp directories of real files.
import { mkdtempSync, mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Pricer } from '../../../src/core/pricing/pricing';
import { buildUsageReport, type Period, type UsageReport } from '../../../src/core/report/usageReport';
import { updateUsage, type UpdateResult } from '../../../src/core/scan/updateUsage';
import type { SourceId } from '../../../src/core/types';

export function tempDir(prefix = 'awu-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeLines(path: string, lines: string[], trailingNewline = true): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, lines.join('\n') + (trailingNewline && lines.length > 0 ? '\n' : ''));
}

export function appendLines(path: string, lines: string[]): void {
  appendFileSync(path, lines.map((l) => `${l}\n`).join(''));
}

export interface EngineDirs {
  claude?: string;
  codex?: string;
  cache?: string;
}

export async function scan(dirs: EngineDirs, opts: { toolRuns?: boolean; sources?: SourceId[]; testPatterns?: string[] } = {}): Promise<UpdateResult> {
  const env: Record<string, string | undefined> = {};
  if (dirs.claude) env.CLAUDE_CONFIG_DIR = dirs.claude;
  if (dirs.codex) env.CODEX_HOME = dirs.codex;
  const sources = opts.sources ?? ((dirs.claude ? ['claude'] : []) as SourceId[]).concat(dirs.codex ? ['codex'] : []);
  return updateUsage({ sources, env: { env, home: '/nonexistent-home', platform: 'linux' }, cacheDir: dirs.cache, workers: 0, toolRuns: opts.toolRuns ?? false, ...(opts.testPatterns ? { testPatterns: opts.testPatterns } : {}) });
}

export function report(result: UpdateResult, period: Period = 'daily', timeZone = 'UTC', sources: SourceId[] = ['claude', 'codex']): UsageReport {
  return buildUsageReport(result.store, { period, timeZone, sources, weekStartsOn: 1, pricer: new Pricer() });
}
