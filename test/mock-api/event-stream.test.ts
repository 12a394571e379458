/**
 * The mock's live events through msw's service worker: a streamed `text/event-stream` answer gets
 * through the worker to the REST adapters, so a change on the practice reaches a watcher at once,
 * with the poll set to a minute so that only the stream can bring it in time.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { http } from 'msw';
import type { Appointment } from '../../src/model/schemas.js';
import type { PracticeAppointment } from '../../src/model/practice-api-schemas.js';
import type { Practice } from '../../src/adapters/memory/practice.js';
import { RestAdapter } from '../../src/adapters/rest/rest-adapter.js';
import { RestPracticeAdapter } from '../../src/adapters/rest/rest-practice-adapter.js';
import { demoSessionCookie } from '../../mock-api/handlers.js';
import { createTestPractice } from '../support/fixtures.js';
import { serveMockApi } from '../support/mock-worker.js';

const alex = 'client-alex';
/** Long enough that no poll comes during a test: what arrives came by the stream. */
const noPoll = { pollIntervalMs: 60_000 };

/** Counts the requests for each path (the mock still answers them). */
async function serveCounting(practice: Practice, paths: string[]): Promise<Map<string, number>> {
  const counts = new Map(paths.map((path) => [path, 0]));
  await serveMockApi(
    practice,
    ...paths.map((path) =>
      http.get(path, () => {
        counts.set(path, counts.get(path)! + 1);
        return undefined; // on to the mock itself
      }),
    ),
  );
  return counts;
}

/** Settles until the watch's first list after `ready` is in: the stream is live from then on. */
async function untilLive(counts: Map<string, number>, streamPath: string, listPath: string, heard: () => number): Promise<void> {
  await waitUntil(() => counts.get(streamPath)! > 0 && counts.get(listPath)! > 0 && heard() > 0, 'the stream opened and the list loaded', { timeout: 3000 });
  // Quiet for a moment: the list after `ready` (if not the one already heard) has come and gone.
  let before = -1;
  while (before !== counts.get(listPath)) {
    before = counts.get(listPath)!;
    await new Promise((settled) => setTimeout(settled, 150));
  }
}

/** Counts the practice's listeners that are still subscribed (the mock's streams among them). */
function countListeners(practice: Practice): { readonly count: number } {
  const subscribe = practice.subscribe.bind(practice);
  const counter = { count: 0 };
  practice.subscribe = (listener) => {
    counter.count += 1;
    const unsubscribe = subscribe(listener);
    return () => {
      counter.count -= 1;
      unsubscribe();
    };
  };
  return counter;
}

describe('the mock API: live events through the service worker', () => {
  afterEach(() => {
    document.cookie = `${demoSessionCookie}=; path=/; max-age=0`;
  });

  it("brings a therapist's confirm to the client's watch within a second, with no list request", async () => {
    const { practice } = createTestPractice();
    const counts = await serveCounting(practice, ['/api/appointments/events', '/api/appointments']);
    document.cookie = `${demoSessionCookie}=${alex}; path=/`;
    const adapter = new RestAdapter({ baseUrl: '/api' });
    const lists: Appointment[][] = [];
    const stop = adapter.watchAppointments({ onChange: (appointments) => lists.push(appointments) }, noPoll);
    try {
      await untilLive(counts, '/api/appointments/events', '/api/appointments', () => lists.length);
      const listsBefore = counts.get('/api/appointments');
      expect(lists.at(-1)!.find((a) => a.id === 'seed-2')?.status).to.equal('unconfirmed');

      const confirmedAt = performance.now();
      practice.confirm('seed-2');
      await waitUntil(() => lists.at(-1)!.find((a) => a.id === 'seed-2')?.status === 'confirmed', 'the confirm heard', { timeout: 1000 });
      expect(performance.now() - confirmedAt).to.be.below(1000);
      expect(counts.get('/api/appointments'), 'the event itself carried it').to.equal(listsBefore);
    } finally {
      stop();
    }
  });

  it('lets go of the practice when the watch stops', async () => {
    const { practice } = createTestPractice();
    const listeners = countListeners(practice);
    const counts = await serveCounting(practice, ['/api/appointments/events', '/api/appointments']);
    const alwaysThere = listeners.count; // the mock's count of events, which lasts as long as the practice
    const adapter = new RestAdapter({ baseUrl: '/api', headers: { Authorization: `Bearer ${alex}` } });
    let heard = 0;
    const stop = adapter.watchAppointments({ onChange: () => (heard += 1) }, noPoll);
    await untilLive(counts, '/api/appointments/events', '/api/appointments', () => heard);
    expect(listeners.count - alwaysThere, 'the stream listens').to.equal(1);
    stop();
    await waitUntil(() => listeners.count === alwaysThere, 'the stream let go', { timeout: 1000 });
  });

  it("brings a confirm to the therapist's watch of waiting requests within a second", async () => {
    const { practice } = createTestPractice();
    const counts = await serveCounting(practice, ['/api/practice/appointments/events', '/api/practice/appointments']);
    const adapter = new RestPracticeAdapter({ baseUrl: '/api', headers: { Authorization: 'Bearer staff:maya-chen' } });
    const lists: PracticeAppointment[][] = [];
    const stop = adapter.watchAppointments({ statuses: ['unconfirmed'] }, { onChange: (appointments) => lists.push(appointments) }, noPoll);
    try {
      await untilLive(counts, '/api/practice/appointments/events', '/api/practice/appointments', () => lists.length);
      expect(lists.at(-1)!.map((a) => a.id)).to.deep.equal(['seed-5']);

      const confirmedAt = performance.now();
      practice.confirm('seed-5', { providerId: 'dr-chen' });
      await waitUntil(() => lists.at(-1)!.length === 0, 'the confirmed request gone from the waiting list', { timeout: 1000 });
      expect(performance.now() - confirmedAt).to.be.below(1000);
    } finally {
      stop();
    }
  });
});
