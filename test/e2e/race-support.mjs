// What race.e2e.test.mjs and offline.e2e.test.mjs share: the script-tag build, built afresh into a
// temporary folder (so the test checks the current source and never races another test reading
// dist/), served with test/e2e/pages/race.html and the mock API by one Node server, so that every
// browser context books against the same practice. A context signs in with the mock's
// `demo-client` cookie.
import { rm } from 'node:fs/promises';
import { buildScriptTag } from '../../scripts/build-script-tag.mjs';
import { startMockServer } from '../../scripts/mock-server.mjs';


/** Builds the bundle and starts the server; `stop()` ends both. */
export async function startRacePage() {
  const { dir: bundleDir } = await buildScriptTag();
  try {
    const server = await startMockServer({ mounts: { '/': 'test/e2e/pages', '/cdn/': bundleDir } });
    return {
      url: new URL('race.html', server.url).href,
      origin: server.url,
      practice: server.api.practice,
      stop: async () => {
        await server.close();
        await rm(bundleDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(bundleDir, { recursive: true, force: true });
    throw error;
  }
}

/** A browser context signed in as `clientId`, in New York, with the race page open. */
export async function openAs(browser, race, clientId) {
  const context = await browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US', viewport: { width: 1200, height: 900 } });
  await context.addCookies([{ name: 'demo-client', value: clientId, url: race.origin }]);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error));
  await page.goto(race.url);
  await page.waitForFunction("customElements.get('self-schedule-form')", null, { timeout: 30_000 });
  return { clientId, context, page, form: page.locator('self-schedule-form'), problems };
}

/** Chooses Dr. Chen, Riverside, Individual Therapy and continues to a week with open start times. */
export async function toOpenTimes(form) {
  await form.getByLabel('Provider').selectOption('dr-chen');
  await form.getByLabel('Location').selectOption('riverside');
  await form.getByLabel('Service').selectOption('individual-50');
  // A wide page shows the times beside the choices: no Continue to press.
  const slots = form.locator('[part~="slot"]');
  // Late in a week nothing may be left in it: move on, as a client would, to a week with times.
  for (let week = 0; week < 4; week++) {
    await form.locator('.availability[aria-busy="false"]').waitFor({ timeout: 30_000 });
    if (await slots.count()) return slots;
    await form.getByRole('button', { name: 'Next week' }).click();
  }
  throw new Error('No open times in four weeks.');
}

/** Dr. Chen, Riverside, Individual Therapy: the choices the races book with. */
export const chenChoices = ['dr-chen', 'riverside', 'individual-50'];

/** The three choices as the form's selects hold them (kept in view over the times on a wide page). */
export async function choicesOf(form) {
  return Promise.all(['Provider', 'Location', 'Service'].map((label) => form.getByLabel(label, { exact: true }).inputValue()));
}
