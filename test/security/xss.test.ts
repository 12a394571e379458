/**
 * Text from the API is rendered as text. A practice whose every text field (and two ids) holds
 * markup and script payloads is served over HTTP by the mock API and read by the RestAdapter,
 * as on a real page; each element is driven through every state that shows those fields. In each
 * state the payload must be on screen whole, inside one text node (so it was never parsed), no
 * element or handler may have come from it (looked for through every shadow root, FullCalendar's
 * DOM included), and none may have run (each payload calls `xssHit`). The server's own words
 * (error messages, the reason an appointment can no longer be changed) get payloads too.
 */
import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { http, HttpResponse, type HttpHandler } from 'msw';
import '../../src/elements/self-schedule-form/self-schedule-form.js';
import '../../src/elements/appointment-status/appointment-status.js';
import '../../src/elements/appointment-calendar/appointment-calendar.js';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import type { AppointmentStatusElement } from '../../src/elements/appointment-status/appointment-status.js';
import type { AppointmentCalendarElement } from '../../src/elements/appointment-calendar/appointment-calendar.js';
import { Practice } from '../../src/adapters/memory/practice.js';
import { createDemoPractice } from '../../mock-api/demo-practice.js';
import { NOW } from '../support/fixtures.js';
import { serveMockApi } from '../support/mock-worker.js';
import {
  chenId,
  deepElements,
  hits,
  injected,
  makeHostile,
  payload,
  restAdapter,
  seed1Id,
  shownAsText,
  textNodesWith,
} from './support.js';

const zone = 'America/New_York';

function hostilePractice(): Practice {
  const data = createDemoPractice(NOW);
  makeHostile(data);
  const practice = new Practice(data, { now: () => NOW });
  // A therapist's note goes into the practice's e-mail, never to the client's page.
  practice.decline('seed-2', payload('decline-note'));
  return practice;
}

/** The server's own words, hostile: a first failure of each read and dry run, reasons, errors. */
/**
 * A server failure (5xx) is said in the element's own words: its text, hostile or not, never
 * reaches the page (the host hears it in `ss-error`). Waits for the failure to be shown.
 */
async function keptFromPage(root: ShadowRoot, text: string, what: string): Promise<void> {
  await waitUntil(() => [...root.querySelectorAll('[role="alert"]')].some((alert) => alert.textContent?.trim()), `${what}: shown`, { timeout: 10_000 });
  expect(textNodesWith(root, text), `${what}: the server's words kept from the page`).to.deep.equal([]);
}

function hostileServer(practice: Practice): HttpHandler[] {
  const failedOnce = new Set<string>();
  const failFirst = (key: string, status = 503) => () => {
    if (failedOnce.has(key)) return undefined;
    failedOnce.add(key);
    return HttpResponse.json({ error: { code: 'server', message: payload(`${key}-error`) } }, { status });
  };
  return [
    http.get('/api/providers', failFirst('providers')),
    http.post('/api/appointments/validate', failFirst('validate')),
    http.get('/api/appointments', ({ request }) => {
      const url = new URL(request.url);
      const appointments = practice
        .appointmentsOf('client-alex', { start: url.searchParams.get('start') ?? undefined, end: url.searchParams.get('end') ?? undefined })
        .map((appointment) =>
          appointment.manage.reason ? { ...appointment, manage: { ...appointment.manage, reason: payload('manage-reason') } } : appointment,
        );
      return HttpResponse.json({ appointments });
    }),
    // A refusal's words are shown (a 5xx's never are: the elements say it in their own words).
    http.post('/api/appointments/:id/cancel', () =>
      HttpResponse.json({ error: { code: 'rule-violation', message: payload('cancel-error') } }, { status: 422 }),
    ),
  ];
}

const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

function button(root: ParentNode, name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find((candidate) => text(candidate) === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
}

async function waitForButton(root: ParentNode, name: string): Promise<HTMLButtonElement> {
  await waitUntil(() => [...root.querySelectorAll('button')].some((candidate) => text(candidate) === name), `a button "${name}"`, {
    timeout: 10_000,
  });
  return button(root, name);
}

/**
 * How many of a payload's parts run by themselves once it is parsed as HTML in a shadow root (in
 * Chromium, its image's error; the rest need a click or never run there). The detector test
 * below fails if that changes.
 */
const waysToRun = 1;
let canaries = 0;

/**
 * Waits as long as a payload parsed as HTML takes to run: the same payload is parsed as HTML in a
 * probe of our own (after whatever the elements rendered), until it has run every way it can.
 * A condition rather than a pause: the probe's own hits are then taken out of `hits`.
 */
async function untilPayloadsWouldHaveRun(): Promise<void> {
  const field = `canary-${++canaries}`;
  const probe = document.createElement('div');
  document.body.append(probe);
  probe.attachShadow({ mode: 'open' }).innerHTML = payload(field);
  const ran = () => hits.filter((hit) => hit === field).length;
  try {
    await waitUntil(() => ran() === waysToRun, `the probe's payload ran ${waysToRun} ways`, { timeout: 10_000, interval: 5 });
  } finally {
    probe.remove();
    for (let index = hits.length - 1; index >= 0; index--) if (hits[index] === field) hits.splice(index, 1);
  }
}

/** Nothing was injected under `root`, and no payload has run anywhere. */
async function expectInert(root: Node, state: string): Promise<void> {
  await untilPayloadsWouldHaveRun();
  expect(injected(root), `${state}: elements or handlers from data`).to.deep.equal([]);
  expect(hits, `${state}: payloads that ran`).to.deep.equal([]);
}

function choose(root: ShadowRoot, field: string, value: string): void {
  const select = root.querySelector<HTMLSelectElement>(`#${field}-select`)!;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

async function optionsOf(root: ShadowRoot, field: string): Promise<void> {
  await waitUntil(() => (root.querySelector<HTMLSelectElement>(`#${field}-select`)?.options.length ?? 0) > 1, `${field} options`, {
    timeout: 10_000,
  });
}

describe('text from the API renders as text, never as markup or script', function () {
  // Whole flows over HTTP, FullCalendar included, on a shared 2-core machine.
  this.timeout(120_000);
  let practice: Practice;

  beforeEach(async () => {
    hits.length = 0;
    practice = hostilePractice();
    await serveMockApi(practice, ...hostileServer(practice));
  });

  afterEach(() => fixtureCleanup());

  it('the detectors see a payload that is parsed as HTML (so these tests can fail)', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const probe = document.createElement('p');
    root.append(probe);
    probe.innerHTML = payload('canary');
    expect(injected(host).length).to.be.greaterThan(3);
    // Every way it runs by itself, so that the probe of untilPayloadsWouldHaveRun can wait for them all.
    await waitUntil(() => hits.filter((hit) => hit === 'canary').length === waysToRun, 'the payload ran every way', { timeout: 5000 });
    fixtureCleanup();
    hits.length = 0;
  });

  it('<self-schedule-form>: choices, an error, availability, review and done', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 1100px">
      <self-schedule-form .now=${() => NOW} time-zone=${zone} .adapter=${restAdapter()}></self-schedule-form>
    </div>`);
    const el = wrapper.querySelector<SelfScheduleForm>('self-schedule-form')!;
    const root = el.shadowRoot!;

    // The first list fails with the server's words.
    await keptFromPage(root, payload('providers-error'), 'a load error');
    await expectInert(el, 'a load error');
    (await waitForButton(root, 'Try again')).click();

    await optionsOf(root, 'provider');
    await shownAsText(root, payload('provider-name-PsyD'), 'a provider option');
    await shownAsText(root, payload('provider-credentials-PsyD'), 'a provider option');
    choose(root, 'provider', chenId);
    await optionsOf(root, 'location');
    await shownAsText(root, payload('location-name-in-person'), 'a location option');
    choose(root, 'location', 'riverside');
    await optionsOf(root, 'service');
    await shownAsText(root, payload('service-name-50'), 'a service option');
    choose(root, 'service', 'individual-50');
    await expectInert(el, 'choices');

    // A narrow form asks for Continue; this one, wide, shows the times as soon as the choices are made.
    await waitUntil(() => root.querySelector('[part~="slot"]') || [...root.querySelectorAll('button')].some((b) => text(b) === 'Continue'), 'the times, or Continue', {
      timeout: 10_000,
    });
    if (!root.querySelector('[part~="slot"]')) button(root, 'Continue').click();
    await waitUntil(() => root.querySelector('[part~="slot"]') && root.querySelector('#grid [role="grid"]'), 'open times and the grid', {
      timeout: 15_000,
    });
    for (const field of ['provider-name-PsyD', 'location-name-in-person', 'service-name-50']) {
      await shownAsText(root, payload(field), `the summary over Availability (${field})`);
    }
    await expectInert(el, 'availability');

    root.querySelector<HTMLButtonElement>('[part~="slot"]')!.click();
    await waitUntil(() => root.querySelector('#grid .selection'), 'the chosen time on the grid', { timeout: 5000 });
    button(root, 'Save').click();
    await keptFromPage(root, payload('validate-error'), 'a failed dry run');
    await expectInert(el, 'a failed dry run');
    button(root, 'Try again').click();

    await waitUntil(() => text(root.querySelector('h3')) === 'Review your appointment request', 'the review', { timeout: 10_000 });
    for (const field of ['provider-name-PsyD', 'provider-credentials-PsyD', 'address-line-1', 'address-line-2', 'location-name-in-person', 'service-name-50']) {
      await shownAsText(root, payload(field), `the review (${field})`);
    }
    await expectInert(el, 'review');

    button(root, 'Submit New Appointment').click();
    await waitUntil(() => text(root.querySelector('h3')) === 'Appointment request sent', 'done', { timeout: 10_000 });
    await expectInert(el, 'done');
  });

  it('a therapist link with markup in it is left out with a notice, and nothing of it is shown or sent', async () => {
    // The practice as it is, without the failing first load.
    const worker = await serveMockApi(practice);
    const sent: string[] = [];
    const onRequest = ({ request }: { request: Request }) => void sent.push(decodeURIComponent(request.url));
    worker.events.on('request:start', onRequest);
    try {
      const link = new URL('https://practice.example/book');
      link.searchParams.set('provider', payload('link-provider'));
      link.searchParams.set('location', 'riverside');
      link.searchParams.set('service', payload('link-service'));
      link.searchParams.set('start', payload('link-start'));
      const el = await fixture<SelfScheduleForm>(html`<self-schedule-form .now=${() => NOW} time-zone=${zone} .adapter=${restAdapter()}></self-schedule-form>`);
      el.prefillFromLink(link);
      const root = el.shadowRoot!;
      await waitUntil(() => text(root.querySelector('[part~="notice"]')).includes('Part of your link could not be read'), 'the notice', {
        timeout: 10_000,
      });
      await optionsOf(root, 'provider');
      await expectInert(el, 'a hostile link');
      expect(text(root), 'the link text on screen').not.to.contain('link-');
      expect(sent.filter((url) => url.includes('link-')), 'the link text sent').to.deep.equal([]);
    } finally {
      worker.events.removeListener('request:start', onRequest);
    }
  });

  it('<appointment-status>: upcoming and past lists, reasons, the cancel dialog and its error', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 1100px">
      <appointment-status .now=${() => NOW} time-zone=${zone} .adapter=${restAdapter()}></appointment-status>
    </div>`);
    const el = wrapper.querySelector<AppointmentStatusElement>('appointment-status')!;
    const root = el.shadowRoot!;
    const item = (id: string) => [...root.querySelectorAll<HTMLElement>('[part~="appointment"]')].find((li) => li.dataset.id === id);

    await waitUntil(() => item(seed1Id), 'the appointment with a hostile id', { timeout: 10_000 });
    for (const field of ['provider-name-PsyD', 'provider-credentials-PsyD', 'service-name-50', 'location-name-in-person', 'address-line-1', 'address-line-2']) {
      await shownAsText(item(seed1Id)!, payload(field), `an upcoming appointment (${field})`);
    }
    await expectInert(el, 'the list');

    button(root, 'Show past appointments').click();
    await shownAsText(root.querySelector('#past')!, payload('manage-reason'), 'why a past appointment cannot be managed');
    await shownAsText(root.querySelector('#past')!, payload('provider-name-LCSW'), 'a declined appointment');
    await expectInert(el, 'past appointments');

    button(item(seed1Id)!, 'Manage Appointment').click();
    button(item(seed1Id)!, 'Cancel appointment').click();
    const dialog = root.querySelector<HTMLDialogElement>('dialog[part~="dialog"]')!;
    await waitUntil(() => dialog.open, 'the cancel confirmation', { timeout: 5000 });
    await shownAsText(dialog, payload('cancellation-policy'), 'the cancellation policy');
    await shownAsText(dialog, payload('provider-name-PsyD'), 'the cancel question');
    await expectInert(el, 'the cancel confirmation');

    button(dialog, 'Yes, cancel appointment').click();
    await shownAsText(dialog, payload('cancel-error'), 'a failed cancellation');
    await expectInert(el, 'a failed cancellation');
  });

  describe('<appointment-calendar>', () => {
    async function mountCalendar(width: number): Promise<AppointmentCalendarElement> {
      const wrapper = await fixture<HTMLDivElement>(html`<div style=${`width: ${width}px`}>
        <appointment-calendar .now=${() => NOW} time-zone=${zone} initial-date="2026-12-07" .adapter=${restAdapter()}></appointment-calendar>
      </div>`);
      return wrapper.querySelector<AppointmentCalendarElement>('appointment-calendar')!;
    }

    /** FullCalendar's drawing of the appointments, with the element's own text in it. */
    const events = (el: AppointmentCalendarElement) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('#calendar [data-appointment-id]')];

    async function expectEventsAsText(el: AppointmentCalendarElement, view: string): Promise<void> {
      await waitUntil(() => events(el).some((event) => event.dataset.appointmentId === seed1Id), `${view}: the hostile id on an event`, {
        timeout: 15_000,
      });
      const calendar = el.shadowRoot!.querySelector('#calendar')!;
      // "service with provider": both payloads in one text node.
      await shownAsText(calendar, `${payload('service-name-50')} with ${payload('provider-name-PsyD')}`, `${view}: an event's title`);
      await expectInert(el, view);
    }

    it('week, month and day views, the list under them, details, the cancel dialog and its error', async () => {
      const el = await mountCalendar(1200);
      const root = el.shadowRoot!;
      await expectEventsAsText(el, 'the week');
      const agenda = root.querySelector('[part~="list"]')!;
      await shownAsText(agenda, payload('service-name-25'), 'the list under the calendar');

      button(root, 'Month').click();
      await expectEventsAsText(el, 'the month');
      button(root, 'Day').click();
      await expectEventsAsText(el, 'the day');
      button(root, 'Week').click();
      await expectEventsAsText(el, 'the week again');

      const listButton = (id: string) =>
        [...root.querySelectorAll<HTMLButtonElement>('[part~="list"] [part~="appointment"]')].find((b) => b.dataset.id === id)!;
      const details = root.querySelector<HTMLDialogElement>('dialog[part~="details"]')!;

      listButton(seed1Id).click();
      await waitUntil(() => details.open, 'the details', { timeout: 5000 });
      for (const field of ['provider-name-PsyD', 'provider-credentials-PsyD', 'service-name-50', 'location-name-in-person', 'address-line-1', 'address-line-2']) {
        await shownAsText(details, payload(field), `the details (${field})`);
      }
      await expectInert(el, 'the details');

      button(details, 'Manage Appointment').click();
      button(details, 'Cancel appointment').click();
      await shownAsText(details, payload('cancellation-policy'), 'the cancellation policy');
      await expectInert(el, 'the cancel confirmation');
      button(details, 'Yes, cancel appointment').click();
      await shownAsText(details, payload('cancel-error'), 'a failed cancellation');
      await expectInert(el, 'a failed cancellation');
      const closed = oneEvent(details, 'close');
      button(details, 'Keep appointment').click();
      (await waitForButton(details, 'Close')).click();
      await closed;
      await el.updateComplete;

      // The declined request: why it can no longer be changed, in the server's words.
      const declined = [...root.querySelectorAll<HTMLButtonElement>('[part~="list"] [part~="appointment"]')].find((b) => b.classList.contains('declined'))!;
      declined.click();
      await waitUntil(() => details.open, 'the details of the declined request', { timeout: 5000 });
      await shownAsText(details, payload('manage-reason'), 'why it cannot be managed');
      await shownAsText(details, payload('location-name-telehealth'), 'a telehealth location');
      await expectInert(el, 'the details of a declined request');
    });

    it('the list view a narrow screen gets', async () => {
      const el = await mountCalendar(480);
      await expectEventsAsText(el, 'the list view');
      expect(deepElements(el.shadowRoot!).some((element) => element.matches('#calendar [role="list"], #calendar table'))).to.equal(true);
    });
  });
});
