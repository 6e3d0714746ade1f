import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

describe('architecture', () => {
  it('keeps src/core free of vscode and of the extension, webview and CLI layers', () => {
    const offenders = sources('src/core').flatMap((f) => imports(f).filter((s) => s === 'vscode' || /(^|\/)(extension|webview|cli)\//.test(s)).map((s) => `${f}: ${s}`));
    assert.deepEqual(offenders, []);
  });

  it('finds the imports it checks (the check itself works)', () => {
    assert.ok(sources('src/core').length > 10);
    assert.ok(imports('src/core/scan/updateUsage.ts').includes('../store/usageStore'));
  });
});
