// The demo with the keyboard alone, in Chromium via playwright-core: from the practice website's
// Book online button through the form to View My Appointments and the new request in the client
// portal, then Manage Appointment in the portal's Calendar tab. Every key is a real key press;
// after each, focus must be on something visibly focused (:focus-visible with an outline of 2 px
// or more, or a box-shadow) and inside the viewport (WCAG 2.1.1, 2.4.3, 2.4.7, 2.4.11).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newVisitor, openDemoPage, serverWithBrowser, startDemo } from './support.mjs';

const served = serverWithBrowser(startDemo);

// A 2-core machine shared with other work: every wait is for a condition, with room to spare.
const patience = 45_000;

const openPage = (page, path) => openDemoPage(page, served.server.url, path);

/**
 * In the page: the focused element (through shadow roots), what it is called, and whether its
 * focus can be seen.
 */
function focusState() {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  if (!active || active === document.body || active === document.documentElement) return { name: 'the page', seen: false };
  const style = getComputedStyle(active);
  const drawn =
    active.matches(':focus-visible') &&
    ((style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || (style.boxShadow && style.boxShadow !== 'none'));
  const rect = active.getBoundingClientRect();
  const inView = rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth;
  const name = (active.getAttribute('aria-label') ?? active.textContent ?? '').replace(/\s+/g, ' ').trim();
  return {
    name,
    id: active.id,
    part: active.getAttribute('part') ?? '',
    tag: active.tagName.toLowerCase(),
    tabIndex: active.tabIndex,
    value: active.value,
    pressed: active.getAttribute('aria-pressed'),
    seen: Boolean(drawn && inView),
    why: `${drawn ? '' : `not drawn (outline ${style.outline}, box-shadow ${style.boxShadow}) `}${inView ? '' : 'out of view'}`,
  };
}

async function focus(page) {
  return page.evaluate(focusState);
}

/** Presses `key` and checks that focus is still seen. */
async function press(page, key, context) {
  await page.keyboard.press(key);
  const state = await focus(page);
  assert.ok(state.seen, `after ${key} (${context}): focus on ${state.tag} "${state.name}" ${state.why}`);
  return state;
}

/** Presses Tab until `matches(focus)`, checking after each press that focus is seen. */
async function tabTo(page, description, matches, limit = 60) {
  for (let presses = 0; presses <= limit; presses++) {
    const state = await focus(page);
    if (matches(state)) return state;
    await press(page, 'Tab', `towards ${description}`);
  }
  throw new Error(`Tab never reached ${description}`);
}

const named = (name) => (state) => state.name === name;

/** At the focused select: ArrowDown to its first choice, waiting for the select to be ready first. */
async function chooseFirst(page, form, id) {
  const select = form.locator(`#${id}`);
  await form.locator(`#${id}:enabled`).waitFor();
  await select.locator('option').nth(1).waitFor({ state: 'attached' });
  await tabTo(page, id, (state) => state.id === id);
  const state = await press(page, 'ArrowDown', id);
  assert.notEqual(state.value, '', `${id} chosen`);
  return state.value;
}

test('books from Book online to View My Appointments and the new request in the portal, with the keyboard alone', async () => {
  const context = await newVisitor(served.browser, patience);
  const page = await context.newPage();
  await openPage(page, '/');

  await tabTo(page, 'Book online', named('Book online'));
  await press(page, 'Enter', 'Book online');
  const form = page.locator('self-schedule-form[modal]');
  await form.locator('dialog[open]').waitFor();

  assert.equal(await chooseFirst(page, form, 'provider-select'), 'dr-chen');
  assert.equal(await chooseFirst(page, form, 'location-select'), 'riverside');
  assert.equal(await chooseFirst(page, form, 'service-select'), 'individual-50');
  // A wide page shows the times beside the choices: no Continue to press.

  // The week shown may have nothing open: the form offers the next available time, by keyboard too.
  const slots = form.locator('[part~="slot"]');
  const nextOpen = form.getByRole('button', { name: 'Go to the next available time' });
  await slots.or(nextOpen).first().waitFor();
  if (!(await slots.count())) {
    await tabTo(page, 'Go to the next available time', named('Go to the next available time'));
    await page.keyboard.press('Enter');
    await slots.first().waitFor();
  }
  await tabTo(page, 'the start times', (state) => state.part === 'slot' && state.tabIndex === 0);
  const chosen = await press(page, 'ArrowDown', 'the next start time');
  assert.equal(chosen.part, 'slot');
  const pressed = await press(page, 'Enter', 'choose it');
  await form.locator('[part~="slot"][aria-pressed="true"]').waitFor();
  assert.equal(await form.locator('[part~="slot"][aria-pressed="true"]').getAttribute('aria-label'), chosen.name);
  assert.equal(pressed.name, chosen.name);

  await tabTo(page, 'Save', named('Save'));
  await press(page, 'Enter', 'Save');
  await form.getByRole('heading', { name: 'Review your appointment request' }).waitFor();
  await tabTo(page, 'Submit New Appointment', named('Submit New Appointment'));
  await press(page, 'Enter', 'Submit New Appointment');
  await form.getByRole('heading', { name: 'Appointment request sent' }).waitFor();

  // View My Appointments is a link to the portal here.
  await tabTo(page, 'View My Appointments', named('View My Appointments'));
  await page.keyboard.press('Enter');
  await page.waitForURL(/portal\.html#appointments$/);
  await page.waitForFunction("document.documentElement.dataset.demo === 'ready'", null, { timeout: 60_000 });
  const when = chosen.name.replace(/^Start at /, '');
  const request = page.locator('appointment-status [part~="appointment"]', { hasText: when });
  await request.waitFor();
  assert.match(await request.locator('[part~="status"]').innerText(), /Unconfirmed/);

  // And on into it by keyboard: its Manage Appointment is reachable.
  const state = await tabTo(page, 'its Manage Appointment', (s) => s.name === 'Manage Appointment' && s.tag === 'button', 80);
  assert.ok(state.seen);
  await context.close();
});

test('manages an appointment in the portal Calendar tab with the keyboard alone', async () => {
  const context = await newVisitor(served.browser, patience);
  const page = await context.newPage();
  await openPage(page, '/portal.html#calendar');
  const calendar = page.locator('appointment-calendar');
  await calendar.locator('[part~="calendar"][aria-busy="false"]').waitFor();

  // Alex's Brief Check-in with Jordan Alvarez is on a Wednesday of the coming weeks.
  const checkIn = calendar.locator('[part~="appointment"]', { hasText: 'Brief Check-in' });
  for (let weeks = 0; weeks < 3 && !(await checkIn.count()); weeks++) {
    await tabTo(page, 'Next week', named('Next week'));
    await press(page, 'Enter', 'Next week');
    await page.waitForTimeout(300);
  }
  await checkIn.waitFor();
  await tabTo(page, 'the Brief Check-in', (state) => state.part === 'appointment' && state.name.includes('Brief Check-in'), 120);
  await press(page, 'Enter', 'the appointment');
  const details = calendar.locator('dialog[part~="details"][open]');
  await details.waitFor();

  await tabTo(page, 'Manage Appointment', named('Manage Appointment'));
  await press(page, 'Enter', 'Manage Appointment');
  await tabTo(page, 'Cancel appointment', named('Cancel appointment'));
  await press(page, 'Enter', 'Cancel appointment');
  await details.getByRole('heading', { name: 'Cancel this appointment?' }).waitFor();
  await tabTo(page, 'Yes, cancel appointment', named('Yes, cancel appointment'));
  await page.keyboard.press('Enter');
  await details.waitFor({ state: 'detached' });

  // Focus lands back on the appointment, now Cancelled, in view.
  await page.waitForFunction(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active?.getAttribute('part') === 'appointment' && active.textContent.includes('Cancelled');
  });
  const after = await focus(page);
  assert.equal(after.part, 'appointment');
  assert.ok(after.seen, `focus on the cancelled appointment ${after.why}`);
  assert.match(await calendar.locator('[part~="notice"]').first().innerText(), /is now Cancelled/);
  await context.close();
});
