// The README's picture of the form: the demo's Book online dialog at Availability, with a time
// chosen among greyed-out ones. Run `node scripts/screenshot.mjs` after changing how the form looks.
import { resolve } from 'node:path';
import { launchBrowser, startDemo } from '../test/e2e/support.mjs';

const output = resolve(import.meta.dirname, '../docs/images/self-schedule-form.png');

const demo = await startDemo();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({
    viewport: { width: 1100, height: 900 },
    deviceScaleFactor: 1,
    timezoneId: 'America/New_York',
    locale: 'en-US',
    colorScheme: 'light',
  });
  await page.goto(demo.url);
  await page.waitForFunction("customElements.get('self-schedule-form')", null, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Book online' }).click();
  const form = page.locator('self-schedule-form[modal]');
  await form.getByLabel('Provider').selectOption('dr-chen');
  await form.getByLabel('Location').selectOption('riverside');
  await form.getByLabel('Service').selectOption('individual-50');
  await form.getByRole('button', { name: 'Continue' }).click();
  const slots = form.locator('[part~="slot"]');
  await form.locator('[part~="calendar"]').waitFor({ timeout: 30_000 });
  // Late in a week there may be nothing left open in it: move on to a week with open times.
  for (let week = 0; week < 4 && !(await slots.count()); week++) {
    await form.getByRole('button', { name: 'Next week' }).click();
    await page.waitForTimeout(500);
  }
  await slots.first().waitFor({ timeout: 30_000 });
  // A mid-week afternoon reads better than the first slot of the week.
  await slots.nth(Math.min(6, (await slots.count()) - 1)).click();
  await form.locator('[part~="slot"][aria-pressed="true"]').waitFor();
  await page.waitForTimeout(300);
  await form.locator('dialog').screenshot({ path: output });
  console.log(`Wrote ${output}`);
} finally {
  await browser.close();
  await demo.stop();
}
