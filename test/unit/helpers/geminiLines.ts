// Gemini CLI session records in the documented shapes (log-formats.md §3.2), the engine run over any
// set of sources with a given home, and the native ccusage binary (a devDependency) for comparisons.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Pricer } from '../../../src/core/pricing/pricing';
import { buildUsageReport, type Period, type ReportRow, type UsageReport } from '../../../src/core/report/usageReport';
import { updateUsage, type UpdateResult } from '../../../src/core/scan/updateUsage';
import type { SourceId } from '../../../src/core/types';
import { tempDir } from './engine';

export interface GeminiTokens {
  input: number;
  output: number;
  cached: number;
  thoughts?: number;
  tool?: number;
  total?: number;
}

/** `total` defaults to Gemini's own: input + output + thoughts + tool (cached inside input). */
export function tokens(t: GeminiTokens): Record<string, number> {
  const thoughts = t.thoughts ?? 0;
  const tool = t.tool ?? 0;
  return { input: t.input, output: t.output, cached: t.cached, thoughts, tool, total: t.total ?? t.input + t.output + thoughts + tool };
}

export function header(o: { sessionId: string; startTime: string; projectHash?: string; kind?: string }): Record<string, unknown> {
  return { sessionId: o.sessionId, projectHash: o.projectHash ?? 'a1b2c3', startTime: o.startTime, lastUpdated: o.startTime, kind: o.kind ?? 'main' };
}

export function userMessage(id: string, timestamp: string, text = 'Create a README'): Record<string, unknown> {
  return { id, timestamp, type: 'user', content: [{ text }] };
}

export interface ShellCall {
  command: string;
  status: 'pending' | 'executing' | 'success' | 'error' | 'cancelled';
  exitCode?: number;
  output?: string;
  /** `dir_path`: where the command ran, when not the project root. */
  dir?: string;
}

function toolCall(c: ShellCall, i: number, timestamp: string): Record<string, unknown> {
  const text = `Output: ${c.output ?? 'ok'}\nError: (none)${c.exitCode ? `\nExit Code: ${c.exitCode}` : ''}\nSignal: (none)\nBackground PIDs: (none)\nProcess Group PGID: 4242`;
  const callId = `run_shell_command_1776449402227_${i}`;
  return {
    id: callId,
    name: 'run_shell_command',
    args: { command: c.command, description: 'Run it.', ...(c.dir ? { dir_path: c.dir } : {}) },
    status: c.status,
    timestamp,
    ...(c.status === 'pending' || c.status === 'executing' ? {} : { result: [{ functionResponse: { id: callId, name: 'run_shell_command', response: { output: text } } }], resultDisplay: c.output ?? 'ok' }),
    displayName: 'Shell',
    renderOutputAsMarkdown: false,
  };
}

export function geminiMessage(o: { id: string; timestamp: string; model?: string; tokens?: GeminiTokens | null; shell?: ShellCall[]; edits?: string[] }): Record<string, unknown> {
  return {
    id: o.id,
    timestamp: o.timestamp,
    type: 'gemini',
    content: 'I will create a new Rust project and run its tests.',
    ...(o.model ? { model: o.model } : {}),
    ...(o.tokens === undefined ? {} : { tokens: o.tokens === null ? null : tokens(o.tokens) }),
    thoughts: [{ subject: 'Planning', description: 'Set up the project.', timestamp: o.timestamp }],
    ...(o.shell || o.edits
      ? {
          toolCalls: [
            ...(o.shell ?? []).map((c, i) => toolCall(c, i, o.timestamp)),
            ...(o.edits ?? []).map((name, i) => ({ id: `${name}_${i}`, name, args: { file_path: '/home/dev/rusty/src/main.rs' }, status: 'success', timestamp: o.timestamp })),
          ],
        }
      : {}),
  };
}

export const json = (records: unknown[]): string[] => records.map((r) => JSON.stringify(r));

/** Runs the engine (in-process) over the given sources, with `home` as the user's home. */
export async function scanSources(sources: SourceId[], env: Record<string, string | undefined>, opts: { home?: string; cache?: string; platform?: NodeJS.Platform } = {}): Promise<UpdateResult> {
  return updateUsage({ sources, env: { env, home: opts.home ?? '/nonexistent-home', platform: opts.platform ?? 'linux' }, cacheDir: opts.cache, workers: 0 });
}

export function reportOf(result: UpdateResult, sources: SourceId[], period: Period = 'daily'): UsageReport {
  return buildUsageReport(result.store, { period, timeZone: 'UTC', sources, weekStartsOn: 1, pricer: new Pricer() });
}

/** Under CI (`CI=true`) a comparison must never be skipped for want of its reference. */
const underCi = /^(1|true)$/i.test(process.env.CI ?? '');

/** Where the native ccusage binary is: resolved as a package from this file, else under the repository root. */
function findCcusage(): string | undefined {
  const pkg = `@ccusage/ccusage-${process.platform}-${process.arch}`;
  const candidates: string[] = [];
  try {
    // From the test bundle (out/test/unit), node resolution walks up to the repository's node_modules.
    candidates.push(join(dirname(createRequire(__filename).resolve(`${pkg}/package.json`)), 'bin', 'ccusage'));
  } catch {
    // not resolvable from here: try the repository root below
  }
  // out/test/unit/x.test.js (bundled) or test/unit/helpers/geminiLines.ts: the root holds package.json.
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'node_modules'))) {
      candidates.push(join(dir, 'node_modules', pkg, 'bin', 'ccusage'));
      break;
    }
  }
  return candidates.find((p) => existsSync(p));
}

/**
 * A private executable copy of the native ccusage binary (the devDependency @ccusage/ccusage-<os>-<arch>),
 * or undefined when it is not installed, and the comparison is skipped (and counted as skipped). Under CI
 * a missing reference throws: the comparison fails instead of going pending.
 */
export function ccusageBinary(): string | undefined {
  const found = findCcusage();
  if (!found) {
    if (underCi) throw new Error(`the ccusage reference binary (@ccusage/ccusage-${process.platform}-${process.arch}) is not installed: under CI a comparison with it cannot be skipped (npm ci installs it)`);
    return undefined;
  }
  const copy = join(tempDir('awu-ccusage-'), 'ccusage');
  copyFileSync(found, copy);
  chmodSync(copy, 0o755);
  return copy;
}

export interface CcusageDay {
  date: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
  totalTokens: number;
  totalCost: number;
}

/** `ccusage <agent> daily --json --offline` in UTC, with a private home and cache, and the agent's env. */
export function ccusageDaily(ccusage: string, agent: string, env: Record<string, string>): CcusageDay[] {
  const ccHome = tempDir();
  const out = execFileSync(ccusage, [agent, 'daily', '--json', '--offline', '--timezone', 'UTC'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: ccHome, XDG_CACHE_HOME: join(ccHome, 'cache'), XDG_CONFIG_HOME: join(ccHome, 'config'), NO_COLOR: '1', ...env },
  });
  return (JSON.parse(out) as { daily: CcusageDay[] }).daily;
}

/**
 * Our daily rows equal ccusage's: the same days, token columns and cost (to 1e-9 relative).
 * `ccOutput` maps a ccusage row to the output we count (default: its outputTokens).
 */
export function assertSameDays(ours: ReportRow[], cc: CcusageDay[], ccOutput: (c: CcusageDay) => number = (c) => c.outputTokens): void {
  assert.deepEqual(ours.map((d) => d.key), cc.map((d) => d.date));
  for (const [i, c] of cc.entries()) {
    const o = ours[i]!;
    assert.deepEqual([o.inputTokens, o.outputTokens, o.cacheReadTokens, o.cacheCreationTokens, o.totalTokens], [c.inputTokens, ccOutput(c), c.cacheReadTokens, c.cacheCreationTokens, c.totalTokens], c.date);
    assert.ok(Math.abs(o.costUSD - c.totalCost) <= 1e-9 * Math.max(1, c.totalCost), `${c.date}: ours ${o.costUSD} ccusage ${c.totalCost}`);
  }
}
