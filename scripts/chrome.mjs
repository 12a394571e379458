// Where the tests find a browser: CHROME_PATH when set, else the usual Linux installs.
// No browser is ever downloaded on these machines, so a missing one is reported, not fetched.
import { existsSync } from 'node:fs';

const candidates = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export const chromeArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  // Tests run two pages at once; a page in the background must keep its timers and animation
  // frames, or timing tests drift and fixtures that wait for a frame never finish.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

export function findChrome() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return candidates.find((path) => existsSync(path));
}

export function requireChrome() {
  const path = findChrome();
  if (!path) {
    console.error(
      'No Chrome or Chromium found: install one (Debian: `apt-get install -y chromium`) or set CHROME_PATH to its executable.',
    );
    process.exit(1);
  }
  return path;
}
