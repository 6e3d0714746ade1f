// The extension's settings: package.json contributes a setting for every source the engine reads, and
// readSettings turns any settings.json content (missing, malformed) into usable values.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SOURCE_IDS } from '../../src/core/types';
import { enabledSources, readSettings } from '../../src/extension/settings';

interface Contributes {
  commands: { command: string; category: string }[];
  configuration: { title: string; properties: Record<string, { markdownDescription?: string; description?: string }> }[];
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: Contributes };
const properties = Object.assign({}, ...pkg.contributes.configuration.map((c) => c.properties)) as Record<string, { markdownDescription?: string }>;

describe('extension settings', () => {
  it('contributes enabled and extraPaths for every source, each with a description', () => {
    for (const id of SOURCE_IDS) {
      for (const key of [`awuMeter.sources.${id}.enabled`, `awuMeter.sources.${id}.extraPaths`]) {
        assert.ok(properties[key], `${key} is not in package.json: run \`npm run settings:sync\` after adding a source`);
      }
    }
    for (const [key, p] of Object.entries(properties)) assert.ok(p.markdownDescription, `${key} has a description`);
  });

  it('contributes every setting readSettings reads', () => {
    const read: string[] = [];
    readSettings((k) => {
      read.push(`awuMeter.${k}`);
      return undefined;
    });
    assert.deepEqual(read.filter((k) => !properties[k]), []);
  });

  it('falls back to defaults for missing or malformed values', () => {
    const values: Record<string, unknown> = { 'statusBar.format': 'loud', 'budget.dailyCostUSD': -3, weekStartsOn: 'Sunday', 'sources.codex.enabled': false, 'sources.claude.extraPaths': ['~/x', 3, ' '] };
    const s = readSettings(<T>(k: string) => values[k] as T | undefined);
    assert.equal(s.statusBar.format, 'both');
    assert.equal(s.statusBar.period, 'today');
    assert.equal(s.budget.dailyCostUSD, 0);
    assert.equal(s.weekStartsOn, 0);
    assert.deepEqual(s.sources.claude.extraPaths, ['~/x']);
    assert.ok(!enabledSources(s).includes('codex'));
    assert.ok(enabledSources(s).includes('claude'));
    assert.equal(s.tokens.includeCacheReads, true);
    assert.deepEqual(s.weights, { commitLanded: 1, prMerged: 2, testsPassed: 0.5 });
  });
});
