// Plain-text tables with box-drawing borders, measured in terminal columns (wide characters count 2).

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f)) continue;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

export function renderTable(headers: string[], rows: string[][], opts: { align?: ('left' | 'right')[]; footer?: string[] } = {}): string {
  const all = [headers, ...rows, ...(opts.footer ? [opts.footer] : [])];
  const widths = headers.map((_, c) => Math.max(...all.map((r) => displayWidth(r[c] ?? ''))));
  const cell = (text: string, c: number): string => {
    const padding = ' '.repeat(widths[c]! - displayWidth(text));
    return opts.align?.[c] === 'right' ? padding + text : text + padding;
  };
  const line = (r: string[]): string => `│ ${headers.map((_, c) => cell(r[c] ?? '', c)).join(' │ ')} │`;
  const rule = (l: string, m: string, r: string): string => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  const out = [rule('┌', '┬', '┐'), line(headers), rule('├', '┼', '┤'), ...rows.map(line)];
  if (opts.footer) out.push(rule('├', '┼', '┤'), line(opts.footer));
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}

export function formatTokens(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatUSD(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return '—';
  if (n > 0 && n < 0.01) return '<$0.01';
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
