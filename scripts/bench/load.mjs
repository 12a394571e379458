// Load in headless Chromium: a practice's page with the built script tag and a New Appointment
// button, on a desktop and on a simulated phone. Each run is a fresh browser context (a cold
// cache), served by scripts/mock-server.mjs with the mock API at /api.
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../../test/e2e/support.mjs';
import { loadMockModules, startMockServer } from '../mock-server.mjs';
import { summarize } from './stats.mjs';

const timeZone = 'America/New_York';
const booked = 200;

/**
 * The demo practice, plus a week (Sunday to Saturday in New York, the week after next) in which
 * Dr. Chen works 07:00–21:00 every day and has 200 fifteen-minute bookings, 25 minutes apart from
 * 07:00: the grid greys out each of them. The evenings stay open, so the week has times to offer.
 */
async function benchPractice(scheduling) {
  const { addDays, formatPlainDate, fromWallClock, startOfWeek, toPlainDate } = scheduling;
  const modules = await loadMockModules();
  try {
    const now = Date.now();
    const data = modules.createDemoPractice(now);
    const firstDay = addDays(startOfWeek(toPlainDate(now, timeZone), 7), 14);
    const days = Array.from({ length: 7 }, (_, i) => addDays(firstDay, i));
    const at = (date, minutes) => fromWallClock({ ...date, hour: Math.floor(minutes / 60), minute: minutes % 60 }, timeZone);
    const schedule = data.schedules.find((s) => s.providerId === 'dr-chen' && s.locationId === 'riverside');
    schedule.weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '07:00', end: '21:00' }));
    schedule.breaks = [];
    schedule.daysOff = [];
    const created = new Date(now - 86_400_000).toISOString();
    const perDay = days.map(() => 0);
    for (let i = 0; i < booked; i++) {
      perDay[i % 7]++;
      const start = at(days[i % 7], 7 * 60 + Math.floor(i / 7) * 25);
      data.appointments.push({
        id: `bench-${i}`,
        clientId: 'client-taylor',
        providerId: 'dr-chen',
        locationId: 'riverside',
        serviceId: 'individual-50',
        start: new Date(start).toISOString(),
        end: new Date(start + 15 * 60_000).toISOString(),
        status: 'confirmed',
        createdAt: created,
        updatedAt: created,
      });
    }
    // Monday 19:00, after that day's last booking: the time the page's link suggests.
    const monday = days[1];
    return {
      data,
      start: new Date(at(monday, 19 * 60)).toISOString(),
      weekDates: days.map(formatPlainDate),
      mondayDate: formatPlainDate(monday),
      bookedOnMonday: perDay[1],
    };
  } finally {
    await modules.close();
  }
}

function hostPage(start) {
  return `<!doctype html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Riverside Counseling: book online</title>
<script>
  // Registered before anything loads, so no long task or layout shift escapes them.
  window.bench = { longTasks: [], shifts: [] };
  // Chromium reports a node inside a shadow root as null; on this page the widget holds the only
  // shadow roots, so such a source is the widget's.
  const inWidget = (node) => {
    if (!node) return true;
    for (let n = node; n; n = n.parentNode || n.host) if (n.localName === 'self-schedule-form') return true;
    return false;
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      bench.shifts.push({
        time: e.startTime,
        value: e.value,
        hadRecentInput: e.hadRecentInput,
        inWidget: e.sources.some((s) => inWidget(s.node)),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  customElements.whenDefined('self-schedule-form').then(() => { bench.defined = performance.now(); });
</script>
<script type="module" src="/cdn/self-schedule.js"></script>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem; }
</style>
</head>
<body>
<header><h1>Riverside Counseling</h1><p>Individual, couples and family therapy in Hudson, NY.</p></header>
<main>
  <h2>Book online</h2>
  <p>Choose a time that suits you; your therapist confirms it within one working day.</p>
  <button id="book" type="button">New Appointment</button>
  <self-schedule-form modal api-base="/api" time-zone="${timeZone}"
    provider="dr-chen" location="riverside" service="individual-50" start="${start}"></self-schedule-form>
  <h2>Our practice</h2>
  <p>Content under the widget: anything the widget pushes around moves this, and is counted.</p>
  <p>1200 River Road, Suite 300, Hudson, NY 12534.</p>
</main>
<script type="module">
  const form = document.querySelector('self-schedule-form');
  document.querySelector('#book').addEventListener('click', () => form.show());
</script>
</body>
</html>`;
}

/**
 * The site as a CDN serves it: every file stored gzip-compressed and sent with
 * Content-Encoding (the mock server adds headers to every static response).
 */
async function writeSite(cdnDir, start) {
  const site = await mkdtemp(join(tmpdir(), 'bench-site-'));
  await cp(cdnDir, join(site, 'cdn'), { recursive: true });
  await writeFile(join(site, 'index.html'), hostPage(start));
  for (const entry of await readdir(site, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath ?? entry.path, entry.name);
    await writeFile(path, gzipSync(await readFile(path)));
  }
  return site;
}

export const profiles = {
  desktop: { label: 'desktop', context: { viewport: { width: 1280, height: 900 } } },
  mobile: {
    label: 'mobile (4× CPU slowdown, 150 ms round trip, 1.6 Mbps down / 750 Kbps up)',
    context: { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true },
    cpu: 4,
    network: { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8) },
  },
};

/** Waits until no request has been in flight for `quietMs`. */
function quiet(page, quietMs = 500, timeoutMs = 30_000) {
  let inFlight = 0;
  let timer;
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error('the page never went quiet')), timeoutMs);
    const settle = () => {
      clearTimeout(timer);
      if (inFlight === 0) {
        timer = setTimeout(() => {
          clearTimeout(deadline);
          resolve();
        }, quietMs);
      }
    };
    page.on('request', () => {
      inFlight++;
      clearTimeout(timer);
    });
    const done = () => {
      inFlight = Math.max(0, inFlight - 1);
      settle();
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    settle();
  });
}

async function runOnce(browser, url, profile, expect) {
  const context = await browser.newContext({ ...profile.context, timezoneId: timeZone, locale: 'en-US' });
  await context.addCookies([{ name: 'demo-client', value: 'client-alex', url }]);
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (profile.cpu) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
    if (profile.network) await cdp.send('Network.emulateNetworkConditions', profile.network);
    const settled = quiet(page);
    await page.goto(url, { timeout: 60_000 });
    await page.waitForFunction(() => window.bench.defined !== undefined, null, { timeout: 60_000 });
    await settled;
    const beforeClick = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));

    // The clock starts in the button's own click listener; a frame loop then watches for the
    // greyed-out blocks and stamps the task after the frame that drew them, i.e. after paint.
    await page.evaluate(
      ({ expected }) => {
        const form = document.querySelector('self-schedule-form');
        document.querySelector('#book').addEventListener(
          'click',
          () => {
            window.bench.clicked = performance.now();
            const channel = new MessageChannel();
            channel.port1.onmessage = () => {
              window.bench.painted = performance.now();
            };
            const watch = () => {
              const root = form.shadowRoot;
              const drawn = root?.querySelectorAll('.unavailable').length ?? 0;
              const busy = root?.querySelector('.availability')?.getAttribute('aria-busy');
              if (drawn >= expected && busy === 'false') channel.port2.postMessage(0);
              else requestAnimationFrame(watch);
            };
            requestAnimationFrame(watch);
          },
          { capture: true },
        );
      },
      { expected: expect.booked },
    );
    if (profile.context.hasTouch) await page.locator('#book').tap();
    else await page.locator('#book').click();
    await page.waitForFunction(() => window.bench.painted !== undefined, null, { timeout: 60_000 });
    // Layout shifts are reported after the frame: give the last ones time to arrive.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));

    return await page.evaluate(
      ({ beforeClick, expect }) => {
        const { bench } = window;
        const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/cdn/self-schedule.js'));
        const form = document.querySelector('self-schedule-form');
        const root = form.shadowRoot;
        const columns = [...root.querySelectorAll('[role="columnheader"][data-date]')].map((header) => header.dataset.date);
        const blocking = (from, to) =>
          bench.longTasks.filter((t) => t.start >= from && t.start < to).reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
        const counted = bench.shifts.filter((s) => !s.hadRecentInput);
        const chunks = (names) => names.filter((name) => name.includes('/cdn/')).map((name) => name.replace(/.*\/cdn\//, ''));
        return {
          scriptStart: entry.startTime,
          defined: bench.defined - entry.startTime,
          openToPaint: bench.painted - bench.clicked,
          blockingLoad: blocking(0, bench.clicked),
          blockingOpen: blocking(bench.clicked, bench.painted),
          layoutShift: counted.reduce((sum, s) => sum + s.value, 0),
          widgetLayoutShift: counted.filter((s) => s.inWidget).reduce((sum, s) => sum + s.value, 0),
          greyedOut: root.querySelectorAll('.unavailable').length,
          columns,
          chunksBeforeClick: chunks(beforeClick),
          chunksAfterClick: chunks(performance.getEntriesByType('resource').map((e) => e.name)).filter((n) => !chunks(beforeClick).includes(n)),
          expect,
        };
      },
      { beforeClick, expect },
    );
  } finally {
    await context.close();
  }
}

/**
 * Runs each profile `runs` times after one discarded warm-up run, and summarizes each measure.
 * A run whose grid does not show the expected days or greyed-out blocks fails the bench: it
 * would be timing something else.
 */
export async function benchLoad({ cdnDir, scheduling, runs = 9, profileNames = Object.keys(profiles), log = () => {} }) {
  const practice = await benchPractice(scheduling);
  const site = await writeSite(cdnDir, practice.start);
  const server = await startMockServer({
    mounts: { '/': site },
    practiceData: practice.data,
    headers: { 'Content-Encoding': 'gzip', 'Cache-Control': 'no-store' },
  });
  const browser = await launchBrowser();
  const results = { chromium: browser.version(), profiles: {}, problems: [] };
  try {
    for (const name of profileNames) {
      const profile = profiles[name];
      const measured = [];
      for (let run = 0; run <= runs; run++) {
        const week = name === 'desktop';
        const expect = week ? { booked, columns: practice.weekDates } : { booked: practice.bookedOnMonday, columns: [practice.mondayDate] };
        const result = await runOnce(browser, server.url, profile, expect);
        if (result.columns.join() !== expect.columns.join()) {
          results.problems.push(`${name}: the grid showed ${result.columns.join(', ')}, not ${expect.columns.join(', ')}`);
        }
        if (result.greyedOut < expect.booked) results.problems.push(`${name}: only ${result.greyedOut} greyed-out blocks drawn`);
        if (run > 0) measured.push(result);
        log(`  ${name} run ${run}${run === 0 ? ' (warm-up)' : ''}: defined ${result.defined.toFixed(0)} ms, open → painted ${result.openToPaint.toFixed(0)} ms`);
      }
      const measure = (key) => summarize(measured.map((result) => result[key]));
      results.profiles[name] = {
        label: profile.label,
        runs: measured.length,
        defined: measure('defined'),
        openToPaint: measure('openToPaint'),
        blockingLoad: measure('blockingLoad'),
        blockingOpen: measure('blockingOpen'),
        layoutShift: measure('layoutShift'),
        widgetLayoutShift: measure('widgetLayoutShift'),
        greyedOut: measured[0].greyedOut,
        columns: measured[0].columns.length,
        chunksBeforeClick: measured[0].chunksBeforeClick,
        chunksAfterClick: measured[0].chunksAfterClick,
      };
    }
  } finally {
    await browser.close();
    await server.close();
    await rm(site, { recursive: true, force: true });
  }
  return results;
}
