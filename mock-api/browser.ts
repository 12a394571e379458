/** Starts the mock API in msw's service worker, for the demo and the browser tests. */
import { setupWorker, type SetupWorker } from 'msw/browser';
import type { Practice } from '../src/adapters/memory/practice.js';
import { createHandlers, type MockApiOptions } from './handlers.js';

export async function startMockApi(practice: Practice, options: MockApiOptions = {}): Promise<SetupWorker> {
  const worker = setupWorker(...createHandlers(practice, options));
  await worker.start({
    serviceWorker: { url: '/mockServiceWorker.js' },
    // Everything outside the API (the page's own modules) goes to the network untouched.
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
  return worker;
}
