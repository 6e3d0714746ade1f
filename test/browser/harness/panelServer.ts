// A loopback server for the panel's page: the HTML the extension renders (renderPanelHtml, same CSP),
// with the harness's acquireVsCodeApi script and theme variables added, and the built webview files.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { renderPanelHtml } from '../../../src/extension/panel/panelHtml';

const FILES: Record<string, [string, string]> = {
  '/dist/webview.js': ['dist/webview.js', 'text/javascript'],
  '/dist/webview.css': ['dist/webview.css', 'text/css'],
  '/media/panel.css': ['media/panel.css', 'text/css'],
  '/harness/acquireVsCodeApi.js': ['test/browser/harness/acquireVsCodeApi.js', 'text/javascript'],
  '/harness/themes.css': ['test/browser/harness/themes.css', 'text/css'],
};

export interface PanelServer {
  origin: string;
  /** The panel page, in the light or dark theme. */
  pageUrl(theme: 'light' | 'dark' | 'hc'): string;
  close(): Promise<void>;
}

function panelPage(origin: string): string {
  const nonce = randomBytes(16).toString('base64');
  const html = renderPanelHtml({
    cspSource: origin,
    nonce,
    scriptUri: `${origin}/dist/webview.js`,
    styleUris: [`${origin}/dist/webview.css`, `${origin}/media/panel.css`],
  });
  return html
    .replace('  <title>', `  <link rel="stylesheet" href="${origin}/harness/themes.css">\n  <title>`)
    .replace('  <script nonce=', `  <script nonce="${nonce}" src="${origin}/harness/acquireVsCodeApi.js"></script>\n  <script nonce=`);
}

export async function startPanelServer(root = process.cwd()): Promise<PanelServer> {
  let origin = '';
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', origin).pathname;
    const file = FILES[path];
    try {
      if (path === '/panel.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(panelPage(origin));
      } else if (file) {
        res.writeHead(200, { 'content-type': `${file[1]}; charset=utf-8`, 'cache-control': 'no-store' }).end(readFileSync(join(root, file[0])));
      } else {
        res.writeHead(404).end();
      }
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    pageUrl: (theme) => `${origin}/panel.html?theme=${theme}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
