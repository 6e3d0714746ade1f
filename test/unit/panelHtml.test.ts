import { strict as assert } from 'node:assert';
import { panelCsp, renderPanelHtml } from '../../src/extension/panel/panelHtml';

describe('panel HTML', () => {
  const html = renderPanelHtml({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'bm9uY2Ux+/=',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
    styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.css', 'https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css?a=1&b="2"'],
  });

  it('has a strict CSP: nothing by default, styles and images from the extension, scripts only with the nonce', () => {
    const csp = panelCsp('https://x.example', 'abc');
    assert.equal(csp, "default-src 'none'; img-src https://x.example data:; style-src https://x.example; font-src https://x.example; script-src 'nonce-abc'");
    assert.ok(html.includes(`content="default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net data:;`));
    assert.ok(!/unsafe-(inline|eval)/.test(html));
  });

  it('loads the bundle with the nonce and the style sheets, with no inline script or style', () => {
    assert.ok(html.includes('<script nonce="bm9uY2Ux+/=" src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js"></script>'));
    assert.ok(html.includes('href="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.css"'));
    assert.ok(html.includes('href="https://file+.vscode-resource.vscode-cdn.net/ext/media/panel.css?a=1&amp;b=&quot;2&quot;"'), 'attribute values escaped');
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.ok(!/<style|style=/.test(html));
  });
});
