/**
 * The custom-adapter example (examples/custom-adapter): NorthwindAdapter over the mocked
 * Northwind Portal API passes the same conformance suite as our own adapters, maps the vendor's
 * shapes, states and errors, forwards what it must, and drives the real elements.
 */
import { ContextProvider } from '@lit/context';
import { expect, fixtureSync, html, waitUntil } from '@open-wc/testing';
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import type { SetupWorker } from 'msw/browser';
import '../../src/elements/self-schedule-form/self-schedule-form.js';
import '../../src/elements/appointment-status/appointment-status.js';
import { bookingAdapterContext } from '../../src/adapters/booking-adapter.js';
import { createIdempotencyKey } from '../../src/adapters/idempotency.js';
import { MemoryAdapter } from '../../src/adapters/memory/memory-adapter.js';
import type { Practice } from '../../src/adapters/memory/practice.js';
import type { RequestSubmitEvent } from '../../src/elements/self-schedule-form/self-schedule-form.events.js';
import { NorthwindAdapter, type NorthwindAdapterOptions } from '../../examples/custom-adapter/northwind-adapter.js';
import { createNorthwindHandlers, demoAccessTokens, startNorthwindApi } from '../../examples/custom-adapter/northwind-server.js';
import { describeAdapterConformance } from '../adapters/conformance.js';
import { rejection } from '../support/async.js';
import { NOW, chenRequest, createTestPractice, nyTime } from '../support/fixtures.js';

const api = '/northwind/v2';
let worker: SetupWorker | undefined;

/** Serves the Northwind mock over `practice` from now on, behind any `extra` handlers (which win). */
async function serveNorthwind({ practice, clock }: ReturnType<typeof createTestPractice>, ...extra: HttpHandler[]): Promise<void> {
  const options = { now: () => clock.now };
  worker ??= await startNorthwindApi(practice, options);
  worker.resetHandlers(...extra, ...createNorthwindHandlers(practice, options));
}

const signedIn = (clientId: string, options: Partial<NorthwindAdapterOptions> = {}) =>
  new NorthwindAdapter({ baseUrl: '/northwind', accessToken: () => demoAccessTokens[clientId], pollIntervalMs: 40, retryDelayMs: 10, ...options });

const write = (idempotencyKey: string = createIdempotencyKey()) => ({ idempotencyKey });

describeAdapterConformance('NorthwindAdapter over the Northwind mock', async (setup) => {
  await serveNorthwind(setup);
  return { adapter: signedIn('client-alex'), otherClient: signedIn('client-taylor') };
});

/** A visit as Northwind documents it, for canned answers. */
function vendorVisit(id: string, state: string, startsAt: string) {
  const start = Date.parse(startsAt) / 1000;
  return {
    visit_id: id,
    state,
    clinician: { clinician_id: 'dr-chen', display_name: 'Dr. Maya Chen', degree: 'PsyD' },
    site: { site_id: 'telehealth', label: 'Telehealth (video)', virtual: true, address: null, time_zone: 'America/New_York' },
    visit_type: { visit_type_id: 'individual-50', title: 'Individual Therapy', minutes: 50 },
    starts_at: start,
    ends_at: start + 50 * 60,
    created_at: NOW / 1000,
    updated_at: NOW / 1000,
    self_service: { can_reschedule: false, can_cancel: false, deadline: null, blocked_reason: 'Please call the practice.' },
    cancellation_policy: null,
  };
}

describe('NorthwindAdapter mapping', () => {
  let setup: ReturnType<typeof createTestPractice>;
  let practice: Practice;
  let adapter: NorthwindAdapter;

  /** Answers `method path` with `respond` from now on, over the mock for everything else. */
  const answer = (method: 'get' | 'post', path: string, respond: () => Response | Promise<Response>) =>
    serveNorthwind(setup, http[method](`${api}${path}`, respond));

  beforeEach(async () => {
    setup = createTestPractice();
    practice = setup.practice;
    adapter = signedIn('client-alex');
    await serveNorthwind(setup);
  });

  describe('answers', () => {
    it('answers as the in-memory adapter does for the same practice, field by field', async () => {
      const memory = new MemoryAdapter({ practice, clientId: 'client-alex' });
      expect(await adapter.listProviders()).to.deep.equal(await memory.listProviders());
      expect(await adapter.listLocations('dr-chen')).to.deep.equal(await memory.listLocations('dr-chen'));
      // seed-3 has ended, so Northwind calls it COMPLETED: still confirmed on our side.
      expect(await adapter.listAppointments()).to.deep.equal(await memory.listAppointments());
      const query = { providerId: 'dr-chen', locationId: 'riverside', serviceId: 'individual-50', start: nyTime(7, '00:00'), end: nyTime(14, '00:00') };
      expect(await adapter.getAvailability(query)).to.deep.equal(await memory.getAvailability(query));
    });

    it('says a service is offered by the provider and location it was listed for (all Northwind tells)', async () => {
      const [service] = await adapter.listServices('dr-chen', 'telehealth');
      expect(service).to.deep.equal({
        id: 'individual-50',
        name: 'Individual Therapy',
        description: 'A 50-minute session with your therapist.',
        durationMinutes: 50,
        offeredBy: [{ providerId: 'dr-chen', locationIds: ['telehealth'] }],
      });
    });

    it('maps every visit state to a status, and lists the newest-first visits soonest first', async () => {
      const states = ['CANCELED', 'REJECTED', 'COMPLETED', 'BOOKED', 'PENDING'];
      const visits = states.map((state, index) => vendorVisit(`v-${state}`, state, nyTime(20 - index, '10:00')));
      await answer('get', '/me/visits', () => HttpResponse.json({ data: visits }));
      const appointments = await adapter.listAppointments();
      expect(appointments.map((a) => [a.id, a.status])).to.deep.equal([
        ['v-PENDING', 'unconfirmed'],
        ['v-BOOKED', 'confirmed'],
        ['v-COMPLETED', 'confirmed'],
        ['v-REJECTED', 'declined'],
        ['v-CANCELED', 'cancelled'],
      ]);
      expect(appointments[0].manage).to.deep.equal({ canChange: false, canCancel: false, until: null, reason: 'Please call the practice.' });
    });

    it('sends instants as epoch seconds and the client’s times back as ISO instants', async () => {
      let booked: unknown;
      // A spy that answers nothing, so the mock behind it books.
      await serveNorthwind(
        setup,
        http.post(`${api}/me/visits`, async ({ request }) => {
          booked = await request.clone().json();
        }),
      );
      const appointment = await adapter.requestAppointment({ ...chenRequest(9, '09:00'), start: '2026-12-09T09:00:00-05:00' }, write());
      expect(booked).to.deep.equal({
        clinician_id: 'dr-chen',
        site_id: 'riverside',
        visit_type_id: 'individual-50',
        starts_at: Date.parse(nyTime(9, '09:00')) / 1000,
        ends_at: Date.parse(nyTime(9, '09:50')) / 1000,
      });
      expect(appointment.start).to.equal(nyTime(9, '09:00'));
    });
  });

  describe('errors', () => {
    const errorCases: Array<{ name: string; status: number; body: string | Record<string, unknown>; code: string; problems: unknown[] }> = [
      {
        name: 'a taken slot (422 SLOT_TAKEN) is a conflict with the reason',
        status: 422,
        body: { errors: [{ code: 'SLOT_TAKEN', detail: 'Taken.' }] },
        code: 'conflict',
        problems: [{ code: 'outside-availability' }],
      },
      {
        name: 'a clash with the patient’s own visit is a conflict naming that visit’s time',
        status: 422,
        body: { errors: [{ code: 'PATIENT_DOUBLE_BOOKED', meta: { starts_at: Date.parse(nyTime(9, '09:00')) / 1000, ends_at: Date.parse(nyTime(9, '09:50')) / 1000 } }] },
        code: 'conflict',
        problems: [{ code: 'overlaps-own-appointment', start: nyTime(9, '09:00'), end: nyTime(9, '09:50') }],
      },
      {
        name: 'a taken slot with a broken rule besides is a rule-violation with both reasons',
        status: 422,
        body: { errors: [{ code: 'SLOT_TAKEN' }, { code: 'START_NOT_ALIGNED', meta: { increment_minutes: 15 } }] },
        code: 'rule-violation',
        problems: [{ code: 'outside-availability' }, { code: 'not-on-slot-step', stepMinutes: 15 }],
      },
      {
        name: 'a code this adapter does not know is a rule-violation, keeping the reasons it does know',
        status: 422,
        body: { errors: [{ code: 'SLOT_TAKEN' }, { code: 'BALANCE_OVERDUE', detail: 'Please settle your balance first.' }] },
        code: 'rule-violation',
        problems: [{ code: 'outside-availability' }],
      },
      {
        name: 'a reason missing its details is left out, not made up',
        status: 422,
        body: { errors: [{ code: 'DURATION_MISMATCH', detail: 'Wrong length.' }] },
        code: 'rule-violation',
        problems: [],
      },
      {
        name: 'a reused idempotency token (409) is a bad request, whatever the status says',
        status: 409,
        body: { errors: [{ code: 'IDEMPOTENCY_KEY_REUSED', detail: 'Reused.' }] },
        code: 'bad-request',
        problems: [],
      },
      { name: '401 is unauthorized', status: 401, body: { errors: [{ code: 'UNAUTHENTICATED' }] }, code: 'unauthorized', problems: [] },
      { name: '404 is not-found', status: 404, body: { errors: [{ code: 'NOT_FOUND' }] }, code: 'not-found', problems: [] },
      { name: '429 is a server error worth retrying', status: 429, body: { errors: [{ code: 'RATE_LIMITED' }] }, code: 'server', problems: [] },
      { name: 'a 503 page that is not JSON is a server error', status: 503, body: '<h1>Down for maintenance</h1>', code: 'server', problems: [] },
    ];

    for (const { name, status, body, code, problems } of errorCases) {
      it(name, async () => {
        await answer('post', '/me/visits', () =>
          typeof body === 'string' ? new HttpResponse(body, { status, headers: { 'Content-Type': 'text/html' } }) : HttpResponse.json(body, { status }),
        );
        const error = await rejection(adapter.requestAppointment(chenRequest(9, '09:00'), write()));
        expect(error.code).to.equal(code);
        expect(error.status).to.equal(status);
        expect(error.problems).to.deep.equal(problems);
        expect(error.retryable).to.equal(code === 'server');
      });
    }

    it('tells the client the portal’s own words for a refusal it has no reason for', async () => {
      await answer('post', '/me/visits', () =>
        HttpResponse.json({ errors: [{ code: 'BALANCE_OVERDUE', detail: 'Please settle your balance first.' }] }, { status: 422 }),
      );
      const error = await rejection(adapter.requestAppointment(chenRequest(9, '09:00'), write()));
      expect(error.message).to.equal('Please settle your balance first.');
      // The dry run cannot turn that into problems, so it rejects too, and the form shows the words.
      const dryRunError = await rejection(adapter.validateRequest(chenRequest(9, '09:00')));
      expect(dryRunError.message).to.equal('Please settle your balance first.');
    });

    it('answers a dry run that breaks rules with their problems, booking nothing', async () => {
      const result = await adapter.validateRequest({ ...chenRequest(9, '09:05') });
      expect(result).to.deep.equal({ ok: false, problems: [{ code: 'not-on-slot-step', stepMinutes: 15 }] });
      expect(practice.appointmentsOf('client-alex')).to.have.length(3);
    });
  });

  describe('malformed answers', () => {
    it('refuses an answer not in Northwind’s shape, naming the field', async () => {
      await answer('get', '/clinicians', () =>
        HttpResponse.json({ data: [{ clinician_id: 'dr-chen', display_name: 42, degree: null, online_booking: true }] }),
      );
      const error = await rejection(adapter.listProviders());
      expect(error.code).to.equal('invalid-response');
      expect(error.issues).to.deep.equal(['data[0].display_name: expected string']);
    });

    it('refuses an answer in Northwind’s shape that makes no sense on our side', async () => {
      const site = { site_id: 'riverside', label: 'Riverside', virtual: false, address: null, time_zone: 'Mars/Olympus_Mons' };
      await answer('get', '/clinicians/dr-chen/sites', () => HttpResponse.json({ data: [site] }));
      const error = await rejection(adapter.listLocations('dr-chen'));
      expect(error.code).to.equal('invalid-response');
      expect(error.issues.join(' ')).to.contain('[0].timeZone').and.to.contain('[0].address');
    });

    it('refuses a visit state it does not know rather than guessing', async () => {
      await answer('get', '/me/visits', () => HttpResponse.json({ data: [vendorVisit('v-1', 'WAITLISTED', nyTime(9, '09:00'))] }));
      const error = await rejection(adapter.listAppointments());
      expect(error.code).to.equal('invalid-response');
      expect(error.issues[0]).to.match(/^data\[0\]\.state: expected one of/);
    });

    it('refuses a success that is not JSON', async () => {
      await answer('get', '/clinicians', () => new HttpResponse('<html>Sign in</html>', { headers: { 'Content-Type': 'text/html' } }));
      const error = await rejection(adapter.listProviders());
      expect(error.code).to.equal('invalid-response');
    });
  });

  describe('what it sends', () => {
    it('forwards the idempotency key in Idempotency-Token on every write, and not on a dry run', async () => {
      const seen: Array<[string, string | null]> = [];
      const spy = (method: 'post' | 'patch', path: string) =>
        http[method](`${api}${path}`, ({ request }) => {
          seen.push([`${request.method} ${new URL(request.url).pathname}${new URL(request.url).search}`, request.headers.get('Idempotency-Token')]);
        });
      await serveNorthwind(setup, spy('post', '/me/visits'), spy('patch', '/me/visits/:id'), spy('post', '/me/visits/:id/cancel'));
      await adapter.validateRequest(chenRequest(9, '09:00'));
      const booked = await adapter.requestAppointment(chenRequest(9, '09:00'), write('key-request'));
      await adapter.changeAppointment(booked.id, chenRequest(9, '10:00'), write('key-change'));
      await adapter.cancelAppointment(booked.id, write('key-cancel'));
      expect(seen).to.deep.equal([
        [`POST ${api}/me/visits?dry_run=true`, null],
        [`POST ${api}/me/visits`, 'key-request'],
        [`PATCH ${api}/me/visits/${booked.id}`, 'key-change'],
        [`POST ${api}/me/visits/${booked.id}/cancel`, 'key-cancel'],
      ]);
    });

    it('asks the host for the access token before every call', async () => {
      const tokens = [demoAccessTokens['client-alex'], 'nw_at_refreshed'];
      const sent: Array<string | null> = [];
      await serveNorthwind(
        setup,
        http.get(`${api}/clinicians`, ({ request }) => {
          sent.push(request.headers.get('Authorization'));
        }),
      );
      adapter = signedIn('client-alex', { accessToken: () => tokens.shift()! });
      await adapter.listProviders();
      const error = await rejection(adapter.listProviders());
      expect(sent).to.deep.equal([`Bearer ${demoAccessTokens['client-alex']}`, 'Bearer nw_at_refreshed']);
      expect(error.code, 'the mock does not know the refreshed token').to.equal('unauthorized');
    });

    it('is unauthorized when the host cannot give a token', async () => {
      adapter = signedIn('client-alex', { accessToken: () => Promise.reject(new Error('session ended')) });
      expect((await rejection(adapter.listProviders())).code).to.equal('unauthorized');
    });
  });

  describe('time limits and cancelling', () => {
    it('gives up after its time limit with a timeout worth retrying', async () => {
      await answer('get', '/clinicians', async () => {
        await delay(2000);
        return HttpResponse.json({ data: [] });
      });
      adapter = signedIn('client-alex', { timeoutMs: 50 });
      const error = await rejection(adapter.listProviders());
      expect(error.code).to.equal('timeout');
      expect(error.retryable).to.equal(true);
    });

    it('stops waiting as soon as the caller aborts, before the answer comes', async () => {
      let answered = false;
      await answer('get', '/clinicians', async () => {
        await delay(2000);
        answered = true;
        return HttpResponse.json({ data: [] });
      });
      const controller = new AbortController();
      const call = adapter.listProviders({ signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      expect((await rejection(call)).code).to.equal('aborted');
      // How soon after the abort is the benchmark's to say (BENCHMARKS.md, "Adapters").
      expect(answered, 'the call gave up before the portal answered').to.equal(false);
    });

    it('tries a read again after a failure worth retrying, and a write never', async () => {
      let reads = 0;
      let writes = 0;
      await serveNorthwind(
        setup,
        http.get(`${api}/clinicians`, () => (++reads === 1 ? HttpResponse.json({ errors: [{ code: 'UNAVAILABLE' }] }, { status: 503 }) : undefined)),
        http.post(`${api}/me/visits`, () => {
          writes++;
          return HttpResponse.json({ errors: [{ code: 'UNAVAILABLE' }] }, { status: 503 });
        }),
      );
      expect(await adapter.listProviders()).to.have.length(3);
      expect(reads, 'the read, then once more').to.equal(2);
      expect((await rejection(adapter.requestAppointment(chenRequest(9, '09:00'), write()))).code).to.equal('server');
      expect(writes, 'the write, once').to.equal(1);
    });

    it('says network when the portal cannot be reached', async () => {
      await answer('get', '/clinicians', () => HttpResponse.error());
      const error = await rejection(adapter.listProviders());
      expect(error.code).to.equal('network');
      expect(error.retryable).to.equal(true);
    });
  });
});

describe('NorthwindAdapter provided to the elements through context', () => {
  it('books a request from <self-schedule-form>, which <appointment-status> shows and then sees confirmed', async () => {
    const setup = createTestPractice();
    await serveNorthwind(setup);
    const host = fixtureSync<HTMLDivElement>(html`<div></div>`);
    // The provider is attached before the elements connect, so their first context request finds it.
    new ContextProvider(host, { context: bookingAdapterContext, initialValue: signedIn('client-alex') });
    const form = Object.assign(document.createElement('self-schedule-form'), { now: () => NOW, timeZone: 'America/New_York' });
    const status = Object.assign(document.createElement('appointment-status'), { now: () => NOW, timeZone: 'America/New_York' });
    host.append(form, status);

    const root = form.shadowRoot!;
    const select = (label: string) => {
      const labelElement = [...root.querySelectorAll('label')].find((l) => l.textContent!.trim() === label);
      return labelElement ? (root.getElementById(labelElement.htmlFor) as HTMLSelectElement | null) : null;
    };
    const choose = async (label: string, value: string) => {
      await waitUntil(() => [...(select(label)?.options ?? [])].some((o) => o.value === value) && !select(label)!.disabled, `${label} ${value}`);
      select(label)!.value = value;
      select(label)!.dispatchEvent(new Event('change', { bubbles: true }));
      await form.updateComplete;
    };
    const buttonNamed = (name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === name);

    await choose('Provider', 'dr-chen');
    await choose('Location', 'riverside');
    await choose('Service', 'individual-50');
    // A narrow form asks for Continue; a wide one shows the times as soon as the choices are made.
    const timesShown = () => root.querySelector('[part~="slot"]') !== null;
    await waitUntil(() => timesShown() || (buttonNamed('Continue') && !buttonNamed('Continue')!.disabled), 'the times, or Continue enabled');
    if (!timesShown()) buttonNamed('Continue')!.click();
    // The earliest open start: Wednesday 2 December at 10:00, 24 hours' notice after NOW.
    const firstOpen = () =>
      [...root.querySelectorAll<HTMLButtonElement>('[part~="slot"]')].find((b) => b.getAttribute('aria-label')!.includes('December 2, 2026 at 10:00'));
    await waitUntil(firstOpen, 'the first open start time', { timeout: 5000 });
    firstOpen()!.click();
    await form.updateComplete;
    buttonNamed('Save')!.click();
    await waitUntil(() => buttonNamed('Submit New Appointment'), 'the review, after the dry run');
    const submitted = new Promise<RequestSubmitEvent>((resolve) => form.addEventListener('ss-request-submit', resolve, { once: true }));
    buttonNamed('Submit New Appointment')!.click();
    const { appointment } = await submitted;

    expect(appointment.status).to.equal('unconfirmed');
    expect(appointment.start).to.equal(nyTime(2, '10:00'));
    expect(setup.practice.appointmentsOf('client-alex').find((a) => a.id === appointment.id)?.status).to.equal('unconfirmed');
    await expect(form).to.be.accessible();

    const badge = () => status.shadowRoot!.querySelector(`[data-id="${appointment.id}"] [part~="status"]`)?.textContent?.trim();
    await waitUntil(() => badge() === 'Unconfirmed', 'the request listed as Unconfirmed');
    setup.practice.confirm(appointment.id);
    await waitUntil(() => badge() === 'Confirmed', 'the confirmation, polled through Northwind');
  });
});
