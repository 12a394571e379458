// msw's service worker script, served from the package itself so it always matches the installed msw.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const mswWorkerPath = '/mockServiceWorker.js';

export function readMswWorker() {
  return readFileSync(require.resolve('msw/mockServiceWorker.js'), 'utf8');
}
