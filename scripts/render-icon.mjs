// Renders media/icon.svg (our artwork: token bars against the AWU line) to the Marketplace icon,
// media/icon.png (128×128), with the Chromium the browser tests use. Usage: node scripts/render-icon.mjs
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${readFileSync('media/icon.svg', 'utf8')}</body></html>`);
await page.screenshot({ path: 'media/icon.png', omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
await browser.close();
