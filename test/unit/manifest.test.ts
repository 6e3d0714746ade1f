// Ready for the Marketplace and Open VSX (issue 13): an icon of our own, categories VS Code accepts,
// keywords, a changelog, and capabilities that say what works in Restricted Mode and virtual workspaces.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readSettings } from '../../src/extension/settings';

interface Manifest {
  icon: string;
  categories: string[];
  keywords: string[];
  capabilities: {
    untrustedWorkspaces: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] };
    virtualWorkspaces: boolean | { supported: boolean | 'limited'; description?: string };
  };
  contributes: { configuration: { properties: Record<string, { scope?: string; default?: unknown }> }[] };
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
const properties = Object.assign({}, ...pkg.contributes.configuration.map((c) => c.properties)) as Manifest['contributes']['configuration'][number]['properties'];
// VS Code 1.100's list (src/vs/platform/extensions/common/extensions.ts, EXTENSION_CATEGORIES).
const CATEGORIES = ['AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Extension Packs', 'Education', 'Formatters', 'Keymaps', 'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Programming Languages', 'SCM Providers', 'Snippets', 'Testing', 'Themes', 'Visualization', 'Other'];

describe('Marketplace manifest', function () {
  it('has a 128×128 PNG icon whose SVG source is kept beside it', function () {
    const png = readFileSync(pkg.icon);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    assert.match(readFileSync(pkg.icon.replace(/\.png$/, '.svg'), 'utf8'), /^<svg [^>]*viewBox="0 0 128 128"/);
  });

  it('uses categories VS Code knows, and a few short keywords', function () {
    assert.ok(pkg.categories.length > 0 && pkg.categories.every((c) => CATEGORIES.includes(c)), pkg.categories.join());
    assert.ok(!pkg.categories.includes('Other'));
    assert.ok(pkg.keywords.length > 0 && pkg.keywords.length <= 5, 'older Marketplace rules allowed five, and tags count toward a limit');
    for (const k of pkg.keywords) assert.ok(k.length <= 30, k);
  });

  it('has a changelog for the version it declares', function () {
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
    assert.match(readFileSync('CHANGELOG.md', 'utf8'), new RegExp(`^## ${version.replace(/\./g, '\\.')}\\b`, 'm'));
  });

  it('says what works in Restricted Mode and virtual workspaces, restricting only settings it has', function () {
    const u = pkg.capabilities.untrustedWorkspaces;
    assert.equal(u.supported, 'limited');
    assert.match(u.description ?? '', /no git/);
    for (const key of u.restrictedConfigurations ?? []) assert.ok(properties[key], `${key} is a contributed setting`);
    assert.ok(typeof pkg.capabilities.virtualWorkspaces === 'object' && pkg.capabilities.virtualWorkspaces.supported === 'limited');
  });

  it('lets only user settings choose where the weekly archive is written', function () {
    assert.equal(properties['awuMeter.weeklySummary.folder']?.scope, 'machine');
    assert.equal(properties['awuMeter.weeklySummary.notify']?.default, true);
    const values: Record<string, unknown> = { 'weeklySummary.folder': '  ~/awu  ', 'weeklySummary.notify': 'no' };
    assert.deepEqual(readSettings(<T>(k: string) => values[k] as T | undefined).weeklySummary, { notify: true, folder: '~/awu' });
    assert.deepEqual(readSettings(() => undefined).weeklySummary, { notify: true, folder: '' });
    assert.deepEqual(readSettings(<T>(k: string) => ({ 'weeklySummary.notify': false, 'weeklySummary.folder': 3 })[k] as T).weeklySummary, { notify: false, folder: '' });
  });
});
