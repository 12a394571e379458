// Whole pages driven from Node: the demo served by Vite, in Debian's Chromium via playwright-core.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { chromeArgs, requireChrome } from '../../scripts/chrome.mjs';

/**
 * Starts the demo on a free local port; returns its URL and a stop function.
 * - `backend: 'mock'` (the default): `vite --mode mock`, the msw mock in a service worker over a
 *   practice kept in the browser, so each browser profile starts with a fresh demo practice.
 * - `backend: 'server'`: as `npm start`, the reference server inside Vite, its PGlite database in
 *   `dataDir` (which outlives the stop: start again on it to find the same practice).
 */
export async function startDemo({ backend = 'mock', dataDir } = {}) {
  if (backend !== 'mock' && backend !== 'server') throw new Error(`No demo backend "${backend}".`);
  if (backend === 'server' && !dataDir) throw new Error('The demo on the server needs a dataDir of its own.');
  // The plugin reads the folder while the server is created (vite.config.ts, demoServer).
  const previous = process.env.DEMO_DATA_DIR;
  if (dataDir) process.env.DEMO_DATA_DIR = dataDir;
  let server;
  try {
    server = await createServer({
      configFile: 'vite.config.ts',
      mode: backend === 'mock' ? 'mock' : 'development',
      logLevel: 'error',
      server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    });
  } finally {
    if (previous === undefined) delete process.env.DEMO_DATA_DIR;
    else process.env.DEMO_DATA_DIR = previous;
  }
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('The demo server did not report its address.');
  return { url, stop: () => server.close() };
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: requireChrome(),
    // playwright sets headless mode itself.
    args: chromeArgs.filter((arg) => !arg.startsWith('--headless')),
  });
}

/**
 * For the calling test file: `startServer()` (anything with a `stop()`) started and Chromium
 * launched before its tests, both closed after them. Read `server` and `browser` inside the tests.
 */
export function serverWithBrowser(startServer, { timeout } = {}) {
  const current = {};
  before(async () => {
    current.server = await startServer();
    current.browser = await launchBrowser();
  }, timeout === undefined ? undefined : { timeout });
  after(async () => {
    await current.browser?.close();
    await current.server?.stop();
  });
  return current;
}

/**
 * A browser profile of its own (its own localStorage, so a fresh practice on the mock) on a desktop in
 * New York, waiting up to `patience` ms for anything.
 */
export async function newVisitor(browser, patience) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    timezoneId: 'America/New_York',
    locale: 'en-US',
  });
  context.setDefaultTimeout(patience);
  return context;
}

/**
 * Opens `path` of the demo in `page` and waits until its API answers and the page has started.
 * Vite compiles and pre-bundles on first request, and other Vite servers in this checkout may
 * rewrite the shared pre-bundle cache meanwhile, which can strand a first load on an outdated
 * module: such a load is tried again (as a person would reload), and what went wrong is reported
 * if it never starts.
 */
export async function openDemoPage(page, demoUrl, path) {
  const url = new URL(path, demoUrl).href;
  const failedLoads = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failedLoads.push(`${response.status()} ${response.url()}`);
  });
  for (let attempt = 1; ; attempt++) {
    failedLoads.length = 0;
    await page.goto(url);
    const started = await page
      .waitForFunction("document.documentElement.dataset.demo === 'ready'", null, { timeout: 60_000 })
      .then(() => true, () => false);
    if (started) return;
    const failure = await page.locator('demo-bar [role="alert"]').innerText().catch(() => '');
    if (attempt === 3) {
      throw new Error(`${path} did not start: ${failure || 'no error shown'}; failed loads: ${failedLoads.join(', ') || 'none'}`);
    }
    console.warn(`${path} did not start (attempt ${attempt}): ${failure || 'no error shown'}; failed loads: ${failedLoads.join(', ') || 'none'}`);
  }
}

/** "9:00 AM" → "09:00:00", the grid's data-time for that row. */
export function rowTime(label) {
  const [, hour, minute, half] = /(\d+):(\d+)\s*(AM|PM)/.exec(label);
  return `${String((Number(hour) % 12) + (half === 'PM' ? 12 : 0)).padStart(2, '0')}:${minute}:00`;
}

/** "Start at Monday, December 7, 2026 at 9:00 AM EST" → "2026-12-07", the grid's data-date for that day. */
export function labelDate(label) {
  const [, month, day, year] = /, (\w+) (\d+), (\d{4}) at /.exec(label);
  const monthNumber = new Date(`${month} 1, 2000`).getMonth() + 1;
  return `${year}-${String(monthNumber).padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** The widest of the boxes `locator` matches: a grid row rather than its axis label. */
export async function widest(locator) {
  let best;
  for (const candidate of await locator.all()) {
    const box = await candidate.boundingBox();
    if (box && (!best || box.width > best.width)) best = box;
  }
  return best;
}

/**
 * Chooses the open time of start-time button `slot` on the grid itself (its day's column, its
 * time's row), with a click or a double click, and waits until the form shows that time chosen.
 * FullCalendar's class names are hashed, so the grid is found by its roles and data attributes.
 * Resolves with the chosen button's label.
 */
export async function chooseOnGrid(page, form, slot, { double = false } = {}) {
  const label = await slot.getAttribute('aria-label');
  assert.ok(label, 'an open start time');
  const header = form.locator(`[role="columnheader"][data-date="${labelDate(label)}"]`);
  // The list can come before the lazily loaded grid has drawn its columns.
  await header.waitFor();
  const rows = form.locator(`[data-time="${rowTime(await slot.innerText())}"]`);
  await rows.last().scrollIntoViewIfNeeded();
  const row = await widest(rows);
  const column = await header.boundingBox();
  assert.ok(row && column, `the row and the column of "${label}" are on screen`);
  const point = [column.x + column.width / 2, row.y + row.height / 2];
  await (double ? page.mouse.dblclick(...point) : page.mouse.click(...point));
  const chosen = form.locator('[part~="slot"][aria-pressed="true"]');
  await chosen.waitFor({ timeout: 5000 });
  assert.equal(await chosen.getAttribute('aria-label'), label, 'the grid chose that time');
  return label;
}

/** The demo's staff password (demo/therapist.html shows it). */
export const demoStaffPassword = 'riverside-demo';

/**
 * On the demo's Therapist page: signs in as staff through `<appointment-requests>`' own sign-in
 * form, as a person would, and waits until the page says who is signed in.
 */
export async function signInAsStaff(page, email = 'frontdesk@riverside-counseling.example', name = 'Front desk') {
  const requests = page.locator('appointment-requests');
  await requests.getByLabel('E-mail').fill(email);
  await requests.getByLabel('Password').fill(demoStaffPassword);
  await requests.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#signed-in-as').getByText(`Signed in as ${name}.`).waitFor();
}

/** A waiting request in `<appointment-requests>`: the client's, for the service. */
export function requestFor(page, client, service) {
  return page.locator('appointment-requests [part~="request"]').filter({ hasText: client }).filter({ hasText: service });
}
