// The demo as `npm start` runs it: the reference server inside Vite, its practice in an embedded
// PostgreSQL (PGlite) in a data folder. A request booked in one browser survives a restart of the
// server and is found by another browser profile, which shares nothing with the first: had the
// practice lived in the browser (the mock's localStorage), the portal would not have it. The
// therapist, signed in as staff in a browser context of their own, works on the server's practice
// through the practice API: a request made elsewhere arrives within seconds (the server's live
// stream); Confirm, and the client's open browser shows Confirmed within 3 s; Decline with a note,
// and it shows Declined and the note. Then the desk
// switches self-scheduling and resets the demo data.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chooseOnGrid, launchBrowser, newVisitor, openDemoPage, requestFor, signInAsStaff, startDemo } from './support.mjs';

// A 2-core machine shared with other work: every wait is for a condition, with room to spare.
const patience = 45_000;
// The reference server pushes every change of a client's appointments down the open stream
// (GET /appointments/events), so the portal shows a therapist's answer within seconds, not at its
// next poll (every 30 s without a stream); the therapist's inbox hears of new requests the same way.
const live = 3_000;

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
function requestAsTaylor() {
  return requestAs('client-taylor');
}

/** Requests the first open 50-minute telehealth session with Jordan Alvarez, as `clientId`, from outside any browser. */
async function requestAs(clientId) {
  const choice = { providerId: 'jordan-alvarez', locationId: 'telehealth', serviceId: 'individual-50' };
  const from = Date.now();
  const query = new URLSearchParams({
    provider: choice.providerId,
    location: choice.locationId,
    service: choice.serviceId,
    start: new Date(from).toISOString(),
    end: new Date(from + 21 * 86_400_000).toISOString(),
  });
  const availability = await api(clientId, `/availability?${query}`);
  const step = availability.slotStepMinutes * 60_000;
  const length = 50 * 60_000;
  for (const range of availability.open) {
    // New York is a whole number of hours from UTC, so a step past local midnight is one past UTC's.
    const start = Math.ceil(Date.parse(range.start) / step) * step;
    if (start + length > Date.parse(range.end)) continue;
    return api(clientId, '/appointments', {
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
  // A wide page shows the times beside the choices: no Continue to press.
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

  // The therapist, in yet another browser profile, signs in as staff and confirms it.
  const staff = await newVisitor(browser, patience);
  const desk = await openPage(staff, 'therapist.html');
  await signInAsStaff(desk, 'maya.chen@riverside-counseling.example', 'Dr. Maya Chen');
  const request = requestFor(desk, 'Alex Rivera', 'Individual Therapy');
  await request.waitFor();
  assert.match(await request.innerText(), /Riverside Office/);
  await request.getByRole('button', { name: "Confirm Alex Rivera's request" }).click();
  const confirmedAt = Date.now();
  // The open portal shows the confirmation within seconds, without a reload.
  // (A regular expression, since a text filter would also match "Unconfirmed".)
  await requested.locator('[part~="status"]', { hasText: /^\s*Confirmed\s*$/ }).waitFor({ timeout: live });
  assert.ok(Date.now() - confirmedAt <= live, `Confirmed shown ${Date.now() - confirmedAt} ms after the click`);
  await desk.getByRole('status').filter({ hasText: "Confirmed Alex Rivera's Individual Therapy" }).waitFor();
  await request.waitFor({ state: 'detached' });
  await desk.locator('#outbox').getByText('Your appointment is confirmed').waitFor();
  assert.deepEqual([...portal.problems, ...desk.problems], []);
  await client.close();
  await staff.close();
});

/**
 * In the therapist's open `<appointment-requests>`: waits for the request (pushed by the server within
 * seconds), checks it names the client and the therapist, and declines it with `note`, as a person would.
 */
async function declineWithNote(desk, id, client, note) {
  const request = desk.locator(`appointment-requests [part~="request"][data-id="${id}"]`);
  await request.waitFor({ timeout: live });
  assert.match(await request.innerText(), new RegExp(`${client}[\\s\\S]*Jordan Alvarez, LCSW`));
  await request.getByRole('button', { name: `Decline ${client}'s request` }).click();
  await request.getByLabel('Note to the client (optional)').fill(note);
  await request.getByRole('button', { name: 'Decline request' }).click();
  await desk.getByRole('status').filter({ hasText: `Declined ${client}'s Individual Therapy` }).waitFor();
  return request;
}

test("a request is declined with a note in the therapist's browser, and the client's browser shows Declined and the note", { timeout: 300_000 }, async () => {
  demo ??= await startDemo({ backend: 'server', dataDir });
  // Two separate browser contexts, sharing nothing: the client's and the therapist's.
  const client = await newVisitor(browser, patience);
  const portal = await openPage(client, 'portal.html');
  const staff = await newVisitor(browser, patience);
  const desk = await openPage(staff, 'therapist.html');
  await signInAsStaff(desk);
  const requests = desk.locator('appointment-requests');
  await requests.locator('[part~="request"]').or(requests.getByText('No requests are waiting')).first().waitFor();

  // Taylor requests a session from elsewhere; the open desk shows it by itself (the server pushes it).
  const requested = await requestAsTaylor();
  const request = await declineWithNote(desk, requested.id, 'Taylor Brooks', 'I am away that week; could you choose another day?');
  await request.waitFor({ state: 'detached' });
  await desk.locator('#outbox').getByText('could you choose another day?', { exact: false }).waitFor();
  await desk.locator(`#all-appointments tr[data-id="${requested.id}"] .status`, { hasText: 'Declined' }).waitFor();

  // Alex's own request, made elsewhere: the open portal shows it Unconfirmed within seconds; declined
  // with a note in the therapist's browser, the portal then shows Declined and the note, without a reload.
  const alexs = await requestAs('client-alex');
  const seen = portal.locator(`appointment-status [part~="appointment"][data-id="${alexs.id}"]`);
  await seen.locator('[part~="status"]', { hasText: 'Unconfirmed' }).waitFor({ timeout: live });
  await declineWithNote(desk, alexs.id, 'Alex Rivera', 'Fully booked that day; Thursday works.');
  await seen.locator('[part~="status"]', { hasText: 'Declined' }).waitFor({ timeout: live });
  assert.equal((await seen.locator('[part="decline-note"]').innerText()).trim(), 'Fully booked that day; Thursday works.');
  assert.deepEqual([...portal.problems, ...desk.problems], []);
  await client.close();
  await staff.close();
});

test('the desk switches self-scheduling and resets the demo data', { timeout: 300_000 }, async () => {
  demo ??= await startDemo({ backend: 'server', dataDir });
  const staff = await newVisitor(browser, patience);
  const desk = await openPage(staff, 'therapist.html');
  await signInAsStaff(desk);

  const sam = desk.getByRole('switch', { name: 'Sam Okafor, LMFT' });
  assert.equal(await sam.getAttribute('aria-checked'), 'false');
  await sam.click();
  await desk.getByRole('status').filter({ hasText: 'Self-scheduling is now on for Sam Okafor, LMFT.' }).waitFor();
  assert.ok((await api('client-alex', '/providers')).providers.some((provider) => provider.id === 'sam-okafor' && provider.selfScheduling));

  // Reset demo data: the server's practice as its seed file has it, with no appointments.
  await desk.getByRole('button', { name: 'Reset demo data' }).click();
  await desk.getByRole('status').filter({ hasText: 'The demo data was reset' }).waitFor();
  // A reset starts the practice afresh, its sessions too: the desk asks to sign in again.
  await signInAsStaff(desk);
  await desk.locator('#all-appointments').getByText('No appointments yet.').waitFor();
  await desk.locator('#outbox').getByText('No e-mails yet').waitFor();
  assert.equal(await desk.getByRole('switch', { name: 'Sam Okafor, LMFT' }).getAttribute('aria-checked'), 'false');
  assert.deepEqual((await api('client-alex', '/appointments')).appointments, []);
  assert.deepEqual(desk.problems, []);
  await staff.close();
});
