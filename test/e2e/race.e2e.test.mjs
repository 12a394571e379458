// Two clients racing for one slot: two browser contexts (Alex and Taylor, each with their own
// session cookie) on the script-tag page, against one mock practice served from Node. Both choose
// the same start time, both Save, both Submit at once: exactly one appointment is made; the other
// client is told the time was just taken, at Availability with the times fetched afresh (that
// time no longer offered), and with provider, location and service still chosen.
//
// The bundle is built afresh by race-support.mjs (Vite's API, a few seconds) into a temporary folder.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverWithBrowser } from './support.mjs';
import { chenChoices, choicesOf, openAs, startRacePage, toOpenTimes } from './race-support.mjs';

const served = serverWithBrowser(startRacePage, { timeout: 120_000 });

/** YYYY-MM-DD and HH:MM:00 of `iso` in New York: the grid's data-date and data-time. */
function gridCell(iso) {
  const zone = { timeZone: 'America/New_York' };
  const date = new Intl.DateTimeFormat('en-CA', { ...zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
  const time = new Intl.DateTimeFormat('en-GB', { ...zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
  return { date, time: `${time}:00` };
}

/** The grid cell of a start-time label ("Start at Monday, December 7, 2026 at 9:00 AM EST"). */
function cellOfLabel(label) {
  const [, month, day, year, hour, minute, half] = /(\w+) (\d+), (\d{4}) at (\d+):(\d+)\s*(AM|PM)/.exec(label);
  const monthNumber = new Date(`${month} 1, 2000`).getMonth() + 1;
  return {
    date: `${year}-${String(monthNumber).padStart(2, '0')}-${day.padStart(2, '0')}`,
    time: `${String((Number(hour) % 12) + (half === 'PM' ? 12 : 0)).padStart(2, '0')}:${minute}:00`,
  };
}

/** Whether a greyed-out block of the form's grid covers the middle of that slot (as test/support/grid-helpers.ts). */
async function greyedOut(form, cell) {
  // FullCalendar arrives on demand: wait for its column and its greyed-out blocks.
  await form.locator(`[role="columnheader"][data-date="${cell.date}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  await form.locator('.unavailable').first().waitFor({ state: 'attached', timeout: 30_000 });
  return form.evaluate((element, { date, time }) => {
    const root = element.shadowRoot;
    const header = root.querySelector(`[role="columnheader"][data-date="${date}"]`);
    const rows = [...root.querySelectorAll(`[data-time="${time}"]`)];
    if (!header || !rows.length) throw new Error(`no grid cell at ${date} ${time}`);
    const row = rows.reduce((a, b) => (b.getBoundingClientRect().width > a.getBoundingClientRect().width ? b : a));
    const h = header.getBoundingClientRect();
    const r = row.getBoundingClientRect();
    const x = h.left + h.width / 2;
    const y = r.top + r.height / 2;
    return [...root.querySelectorAll('.unavailable')].some((block) => {
      const box = block.getBoundingClientRect();
      return box.left <= x && x <= box.right && box.top <= y && y <= box.bottom;
    });
  }, cell);
}

const holding = (appointment) => appointment.status === 'unconfirmed' || appointment.status === 'confirmed';

test('two clients submitting the same time: one appointment, and the other is told, with fresh times and its choices kept', { timeout: 180_000 }, async () => {
  const { server: race, browser } = served;
  const alex = await openAs(browser, race, 'client-alex');
  const taylor = await openAs(browser, race, 'client-taylor');
  try {
    const clients = [alex, taylor];
    const [alexSlots, taylorSlots] = await Promise.all(clients.map(({ form }) => toOpenTimes(form)));
    const label = await alexSlots.first().getAttribute('aria-label');
    const taylorsSame = taylorSlots.and(taylor.form.locator(`[aria-label="${label}"]`));
    assert.equal(await taylorsSame.count(), 1, `Taylor is offered ${label} too`);

    const cell = cellOfLabel(label);
    for (const { form } of clients) assert.equal(await greyedOut(form, cell), false, 'the time is open on both grids');
    await alexSlots.first().click();
    await taylorsSame.click();
    for (const { form } of clients) {
      await form.getByRole('button', { name: 'Save' }).click();
      await form.getByRole('heading', { name: 'Review your appointment request' }).waitFor({ timeout: 30_000 });
    }
    const before = new Set(race.practice.allAppointments().map((a) => a.id));
    const madeSince = () => race.practice.allAppointments().filter((a) => !before.has(a.id));

    // Both at once.
    await Promise.all(clients.map(({ form }) => form.getByRole('button', { name: 'Submit New Appointment' }).click()));
    const outcome = async ({ form }) => {
      const done = form.getByRole('heading', { name: 'Appointment request sent' });
      const taken = form.getByRole('alert').filter({ hasText: 'That time was just taken by someone else' });
      await done.or(taken).first().waitFor({ timeout: 30_000 });
      return (await done.count()) ? 'booked' : 'taken';
    };
    const outcomes = await Promise.all(clients.map(outcome));
    assert.deepEqual([...outcomes].sort(), ['booked', 'taken'], `one wins, one is told: ${outcomes}`);

    // On the server: exactly one appointment at that time for Dr. Chen.
    const made = madeSince();
    assert.equal(made.length, 1, 'one appointment made');
    const [appointment] = made;
    const atThatTime = race.practice
      .allAppointments()
      .filter((a) => holding(a) && a.provider.id === 'dr-chen' && a.start === appointment.start);
    assert.equal(atThatTime.length, 1);
    assert.deepEqual(gridCell(appointment.start), cell, 'the appointment is at the time both chose');
    const winner = clients[outcomes.indexOf('booked')];
    const loser = clients[outcomes.indexOf('taken')];
    assert.equal(appointment.client.id, winner.clientId);

    // The other client: back at Availability, the times fetched afresh without the taken one,
    // nothing chosen, and the other choices kept.
    const { form } = loser;
    await form.getByRole('heading', { name: 'Availability' }).waitFor();
    await form.locator('.availability[aria-busy="false"]').waitFor({ timeout: 30_000 });
    await form.locator('[part~="slot"]').first().waitFor({ timeout: 30_000 });
    assert.equal(await form.locator(`[part~="slot"][aria-label="${label}"]`).count(), 0, `${label} is no longer offered`);
    assert.deepEqual(await choicesOf(form), chenChoices);
    assert.match(await form.locator('p', { hasText: 'Selected time:' }).innerText(), /No time selected yet/);
    assert.equal(await greyedOut(form, cell), true, 'the grid greys the taken time out');
    const availabilityCalls = await loser.page.evaluate(() =>
      performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/api/availability')).length,
    );
    assert.ok(availabilityCalls >= 2, 'availability was asked for again after the conflict');

    // The other client can carry on and book another time.
    await form.locator('[part~="slot"]').first().click();
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('button', { name: 'Submit New Appointment' }).click();
    await form.getByRole('heading', { name: 'Appointment request sent' }).waitFor({ timeout: 30_000 });
    assert.equal(madeSince().length, 2);
    assert.equal(madeSince().filter((a) => a.client.id === loser.clientId).length, 1, 'the other client booked another time');

    for (const { problems } of clients) assert.deepEqual(problems, [], 'no uncaught errors in either page');
  } finally {
    await alex.context.close();
    await taylor.context.close();
  }
});
