import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, installed by `npm test` (tests/support/ensure-chromium.mjs). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launches headless Chromium (with a fresh profile Playwright makes and removes) for one test file. The
 * flags keep it off the network (this machine has none: without them Chromium keeps trying Google's
 * services) and let it run as root.
 */
export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
  });
  return { browser, close: () => browser.close() };
}
