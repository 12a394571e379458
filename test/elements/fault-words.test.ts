/**
 * What the lists say when loading fails, and whether they offer Try again. A client or a
 * therapist reads plain words that say what to do, never the contract's field names, zod's words
 * or a server's own text (a stack trace, say): those stay on the error for the host. Try again is
 * offered where trying again can help (a lost connection, a time limit, the server failing), and
 * not after a refusal that would only come back the same (401: the sign-in prompt takes its place;
 * 403, 404, 422) nor after an answer that was not understood.
 */
import { expect, fixtureCleanup, waitUntil } from '@open-wc/testing';
import type { AppointmentWatchEvents, CallOptions } from '../../src/adapters/booking-adapter.js';
import { BookingError } from '../../src/adapters/errors.js';
import { parseResponse, unreadableAnswer } from '../../src/adapters/parse.js';
import { faultWords } from '../../src/elements/shared/loadable.js';
import { appointmentListSchema, type Provider } from '../../src/model/schemas.js';
import { MemoryAdapter } from '../../src/testing/index.js';
import { alex, buttonIn, rootOf, text } from '../support/element-driver.js';
import { createTestPractice } from '../support/fixtures.js';
import { mountStatus } from '../support/status-driver.js';
import { mountCalendar } from '../support/calendar-driver.js';
import { inbox, mountRequests } from '../support/requests-driver.js';

/** What a server's own message may hold: nothing of it may reach the page. */
const serverText = 'TypeError: Cannot read properties of undefined (reading "providerId") stack: at BookingService.list (/srv/app/booking-service.ts:88:13)';
const technicalWords = ['expected', 'IANA', 'providerId', 'stack', 'TypeError', serverText];

/** The error parse.ts throws for a list whose provider id is a number and whose zone does not exist. */
function schemaFault(): BookingError {
  const { practice } = createTestPractice();
  const [first, second] = structuredClone(practice.appointmentsOf(alex)) as unknown as Array<Record<string, Record<string, unknown>>>;
  first.provider = { ...first.provider, id: 7 };
  second.location = { ...second.location, timeZone: 'Mars/Olympus' };
  try {
    parseResponse(appointmentListSchema, { appointments: [first, second] }, 'your appointments');
  } catch (error) {
    return error as BookingError;
  }
  throw new Error('the broken list was accepted');
}

const faultsOnLoad = {
  'an answer that breaks the contract': schemaFault,
  'a 500 with a technical message': () => new BookingError('server', serverText, { status: 500 }),
  'a lost connection': () => new BookingError('network', 'Could not reach the server. Check your connection and try again.'),
  'a time limit': () => new BookingError('timeout', 'The server took too long to answer.'),
  '403': () => new BookingError('forbidden', 'Forbidden: route /appointments requires scope appointments:read', { status: 403 }),
  '404': () => new BookingError('not-found', 'Cannot GET /api/v2/appointments', { status: 404 }),
  '422': () => new BookingError('rule-violation', 'That appointment cannot be requested.', { status: 422 }),
} satisfies Record<string, () => BookingError>;
type FaultName = keyof typeof faultsOnLoad;

/** The words that tell a person what they can do, one of which each failure's sentence holds (but for 422, whose words are the practice's). */
const whatToDo = /try again|check your connection|contact the practice|reload the page/i;

/** The failure's sentence, without the button. */
const failureSentence = (alert: HTMLElement) => text(alert.querySelector('p'));

/** Where Try again helps: the rest would only be answered the same. */
const retried: FaultName[] = ['an answer that breaks the contract', 'a 500 with a technical message', 'a lost connection', 'a time limit'];

/** A client adapter whose watch of the appointments fails with `error` each time (and, with `providers`, asking who self-schedules too). */
class FailingClientAdapter extends MemoryAdapter {
  watches = 0;
  constructor(
    private readonly error: () => BookingError,
    private readonly providers?: () => BookingError,
  ) {
    super({ practice: createTestPractice().practice, clientId: alex });
  }

  override watchAppointments(events: AppointmentWatchEvents): () => void {
    this.watches += 1;
    queueMicrotask(() => events.onError?.(this.error()));
    return () => {};
  }

  override listProviders(options?: CallOptions): Promise<Provider[]> {
    return this.providers ? Promise.reject(this.providers()) : super.listProviders(options);
  }
}

const alertOf = (el: HTMLElement) => rootOf(el).querySelector<HTMLElement>('section > [part~="error"][role="alert"], .body > [part~="error"][role="alert"]')!;

function expectNoTechnicalWords(el: HTMLElement, what: string): void {
  const shown = text(rootOf(el));
  for (const word of technicalWords) expect(shown.includes(word), `${what}: "${word.slice(0, 40)}" in "${shown}"`).to.equal(false);
}

const mounts = {
  '<appointment-status>': (adapter: MemoryAdapter) => mountStatus(adapter),
  '<appointment-calendar>': (adapter: MemoryAdapter) => mountCalendar(adapter),
};

describe('words and Try again when the lists fail', function () {
  this.timeout(30_000);
  afterEach(() => fixtureCleanup());

  for (const [tab, mount] of Object.entries(mounts)) {
    describe(tab, () => {
      for (const [name, fault] of Object.entries(faultsOnLoad) as Array<[FaultName, () => BookingError]>) {
        const offered = retried.includes(name);
        it(`${name} on load: plain words, ${offered ? 'with' : 'without'} Try again`, async () => {
          const adapter = new FailingClientAdapter(fault);
          const el = await mount(adapter);
          await waitUntil(() => text(alertOf(el)).includes('could not be loaded'), 'the failure', { timeout: 5000 });
          expectNoTechnicalWords(el, name);
          if (name !== '422') expect(failureSentence(alertOf(el))).to.match(whatToDo);
          expect(Boolean(buttonIn(alertOf(el), 'Try again')), 'Try again').to.equal(offered);
          if (offered) {
            buttonIn(alertOf(el), 'Try again')!.click();
            await waitUntil(() => adapter.watches >= 2, 'watched again');
          }
        });
      }

      it('says an answer not understood in the sentence for it, and a server failure in plain words', async () => {
        const broken = await mount(new FailingClientAdapter(schemaFault));
        await waitUntil(() => text(alertOf(broken)).includes('could not be loaded'), 'the failure', { timeout: 5000 });
        expect(text(alertOf(broken))).to.contain(unreadableAnswer);
        fixtureCleanup();
        const failed = await mount(new FailingClientAdapter(faultsOnLoad['a 500 with a technical message']));
        await waitUntil(() => text(alertOf(failed)).includes('could not be loaded'), 'the failure', { timeout: 5000 });
        expect(text(alertOf(failed))).to.contain(faultWords.server);
      });

      it('401 on load: the sign-in prompt, and no Try again', async () => {
        const el = await mount(new FailingClientAdapter(() => new BookingError('unauthorized', 'Please sign in again.', { status: 401 })));
        await waitUntil(() => rootOf(el).querySelector('[part~="sign-in"]'), 'the sign-in prompt', { timeout: 5000 });
        expect(buttonIn(rootOf(el), 'Try again')).to.equal(undefined);
      });

      it('asking who self-schedules: Try again after a 500, none after a 404, and plain words for both', async () => {
        const list = () => new BookingError('network', 'unused');
        for (const [providers, offered] of [
          [() => new BookingError('server', serverText, { status: 500 }), true],
          [() => new BookingError('not-found', 'Cannot GET /api/v2/providers', { status: 404 }), false],
        ] as const) {
          const adapter = new FailingClientAdapter(list, providers);
          // The list itself loads: only New Appointment is missing.
          adapter.watchAppointments = MemoryAdapter.prototype.watchAppointments.bind(adapter);
          const el = await mount(adapter);
          await waitUntil(() => text(alertOf(el)).includes('New Appointment is not available'), 'the failure', { timeout: 5000 });
          expectNoTechnicalWords(el, 'providers');
          expect(Boolean(buttonIn(alertOf(el), 'Try again')), `Try again after ${providers().code}`).to.equal(offered);
          fixtureCleanup();
        }
      });
    });
  }

  describe('<appointment-requests>', () => {
    for (const [name, fault] of Object.entries(faultsOnLoad) as Array<[FaultName, () => BookingError]>) {
      // 403 shows the staff sign-in instead (tested in appointment-requests.test.ts).
      if (name === '403') continue;
      const offered = retried.includes(name);
      it(`${name} on load: plain words, ${offered ? 'with' : 'without'} Try again`, async () => {
        const { adapter } = inbox();
        adapter.failingWatches.push(fault());
        const el = await mountRequests(adapter);
        await waitUntil(() => text(alertOf(el)).includes('could not be loaded'), 'the failure', { timeout: 5000 });
        expectNoTechnicalWords(el, name);
        if (name !== '422') expect(failureSentence(alertOf(el))).to.match(whatToDo);
        expect(Boolean(buttonIn(alertOf(el), 'Try again')), 'Try again').to.equal(offered);
        if (offered) {
          buttonIn(alertOf(el), 'Try again')!.click();
          await waitUntil(() => text(rootOf(el)).includes('Taylor Brooks'), 'the list after Try again', { timeout: 5000 });
        }
      });
    }

    it('a decision failing with a server’s technical message: plain words, with Try again', async () => {
      const { adapter } = inbox();
      adapter.failures.push(new BookingError('server', serverText, { status: 500 }));
      const el = await mountRequests(adapter);
      await waitUntil(() => buttonIn(rootOf(el), 'Confirm'), 'the requests', { timeout: 5000 });
      buttonIn(rootOf(el), 'Confirm')!.click();
      await waitUntil(() => text(alertOf(el)).includes('could not be confirmed'), 'the failure', { timeout: 5000 });
      expectNoTechnicalWords(el, 'confirm');
      expect(text(alertOf(el))).to.contain(faultWords.server);
      expect(buttonIn(alertOf(el), 'Try again')).to.not.equal(undefined);
    });
  });
});
