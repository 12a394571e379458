/**
 * The therapist's inbox: requests waiting, oldest request first, with the time where it happens;
 * conflicts written out (and no Confirm for them); Confirm (one call per intention), Decline with
 * a note (counted, Escape keeps the request); what is said and where focus goes after a decision;
 * refusals, failures and Try again; live arrivals; loading, empty and error; the staff sign-in.
 *
 * The practice is the demo practice on the fixed test clock (Tuesday 1 December 2026, 10:00 in New
 * York), where two requests wait: seed-5 (Taylor Brooks, Dr. Chen by telehealth, Tuesday
 * 8 December 10:00–10:50) and seed-2 (Alex Rivera, Jordan Alvarez by telehealth, Wednesday
 * 9 December 17:00–17:25), both asked for three days ago. Tests add their own requests.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { domId } from '../../src/elements/shared/dom-id.js';
import { http, HttpResponse } from 'msw';
import type { AppointmentRequestsElement } from '../../src/elements/appointment-requests/appointment-requests.js';
import type {
  AuthRequiredEvent,
  RequestConfirmedEvent,
  RequestDeclinedEvent,
  StaffSignedInEvent,
} from '../../src/elements/appointment-requests/appointment-requests.events.js';
import { BookingError } from '../../src/adapters/errors.js';
import { buttonIn, rootOf, text } from '../support/element-driver.js';
import { chenRequest } from '../support/fixtures.js';
import { serveMockApi } from '../support/mock-worker.js';
import {
  confirmButton,
  declineButton,
  inbox,
  mountRequests,
  mountRequestsLoaded,
  noteField,
  overlapping,
  past,
  requestIds,
  requestRow,
  requestsAlert,
  requestsNotice,
  serverUnreachable,
  typeNote,
} from '../support/requests-driver.js';

const focused = (el: AppointmentRequestsElement) => rootOf(el).activeElement;

describe('<appointment-requests>', () => {
  describe('the list', () => {
    it('lists the waiting requests oldest request first, with client, service, location, the time where it happens and when it was asked for', async () => {
      const { adapter } = inbox([overlapping()]);
      const el = await mountRequestsLoaded(adapter);
      expect(requestIds(el)).to.deep.equal(['req-overlap', 'seed-5', 'seed-2']);
      const taylor = requestRow(el, 'seed-5')!;
      expect(text(taylor.querySelector('h3'))).to.equal('Taylor Brooks');
      expect(text(taylor)).to.contain('Individual Therapy (50 minutes)');
      expect(text(taylor)).to.contain('Telehealth (video)');
      expect(text(taylor)).to.match(/Tuesday, December 8, 10:00\s*–\s*10:50\sAM EST/);
      expect(text(taylor)).to.contain('Requested');
      expect(text(taylor)).to.contain('Saturday, November 28, 2026');
      // The whole practice's list says whose each request is.
      expect(text(taylor)).to.contain('Therapist Dr. Maya Chen, PsyD');
      expect(text(requestRow(el, 'seed-2'))).to.contain('Therapist Jordan Alvarez, LCSW');
      expect(rootOf(el).querySelector('ul[part~="list"]')?.getAttribute('aria-labelledby')).to.equal('heading');
    });

    it("writes the time in the location's zone, whatever the browser's", async () => {
      const { practice, adapter } = inbox();
      const data = practice as unknown as { data: { locations: Array<{ id: string; timeZone: string }> } };
      data.data.locations.find((location) => location.id === 'telehealth')!.timeZone = 'America/Los_Angeles';
      const el = await mountRequestsLoaded(adapter);
      expect(text(requestRow(el, 'seed-5'))).to.match(/Tuesday, December 8, 7:00\s*–\s*7:50\sAM PST/);
    });

    it('shows only the therapist named by `provider`', async () => {
      const { adapter } = inbox();
      const el = await mountRequestsLoaded(adapter, { provider: 'jordan-alvarez' });
      expect(requestIds(el)).to.deep.equal(['seed-2']);
      // One therapist's own list does not repeat their name on every request.
      expect(text(requestRow(el, 'seed-2'))).to.not.contain('Therapist');
      el.provider = 'dr-chen';
      await waitUntil(() => requestIds(el).join() === 'seed-5', 'Dr. Chen’s');
    });

    it('flags conflicts in words, and offers Decline but not Confirm for them, with the reason', async () => {
      const { adapter } = inbox([overlapping(), past()]);
      const el = await mountRequestsLoaded(adapter);
      const clash = requestRow(el, 'req-overlap')!;
      expect(text(clash)).to.contain('This request cannot be confirmed:');
      expect(text(clash)).to.match(/Overlaps another appointment at Monday, December 7, 10:00\s*–\s*10:50\sAM EST/);
      expect(confirmButton(el, 'req-overlap')).to.equal(null);
      expect(declineButton(el, 'req-overlap')!.getAttribute('aria-describedby')).to.equal(domId('conflicts', 'req-overlap'));
      const gone = requestRow(el, 'req-past')!;
      expect(text(gone)).to.contain('This time has passed');
      expect(confirmButton(el, 'req-past')).to.equal(null);
      expect(confirmButton(el, 'seed-5')).to.not.equal(null);
    });

    it('says when a time is now outside the therapist’s hours', async () => {
      const { practice, adapter } = inbox();
      practice.setSchedule('dr-chen', 'telehealth', { weekly: [{ weekday: 4, start: '10:00', end: '18:00' }] });
      const el = await mountRequestsLoaded(adapter);
      expect(text(requestRow(el, 'seed-5'))).to.contain('Now outside your hours (a break, a day off or changed hours)');
    });

    it("names each button with the client's name, beginning with its visible word", async () => {
      const { adapter } = inbox();
      const el = await mountRequestsLoaded(adapter);
      const confirm = confirmButton(el, 'seed-5')!;
      expect(text(confirm)).to.equal('Confirm');
      expect(confirm.getAttribute('aria-label')).to.equal("Confirm Taylor Brooks's request");
      expect(declineButton(el, 'seed-2')!.getAttribute('aria-label')).to.equal("Decline Alex Rivera's request");
    });
  });

  describe('Confirm', () => {
    it('sends one confirmation on a double click, says it is busy meanwhile, then announces it, removes the row and moves focus on', async () => {
      const { adapter, practice } = inbox();
      let release!: () => void;
      adapter.hold = new Promise((resolve) => (release = resolve));
      const el = await mountRequestsLoaded(adapter);
      const button = confirmButton(el, 'seed-5')!;
      button.focus();
      const confirmed = oneEvent(el, 'ss-request-confirmed') as Promise<RequestConfirmedEvent>;
      button.click();
      button.click();
      await el.updateComplete;
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      expect(text(button)).to.equal('Confirming…');
      release();
      const event = await confirmed;
      expect(adapter.confirms).to.deep.equal(['seed-5']);
      expect(event.appointment.id).to.equal('seed-5');
      expect(event.appointment.status).to.equal('confirmed');
      expect(event.bubbles && event.composed).to.equal(true);
      await el.updateComplete;
      expect(requestIds(el)).to.deep.equal(['seed-2']);
      expect(text(requestsNotice(el))).to.match(/^Confirmed Taylor Brooks's Individual Therapy on Tuesday, December 8, 10:00\s*–\s*10:50\sAM EST\. The client was e-mailed\.$/);
      expect(focused(el)).to.equal(confirmButton(el, 'seed-2'));
      expect(practice.practiceAppointments().find((a) => a.id === 'seed-5')!.status).to.equal('confirmed');
    });

    it('moves focus to the heading when the last request is decided', async () => {
      const { adapter } = inbox();
      const el = await mountRequestsLoaded(adapter, { provider: 'jordan-alvarez' });
      confirmButton(el, 'seed-2')!.click();
      await waitUntil(() => requestIds(el).length === 0, 'the row leaves');
      await el.updateComplete;
      expect(focused(el)?.id).to.equal('heading');
      expect(text(rootOf(el))).to.contain('No requests are waiting. New requests appear here by themselves.');
    });

    it("on a refusal (409) says the server's words and reloads the list", async () => {
      const { adapter, practice } = inbox();
      const el = await mountRequestsLoaded(adapter);
      // Declined at the front desk meanwhile; this list has not heard yet.
      adapter.hold = Promise.resolve().then(() => void practice.decline('seed-5'));
      confirmButton(el, 'seed-5')!.focus();
      confirmButton(el, 'seed-5')!.click();
      await waitUntil(() => text(requestsAlert(el)).includes('not waiting for confirmation'), 'the refusal');
      expect(text(requestsAlert(el))).to.contain("Taylor Brooks's request could not be confirmed. That appointment is declined, not waiting for confirmation.");
      expect(buttonIn(requestsAlert(el), 'Try again')).to.equal(undefined);
      await waitUntil(() => requestIds(el).join() === 'seed-2', 'the list reloaded');
      await el.updateComplete;
      expect(focused(el)).to.equal(confirmButton(el, 'seed-2'));
    });

    it('on a network failure says so, keeps the row, and Try again confirms', async () => {
      const { adapter } = inbox();
      adapter.failures.push(serverUnreachable());
      const el = await mountRequestsLoaded(adapter);
      confirmButton(el, 'seed-5')!.click();
      await waitUntil(() => text(requestsAlert(el)).includes('Could not reach the server'), 'the failure');
      expect(requestIds(el)).to.deep.equal(['seed-5', 'seed-2']);
      expect(text(confirmButton(el, 'seed-5'))).to.equal('Confirm');
      buttonIn(requestsAlert(el), 'Try again')!.click();
      await waitUntil(() => requestIds(el).join() === 'seed-2', 'confirmed on the second try');
      expect(adapter.confirms).to.deep.equal(['seed-5', 'seed-5']);
      expect(text(requestsAlert(el))).to.equal('');
    });
  });

  describe('Decline', () => {
    it('opens a note field, counted, focused, with Decline request and Keep request; Escape keeps the request and the note', async () => {
      const { adapter } = inbox();
      const el = await mountRequestsLoaded(adapter);
      const decline = declineButton(el, 'seed-5')!;
      expect(decline.getAttribute('aria-expanded')).to.equal('false');
      decline.click();
      await el.updateComplete;
      expect(decline.getAttribute('aria-expanded')).to.equal('true');
      const field = noteField(el, 'seed-5')!;
      expect(focused(el)).to.equal(field);
      const label = rootOf(el).querySelector(`label[for="${field.id}"]`);
      expect(text(label)).to.equal('Note to the client (optional)');
      await typeNote(el, 'seed-5', 'Please pick another day.');
      expect(text(requestRow(el, 'seed-5'))).to.contain('24 of 1000 characters');
      expect(field.getAttribute('aria-describedby')).to.contain(domId('note-count', 'seed-5'));
      expect(buttonIn(requestRow(el, 'seed-5'), 'Decline request')).to.not.equal(undefined);
      field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
      await el.updateComplete;
      expect(noteField(el, 'seed-5')).to.equal(null);
      expect(focused(el)).to.equal(decline);
      expect(adapter.declines).to.deep.equal([]);
      decline.click();
      await el.updateComplete;
      expect(noteField(el, 'seed-5')!.value).to.equal('Please pick another day.');
      buttonIn(requestRow(el, 'seed-5'), 'Keep request')!.click();
      await el.updateComplete;
      expect(noteField(el, 'seed-5')).to.equal(null);
    });

    it('declines with the note, announces it, and fires ss-request-declined with the note', async () => {
      const { adapter, practice } = inbox();
      const el = await mountRequestsLoaded(adapter);
      declineButton(el, 'seed-5')!.click();
      await el.updateComplete;
      await typeNote(el, 'seed-5', '  I am away that week.  ');
      const declined = oneEvent(el, 'ss-request-declined') as Promise<RequestDeclinedEvent>;
      buttonIn(requestRow(el, 'seed-5'), 'Decline request')!.click();
      const event = await declined;
      expect(adapter.declines).to.deep.equal([{ id: 'seed-5', note: 'I am away that week.' }]);
      expect(event.appointment.status).to.equal('declined');
      expect(event.appointment.declineNote).to.equal('I am away that week.');
      await el.updateComplete;
      expect(text(requestsNotice(el))).to.match(/^Declined Taylor Brooks's Individual Therapy on .+\. The client was e-mailed\.$/);
      expect(requestIds(el)).to.deep.equal(['seed-2']);
      expect(focused(el)).to.equal(confirmButton(el, 'seed-2'));
      expect(practice.outbox().some((email) => email.kind === 'declined' && email.body.includes('I am away that week.'))).to.equal(true);
    });

    it('refuses a note over 1000 characters with a clear error, sending nothing', async () => {
      const { adapter } = inbox();
      const el = await mountRequestsLoaded(adapter);
      declineButton(el, 'seed-5')!.click();
      await el.updateComplete;
      await typeNote(el, 'seed-5', 'x'.repeat(1003));
      const field = noteField(el, 'seed-5')!;
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      expect(text(requestRow(el, 'seed-5'))).to.contain('The note is 1003 characters long; it can be at most 1000.');
      expect(field.getAttribute('aria-describedby')).to.contain(domId('note-error', 'seed-5'));
      buttonIn(requestRow(el, 'seed-5'), 'Decline request')!.click();
      await el.updateComplete;
      expect(adapter.declines).to.deep.equal([]);
      expect(focused(el)).to.equal(field);
    });

    it('keeps the note through a failure, and Try again declines with it', async () => {
      const { adapter } = inbox();
      adapter.failures.push(new BookingError('server', 'The server had a problem. Please try again.', { status: 503 }));
      const el = await mountRequestsLoaded(adapter);
      declineButton(el, 'seed-5')!.click();
      await el.updateComplete;
      await typeNote(el, 'seed-5', 'Not this week.');
      buttonIn(requestRow(el, 'seed-5'), 'Decline request')!.click();
      await waitUntil(() => text(requestsAlert(el)).includes('could not be declined'), 'the failure');
      expect(text(requestsAlert(el))).to.contain("Taylor Brooks's request could not be declined. The practice's server had a problem.");
      expect(noteField(el, 'seed-5')!.value).to.equal('Not this week.');
      buttonIn(requestsAlert(el), 'Try again')!.click();
      await waitUntil(() => requestIds(el).join() === 'seed-2', 'declined on the second try');
      expect(adapter.declines.map((d) => d.note)).to.deep.equal(['Not this week.', 'Not this week.']);
    });
  });

  describe('live', () => {
    it('shows new requests as they arrive and announces them politely', async () => {
      const { adapter, practice } = inbox();
      const el = await mountRequestsLoaded(adapter);
      expect(text(requestsNotice(el))).to.equal('');
      practice.request('client-alex', chenRequest(9, '09:00'), 'key-new-request');
      await waitUntil(() => requestIds(el).length === 3, 'the new request');
      expect(text(requestsNotice(el))).to.equal('1 new request');
      expect(requestIds(el)[2]).to.not.match(/^seed/);
    });

    it('stops watching when removed', async () => {
      const { adapter } = inbox();
      let stopped = 0;
      const watch = adapter.watchAppointments.bind(adapter);
      adapter.watchAppointments = (query, events) => {
        const stop = watch(query, events);
        return () => {
          stopped += 1;
          stop();
        };
      };
      const el = await mountRequestsLoaded(adapter);
      el.remove();
      expect(stopped).to.equal(1);
    });
  });

  describe('loading, empty and error', () => {
    it('says it is loading until the first list arrives', async () => {
      const { adapter } = inbox([], { latency: 200 });
      const el = await mountRequests(adapter);
      expect(text(rootOf(el))).to.contain('Loading requests…');
      await waitUntil(() => requestIds(el).length === 2, 'the list');
    });

    it('says when no requests are waiting', async () => {
      const { adapter } = inbox();
      const el = await mountRequestsLoaded(adapter, { provider: 'sam-okafor' });
      expect(text(rootOf(el))).to.contain('No requests are waiting. New requests appear here by themselves.');
    });

    it('shows a failed load with Try again, which loads the list', async () => {
      const { adapter } = inbox();
      adapter.failingWatches.push(serverUnreachable());
      const el = await mountRequests(adapter);
      await waitUntil(() => text(requestsAlert(el)).includes('The requests could not be loaded.'), 'the failure');
      buttonIn(requestsAlert(el), 'Try again')!.click();
      await waitUntil(() => requestIds(el).length === 2, 'the list');
      expect(text(requestsAlert(el))).to.equal('');
    });

    it('says it is not connected when it has no backend', async () => {
      const el = await mountRequests(undefined);
      expect(text(rootOf(el))).to.contain('This list is not connected to a practice yet.');
    });

    it('takes replacement strings', async () => {
      const { adapter } = inbox();
      const el = await mountRequestsLoaded(adapter, { strings: { heading: 'Demandes', confirm: 'Confirmer' } });
      expect(text(rootOf(el).querySelector('h2'))).to.equal('Demandes');
      expect(text(confirmButton(el, 'seed-5'))).to.equal('Confirmer');
    });
  });

  describe('signing in', () => {
    const staff = { id: 'maya-chen', name: 'Dr. Maya Chen', email: 'maya.chen@riverside-counseling.example', providerId: 'dr-chen' };

    /** A practice API at /api that refuses until signed in (401, or 403 as a client), counting wrong passwords. */
    async function serveStaffApi(options: { forbidden?: boolean } = {}) {
      const { practice } = inbox();
      let signedIn = false;
      let wrong = 0;
      const refuse = () =>
        options.forbidden && !signedIn
          ? HttpResponse.json({ error: { code: 'forbidden', message: 'Only staff may do that.' } }, { status: 403 })
          : HttpResponse.json({ error: { code: 'unauthorized', message: 'Please sign in.' } }, { status: 401 });
      await serveMockApi(
        practice,
        http.get('/api/practice/appointments', () =>
          signedIn ? HttpResponse.json({ appointments: practice.practiceAppointments({ statuses: ['unconfirmed'] }, { providerId: 'dr-chen' }) }) : refuse(),
        ),
        http.post('/api/practice/auth/sign-in', async ({ request }) => {
          const body = (await request.json()) as { email: string; password: string };
          if (wrong >= 2) return HttpResponse.json({ error: { code: 'server', message: 'Too many attempts.' } }, { status: 429 });
          if (body.email !== staff.email || body.password !== 'riverside-demo') {
            wrong += 1;
            return HttpResponse.json({ error: { code: 'unauthorized', message: 'That e-mail address and password do not match.' } }, { status: 401 });
          }
          signedIn = true;
          return HttpResponse.json({ staff });
        }),
      );
    }

    async function mountRest(): Promise<AppointmentRequestsElement> {
      const wrapper = await fixture<HTMLDivElement>(html`<div lang="en-US"><appointment-requests api-base="/api"></appointment-requests></div>`);
      return wrapper.querySelector('appointment-requests')!;
    }

    const field = (el: AppointmentRequestsElement, id: string) => rootOf(el).querySelector<HTMLInputElement>(`#${id}`)!;

    async function submit(el: AppointmentRequestsElement, email: string, password: string): Promise<void> {
      for (const [id, value] of [['staff-email', email], ['staff-password', password]]) {
        field(el, id).value = value;
        field(el, id).dispatchEvent(new Event('input', { bubbles: true }));
      }
      buttonIn(rootOf(el), 'Sign in')!.click();
      await el.updateComplete;
    }

    it('on 401 fires ss-auth-required and shows the staff sign-in form; signing in fires ss-staff-signed-in and loads', async () => {
      await serveStaffApi();
      const required = new Promise<AuthRequiredEvent>((resolve) => document.addEventListener('ss-auth-required', resolve, { once: true }));
      const el = await mountRest();
      const event = await required;
      expect(event.cancelable).to.equal(true);
      expect(event.error.code).to.equal('unauthorized');
      await waitUntil(() => rootOf(el).querySelector('[part~="sign-in"]'), 'the form');
      expect(text(rootOf(el).querySelector('#sign-in-heading'))).to.equal('Staff sign-in');
      expect(field(el, 'staff-email').type).to.equal('email');
      expect(field(el, 'staff-password').type).to.equal('password');
      expect(field(el, 'staff-password').autocomplete).to.equal('current-password');
      const signedIn = oneEvent(el, 'ss-staff-signed-in') as Promise<StaffSignedInEvent>;
      await submit(el, staff.email, 'riverside-demo');
      expect((await signedIn).staff).to.deep.equal(staff);
      await waitUntil(() => requestIds(el).join() === 'seed-5', "Dr. Chen's requests", { timeout: 5000 });
      expect(rootOf(el).querySelector('[part~="sign-in"]')).to.equal(null);
    });

    it('says when the e-mail address and password do not match, and asks for both; too many tries say to wait', async () => {
      await serveStaffApi();
      const el = await mountRest();
      await waitUntil(() => rootOf(el).querySelector('[part~="sign-in"]'), 'the form');
      await submit(el, '', '');
      expect(text(requestsAlert(el))).to.equal('Enter your e-mail address and your password.');
      await submit(el, staff.email, 'wrong');
      await waitUntil(() => text(requestsAlert(el)).includes('That e-mail address and password do not match.'), 'the mismatch');
      expect(field(el, 'staff-password').value).to.equal('');
      expect(field(el, 'staff-password').getAttribute('aria-invalid')).to.equal('true');
      expect(focused(el)).to.equal(field(el, 'staff-password'));
      await submit(el, staff.email, 'wrong again');
      await waitUntil(() => text(requestsAlert(el)).includes('do not match') && buttonIn(rootOf(el), 'Sign in'), 'the second mismatch');
      await submit(el, staff.email, 'riverside-demo');
      await waitUntil(() => text(requestsAlert(el)).includes('Too many sign-in attempts. Please wait a few minutes'), 'the wait');
    });

    it("says it is for the practice's staff on 403", async () => {
      await serveStaffApi({ forbidden: true });
      const el = await mountRest();
      await waitUntil(() => rootOf(el).querySelector('[part~="sign-in"]'), 'the prompt');
      expect(text(rootOf(el).querySelector('[part~="sign-in"]'))).to.contain("This is for the practice's staff.");
      expect(field(el, 'staff-email')).to.not.equal(null);
    });

    it('shows no form when the host prevents ss-auth-required', async () => {
      await serveStaffApi();
      const prevent = (event: Event) => event.preventDefault();
      document.addEventListener('ss-auth-required', prevent);
      try {
        const el = await mountRest();
        await waitUntil(() => text(requestsAlert(el)).includes('could not be loaded'), 'the refusal');
        expect(rootOf(el).querySelector('[part~="sign-in"]')).to.equal(null);
        expect(buttonIn(requestsAlert(el), 'Try again')).to.equal(undefined);
      } finally {
        document.removeEventListener('ss-auth-required', prevent);
      }
    });
  });
});
