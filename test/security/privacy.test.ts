/**
 * No personal data leaves the elements by the side doors. With the three elements on one page
 * over the mock API (RestAdapter, as a portal would use them), a client books a request, changes
 * and cancels appointments in the Appointments list and browses and opens them in the Calendar,
 * with a failed load on the way. Meanwhile every request (through fetch and the browser's own
 * resource timing), every console call, the page's title and URL, and the browser's storage are
 * recorded, and checked afterwards: requests only to this origin, with only opaque ids and ISO
 * instants in their query strings; the client's name and e-mail, the therapist's note and the
 * practice's free text (names, addresses) nowhere in a URL or the console; nothing stored.
 */
import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../../src/elements/self-schedule-form/self-schedule-form.js';
import '../../src/elements/appointment-status/appointment-status.js';
import '../../src/elements/appointment-calendar/appointment-calendar.js';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import { Practice } from '../../src/adapters/memory/practice.js';
import { createDemoPractice } from '../../mock-api/demo-practice.js';
import { NOW } from '../support/fixtures.js';
import { serveMockApi } from '../support/mock-worker.js';
import { deepElements, restAdapter } from './support.js';

const zone = 'America/New_York';
const declineNote = 'Alex said the sessions bring up their divorce; call them at 555-0142.';

const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** A button under `root` (through shadow roots) by its text, once there is one. */
async function buttonNamed(root: Node, name: string): Promise<HTMLButtonElement> {
  const find = () => deepElements(root).find((element): element is HTMLButtonElement => element instanceof HTMLButtonElement && text(element) === name);
  await waitUntil(find, `a button "${name}"`, { timeout: 15_000 });
  return find()!;
}

function choose(form: SelfScheduleForm, field: string, value: string): void {
  const select = form.shadowRoot!.querySelector<HTMLSelectElement>(`#${field}-select`)!;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

async function whenOffered(form: SelfScheduleForm, field: string, value: string): Promise<void> {
  await waitUntil(
    () => [...(form.shadowRoot!.querySelector<HTMLSelectElement>(`#${field}-select`)?.options ?? [])].some((option) => option.value === value),
    `${field} ${value} offered`,
    { timeout: 10_000 },
  );
}

/** Chooses the first open time, saves and submits; resolves at the form's last step. */
async function bookFirstOpenTime(form: SelfScheduleForm, submit: string, done: string): Promise<void> {
  const root = form.shadowRoot!;
  await waitUntil(() => root.querySelector('[part~="slot"]'), 'open times', { timeout: 15_000 });
  root.querySelector<HTMLButtonElement>('[part~="slot"]')!.click();
  (await buttonNamed(root, 'Save')).click();
  (await buttonNamed(root, submit)).click();
  await waitUntil(() => text(root.querySelector('h3')) === done, done, { timeout: 10_000 });
}

interface Recording {
  fetches: string[];
  resources: string[];
  console: string[];
  stop(): void;
}

/** Records every fetch, resource and console call from now until `stop()`. */
function record(): Recording {
  const recording: Recording = { fetches: [], resources: [], console: [], stop: () => {} };
  const originalFetch = window.fetch;
  window.fetch = (input, init) => {
    recording.fetches.push(input instanceof Request ? input.url : new URL(String(input), location.href).href);
    return originalFetch.call(window, input, init);
  };
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const originals = methods.map((method) => console[method]);
  const describe = (value: unknown) =>
    value instanceof Error ? `${value.name}: ${value.message} ${String(value.cause ?? '')}` : typeof value === 'string' ? value : safeJson(value);
  methods.forEach((method, index) => {
    console[method] = (...args: unknown[]) => {
      recording.console.push(`${method}: ${args.map(describe).join(' ')}`);
      originals[index].apply(console, args);
    };
  });
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) recording.resources.push(entry.name);
  });
  observer.observe({ type: 'resource', buffered: false });
  recording.stop = () => {
    window.fetch = originalFetch;
    methods.forEach((method, index) => (console[method] = originals[index]));
    for (const entry of observer.takeRecords()) recording.resources.push(entry.name);
    observer.disconnect();
  };
  return recording;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

async function browserState() {
  return {
    title: document.title,
    url: location.href,
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
    cookie: document.cookie,
    databases: (await indexedDB.databases()).map((database) => database.name),
  };
}

const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const apiPaths = [
  /^\/api\/providers$/,
  /^\/api\/providers\/([^/]+)\/locations$/,
  /^\/api\/providers\/([^/]+)\/locations\/([^/]+)\/services$/,
  /^\/api\/availability$/,
  /^\/api\/appointments$/,
  /^\/api\/appointments\/validate$/,
  /^\/api\/appointments\/events$/,
  /^\/api\/appointments\/([^/]+)$/,
  /^\/api\/appointments\/([^/]+)\/cancel$/,
];

/** What is wrong with one API URL: unknown paths, ids the practice did not issue, other parameters. */
function urlProblems(href: string, ids: Set<string>): string[] {
  const url = new URL(href);
  const problems: string[] = [];
  const match = apiPaths.map((pattern) => pattern.exec(url.pathname)).find(Boolean);
  if (!match) return [`unknown API path ${url.pathname}`];
  for (const segment of match.slice(1)) if (!ids.has(decodeURIComponent(segment))) problems.push(`path id ${segment}`);
  for (const [name, value] of url.searchParams) {
    const ok = ['provider', 'location', 'service', 'exceptAppointmentId'].includes(name)
      ? ids.has(value)
      : ['start', 'end'].includes(name) && instant.test(value);
    if (!ok) problems.push(`${name}=${value}`);
  }
  return problems.map((problem) => `${problem} in ${href}`);
}

describe('no personal data in URLs, console, title or storage; no request to another origin', function () {
  this.timeout(180_000);

  afterEach(() => fixtureCleanup());

  it('through booking, changing, cancelling and browsing the calendar', async () => {
    const data = createDemoPractice(NOW);
    const practice = new Practice(data, { now: () => NOW });
    practice.decline('seed-2', declineNote);
    let providerCalls = 0;
    await serveMockApi(
      practice,
      // One failed load, so the elements' error paths run too.
      http.get('/api/providers', () =>
        ++providerCalls === 1 ? HttpResponse.json({ error: { code: 'server', message: 'Busy.' } }, { status: 503 }) : undefined,
      ),
    );
    const before = await browserState();
    const recording = record();
    let after: Awaited<ReturnType<typeof browserState>>;
    try {
      const page = await fixture<HTMLDivElement>(html`<div style="width: 1100px">
        <self-schedule-form .now=${() => NOW} time-zone=${zone} .adapter=${restAdapter()}></self-schedule-form>
        <appointment-status .now=${() => NOW} time-zone=${zone} .adapter=${restAdapter()}></appointment-status>
        <appointment-calendar .now=${() => NOW} time-zone=${zone} initial-date="2026-12-07" .adapter=${restAdapter()}></appointment-calendar>
      </div>`);
      const form = page.querySelector('self-schedule-form')!;
      const status = page.querySelector('appointment-status')!;
      const calendar = page.querySelector('appointment-calendar')!;

      // Book a request (after trying again past the failed load).
      (await buttonNamed(form.shadowRoot!, 'Try again')).click();
      await whenOffered(form, 'provider', 'dr-chen');
      choose(form, 'provider', 'dr-chen');
      await whenOffered(form, 'location', 'riverside');
      choose(form, 'location', 'riverside');
      await whenOffered(form, 'service', 'individual-50');
      choose(form, 'service', 'individual-50');
      await bookFirstOpenTime(form, 'Submit New Appointment', 'Appointment request sent');
      (await buttonNamed(form.shadowRoot!, 'View My Appointments')).click();

      // Change seed-1 in the Appointments list, then cancel it.
      const seed1 = () => status.shadowRoot!.querySelector<HTMLElement>('[part~="appointment"][data-id="seed-1"]');
      await waitUntil(seed1, 'seed-1 listed', { timeout: 10_000 });
      (await buttonNamed(seed1()!, 'Manage Appointment')).click();
      (await buttonNamed(seed1()!, 'Change appointment')).click();
      await waitUntil(() => status.shadowRoot!.querySelector('self-schedule-form')?.open, 'the change form', { timeout: 10_000 });
      const nested = status.shadowRoot!.querySelector('self-schedule-form')!;
      await bookFirstOpenTime(nested, 'Submit Change', 'Change request sent');
      const formClosed = oneEvent(nested, 'ss-close');
      (await buttonNamed(nested.shadowRoot!, 'Close')).click();
      await formClosed;
      await waitUntil(() => seed1()?.querySelector('button[aria-expanded]'), 'seed-1 manageable', { timeout: 10_000 });
      if (seed1()!.querySelector('button[aria-expanded]')!.getAttribute('aria-expanded') !== 'true') {
        (await buttonNamed(seed1()!, 'Manage Appointment')).click();
      }
      (await buttonNamed(seed1()!, 'Cancel appointment')).click();
      (await buttonNamed(status.shadowRoot!, 'Yes, cancel appointment')).click();
      await waitUntil(() => text(seed1()?.querySelector('[part~="status"]')) === 'Cancelled', 'seed-1 cancelled', { timeout: 10_000 });

      // Browse the calendar and open an appointment's details.
      const root = calendar.shadowRoot!;
      await waitUntil(() => root.querySelector('#calendar [data-appointment-id]'), 'the calendar drawn', { timeout: 15_000 });
      for (const name of ['Month', 'Day', 'Next day', 'Week', 'Next week', 'Previous week']) (await buttonNamed(root, name)).click();
      (await buttonNamed(root, 'Today')).click();
      (await buttonNamed(root, 'Next week')).click();
      await waitUntil(() => root.querySelector('[part~="list"] [part~="appointment"]'), 'appointments listed', { timeout: 10_000 });
      root.querySelector<HTMLButtonElement>('[part~="list"] [part~="appointment"]')!.click();
      const details = root.querySelector<HTMLDialogElement>('dialog[part~="details"]')!;
      await waitUntil(() => details.open, 'the details', { timeout: 5000 });
      (await buttonNamed(details, 'Close')).click();
      // A moment for late answers and polls.
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      recording.stop();
      after = await browserState();
    }

    const ids = new Set([...data.providers, ...data.locations, ...data.services].map((item) => item.id));
    for (const appointment of practice.toJSON().appointments) ids.add(appointment.id);
    const secrets = [
      declineNote,
      ...data.clients.flatMap((client) => [client.name, client.email]),
      ...data.providers.map((provider) => provider.name),
      ...data.locations.flatMap((location) => [location.name, ...(location.kind === 'in-person' ? location.address.split('\n') : [])]),
      ...data.services.map((service) => service.name),
    ];

    const api = recording.fetches.filter((href) => new URL(href).pathname.startsWith('/api/'));
    expect(api.some((href) => href.includes('/api/appointments/seed-1/cancel'))).to.equal(true, 'the cancellation was recorded');
    expect(api.some((href) => /\/api\/appointments\/seed-1$/.test(href))).to.equal(true, 'the change was recorded');
    expect(api.some((href) => href.includes('/api/availability?'))).to.equal(true, 'availability was recorded');

    const leaks = (where: string, values: string[]) =>
      values.flatMap((value) => secrets.filter((secret) => decodeURIComponent(value).toLowerCase().includes(secret.toLowerCase())).map((secret) => `${secret} in ${where}: ${value}`));
    const problems = [
      ...[...recording.fetches, ...recording.resources].filter((href) => new URL(href).origin !== location.origin).map((href) => `another origin: ${href}`),
      ...api.flatMap((href) => urlProblems(href, ids)),
      ...leaks('a URL', [...recording.fetches, ...recording.resources]),
      ...leaks('the console', recording.console),
    ];
    // The title, the URL and the browser's storage as they were.
    expect({ problems, after }).to.deep.equal({ problems: [], after: before });
  });
});
