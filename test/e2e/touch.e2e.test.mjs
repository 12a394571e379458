import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rowTime, serverWithBrowser, startDemo } from './support.mjs';

const served = serverWithBrowser(startDemo);

test('a single tap on an open time selects it on a touch screen, with no long press', async () => {
  const context = await served.browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    timezoneId: 'America/New_York',
    locale: 'en-US',
  });
  const page = await context.newPage();
  await page.goto(served.server.url);
  // The demo defines the elements once its mock API is running.
  await page.waitForFunction("customElements.get('self-schedule-form')", null, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Book online' }).tap();
  const form = page.locator('self-schedule-form[modal]');
  await form.getByLabel('Provider').selectOption('dr-chen');
  await form.getByLabel('Location').selectOption('riverside');
  await form.getByLabel('Service').selectOption('individual-50');
  await form.getByRole('button', { name: 'Continue' }).tap();
  // A phone shows one day at a time: move on to the first day with open times.
  const slots = form.locator('[part~="slot"]');
  for (let day = 0; day < 10 && !(await slots.count()); day++) {
    await form.getByRole('button', { name: 'Next day' }).tap();
    await page.waitForTimeout(300);
  }
  const first = slots.first();
  const label = await first.getAttribute('aria-label');
  const rows = form.locator(`[data-time="${rowTime(await first.innerText())}"]`);
  // Each time has an axis label and a row across the day; the row is the wider one.
  let row;
  for (const candidate of await rows.all()) {
    const box = await candidate.boundingBox();
    if (box && (!row || box.width > row.width)) row = box;
  }
  assert.ok(row, 'the row of the first open time is on screen');
  await page.touchscreen.tap(row.x + row.width * 0.75, row.y + row.height / 2);
  await assert.doesNotReject(() => form.locator('[part~="slot"][aria-pressed="true"]').waitFor({ timeout: 3000 }));
  assert.equal(await form.locator('[part~="slot"][aria-pressed="true"]').getAttribute('aria-label'), label);
  await context.close();
});
