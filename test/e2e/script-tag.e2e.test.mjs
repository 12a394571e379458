// The script-tag build as a practice's web person uses it: examples/script-tag/index.html is plain
// HTML with one <script type="module"> and the elements, served by a plain Node server (no Vite at
// runtime) with the bundle in a nested, CDN-like folder. A client books a request on it, end to
// end in Chromium, against the mock API.
//
// The bundle is built afresh into a temporary folder by Vite's own API with the project's
// vite.config.ts (about a second): the test always checks the current source, never a stale or
// missing dist/, and never races another test file that reads dist/. The build's output also says
// which modules each chunk holds, so the test finds FullCalendar's chunks without knowing their
// file names.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { buildScriptTag } from '../../scripts/build-script-tag.mjs';
import { startMockServer } from '../../scripts/mock-server.mjs';
import { chooseOnGrid, launchBrowser } from './support.mjs';

/** Where the page expects the bundle: a folder of a folder, as on a CDN or a practice's assets. */
const bundlePath = '/assets/vendor/self-schedule/';
const clientId = 'client-alex';
const choice = { provider: 'dr-chen', location: 'riverside', service: 'individual-50' };

const fullCalendarModule = /[\\/]node_modules[\\/](fullcalendar|@fullcalendar|@full-ui)[\\/]/;
const gridModule = /[\\/]src[\\/]elements[\\/]availability-grid[\\/]availability-grid\.ts$/;

let bundleDir;
let chunks;
let server;
let browser;

before(async () => {
  ({ dir: bundleDir, chunks } = await buildScriptTag());
  server = await startMockServer({
    mounts: { '/': 'examples/script-tag', '/one-truth/': 'test/e2e/pages/one-truth', [bundlePath]: bundleDir },
  });
  browser = await launchBrowser();
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await server?.close();
  if (bundleDir) await rm(bundleDir, { recursive: true, force: true });
});

/** A chunk and every chunk it imports statically: what the browser fetches when it is imported. */
function withStaticImports(fileName, into = new Set()) {
  if (into.has(fileName)) return into;
  into.add(fileName);
  for (const imported of chunks.find((chunk) => chunk.fileName === fileName).imports) withStaticImports(imported, into);
  return into;
}

test('the build is one entry module, with FullCalendar only in chunks it imports on demand', () => {
  const entries = chunks.filter((chunk) => chunk.isEntry);
  assert.deepEqual(entries.map((chunk) => chunk.fileName), ['self-schedule.js'], 'the file a page links to');
  const fullCalendarChunks = chunks.filter((chunk) => chunk.moduleIds.some((id) => fullCalendarModule.test(id)));
  assert.ok(fullCalendarChunks.length, 'FullCalendar is in the build');
  const loadedWithEntry = withStaticImports(entries[0].fileName);
  for (const chunk of fullCalendarChunks) assert.ok(!loadedWithEntry.has(chunk.fileName), `${chunk.fileName} loads with the entry`);
});

test('the plain page books a request end to end with only the built files', { timeout: 180_000 }, async () => {
  const origin = new URL(server.url).origin;
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, timezoneId: 'America/New_York', locale: 'en-US' });
  // A script tag cannot set a bearer token: the portal's session cookie identifies the client.
  await context.addCookies([{ name: 'demo-client', value: clientId, url: server.url }]);
  const foreign = [];
  await context.route('**/*', (route) => {
    if (new URL(route.request().url()).origin === origin) return route.continue();
    foreign.push(route.request().url());
    return route.abort();
  });
  await context.addInitScript(() => {
    // The elements' public events, as a page script would hear them.
    window.bookingEvents = [];
    for (const type of ['ss-slot-select', 'ss-request-submit', 'ss-request-fail']) {
      document.addEventListener(type, (event) =>
        window.bookingEvents.push({ type, request: event.request, appointment: event.appointment, error: event.error?.message }),
      );
    }
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error}`));
  // An open live stream is cut off when the page reloads: that is its end, not a failure.
  const streamCut = (request) => request.url().endsWith('/api/appointments/events') && request.failure()?.errorText === 'net::ERR_ABORTED';
  page.on('requestfailed', (request) => streamCut(request) || problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => response.status() >= 400 && problems.push(`${response.status()}: ${response.url()}`));
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  const requestedChunks = () => new Set(requested.filter((path) => path.startsWith(bundlePath)).map((path) => path.slice(bundlePath.length)));

  const before = new Set(server.api.practice.appointmentsOf(clientId).map((appointment) => appointment.id));
  await page.goto(server.url);

  // ---- the script tag alone upgrades the elements on the page, and no others ------------------
  const form = page.locator('self-schedule-form#request');
  await page
    .waitForFunction(() => document.querySelector('#request')?.shadowRoot && customElements.get('appointment-status'), null, {
      timeout: 30_000,
    })
    .catch((error) => assert.fail(`the elements did not upgrade: ${problems.join('; ') || error.message}`));
  await form.getByLabel('Provider').selectOption(choice.provider);
  await form.getByLabel('Location').selectOption(choice.location);
  await form.getByLabel('Service').waitFor();
  assert.equal(await page.evaluate(() => customElements.get('appointment-calendar')), undefined, 'no calendar on this page, none loaded');

  // ---- FullCalendar's chunks come only with Availability, from beside the entry -------------
  const gridChunk = chunks.find((chunk) => chunk.moduleIds.some((id) => gridModule.test(id)));
  assert.ok(gridChunk, 'the availability grid is in a chunk of its own');
  const gridNeeds = [...withStaticImports(gridChunk.fileName)];
  const fullCalendarChunks = chunks.filter((chunk) => chunk.moduleIds.some((id) => fullCalendarModule.test(id))).map((chunk) => chunk.fileName);
  assert.ok(gridNeeds.some((name) => fullCalendarChunks.includes(name)), 'the grid brings FullCalendar');
  const beforeGrid = requestedChunks();
  assert.ok(beforeGrid.has('self-schedule.js'));
  for (const name of fullCalendarChunks) assert.ok(!beforeGrid.has(name), `${name} was fetched before Availability`);

  // A wide page shows the times as soon as the service is chosen.
  await form.getByLabel('Service').selectOption(choice.service);
  await form.getByRole('grid').first().waitFor({ timeout: 30_000 });
  const afterGrid = requestedChunks();
  for (const name of gridNeeds) assert.ok(afterGrid.has(name), `${name} was not fetched for Availability`);

  // ---- a time chosen on the grid itself, saved and submitted -------------------------------
  const slots = form.locator('[part~="slot"]');
  const range = form.locator('.range');
  for (let week = 0; week < 8; week++) {
    await form.locator('.availability[aria-busy="false"]').waitFor({ timeout: 15_000 });
    if (await slots.count()) break;
    const shown = await range.innerText();
    await form.getByRole('button', { name: 'Next week' }).click();
    await page.waitForFunction(
      ([element, previous]) => element.shadowRoot.querySelector('.range')?.textContent !== previous,
      [await form.elementHandle(), shown],
    );
  }
  const label = await chooseOnGrid(page, form, slots.first());

  await form.getByRole('button', { name: 'Save' }).click();
  await form.getByRole('heading', { name: 'Review your appointment request' }).waitFor({ timeout: 15_000 });
  await form.getByRole('button', { name: 'Submit New Appointment' }).click();
  await form.getByRole('heading', { name: 'Appointment request sent' }).waitFor({ timeout: 15_000 });

  // ---- the practice has exactly that request, waiting for the therapist ------------------------
  const events = await page.evaluate(() => window.bookingEvents);
  assert.deepEqual(events.filter((event) => event.type === 'ss-request-fail'), []);
  const chosen = events.filter((event) => event.type === 'ss-slot-select').at(-1)?.request;
  const submitted = events.find((event) => event.type === 'ss-request-submit')?.appointment;
  assert.ok(chosen && submitted, 'the page heard the choice and the submission');
  const added = server.api.practice.appointmentsOf(clientId).filter((appointment) => !before.has(appointment.id));
  assert.equal(added.length, 1, 'one new appointment on the server');
  const [appointment] = added;
  assert.equal(appointment.id, submitted.id);
  assert.equal(appointment.status, 'unconfirmed');
  assert.deepEqual(
    [appointment.provider.id, appointment.location.id, appointment.service.id],
    [choice.provider, choice.location, choice.service],
  );
  assert.equal(Date.parse(appointment.start), Date.parse(chosen.start));

  // ---- coming back later, the Appointments list on the same page shows it Unconfirmed ----------
  await page.reload();
  const listed = page.locator(`appointment-status [part~="appointment"][data-id="${appointment.id}"]`);
  await listed.waitFor({ timeout: 30_000 });
  assert.equal((await listed.locator('[part~="status"]').innerText()).trim(), 'Unconfirmed');
  assert.ok((await listed.innerText()).includes(label.replace(/^Start at /, '')), 'listed at the chosen time');

  // ---- nothing but the page's own origin, the bundle's folder and the API was asked for --------
  assert.deepEqual(foreign, [], 'requests to other origins');
  const unexpected = requested.filter((path) => !(path === '/' || path.startsWith(bundlePath) || path.startsWith('/api/')));
  assert.deepEqual(unexpected, [], 'requests outside the page, the bundle folder and the API');
  assert.ok(
    !requested.some((path) => /\/@vite\/|\/@fs\/|\/node_modules\/|\/src\/|\.ts$/.test(path)),
    'nothing of a dev server or the sources was requested',
  );
  assert.deepEqual(problems, []);
  await context.close();
});

test('elements added later are defined when they appear, and load() defines those the page cannot see', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US' });
  await context.addCookies([{ name: 'demo-client', value: clientId, url: server.url }]);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(String(error)));

  await page.goto(server.url);
  await page.waitForFunction(() => customElements.get('self-schedule-form'), null, { timeout: 30_000 });
  assert.equal(await page.evaluate(() => customElements.get('appointment-calendar')), undefined);
  await page.evaluate(() => document.querySelector('main').append(document.createElement('appointment-calendar')));
  await page.waitForFunction(() => customElements.get('appointment-calendar'), null, { timeout: 30_000 });

  await page.reload();
  await page.waitForFunction(() => customElements.get('self-schedule-form'), null, { timeout: 30_000 });
  const loaded = await page.evaluate(async (url) => {
    // The same URL as the script tag: the same module, so nothing is defined twice.
    const { load, elementNames } = await import(url);
    const detached = document.createElement('appointment-calendar');
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).append(document.createElement('appointment-calendar'));
    document.body.append(host);
    const definedBefore = Boolean(customElements.get('appointment-calendar'));
    const constructor = await load('appointment-calendar');
    customElements.upgrade(detached);
    return {
      elementNames,
      definedBefore,
      registered: constructor === customElements.get('appointment-calendar'),
      detachedUpgraded: detached instanceof constructor,
      shadowedUpgraded: host.shadowRoot.firstElementChild instanceof constructor,
    };
  }, new URL(`${bundlePath}self-schedule.js`, server.url).href);
  assert.deepEqual(loaded, {
    elementNames: ['self-schedule-form', 'appointment-status', 'appointment-calendar'],
    definedBefore: false,
    registered: true,
    detachedUpgraded: true,
    shadowedUpgraded: true,
  });
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a page with the three elements and only the script tag, a cancel in the list shows in the calendar within a second', { timeout: 120_000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, timezoneId: 'America/New_York', locale: 'en-US' });
  await context.addCookies([{ name: 'demo-client', value: clientId, url: server.url }]);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error}`));
  // The calendar opens at the week of the request to be withdrawn (seed-2, Unconfirmed).
  const target = server.api.practice.appointmentsOf(clientId).find((appointment) => appointment.id === 'seed-2');
  assert.ok(target, 'the demo practice has seed-2 for the client');
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(target.start));
  const apiCalls = [];
  // The watch's list, which asks for everything (the form's own check of the client's times asks for a range).
  page.on('request', (request) => request.url().endsWith('/api/appointments') && apiCalls.push(request.method()));
  await page.goto(new URL('/one-truth/', server.url).href);
  await page.waitForFunction(() => customElements.get('appointment-calendar') && customElements.get('appointment-status'), null, { timeout: 30_000 });
  await page.locator('appointment-calendar').evaluate((calendar, date) => calendar.setAttribute('initial-date', date), day);

  const status = page.locator('appointment-status');
  const inCalendar = page.locator('appointment-calendar [part~="appointment"][data-id="seed-2"]');
  await inCalendar.waitFor({ timeout: 30_000 });
  assert.match(await inCalendar.innerText(), /Unconfirmed/);
  assert.equal(apiCalls.filter((method) => method === 'GET').length, 1, 'the two lists came from one GET /appointments');

  const item = status.locator('[part~="appointment"][data-id="seed-2"]');
  await item.getByRole('button', { name: 'Manage Appointment' }).click();
  await item.getByRole('button', { name: /^(Cancel appointment|Withdraw request)$/ }).click();
  const dialog = status.locator('dialog[open]');
  await dialog.getByRole('button', { name: /^Yes, / }).click();
  await item.locator('[part~="status"]', { hasText: 'Cancelled' }).waitFor({ timeout: 15_000 });
  const cancelledAt = Date.now();
  await page.waitForFunction(
    () => /Cancelled/.test(document.querySelector('appointment-calendar').shadowRoot.querySelector('[part~="appointment"][data-id="seed-2"]')?.textContent ?? ''),
    null,
    { timeout: 1000 },
  );
  const lag = Date.now() - cancelledAt;
  assert.ok(lag <= 1000, `the calendar showed the cancel ${lag} ms after the list`);
  assert.equal(server.api.practice.appointmentsOf(clientId).find((appointment) => appointment.id === 'seed-2').status, 'cancelled');
  assert.deepEqual(problems, []);
  await context.close();
});
