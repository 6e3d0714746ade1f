import { strict as assert } from 'node:assert';
import { displayWidth, formatTokens, formatUSD, renderTable } from '../../src/cli/table';

describe('CLI tables', () => {
  it('aligns columns by display width, wide characters counting two', () => {
    const out = renderTable(['Name', 'Tokens'], [['项目', '1,234'], ['app 😀', '5']], { align: ['left', 'right'], footer: ['Total', '1,239'] });
    const lines = out.split('\n');
    assert.equal(new Set(lines.map(displayWidth)).size, 1, out);
    assert.ok(lines.every((l) => !l.endsWith(' ')));
    assert.ok(lines.some((l) => l.includes('│ 项目   │  1,234 │')), out);
    assert.ok(lines.some((l) => l.includes('│ Total  │  1,239 │')), out);
    assert.equal(displayWidth('项目'), 4);
    assert.equal(displayWidth('e\u0301'), 1);
  });

  it('formats tokens and money', () => {
    assert.equal(formatTokens(1234567), '1,234,567');
    assert.equal(formatTokens(0), '0');
    assert.equal(formatUSD(12.345), '$12.35');
    assert.equal(formatUSD(1234.5), '$1,234.50');
    assert.equal(formatUSD(0.004), '<$0.01');
    assert.equal(formatUSD(0), '$0.00');
    assert.equal(formatUSD(undefined), '—');
  });
});
