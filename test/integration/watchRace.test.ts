// The watcher race in a real VS Code (issue 11): folders created under the watched log roots and written
// at once are read through VS Code's file watcher and the extension's new-folder watches, 100 of them one
// after another (Claude Code's new project folder; Codex's new month and day made with `mkdir -p`, then
// the next day next to it) and 40 more in two bursts. Each wait ends on the host's own update event.
// Only Claude Code and Codex are enabled meanwhile, with every root existing: a missing root is polled,
// and a poll that finds data reads everything and polls again a second later, which would hide a miss.
// Runs after the other suites.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AwuMeterApi } from '../../src/extension/main';
import { assistantLine } from '../unit/helpers/claudeLines';
import { sessionMeta, tokenCount, turnContext } from '../unit/helpers/codexLines';
import { afterUpdate } from './afterUpdate';

const TOKENS = 100;
/** A pickup takes a few hundred ms; far under the host's 60 s safety refresh, which could pass a wait too. */
const WAIT_MS = 10_000;
const EXTENSION_ID = 'awu-meter.awu-meter';
const claudeProjects = join(process.env.CLAUDE_CONFIG_DIR!, 'projects');
const codexSessions = join(process.env.CODEX_HOME!, 'sessions');
const run = Date.now().toString(16).slice(-8);

/** A new session's log: TOKENS tokens today, in the source's own format. */
function logFor(kind: 'claude' | 'codex', id: string): { file: (dir: string) => string; text: string } {
  const at = new Date().toISOString();
  if (kind === 'claude') {
    return { file: (dir) => join(dir, `${id}.jsonl`), text: `${assistantLine({ sessionId: id, messageId: `msg_${id}`, requestId: `req_${id}`, timestamp: at, output: TOKENS })}\n` };
  }
  const uuid = `0199a000-0000-7000-8000-${id}`;
  const lines = [sessionMeta({ id: uuid, cwd: '/home/dev/api', timestamp: at }), turnContext(at, 'gpt-5'), tokenCount(at, { input: TOKENS, cached: 0, output: 0, reasoning: 0 })];
  return { file: (dir) => join(dir, `rollout-2026-11-26T09-00-00-${uuid}.jsonl`), text: `${lines.join('\n')}\n` };
}

describe('AWU Meter in VS Code: the watcher race', function () {
  this.timeout(300_000);
  let api: AwuMeterApi;
  let expected = 0;
  let n = 0;

  /** Creates `dir` and writes a new session's log into it at once; returns what the total must become. */
  const writeNew = (kind: 'claude' | 'codex', dir: string): number => {
    const log = logFor(kind, `${run}${(n++).toString(16).padStart(4, '0')}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(log.file(dir), log.text);
    return (expected += TOKENS);
  };

  const others = (): string[] => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const keys = [...JSON.stringify(ext.packageJSON.contributes.configuration).matchAll(/"awuMeter\.(sources\.([\w-]+)\.enabled)"/g)];
    return keys.filter((m) => m[2] !== 'claude' && m[2] !== 'codex').map((m) => m[1]!);
  };
  const configure = async (value: false | undefined): Promise<void> => {
    for (const key of others()) await vscode.workspace.getConfiguration('awuMeter').update(key, value, vscode.ConfigurationTarget.Global);
  };

  before(async () => {
    api = await vscode.extensions.getExtension<AwuMeterApi>(EXTENSION_ID)!.activate();
    mkdirSync(join(process.env.CODEX_HOME!, 'archived_sessions'), { recursive: true });
    await configure(false);
    const s = await afterUpdate(api, (x) => x.view === 'figures' && x.watcher.polled.length === 0 && x.watcher.watched.includes(codexSessions), 'only watched roots', WAIT_MS);
    assert.ok(s.watcher.watched.includes(claudeProjects), JSON.stringify(s.watcher));
    expected = s.figures!.spend.tokens;
  });

  after(() => configure(undefined));

  it('reads 100 new folders written at once, one after another', async () => {
    for (let i = 0; i < 100; i++) {
      if (i % 2 === 0) {
        const want = writeNew('claude', join(claudeProjects, `-home-dev-race-${run}-${i}`));
        await afterUpdate(api, (s) => s.figures?.spend.tokens === want, `new Claude Code project ${i}`, WAIT_MS);
      } else {
        const month = join(codexSessions, `${3000 + i}`, '11');
        let want = writeNew('codex', join(month, '25'));
        await afterUpdate(api, (s) => s.figures?.spend.tokens === want, `new Codex month ${i} (mkdir -p)`, WAIT_MS);
        want = writeNew('codex', join(month, '26'));
        await afterUpdate(api, (s) => s.figures?.spend.tokens === want, `new Codex day ${i} next to it`, WAIT_MS);
      }
    }
  });

  it('reads 40 new folders made in two bursts of 20', async () => {
    for (let burst = 0; burst < 2; burst++) {
      const writes = Array.from({ length: 20 }, (_, k) => {
        const kind = k % 2 === 0 ? 'claude' : 'codex';
        const dir = kind === 'claude' ? join(claudeProjects, `-home-dev-burst-${run}-${burst}-${k}`) : join(codexSessions, `${4000 + burst}`, `${k}`, '01');
        const log = logFor(kind, `${run}${(n++).toString(16).padStart(4, '0')}`);
        expected += TOKENS;
        return mkdir(dir, { recursive: true }).then(() => writeFile(log.file(dir), log.text));
      });
      await Promise.all(writes);
      const want = expected;
      await afterUpdate(api, (s) => s.figures?.spend.tokens === want, `burst ${burst}`, WAIT_MS);
    }
  });
});
