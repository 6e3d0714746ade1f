// Writes the "Sources" settings of package.json (contributes.configuration) from the source registry:
// `awuMeter.sources.<id>.enabled` and `.extraPaths` for every id in SOURCE_IDS, named by the source's
// displayName, with its default folders (its roots() for a home of `~` on Linux) in the description.
// Run it after adding a source: `npm run settings:sync` (test/unit/extensionSettings.test.ts checks).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const out = join(tmpdir(), `awu-registry-${process.pid}.cjs`);
await esbuild.build({
  stdin: { contents: "export { SOURCES } from './src/core/sources/registry';\nexport { SOURCE_IDS } from './src/core/types';", resolveDir: process.cwd(), loader: 'ts' },
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out, logLevel: 'error',
  // The scan's WebAssembly is not needed to list folders.
  plugins: [{ name: 'no-wat', setup: (b) => b.onLoad({ filter: /\.wat$/ }, () => ({ contents: new Uint8Array(), loader: 'binary' })) }],
});
const { SOURCES, SOURCE_IDS } = createRequire(import.meta.url)(out);
rmSync(out, { force: true });

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const section = pkg.contributes.configuration.find((c) => c.title === 'Sources');
const properties = {};
let order = 1;
for (const id of SOURCE_IDS) {
  const source = SOURCES[id];
  const name = source?.displayName ?? id;
  let roots = [];
  try {
    roots = source.roots({ env: {}, home: '~', platform: 'linux' });
  } catch {}
  const where = roots.length > 0 ? `, found in ${roots.slice(0, 3).map((r) => `\`${r}\``).join(', ')}${roots.length > 3 ? ', …' : ''}` : '';
  // Cursor keeps its chats in one large state database that it rewrites constantly: reading it whole on
  // every change is costly, so it is opt-in.
  const optIn = id === 'cursor';
  properties[`awuMeter.sources.${id}.enabled`] = {
    type: 'boolean',
    default: !optIn,
    order: order++,
    markdownDescription: `Read the local logs of ${name}${where}.${optIn ? ' Off by default: its state database is large and is read whole whenever Cursor writes to it.' : ''}`,
  };
  properties[`awuMeter.sources.${id}.extraPaths`] = {
    type: 'array',
    items: { type: 'string' },
    default: [],
    order: order++,
    markdownDescription: `More folders of ${name} logs to read, besides the default ones${id === 'claude' ? ' (a Claude config folder holding `projects/`, or a folder of `.jsonl` transcripts)' : id === 'codex' ? ' (a Codex home holding `sessions/`, or a folder of rollout `.jsonl` files)' : ''}. \`~/\` is your home folder.`,
  };
}
const before = JSON.stringify(section.properties);
section.properties = properties;
if (JSON.stringify(properties) !== before) {
  writeFileSync('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
  console.log(`package.json: settings for ${SOURCE_IDS.length} sources written`);
} else console.log('package.json: source settings already up to date');
