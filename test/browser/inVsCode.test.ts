// The panel inside a real VS Code (code-server 1.100, from the integration harness in scripts/test-env):
// opened from the command palette, drawn under VS Code's own webview CSP and resource URIs, answered by
// the extension's real provider from fixture logs, and restored by the serializer after a window reload.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Frame, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { assistantLine, bashUseLine, toolResultLine } from '../unit/helpers/claudeLines';
import { writeLines } from '../unit/helpers/engine';

interface Dirs {
  base: string;
  claude: string;
  workspace: string;
}
interface CodeServer {
  port: number;
  origin: string;
  stop(): Promise<void>;
}
interface Harness {
  CODE_SERVER_BIN?: string;
  makeDirs(): Dirs;
  startCodeServer(dirs: Dirs, opts?: object): Promise<CodeServer>;
  launchChromium(): Promise<Browser>;
}

const ROOT = process.cwd();
const SESSION = 'e2e00000-0000-4000-8000-000000000001';

async function harness(): Promise<Harness> {
  const setup = (await import(pathToFileURL(join(ROOT, 'scripts/test-env/setup.mjs')).href)) as { CODE_SERVER_BIN: string };
  const run = (await import(pathToFileURL(join(ROOT, 'scripts/test-env/runIntegration.mjs')).href)) as Harness;
  return { ...run, CODE_SERVER_BIN: setup.CODE_SERVER_BIN };
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

async function panelFrame(page: Page): Promise<Frame> {
  for (let i = 0; i < 120; i++) {
    for (const f of page.frames()) {
      if (await f.evaluate<boolean>('document.querySelector(\'[data-figure="tokens"] dd\') !== null').catch(() => false)) return f;
    }
    await page.waitForTimeout(250);
  }
  throw new Error('the panel did not render in VS Code');
}

/** Waits until the page marked with `__awuBeforeReload` has been replaced by a new document. */
async function reloaded(page: Page, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // During the navigation the evaluation may fail (its context is gone): that is not the new page yet.
    const gone = await page.evaluate<boolean>('document.readyState !== "loading" && window.__awuBeforeReload === undefined').catch(() => false);
    if (gone) return;
    if (Date.now() > deadline) throw new Error(`the window did not reload within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('AWU panel in VS Code (code-server)', function () {
  this.timeout(180_000);
  let h: Harness;
  let dirs: Dirs | undefined;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;

  before(async function () {
    h = await harness();
    if (!h.CODE_SERVER_BIN || !existsSync(h.CODE_SERVER_BIN)) {
      console.log('      (code-server is not installed: node scripts/test-env/setup.mjs installs it)');
      this.skip();
    }
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dirs) rmSync(dirs.base, { recursive: true, force: true });
  });

  it('opens from the command palette, shows the fixture logs under VS Code\'s CSP, and comes back after a reload', async () => {
    const t0 = Date.now();
    dirs = h.makeDirs();
    const now = Date.now();
    const at = (i: number): string => new Date(now - 180_000 + i * 30_000).toISOString();
    // The workspace is a git repository the session worked in: a green test run, then a commit made by
    // its Bash tool (1.5 AWU), so the panel and the status bar show outcomes and their evidence.
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: dirs!.workspace, encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'dev@example.com');
    git('config', 'user.name', 'Dev');
    git('add', '-A');
    git('commit', '-q', '-m', 'feat: first cut of the parser');
    const ws = dirs.workspace;
    writeLines(join(dirs.claude, 'projects', '-e2e', `${SESSION}.jsonl`), [
      ...[0, 1, 2].map((i) => assistantLine({ sessionId: SESSION, cwd: ws, messageId: `m${i}`, requestId: `r${i}`, timestamp: at(i), input: 1000, output: 500 * (i + 1), model: 'claude-sonnet-4-5' })),
      bashUseLine({ sessionId: SESSION, cwd: ws, timestamp: at(3), toolUseId: 'toolu_t', command: 'npm test', messageId: 'm3', requestId: 'r3' }),
      toolResultLine({ sessionId: SESSION, timestamp: at(4), toolUseId: 'toolu_t', ok: true }),
      bashUseLine({ sessionId: SESSION, cwd: ws, timestamp: at(5), toolUseId: 'toolu_c', command: 'git commit -m "feat: first cut of the parser"', messageId: 'm4', requestId: 'r4' }),
      toolResultLine({ sessionId: SESSION, timestamp: new Date(now).toISOString(), toolUseId: 'toolu_c', ok: true }),
    ]);
    server = await h.startCodeServer(dirs);
    browser = await h.launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const cspMessages: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspMessages.push(m.text());
    });
    const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${ROOT}`]];
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    // The extension is up and has read the fixture log once its status bar item shows the tokens.
    await page.locator('.statusbar-item', { hasText: '6.1k' }).first().waitFor({ timeout: 90_000 });
    await page.locator('.statusbar-item', { hasText: '1.5 AWU' }).first().waitFor({ timeout: 30_000 });

    await runCommand(page, 'AWU Meter: Open AWU Breakdown');
    let panel = await panelFrame(page);
    assert.equal(await panel.locator('[data-figure="tokens"] dd').innerText(), '6.1k');
    assert.equal(await panel.locator('[data-figure="awu"] dd').innerText(), '1.5');
    assert.deepEqual(await panel.locator('table.tasks tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-task-id'))), [`claude:${SESSION}`]);
    assert.equal(await panel.locator('.day-chart').getAttribute('data-days'), '7');
    assert.equal(await panel.locator('.day-chart canvas').count(), 1);
    // VS Code's theme variables reach the page (Light Modern: a white editor).
    assert.equal(await panel.evaluate<string>('getComputedStyle(document.body).backgroundColor'), 'rgb(255, 255, 255)');
    mkdirSync('test/screenshots', { recursive: true });
    await page.screenshot({ path: 'test/screenshots/vscode-panel.png' });
    // The README's picture of the extension at work (the panel beside the status bar item), refreshed on
    // request only: it holds today's date and temp paths, so every run would change it.
    if (process.env.AWU_README_SCREENSHOTS === '1') await page.screenshot({ path: 'test/screenshots/readme-vscode.png' });

    await panel.locator('button[data-sort="tokens"]').click();
    await panel.locator('#task-filter').fill('e2e');
    await panel.locator('table.tasks tbody tr').first().click();
    await panel.locator('#detail-heading').waitFor();
    // Reload Window replaces the page: mark this one, and look for the panel only once the mark is gone
    // (a fixed pause could still find the old page's frame and pass on its state).
    await page.evaluate('window.__awuBeforeReload = true');
    await runCommand(page, 'Developer: Reload Window');
    await reloaded(page);
    panel = await panelFrame(page);
    assert.equal(await panel.locator('#task-filter').inputValue(), 'e2e');
    assert.equal(await panel.locator('th:has(button[data-sort="tokens"])').getAttribute('aria-sort'), 'descending');
    // Named by its landed commit's subject, the session behind it in the detail.
    await panel.locator('#detail-heading', { hasText: 'Outcomes of feat: first cut of the parser' }).waitFor();
    assert.equal(await panel.locator('#task-detail dl.facts dd').first().innerText(), `claude session ${SESSION}`);
    assert.deepEqual(cspMessages, []);
    console.log(`      (VS Code up, panel drawn, reloaded and restored in ${Date.now() - t0} ms)`);
  });
});
