// Offline and back, in a real browser: the script-tag page (test/e2e/pages/race.html, the form and
// the Appointments tab) against the mock API served from Node, with playwright's offline emulation,
// so every request really fails and the browser fires its own `offline` and `online` events.
// Offline, both elements say so plainly and keep what the client chose; back online they carry on
// by themselves: the form fetches the times again, the Appointments tab refreshes (showing a
// confirmation made meanwhile), and the client books.
//
// The bundle is built afresh by race-support.mjs (Vite's API, a few seconds) into a temporary folder.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverWithBrowser } from './support.mjs';
import { chenChoices, choicesOf, openAs, startRacePage, toOpenTimes } from './race-support.mjs';

const served = serverWithBrowser(startRacePage, { timeout: 120_000 });

test('offline: a clear message and every choice kept; back online: it carries on by itself, and the client books', { timeout: 180_000 }, async () => {
  const { server: race, browser } = served;
  const alex = await openAs(browser, race, 'client-alex');
  const { context, page, form } = alex;
  const status = page.locator('appointment-status');
  try {
    // The Appointments tab has its list; Alex's telehealth check-in waits for confirmation.
    const seed2 = status.locator('[part~="appointment"][data-id="seed-2"] [part~="status"]');
    await seed2.waitFor({ timeout: 30_000 });
    assert.equal((await seed2.innerText()).trim(), 'Unconfirmed');

    const slots = await toOpenTimes(form);
    const label = await slots.first().getAttribute('aria-label');
    await slots.first().click();
    const selected = form.locator('p', { hasText: 'Selected time:' });
    const chosen = (await selected.innerText()).replace(/\s+/g, ' ');
    assert.match(chosen, /Selected time: \w/);
    assert.doesNotMatch(chosen, /No time selected/);

    await context.setOffline(true);
    const formOffline = form.getByRole('alert').filter({ hasText: 'You are offline' });
    const statusOffline = status.getByRole('alert').filter({ hasText: 'You are offline' });
    await formOffline.waitFor({ timeout: 10_000 });
    await statusOffline.waitFor({ timeout: 10_000 });

    // Meanwhile: the client looks at the next week (which cannot load), and the therapist confirms.
    await form.getByRole('button', { name: 'Next week' }).click();
    await form.getByRole('alert').filter({ hasText: 'Could not reach the server' }).waitFor({ timeout: 30_000 });
    assert.deepEqual(await choicesOf(form), chenChoices);
    assert.equal((await selected.innerText()).replace(/\s+/g, ' '), chosen);
    race.practice.confirm('seed-2');

    await context.setOffline(false);
    // Nobody presses Try again: both carry on by themselves.
    await formOffline.waitFor({ state: 'detached', timeout: 30_000 });
    await statusOffline.waitFor({ state: 'detached', timeout: 30_000 });
    await form.locator('[part~="slot"]').first().waitFor({ timeout: 30_000 });
    assert.equal(await form.getByRole('alert').filter({ hasText: 'Could not reach the server' }).count(), 0);
    await status.locator('[part~="appointment"][data-id="seed-2"] [part~="status"]', { hasText: 'Confirmed' }).waitFor({ timeout: 30_000 });
    assert.deepEqual(await choicesOf(form), chenChoices);
    assert.equal((await selected.innerText()).replace(/\s+/g, ' '), chosen);

    // And books the time chosen before going offline.
    await form.getByRole('button', { name: 'Previous week' }).click();
    await form.locator(`[part~="slot"][aria-label="${label}"][aria-pressed="true"]`).waitFor({ timeout: 30_000 });
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('button', { name: 'Submit New Appointment' }).click();
    await form.getByRole('heading', { name: 'Appointment request sent' }).waitFor({ timeout: 30_000 });
    const mine = race.practice.appointmentsOf('client-alex').filter((a) => a.status === 'unconfirmed');
    assert.equal(mine.length, 1, 'the new request (seed-2 is confirmed now)');
    assert.deepEqual(alex.problems, [], 'no uncaught errors');
  } finally {
    await context.close();
  }
});
