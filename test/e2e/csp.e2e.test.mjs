// The script-tag build on a page served with a strict Content-Security-Policy (no 'unsafe-inline',
// no 'unsafe-eval', Trusted Types enforced), against the mock API in Node on the same origin.
// One real visit (book a request on the grid, list, cancel, the calendar's week, month, day and
// list views, an appointment's details) is recorded in `before`; each test then checks one
// promise of SECURITY.md against the recording: no CSP violation, no error, no request to another
// origin, only ids and instants in query strings, no personal data in URLs, console, title or
// storage.
//
// The bundle is built afresh into a temporary folder (it takes seconds), so the test always
// checks the current source and never touches dist/.
import assert from 'node:assert/strict';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildScriptTag } from '../../scripts/build-script-tag.mjs';
import { startMockServer } from '../../scripts/mock-server.mjs';
import { chooseOnGrid, launchBrowser } from './support.mjs';


/**
 * The policy a careful practice or portal would send: everything from its own origin, nothing
 * inline, no eval; and Trusted Types enforced, with only Lit's own policy (`lit-html`, which
 * hands Lit's template strings to the parser, never data) allowed to create one.
 */
export const strictPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

const zone = 'America/New_York';
/** A note a therapist wrote when declining: the practice's, never the page's. */
const declineNote = 'Declined: Taylor mentioned panic attacks at work; please call 555-0142.';

let cdn;
let server;
let browser;
/** What the visit left behind. */
const seen = {
  violations: [],
  console: [],
  pageErrors: [],
  requests: [],
  titleBefore: '',
  titleAfter: '',
  storage: undefined,
  /** Strings that are someone's personal data or the practice's free text. */
  personal: [],
  /** The ids the practice knows, the only values an id parameter may carry. */
  ids: new Set(),
};

before(async () => {
  ({ dir: cdn } = await buildScriptTag());
  server = await startMockServer({
    mounts: { '/': 'test/e2e/pages/csp', '/cdn/': cdn },
    headers: { 'Content-Security-Policy': strictPolicy },
  });
  const practice = server.api.practice;
  practice.decline('seed-5', declineNote);
  const data = practice.toJSON();
  seen.personal = [
    declineNote,
    ...data.clients.flatMap((client) => [client.name, client.email]),
    ...data.providers.map((provider) => provider.name),
    ...data.locations.flatMap((location) => [location.name, location.address ?? '']),
    ...data.services.map((service) => service.name),
  ].filter(Boolean);
  for (const item of [...data.providers, ...data.locations, ...data.services, ...data.appointments]) seen.ids.add(item.id);

  browser = await launchBrowser();
  await visit();
}, { timeout: 240_000 });

after(async () => {
  await browser?.close();
  await server?.close();
  if (cdn) await rm(cdn, { recursive: true, force: true });
});

async function visit() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1400 }, timezoneId: zone, locale: 'en-US' });
  // The portal's session, as a cookie on the API's (and page's) origin.
  await context.addCookies([{ name: 'demo-client', value: 'client-alex', url: server.url }]);
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        sample: event.sample,
        source: `${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`,
      });
    });
  });
  page.on('console', (message) => seen.console.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => seen.pageErrors.push(String(error)));
  page.on('request', (request) => seen.requests.push({ method: request.method(), url: request.url() }));

  await page.goto(server.url);
  seen.titleBefore = await page.title();
  await page.waitForFunction(
    () => ['self-schedule-form', 'appointment-status', 'appointment-calendar'].every((name) => customElements.get(name)),
    null,
    { timeout: 30_000 },
  );

  // ---- book a request on the grid --------------------------------------------------------
  await page.getByRole('button', { name: 'Book online' }).click();
  const form = page.locator('self-schedule-form');
  await form.getByLabel('Provider').selectOption('dr-chen');
  await form.getByLabel('Location').selectOption('riverside');
  await form.getByLabel('Service').selectOption('individual-50');
  // A wide page shows the times beside the choices: no Continue to press.
  const slots = form.locator('[part~="slot"]');
  for (let week = 0; week < 4 && !(await slots.count()); week++) {
    await page.waitForTimeout(1500);
    if (!(await slots.count())) await form.getByRole('button', { name: 'Next week' }).click();
  }
  await slots.first().waitFor({ timeout: 15_000 });
  await chooseOnGrid(page, form, slots.first());
  await form.getByRole('button', { name: 'Save' }).click();
  await form.getByRole('heading', { name: 'Review your appointment request' }).waitFor({ timeout: 10_000 });
  await form.getByRole('button', { name: 'Submit New Appointment' }).click();
  await form.getByRole('heading', { name: 'Appointment request sent' }).waitFor({ timeout: 10_000 });
  await form.getByRole('button', { name: 'Close' }).click();

  // ---- the Appointments list: past ones, and a cancellation ------------------------------------
  const status = page.locator('appointment-status');
  const upcoming = status.locator('[part~="appointment"]');
  await upcoming.first().waitFor({ timeout: 15_000 });
  await status.getByRole('button', { name: 'Show past appointments' }).click();
  // The first one still open to changes (the practice is dated from today, so which one varies).
  const manageable = upcoming.filter({ has: page.getByRole('button', { name: 'Manage Appointment' }) }).first();
  const id = await manageable.getAttribute('data-id');
  const item = status.locator(`[part~="appointment"][data-id="${id}"]`);
  await item.getByRole('button', { name: 'Manage Appointment' }).click();
  await item.getByRole('button', { name: 'Cancel appointment' }).click();
  await status.getByRole('button', { name: 'Yes, cancel appointment' }).click();
  await item.locator('[part~="status"]', { hasText: 'Cancelled' }).waitFor({ timeout: 10_000 });

  // ---- the Calendar: week, details, month, day, and the list a phone gets ---------------------
  const calendar = page.locator('appointment-calendar');
  const listed = calendar.locator('[part~="list"] [part~="appointment"]');
  await calendar.locator('#calendar [role="grid"], #calendar table').first().waitFor({ timeout: 20_000 });
  // On to the first week with appointments in it (this week's or one of the next).
  for (let week = 0; week < 4 && !(await listed.count()); week++) {
    await page.waitForTimeout(1000);
    if (!(await listed.count())) await calendar.getByRole('button', { name: 'Next week' }).click();
  }
  await calendar.locator('#calendar [data-appointment-id]').first().waitFor({ timeout: 20_000 });
  await calendar.locator('[part~="list"] [part~="appointment"]').first().click();
  const details = calendar.locator('dialog[part~="details"]');
  await details.getByRole('button', { name: 'Close' }).click();
  await calendar.getByRole('button', { name: 'Month', exact: true }).click();
  await calendar.locator('#calendar [data-appointment-id]').first().waitFor({ timeout: 10_000 });
  await calendar.getByRole('button', { name: 'Day', exact: true }).click();
  await calendar.getByRole('button', { name: 'Week', exact: true }).click();
  await calendar.locator('#calendar [data-appointment-id]').first().waitFor({ timeout: 10_000 });
  await page.setViewportSize({ width: 480, height: 1400 });
  await calendar.locator('#calendar [data-appointment-id]').first().waitFor({ timeout: 10_000 });
  // Whatever is still on its way (a poll, a late layout) gets its chance to misbehave.
  await page.waitForTimeout(1000);

  seen.violations = await page.evaluate(() => window.__violations);
  seen.titleAfter = await page.title();
  seen.storage = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    cookie: document.cookie,
    databases: (await indexedDB.databases()).map((database) => database.name),
  }));
  await context.close();
}

test('the strict-CSP page reports no securitypolicyviolation through booking, list, cancel and calendar', () => {
  assert.deepEqual(seen.violations, []);
});

test('the visit logs no error or warning and throws nothing', () => {
  assert.deepEqual(seen.pageErrors, []);
  assert.deepEqual(seen.console.filter((message) => message.type === 'error' || message.type === 'warning'), []);
});

test('every request goes to the page origin: the widget calls no third party', () => {
  const origin = new URL(server.url).origin;
  assert.ok(seen.requests.some((request) => request.url.includes('/api/appointments')), 'the visit reached the API');
  // The policy stops a request to another origin before it is made, so attempts are read from
  // the violations as well as from the requests made.
  const attempts = [...seen.requests.map((request) => request.url), ...seen.violations.map((violation) => violation.blocked)];
  assert.deepEqual(attempts.filter((url) => /^[a-z][\w+.-]*:\/\//i.test(url) && new URL(url).origin !== origin), []);
});

const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const idParameters = new Set(['provider', 'location', 'service']);
const instantParameters = new Set(['start', 'end']);
const apiPaths = [
  /^\/api\/providers$/,
  /^\/api\/providers\/([^/]+)\/locations$/,
  /^\/api\/providers\/([^/]+)\/locations\/([^/]+)\/services$/,
  /^\/api\/availability$/,
  /^\/api\/appointments$/,
  /^\/api\/appointments\/validate$/,
  /^\/api\/appointments\/([^/]+)$/,
  /^\/api\/appointments\/([^/]+)\/cancel$/,
];

test('API URLs carry only opaque ids in paths, and only ids and ISO instants in query strings', () => {
  const api = seen.requests.map((request) => new URL(request.url)).filter((url) => url.pathname.startsWith('/api/'));
  assert.ok(api.some((url) => url.pathname === '/api/availability'), 'availability was asked for');
  const problems = [];
  for (const url of api) {
    const match = apiPaths.map((pattern) => pattern.exec(url.pathname)).find(Boolean);
    if (!match) problems.push(`unknown path ${url.pathname}`);
    for (const segment of match?.slice(1) ?? []) {
      // A new request's id is the server's; the seeded ones are known.
      if (!seen.ids.has(decodeURIComponent(segment)) && !/^[\w-]+$/.test(segment)) problems.push(`id ${segment} in ${url}`);
    }
    for (const [name, value] of url.searchParams) {
      if (idParameters.has(name) ? !seen.ids.has(value) : !instantParameters.has(name) || !instant.test(value)) {
        problems.push(`${name}=${value} in ${url}`);
      }
    }
  }
  const others = seen.requests.map((request) => new URL(request.url)).filter((url) => !url.pathname.startsWith('/api/'));
  for (const url of others) if (url.search) problems.push(`query string on ${url}`);
  assert.deepEqual(problems, []);
});

test('no personal data or free text in any URL, console message or the page title', () => {
  const lower = (text) => text.toLowerCase();
  const found = (text) => seen.personal.filter((secret) => lower(text).includes(lower(secret)));
  const inUrls = seen.requests.flatMap((request) => found(decodeURIComponent(request.url)).map((secret) => `${secret} in ${request.url}`));
  const inConsole = seen.console.flatMap((message) => found(message.text).map((secret) => `${secret} in console: ${message.text}`));
  assert.deepEqual([...inUrls, ...inConsole], []);
  assert.equal(seen.titleAfter, seen.titleBefore, 'the elements leave document.title alone');
});

test('the elements store nothing in the browser: no storage, cookie or database of their own', () => {
  assert.deepEqual(seen.storage, { local: 0, session: 0, cookie: 'demo-client=client-alex', databases: [] });
});

test('the script-tag bundle contains no eval and no Function constructor', async () => {
  const files = (await readdir(cdn, { recursive: true })).filter((file) => file.endsWith('.js'));
  assert.ok(files.length > 3, 'the bundle has its chunks');
  const problems = [];
  for (const file of files) {
    const code = await readFile(join(cdn, file), 'utf8');
    for (const pattern of [/\beval\s*\(/, /\bnew\s+Function\s*\(/, /\bFunction\s*\(\s*["'`]/, /\bset(Timeout|Interval)\s*\(\s*["'`]/]) {
      const match = pattern.exec(code);
      if (match) problems.push(`${file}: …${code.slice(Math.max(0, match.index - 60), match.index + 60)}…`);
    }
  }
  assert.deepEqual(problems, []);
});
