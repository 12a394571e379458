/**
 * The demo on the reference server (server/, mounted under `/api` by the dev server): the
 * practice lives in the server's database, so nothing about it is kept in the browser. Reset demo
 * data asks the server to seed its practice again; the therapist's desk polls, since the server
 * pushes nothing.
 */
import type { DemoBackend, PracticeEvent } from './backend.js';

const resetRoute = '/api/practice/demo/reset';
/** How often a page that follows the practice asks again, while it is visible. */
const pollMs = 3000;
/** Tells the demo's other tabs in this browser that the practice was reset. */
const channelName = 'self-schedule-elements:demo';

function openChannel(): BroadcastChannel | undefined {
  try {
    return new BroadcastChannel(channelName);
  } catch {
    return undefined;
  }
}

/** The msw worker a mock run of the demo may have left registered on this origin. */
async function unregisterMockWorkers(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registrations = await navigator.serviceWorker.getRegistrations().catch(() => []);
  await Promise.all(
    registrations
      .filter((registration) =>
        [registration.active, registration.waiting, registration.installing].some((worker) => worker?.scriptURL.endsWith('/mockServiceWorker.js')),
      )
      .map((registration) => registration.unregister()),
  );
}

export function serverBackend(): DemoBackend {
  const channel = openChannel();
  return {
    kind: 'server',
    notices: [],
    resetNotice: 'The demo data was reset: the practice on the server started again from its seed.',
    async start() {
      // It would only pass requests through, but a page on the server has no use for it.
      await unregisterMockWorkers();
    },
    async reset() {
      let response: Response;
      try {
        response = await fetch(resetRoute, { method: 'POST', headers: { Accept: 'application/json' } });
      } catch {
        throw new Error('the demo server could not be reached.');
      }
      if (!response.ok) throw new Error(`the demo server answered ${response.status}.`);
      channel?.postMessage('reset');
    },
    watch(listener: (event: PracticeEvent) => void) {
      channel?.addEventListener('message', (event: MessageEvent) => {
        if (event.data === 'reset') listener({ kind: 'reset' });
      });
    },
    followChanges(listener: () => void) {
      setInterval(() => {
        if (document.visibilityState === 'visible') listener();
      }, pollMs);
    },
  };
}
