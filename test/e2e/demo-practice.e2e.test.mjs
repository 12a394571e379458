// The demo practice as a visitor uses it, in Chromium against the running demo: every page and tab
// shares one practice kept in the browser, so a request made in the portal reaches the therapist's
// desk, and the therapist's confirmation comes back to the portal.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseOnGrid, newVisitor, openDemoPage, requestFor, serverWithBrowser, signInAsStaff, startDemo } from './support.mjs';

const served = serverWithBrowser(startDemo);

// A 2-core machine shared with other work: every wait is for a condition, with room to spare.
const patience = 45_000;
// The portal polls the practice every 30 seconds (the REST adapter's default), so allow two polls.
const pollPatience = 75_000;

/** Opens a demo page in a new tab of `context`, keeping the page's own errors in `page.problems`. */
async function openPage(context, path) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.problems = problems;
  await openDemoPage(page, served.server.url, path);
  problems.length = 0;
  return page;
}

/** At Availability: moves to the first week with open times. */
async function firstWeekWithOpenTimes(form) {
  const slots = form.locator('[part~="slot"]');
  const nextOpen = form.getByRole('button', { name: 'Go to the next available time' });
  await slots.or(nextOpen).first().waitFor();
  if (!(await slots.count())) await nextOpen.click();
  await slots.first().waitFor();
}

/**
 * Chooses the week's first open time by double-clicking the grid (as the help article says), and
 * returns what the form says was chosen.
 */
async function doubleClickFirstOpenTime(page, form) {
  await firstWeekWithOpenTimes(form);
  const label = await chooseOnGrid(page, form, form.locator('[part~="slot"]').first(), { double: true });
  return label.replace(/^Start at /, '');
}

test('a request made in the portal is confirmed on the therapist page and shows Confirmed in the portal', { timeout: 300_000 }, async () => {
  const context = await newVisitor(served.browser, patience);
  const portal = await openPage(context, 'portal.html');
  await portal.getByRole('link', { name: 'Appointments' }).click();
  await portal.getByRole('button', { name: 'New Appointment' }).click();

  const form = portal.locator('appointment-status self-schedule-form');
  await form.getByLabel('Provider').selectOption('dr-chen');
  await form.getByLabel('Location').selectOption('riverside');
  await form.getByLabel('Service').selectOption('individual-50');
  // A wide page shows the times beside the choices: no Continue to press.
  const when = await doubleClickFirstOpenTime(portal, form);
  await form.getByRole('button', { name: 'Save' }).click();
  await form.getByRole('button', { name: 'Submit New Appointment' }).click();
  await form.getByRole('heading', { name: 'Appointment request sent' }).waitFor();
  await form.getByRole('button', { name: 'View My Appointments' }).click();

  const requested = portal.locator('appointment-status [part~="appointment"]', { hasText: when });
  await requested.locator('[part~="status"]', { hasText: 'Unconfirmed' }).waitFor();

  // The therapist, in another tab of the same browser, signs in as Dr. Chen (who sees only her own).
  const therapist = await openPage(context, 'therapist.html');
  await signInAsStaff(therapist, 'maya.chen@riverside-counseling.example', 'Dr. Maya Chen');
  const request = requestFor(therapist, 'Alex Rivera', 'Individual Therapy');
  await request.waitFor();
  assert.match(await request.innerText(), /Riverside Office/);
  await request.getByRole('button', { name: "Confirm Alex Rivera's request" }).click();
  await therapist.getByRole('status').filter({ hasText: "Confirmed Alex Rivera's Individual Therapy" }).waitFor();
  await request.waitFor({ state: 'detached' });
  const mails = therapist.locator('#outbox');
  await mails.getByText('Your appointment is confirmed').waitFor();
  assert.match(await mails.innerText(), /To alex\.rivera@example\.com/);

  // Back in the portal, without a reload: the element's next poll brings the confirmation.
  // (A regular expression, since a text filter would also match "Unconfirmed".)
  await requested.locator('[part~="status"]', { hasText: /^\s*Confirmed\s*$/ }).waitFor({ timeout: pollPatience });
  assert.deepEqual([...portal.problems, ...therapist.problems], []);
  await context.close();
});

test("a therapist's link, built on the therapist page, opens the form at Availability with the choices filled in", { timeout: 180_000 }, async () => {
  const context = await newVisitor(served.browser, patience);
  const therapist = await openPage(context, 'therapist.html');
  await signInAsStaff(therapist);
  const builder = therapist.locator('#link-panel');
  await builder.getByLabel('Provider').selectOption('jordan-alvarez');
  await builder.getByLabel('Location').selectOption('telehealth');
  await builder.getByLabel('Service').selectOption('check-in-25');
  const link = new URL(await builder.getByLabel('Link for the client').inputValue());
  assert.equal(link.pathname, '/book.html');
  assert.deepEqual(Object.fromEntries(link.searchParams), {
    provider: 'jordan-alvarez',
    location: 'telehealth',
    service: 'check-in-25',
  });

  const [booking] = await Promise.all([context.waitForEvent('page'), builder.getByRole('link', { name: /Open link/ }).click()]);
  await booking.waitForLoadState();
  assert.equal(booking.url(), link.href);
  const form = booking.locator('self-schedule-form');
  await form.getByRole('heading', { name: 'Availability' }).waitFor();
  await firstWeekWithOpenTimes(form);

  // A wide page keeps the link's choices in their fields, over the times.
  assert.equal(await form.getByLabel('Provider').inputValue(), 'jordan-alvarez');
  assert.equal(await form.getByLabel('Location').inputValue(), 'telehealth');
  assert.equal(await form.getByLabel('Service').inputValue(), 'check-in-25');
  await context.close();
});

test('Reset demo data brings back the fresh practice, in this tab and in the others', { timeout: 180_000 }, async () => {
  const context = await newVisitor(served.browser, patience);
  const therapist = await openPage(context, 'therapist.html');
  await signInAsStaff(therapist);
  const portal = await openPage(context, 'portal.html');
  const checkIn = portal.locator('appointment-status [part~="appointment"]', { hasText: 'Brief Check-in' });
  await checkIn.locator('[part~="status"]', { hasText: 'Unconfirmed' }).waitFor();

  // The therapist changes things: a decline with a note, and Sam Okafor taking requests online.
  const request = requestFor(therapist, 'Alex Rivera', 'Brief Check-in');
  await request.getByRole('button', { name: "Decline Alex Rivera's request" }).click();
  await request.getByLabel('Note to the client (optional)').fill('I am away that day; could you choose another?');
  await request.getByRole('button', { name: 'Decline request' }).click();
  await therapist.locator('#outbox').getByText('could you choose another?', { exact: false }).waitFor();
  await therapist.getByRole('switch', { name: 'Sam Okafor, LMFT' }).click();
  await therapist.locator('[role="switch"][aria-checked="true"]', { hasText: 'Sam Okafor' }).waitFor();
  // The portal shows the decline when it next polls; Reset is what this test is about.

  await therapist.getByRole('button', { name: 'Reset demo data' }).click();
  await therapist.getByRole('status').filter({ hasText: 'The demo data was reset' }).waitFor();
  await requestFor(therapist, 'Alex Rivera', 'Brief Check-in').waitFor();
  await therapist.locator('#outbox').getByText('No e-mails yet').waitFor();
  assert.equal(await therapist.getByRole('switch', { name: 'Sam Okafor, LMFT' }).getAttribute('aria-checked'), 'false');

  // The portal, open in another tab, started again on the fresh practice by itself.
  await portal.getByRole('status').filter({ hasText: 'The demo data was reset in another tab' }).waitFor();
  await checkIn.locator('[part~="status"]', { hasText: 'Unconfirmed' }).waitFor();
  await context.close();
});

test("turning a therapist's self-scheduling off removes them from the form's Provider choices", { timeout: 180_000 }, async () => {
  const context = await newVisitor(served.browser, patience);
  const therapist = await openPage(context, 'therapist.html');
  await signInAsStaff(therapist);
  const chen = therapist.getByRole('switch', { name: 'Dr. Maya Chen, PsyD' });
  assert.equal(await chen.getAttribute('aria-checked'), 'true');
  await chen.click();
  await therapist.getByRole('status').filter({ hasText: 'Self-scheduling is now off for Dr. Maya Chen, PsyD.' }).waitFor();
  assert.equal(await chen.getAttribute('aria-checked'), 'false');

  const website = await openPage(context, './');
  await website.getByRole('button', { name: 'Book online' }).click();
  const provider = website.locator('self-schedule-form').getByLabel('Provider');
  await provider.locator('option[value="jordan-alvarez"]').waitFor({ state: 'attached' });
  const offered = await provider.locator('option').evaluateAll((options) => options.map((option) => option.value));
  assert.deepEqual(offered, ['', 'jordan-alvarez']);

  // A link for her now says so, and leaves the choice to the client.
  const link = await openPage(context, 'book.html?provider=dr-chen&location=riverside&service=individual-50');
  const form = link.locator('self-schedule-form');
  await form.getByText('The provider in your link is not available for online booking').waitFor();
  assert.notEqual(await form.getByLabel('Provider').inputValue(), 'dr-chen');
  await context.close();
});

test('stored demo data that cannot be read is replaced with a fresh practice, and the page says so', { timeout: 120_000 }, async () => {
  const context = await newVisitor(served.browser, patience);
  const portal = await openPage(context, 'portal.html');
  await portal.getByRole('button', { name: 'New Appointment' }).waitFor();
  await portal.evaluate(() => {
    for (let index = 0; index < localStorage.length; index++) {
      const key = localStorage.key(index);
      if (key.includes('demo-practice')) localStorage.setItem(key, '{"format": 1, "data": {"appoint');
    }
  });
  await portal.reload();
  await portal.getByRole('status').filter({ hasText: 'The saved demo data could not be read, so the demo started again with a fresh practice.' }).waitFor();
  await portal.locator('appointment-status [part~="appointment"]', { hasText: 'Brief Check-in' }).waitFor();
  await context.close();
});

test("the portal's top navigation switches between Appointments and Calendar", { timeout: 120_000 }, async () => {
  const context = await newVisitor(served.browser, patience);
  const portal = await openPage(context, 'portal.html');
  const nav = portal.getByRole('navigation', { name: 'Portal' });
  await portal.locator('appointment-status').getByRole('heading', { name: 'Appointments', exact: true }).waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Appointments' }).getAttribute('aria-current'), 'page');

  await nav.getByRole('link', { name: 'Calendar' }).click();
  await portal.locator('appointment-calendar').getByRole('button', { name: 'New Appointment' }).waitFor();
  assert.equal(new URL(portal.url()).hash, '#calendar');
  assert.equal(await nav.getByRole('link', { name: 'Calendar' }).getAttribute('aria-current'), 'page');
  assert.equal(await nav.getByRole('link', { name: 'Appointments' }).getAttribute('aria-current'), null);
  assert.equal(await portal.locator('appointment-status').count(), 0);
  // Focus follows into the view, for a screen reader.
  assert.equal(await portal.evaluate(() => document.activeElement?.id), 'main');

  // The browser's Back button returns to Appointments, and a reload keeps the view.
  await portal.goBack();
  await portal.locator('appointment-status').getByRole('heading', { name: 'Appointments', exact: true }).waitFor();
  await portal.goForward();
  await portal.reload();
  await portal.waitForFunction("document.documentElement.dataset.demo === 'ready'", null, { timeout: 60_000 });
  await portal.locator('appointment-calendar').waitFor();
  await context.close();
});
