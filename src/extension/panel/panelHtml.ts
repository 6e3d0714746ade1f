// The panel's HTML: a strict CSP (no inline styles, scripts only with this render's nonce), the
// webview bundle and its style sheets. Pure (no vscode import) so tests can render the very page the
// panel shows; the host passes `webview.cspSource` and `asWebviewUri` strings.

export interface PanelHtmlParts {
  /** `webview.cspSource`: the origin the panel's own files are served from. */
  cspSource: string;
  /** A fresh base64 nonce per render. */
  nonce: string;
  scriptUri: string;
  styleUris: readonly string[];
}

export function panelCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderPanelHtml(parts: PanelHtmlParts): string {
  const styles = parts.styleUris.map((u) => `  <link rel="stylesheet" href="${attr(u)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${attr(panelCsp(parts.cspSource, parts.nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
  <title>AWU Breakdown</title>
</head>
<body>
  <main id="app" aria-busy="true"><p class="loading">Loading the AWU breakdown…</p></main>
  <script nonce="${attr(parts.nonce)}" src="${attr(parts.scriptUri)}"></script>
</body>
</html>
`;
}
