// Where the browser for tests is. Playwright cannot download its own build here, so tests use
// Debian's Chromium (or whatever CHROMIUM_PATH names).
import { existsSync } from 'node:fs';

const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/lib/chromium/chromium', // the real binary behind Debian's /usr/bin/chromium wrapper
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].filter(Boolean);

/** @returns {string | undefined} */
export function findChromium() {
  return candidates.find((path) => existsSync(path));
}

/** Flags every headless run here needs (no display, no GPU, no network but loopback). */
export const chromiumArgs = ['--disable-gpu', '--disable-quic', '--disable-background-networking'];
