// Whole pages driven from Node: the demo served by Vite, in Debian's Chromium via playwright-core.
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { chromeArgs, requireChrome } from '../../scripts/chrome.mjs';

/** Starts the demo on a free local port; returns its URL and a stop function. */
export async function startDemo() {
  const server = await createServer({
    configFile: 'vite.config.ts',
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('The demo server did not report its address.');
  return { url, stop: () => server.close() };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: requireChrome(),
    // playwright sets headless mode itself.
    args: chromeArgs.filter((arg) => !arg.startsWith('--headless')),
  });
}
