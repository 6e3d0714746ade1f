// `awu-meter` start-up: runs the CLI bundle (cliMain.js) through V8's code cache, kept beside the usage
// index, so a warm run does not compile half a megabyte of JavaScript again.
import { join } from 'node:path';
import { codeCacheFile, loadWithCodeCache } from '../core/runtime/codeCache';
import { defaultCacheDir } from '../core/store/cacheDir';

const persist = !process.argv.includes('--no-cache');
const cli = loadWithCodeCache(join(__dirname, 'cliMain.js'), persist ? codeCacheFile(defaultCacheDir(), 'cliMain') : undefined, module);
process.once('exit', () => cli.saveIfNeeded());
