// The approximate flag end to end: a source whose counts are estimates is flagged in `--json` (per
// source and in a top-level list) and marked `~` in the table, with a footnote.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SOURCES } from '../../src/core/sources/registry';
import { assistantLine } from './helpers/claudeLines';
import { chatRequest, session, workspace } from './helpers/copilotChatSessions';
import { assistantMessage, sessionStart } from './helpers/copilotEvents';
import { chatSpan } from './helpers/copilotOtel';
import { tempDir, writeLines } from './helpers/engine';

const CLI = resolve('dist/cli.js');
const S1 = '8c1f2e3d-4b5a-4697-8a1b-2c3d4e5f6a7b';

function run(args: string[], env: Record<string, string>): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOME: tempDir(), ...env }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

describe('approximate sources in the CLI', function () {
  this.timeout(60_000);
  before(function () {
    // Always rebuild: dist/cli.js must have the current sources.
    execFileSync(process.execPath, ['esbuild.config.mjs'], { stdio: 'ignore' });
  });

  function fixture(): Record<string, string> {
    const claude = tempDir();
    const copilot = tempDir();
    writeLines(join(claude, 'projects', '-home-dev-app', 's1.jsonl'), [assistantLine({ sessionId: 's1', messageId: 'm1', requestId: 'r1', timestamp: '2026-09-20T10:00:00Z', input: 10, output: 20 })]);
    // A Copilot CLI session still running: output tokens only, an estimate.
    writeLines(join(copilot, 'session-state', S1, 'events.jsonl'), [sessionStart(S1, '2026-09-20T11:00:00Z'), assistantMessage('2026-09-20T11:00:05Z', 'claude-sonnet-4.5', 120)]);
    return { CLAUDE_CONFIG_DIR: claude, COPILOT_HOME: copilot, AWU_METER_CACHE_DIR: tempDir() };
  }

  it('flags the source in daily --json, keeping every other key', () => {
    const env = fixture();
    const out = JSON.parse(run(['daily', '--json', '--tz', 'UTC', '--source', 'claude,copilot'], env)) as Record<string, any>;
    assert.deepEqual(Object.keys(out), ['days', 'totals', 'approximateSources', 'approximateNotes', 'diagnostics']);
    const day = out.days[0];
    assert.deepEqual(Object.keys(day), ['date', 'inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheReadTokens', 'reasoningTokens', 'totalTokens', 'costUSD', 'bySource']);
    assert.equal(day.bySource.copilot.approximate, true);
    assert.equal(day.bySource.copilot.outputTokens, 120);
    assert.equal(day.bySource.claude.approximate, undefined);
    assert.deepEqual(out.approximateSources, ['copilot']);
    assert.equal(out.approximateNotes.copilot, SOURCES.copilot.approximate);
    // Without an approximate source the list is empty.
    const exact = JSON.parse(run(['daily', '--json', '--tz', 'UTC', '--source', 'claude'], env)) as Record<string, any>;
    assert.deepEqual(exact.approximateSources, []);
    // Sessions carry the flag too.
    const sessions = JSON.parse(run(['session', '--json', '--source', 'copilot'], env)) as Record<string, any>;
    assert.equal(sessions.sessions[0].approximate, true);
  });

  it('marks the source with ~ in the table and explains it under the table', () => {
    const out = run(['daily', '--tz', 'UTC', '--source', 'claude,copilot'], fixture());
    assert.match(out, /claude, copilot~/);
    assert.match(out, /^~ copilot is approximate: .+\.$/m);
    assert.doesNotMatch(run(['daily', '--tz', 'UTC', '--source', 'claude'], fixture()), /approximate|~/);
  });

  it('counts the requests of a source without token counts and says its tokens are unavailable', () => {
    const appData = tempDir();
    const T0 = Date.parse('2026-09-20T10:00:00Z');
    writeFileSync(join(workspace(appData, 'w1', '/home/dev/app'), 's1.json'), JSON.stringify(session('s1', T0, [chatRequest({ id: 'r1', timestamp: T0, modelId: 'copilot/gpt-5' }), chatRequest({ id: 'r2', timestamp: T0 + 1000, modelId: 'copilot/claude-sonnet-4.5' })])));
    const env = { VSCODE_APPDATA: appData, AWU_METER_CACHE_DIR: tempDir() };
    const out = JSON.parse(run(['daily', '--json', '--tz', 'UTC', '--source', 'copilot-chat'], env)) as Record<string, any>;
    assert.deepEqual(out.days[0].bySource['copilot-chat'], { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0, reasoningTokens: 0, totalTokens: 0, costUSD: 0, approximate: true, tokensAvailable: false, requests: 2 });
    assert.deepEqual(out.approximateSources, ['copilot-chat']);
    assert.match(run(['daily', '--tz', 'UTC', '--source', 'copilot-chat'], env), /^~ copilot-chat is approximate \(2 requests, no token counts in its logs\): /m);
  });

  it('shows exact Copilot Chat tokens where its OpenTelemetry export has them, and says unavailable only where not', () => {
    const appData = tempDir();
    const copilotHome = tempDir();
    const T0 = Date.parse('2026-09-20T10:00:00Z');
    writeFileSync(join(workspace(appData, 'w1', '/home/dev/app'), 's1.json'), JSON.stringify(session('s1', T0, [chatRequest({ id: 'r1', timestamp: T0, modelId: 'copilot/gpt-5' })])));
    writeFileSync(join(workspace(appData, 'w1', '/home/dev/app'), 's2.json'), JSON.stringify(session('s2', T0 + 86_400_000, [chatRequest({ id: 'r2', timestamp: T0 + 86_400_000, modelId: 'copilot/gpt-5' })])));
    writeLines(join(copilotHome, 'otel', 'a.jsonl'), [chatSpan({ traceId: 't1', spanId: 's1', model: 'gpt-5', end: '2026-09-20T10:00:05Z', conversation: 'r1', responseId: 'x1' }, { input: 500, output: 70 })]);
    const env = { VSCODE_APPDATA: appData, COPILOT_HOME: copilotHome, AWU_METER_CACHE_DIR: tempDir() };
    const out = JSON.parse(run(['daily', '--json', '--tz', 'UTC', '--source', 'copilot-chat'], env)) as Record<string, any>;
    const [withExport, without] = out.days.map((d: Record<string, any>) => d.bySource['copilot-chat']);
    assert.equal(withExport.outputTokens, 70);
    assert.equal(withExport.tokensAvailable, undefined);
    assert.equal(withExport.approximate, true);
    assert.equal(without.tokensAvailable, false);
    assert.equal(without.requests, 1);
  });
});
