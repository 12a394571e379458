/** Runs the mock API in msw's service worker for a test file, over a practice each test chooses. */
import type { SetupWorker } from 'msw/browser';
import type { HttpHandler } from 'msw';
import type { Practice } from '../../src/adapters/memory/practice.js';
import { startMockApi } from '../../mock-api/browser.js';
import { createHandlers } from '../../mock-api/handlers.js';

let worker: SetupWorker | undefined;

/** Serves `practice` at /api from now on, in front of any `extra` handlers (which win). */
export async function serveMockApi(practice: Practice, ...extra: HttpHandler[]): Promise<SetupWorker> {
  worker ??= await startMockApi(practice);
  worker.resetHandlers(...extra, ...createHandlers(practice));
  return worker;
}
