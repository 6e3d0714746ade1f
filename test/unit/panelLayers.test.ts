import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|import\s+|require\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

describe('panel layers', () => {
  it('keeps src/shared to zod: no vscode, Node or src/core', () => {
    const offenders = sources('src/shared').flatMap((f) => imports(f).filter((s) => !s.startsWith('zod')).map((s) => `${f}: ${s}`));
    assert.deepEqual(offenders, []);
  });

  it('keeps the webview off vscode, Node, src/core and src/extension', () => {
    const files = sources('src/webview');
    assert.ok(files.length > 5);
    const offenders = files.flatMap((f) => imports(f).filter((s) => s === 'vscode' || s.startsWith('node:') || /(^|\/)(core|extension|cli)\//.test(s)).map((s) => `${f}: ${s}`));
    assert.deepEqual(offenders, []);
  });
});
