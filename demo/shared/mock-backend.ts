/**
 * The demo without a server: the msw mock in a service worker, over a practice every tab of the
 * demo shares through localStorage (mock-api/stored-practice.ts).
 */
import { startMockApi } from '../../mock-api/browser.js';
import { StoredPractice } from '../../mock-api/stored-practice.js';
import type { DemoBackend, PracticeEvent } from './backend.js';

export function mockBackend(): DemoBackend {
  const store = new StoredPractice();
  return {
    kind: 'mock',
    notices: store.notices,
    resetNotice: 'The demo data was reset: a fresh practice, with dates around today.',
    async start() {
      if (!('serviceWorker' in navigator)) {
        throw new Error(
          'the mock API runs in a service worker, which browsers allow only on https or localhost. Open the demo at http://127.0.0.1 or http://localhost.',
        );
      }
      await startMockApi(store.practice);
    },
    async reset() {
      store.reset();
    },
    watch(listener: (event: PracticeEvent) => void) {
      store.watch((change) => {
        if (change.kind !== 'changed') listener(change);
      });
    },
    followChanges(listener: () => void) {
      store.watch((change) => {
        if (change.kind === 'changed') listener();
      });
    },
  };
}
