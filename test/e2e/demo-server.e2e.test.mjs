// The demo as `npm start` runs it: the reference server inside Vite, its practice in an embedded
// PostgreSQL (PGlite) in a data folder. A request booked in one browser survives a restart of the
// server and is found by another browser profile, which shares nothing with the first: had the
// practice lived in the browser (the mock's localStorage), the portal would not have it. The
// therapist's desk works on the server's practice too: it sees a request made elsewhere by polling,
// confirms, declines with a note, switches self-scheduling, and resets the demo data.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chooseOnGrid, launchBrowser, newVisitor, openDemoPage, startDemo } from './support.mjs';

// A 2-core machine shared with other work: every wait is for a condition, with room to spare.
const patience = 45_000;
// The portal polls the practice every 30 seconds (the REST adapter's default), so allow two polls.
const pollPatience = 75_000;

let folder;
let dataDir;
let browser;
let demo;

before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'self-schedule-demo-'));
  dataDir = join(folder, 'data');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await demo?.stop();
  await rm(folder, { recursive: true, force: true });
});

/** Opens a demo page in a new tab of `context`, keeping the page's own errors in `page.problems`. */
async function openPage(context, path) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.problems = problems;
  await openDemoPage(page, demo.url, path);
  problems.length = 0;
  return page;
}

/** At Availability: double-clicks the first open time on the grid; returns what the form says was chosen. */
async function doubleClickFirstOpenTime(page, form) {
  const slots = form.locator('[part~="slot"]');
  const nextOpen = form.getByRole('button', { name: 'Go to the next available time' });
  await slots.or(nextOpen).first().waitFor();
  if (!(await slots.count())) await nextOpen.click();
  await slots.first().waitFor();
  const label = await chooseOnGrid(page, form, slots.first(), { double: true });
  return label.replace(/^Start at /, '');
}

/** What of the practice the page's browser keeps: nothing, on the server. */
async function keptInBrowser(page) {
  return page.evaluate(async () => ({
    localStorage: Object.keys(localStorage),
    serviceWorkers: (await navigator.serviceWorker.getRegistrations()).map((registration) => registration.scope),
  }));
}

/** Asks the demo's API as `clientId` would (the bearer token stands in for a sign-in). */
async function api(clientId, path, init = {}) {
  const response = await fetch(new URL(`api${path}`, demo.url), {
    ...init,
    headers: { Accept: 'application/json', Authorization: `Bearer ${clientId}`, 'Content-Type': 'application/json', ...init.headers },
  });
  const body = await response.json();
  assert.ok(response.ok, `${init.method ?? 'GET'} ${path} answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

/** Requests the first open 50-minute telehealth session with Jordan Alvarez, as Taylor Brooks, from outside any browser. */
async function requestAsTaylor() {
  const choice = { providerId: 'jordan-alvarez', locationId: 'telehealth', serviceId: 'individual-50' };
  const from = Date.now();
  const query = new URLSearchParams({
    provider: choice.providerId,
    location: choice.locationId,
    service: choice.serviceId,
    start: new Date(from).toISOString(),
    end: new Date(from + 21 * 86_400_000).toISOString(),
  });
  const availability = await api('client-taylor', `/availability?${query}`);
  const step = availability.slotStepMinutes * 60_000;
  const length = 50 * 60_000;
  for (const range of availability.open) {
    // New York is a whole number of hours from UTC, so a step past local midnight is one past UTC's.
    const start = Math.ceil(Date.parse(range.start) / step) * step;
    if (start + length > Date.parse(range.end)) continue;
    return api('client-taylor', '/appointments', {
      method: 'POST',
      headers: { 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ ...choice, start: new Date(start).toISOString(), end: new Date(start + length).toISOString() }),
    });
  }
  throw new Error('Jordan Alvarez has no open time in the next three weeks.');
}

test('a request booked on the practice website outlives a restart of the server, and a fresh browser confirms and sees it', { timeout: 420_000 }, async () => {
  demo = await startDemo({ backend: 'server', dataDir });

  // Alex books on the practice website, as a person would.
  const booking = await newVisitor(browser, patience);
  const website = await openPage(booking, './');
  await website.getByRole('button', { name: 'Book online' }).click();
  const form = website.locator('self-schedule-form');
  await form.getByLabel('Provider').selectOption('dr-chen');
  await form.getByLabel('Location').selectOption('riverside');
  await form.getByLabel('Service').selectOption('individual-50');
  await form.getByRole('button', { name: 'Continue' }).click();
  const when = await doubleClickFirstOpenTime(website, form);
  await form.getByRole('button', { name: 'Save' }).click();
  await form.getByRole('button', { name: 'Submit New Appointment' }).click();
  await form.getByRole('heading', { name: 'Appointment request sent' }).waitFor();
  await website.locator('#status').getByText('Request sent: Individual Therapy with Dr. Maya Chen.').waitFor();
  assert.deepEqual(await keptInBrowser(website), { localStorage: [], serviceWorkers: [] }, 'the practice is not kept in the browser');
  assert.deepEqual(website.problems, []);
  await booking.close();

  // The server stops and starts again on the same folder (on another port, so another origin too).
  await demo.stop();
  demo = undefined;
  demo = await startDemo({ backend: 'server', dataDir });

  // A browser profile that has never seen the demo finds the request in the portal.
  const client = await newVisitor(browser, patience);
  const portal = await openPage(client, 'portal.html');
  const requested = portal.locator('appointment-status [part~="appointment"]', { hasText: when });
  await requested.locator('[part~="status"]', { hasText: 'Unconfirmed' }).waitFor();
  assert.match(await requested.innerText(), /Dr\. Maya Chen, PsyD/);

  // The therapist, in yet another browser profile, confirms it.
  const staff = await newVisitor(browser, patience);
  const desk = await openPage(staff, 'therapist.html');
  const request = desk.getByRole('article', { name: 'Alex Rivera · Individual Therapy' });
  await request.waitFor();
  assert.match(await request.innerText(), /With Dr\. Maya Chen, PsyD · Riverside Office/);
  await request.getByRole('button', { name: 'Confirm' }).click();
  await desk.getByRole('status').filter({ hasText: "Confirmed Alex Rivera's Individual Therapy" }).waitFor();
  await request.waitFor({ state: 'detached' });
  await desk.locator('#outbox').getByText('Your appointment is confirmed').waitFor();

  // The portal's next poll brings the confirmation, without a reload.
  // (A regular expression, since a text filter would also match "Unconfirmed".)
  await requested.locator('[part~="status"]', { hasText: /^\s*Confirmed\s*$/ }).waitFor({ timeout: pollPatience });
  assert.deepEqual([...portal.problems, ...desk.problems], []);
  await client.close();
  await staff.close();
});

test("the desk sees another client's request by polling, declines it with a note, switches self-scheduling, and resets the demo data", { timeout: 300_000 }, async () => {
  demo ??= await startDemo({ backend: 'server', dataDir });
  const staff = await newVisitor(browser, patience);
  const desk = await openPage(staff, 'therapist.html');
  await desk.locator('#requests').getByText(/No requests are waiting|requests?, soonest first/).waitFor();

  // Taylor requests a session from elsewhere; the open desk shows it by itself.
  const requested = await requestAsTaylor();
  const request = desk.locator(`article.request[data-id="${requested.id}"]`);
  await request.waitFor({ timeout: 15_000 });
  assert.match(await request.innerText(), /Taylor Brooks · Individual Therapy/);

  await request.getByRole('button', { name: 'Decline' }).click();
  await request.getByLabel('Note to Taylor Brooks (optional)').fill('I am away that week; could you choose another day?');
  await request.getByRole('button', { name: 'Decline request' }).click();
  await desk.getByRole('status').filter({ hasText: "Declined Taylor Brooks's Individual Therapy" }).waitFor();
  await desk.locator('#outbox').getByText('could you choose another day?', { exact: false }).waitFor();
  await desk.locator(`#all-appointments tr[data-id="${requested.id}"] .status`, { hasText: 'Declined' }).waitFor();
  const taylors = await api('client-taylor', '/appointments');
  assert.equal(taylors.appointments.find((appointment) => appointment.id === requested.id)?.status, 'declined');

  const sam = desk.getByRole('switch', { name: 'Sam Okafor, LMFT' });
  assert.equal(await sam.getAttribute('aria-checked'), 'false');
  await sam.click();
  await desk.getByRole('status').filter({ hasText: 'Self-scheduling is now on for Sam Okafor, LMFT.' }).waitFor();
  assert.ok((await api('client-alex', '/providers')).providers.some((provider) => provider.id === 'sam-okafor' && provider.selfScheduling));

  // Reset demo data: the server's practice as its seed file has it, with no appointments.
  await desk.getByRole('button', { name: 'Reset demo data' }).click();
  await desk.getByRole('status').filter({ hasText: 'The demo data was reset' }).waitFor();
  await desk.locator('#all-appointments').getByText('No appointments yet.').waitFor();
  await desk.locator('#outbox').getByText('No e-mails yet').waitFor();
  assert.equal(await desk.getByRole('switch', { name: 'Sam Okafor, LMFT' }).getAttribute('aria-checked'), 'false');
  assert.deepEqual((await api('client-alex', '/appointments')).appointments, []);
  assert.deepEqual(desk.problems, []);
  await staff.close();
});
