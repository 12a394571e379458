// The React 19 example (examples/react) in Chromium: React passes properties to the elements,
// calls a method through a ref, and hears the submitted event through an `onss-…` prop.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { createServer } from 'vite';
import { chooseOnGrid, launchBrowser } from './support.mjs';

let example;
let browser;

/** Serves examples/react on a free local port, as `npx vite --config examples/react/vite.config.ts` would. */
async function startExample() {
  const server = await createServer({
    configFile: resolve(import.meta.dirname, '../../examples/react/vite.config.ts'),
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('The example server did not report its address.');
  return { url, stop: () => server.close() };
}

before(async () => {
  example = await startExample();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await example?.stop();
});

test('the React example mounts, sets the form\'s properties and receives the submitted event', { timeout: 240_000 }, async () => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 1000 },
    timezoneId: 'America/New_York',
    locale: 'en-US',
  });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.setDefaultTimeout(30_000);
  await page.goto(example.url);
  // A cold start makes Vite optimize React and Lit first: allow it time.
  const book = page.getByRole('button', { name: 'Book online' });
  await book.waitFor({ timeout: 90_000 });

  const form = page.locator('self-schedule-form');
  // `strings` arrived as a property (an object), not as an attribute "[object Object]".
  assert.deepEqual(
    await form.evaluate((element) => ({ submit: element.strings.submit, attribute: element.getAttribute('strings') })),
    { submit: 'Send request', attribute: null },
  );

  // Book online calls show() through React's ref; the heading is the one React passed in `strings`.
  await book.click();
  await form.getByRole('heading', { name: 'Book a session' }).waitFor();
  await form.getByLabel('Provider').selectOption('dr-chen');
  await form.getByLabel('Location').selectOption('riverside');
  await form.getByLabel('Service').selectOption('individual-50');
  // A wide page shows the times beside the choices: no Continue to press.

  // Move on to the first week with open times (the list beside the grid holds them).
  const slots = form.locator('[part~="slot"]');
  const noneThisWeek = form.getByText('No times are available in this week.');
  for (let week = 0; ; week++) {
    await slots.first().or(noneThisWeek).waitFor();
    if (await slots.count()) break;
    assert.ok(week < 8, 'some week within the booking horizon has open times');
    await form.getByRole('button', { name: 'Next week' }).click();
    await noneThisWeek.waitFor({ state: 'detached', timeout: 5000 }).catch(() => {});
  }

  // Choose the first open time on the grid itself: its day's column, its time's row.
  const label = await chooseOnGrid(page, form, slots.first());

  await form.getByRole('button', { name: 'Save' }).click();
  await form.getByRole('button', { name: 'Send request' }).click();

  // React's onss-request-submit handler put the event's appointment into state, rendered outside the element.
  const sent = page.locator('.request-sent');
  await sent.waitFor();
  const sentText = await sent.innerText();
  assert.match(sentText, /^Request sent: Individual Therapy with Dr\. Maya Chen/);
  // "Start at Monday, December 7, 2026 at 9:00 AM EST" → the time React wrote, from the appointment's start.
  const chosenTime = label.replace(/^Start at /, '').replace(/ [A-Z]{2,5}$/, '');
  assert.ok(sentText.includes(chosenTime), `"${sentText}" names the chosen time, ${chosenTime}`);
  const appointmentId = await sent.getAttribute('data-appointment-id');
  assert.ok(appointmentId, 'the appointment from the event has an id');

  // View My Appointments: React's onss-view-appointments handler closes the dialog through the ref.
  await form.getByRole('button', { name: 'View My Appointments' }).click();
  await page.waitForFunction(() => !document.querySelector('self-schedule-form').open);

  // The list, given its adapter as a property by React, finds the same appointment on the server.
  const listed = page.locator(`appointment-status [part~="appointment"][data-id="${appointmentId}"]`);
  await listed.waitFor({ timeout: 30_000 });
  assert.equal(await listed.locator('[part~="status"]').innerText(), 'Unconfirmed');

  assert.deepEqual(pageErrors, [], 'the page threw no errors');
  await context.close();
});
