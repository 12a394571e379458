/**
 * A portal page giving the elements its own API through NorthwindAdapter. The order matters:
 * the mock API answers first (demo only), then the ContextProvider is attached to the common
 * ancestor, and only then are the elements defined, so that when they upgrade and connect their
 * request for an adapter finds the provider. (A context request is answered only by a provider
 * already listening; an element that connected first would stay "not connected to a practice".)
 */
import { ContextProvider } from '@lit/context';
import { bookingAdapterContext } from '../../src/adapters/index.js';
import { Practice } from '../../src/testing/index.js';
import { createDemoPractice, demoClientId } from '../../mock-api/demo-practice.js';
import { NorthwindAdapter } from './northwind-adapter.js';
import { demoAccessTokens, startNorthwindApi } from './northwind-server.js';

const statusLine = document.querySelector<HTMLElement>('#status')!;

/** Stands in for the portal's own session, which would refresh the token when it expires. */
const portalSession = {
  accessToken: async () => demoAccessTokens[demoClientId],
};

async function start(): Promise<void> {
  // Demo only: the Northwind API is mocked in a service worker over an in-memory practice.
  const practice = new Practice(createDemoPractice());
  await startNorthwindApi(practice, { latencyMs: 250 });

  const adapter = new NorthwindAdapter({
    baseUrl: '/northwind',
    accessToken: portalSession.accessToken,
    // Sooner than the default 30 s, so the therapist's answer below shows up while you watch.
    pollIntervalMs: 5_000,
  });
  new ContextProvider(document.querySelector<HTMLElement>('#booking')!, { context: bookingAdapterContext, initialValue: adapter });

  // Defining the elements now upgrades the ones already in the page, below the provider.
  await Promise.all([
    import('../../src/elements/self-schedule-form/self-schedule-form.js'),
    import('../../src/elements/appointment-status/appointment-status.js'),
  ]);

  document.addEventListener('ss-request-submit', (event) => {
    statusLine.textContent = `Request sent: ${event.appointment.service.name} with ${event.appointment.provider.name}.`;
  });
  document.addEventListener('ss-request-fail', (event) => {
    statusLine.textContent = `The request was not sent (${event.error.code}).`;
  });

  // Demo only: the therapist's side, straight on the practice.
  const nextUnconfirmed = () => practice.appointmentsOf(demoClientId).find((appointment) => appointment.status === 'unconfirmed');
  const decide = (how: 'confirm' | 'decline') => {
    const appointment = nextUnconfirmed();
    if (!appointment) {
      statusLine.textContent = 'There is no unconfirmed request to answer.';
      return;
    }
    if (how === 'confirm') practice.confirm(appointment.id);
    else practice.decline(appointment.id, 'I am away that day.');
    statusLine.textContent = `The therapist ${how === 'confirm' ? 'confirmed' : 'declined'} a request; the list shows it on its next poll.`;
  };
  document.querySelector('#confirm')!.addEventListener('click', () => decide('confirm'));
  document.querySelector('#decline')!.addEventListener('click', () => decide('decline'));
}

start().catch((error: unknown) => {
  statusLine.textContent = `The example could not start: ${error instanceof Error ? error.message : String(error)}`;
  statusLine.classList.add('error');
});
