// Debian's Chromium, driven by playwright-core. Installed with apt when missing (we run as root on a
// machine that reaches Debian's mirror); started with the flags that keep it off the network.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.AWU_CHROMIUM ?? '/usr/bin/chromium';

const OFFLINE_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Idempotent: nothing to do when Chromium is there; else `apt-get install chromium` (after an update if the first try fails). */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  if (process.getuid?.() !== 0) throw new Error(`${CHROMIUM_PATH} is missing; install it with: apt-get install -y chromium`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Another test setup may be running apt at the same time: wait for its lock instead of failing.
  const apt = (...args: string[]): void => void execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=900', ...args], { stdio: 'inherit', env });
  try {
    apt('install', '-y', '-q', '--no-install-recommends', 'chromium');
  } catch {
    apt('update', '-q');
    apt('install', '-y', '-q', '--no-install-recommends', 'chromium');
  }
}

export async function launchChromium(): Promise<Browser> {
  ensureChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: OFFLINE_FLAGS });
}
