// `npm run bench`: bytes, load, interaction, availability, the server and the adapters, written to BENCHMARKS.md.
// Exits non-zero when a budget is broken, a fast result differs from its naive reference, or the
// server answers a booking with anything but 201 or 409.
//   --runs=N   load runs per profile (at least 7; 9 by default), after one discarded warm-up
//   --only=bytes,interaction,availability,load,server,adapters   run some parts (BENCHMARKS.md is
//              then not written, except that a run with `server` or `adapters` rewrites that
//              section in place)
import { readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { adapterBudgets, benchAdapters } from './adapters.mjs';
import { benchAvailability } from './availability.mjs';
import { budgets, targets } from './budgets.mjs';
import { buildCdn, byteReport, kib, readBuild } from './bytes.mjs';
import { benchInteraction } from './interaction.mjs';
import { benchLoad } from './load.mjs';
import { describeMachine } from './machine.mjs';
import { loadAdapters, loadScheduling } from './modules.mjs';
import { benchServer, serverLoad, serverTargets } from './server.mjs';
import { checkBytes, peerRatios, printBytes } from './size.mjs';

const parts = ['bytes', 'interaction', 'availability', 'load', 'server', 'adapters'];
const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' }, only: { type: 'string' } } });
const runs = Number(values.runs);
if (!(runs >= 7)) throw new Error('--runs must be at least 7: the load figures are medians of at least 7 runs');
const only = values.only ? values.only.split(',') : parts;
const log = (message) => console.log(message);

const started = new Date();
const machineBefore = describeMachine();
const failures = [];
const results = {};

const cdnDir = await buildCdn();
try {
  const bytes = byteReport(await readBuild(cdnDir));
  const byteChecks = checkBytes(bytes);
  results.bytes = { report: bytes, checks: byteChecks };
  printBytes(bytes, byteChecks);
  for (const check of byteChecks) if (!check.ok) failures.push(`${check.name}: ${check.value.toFixed(1)} KiB, budget ${check.limit} KiB`);

  const scheduling = await loadScheduling();
  if (only.includes('interaction')) {
    log('Interaction: checkSelection and greyed-out weeks against naive scans…');
    results.interaction = benchInteraction(scheduling);
    failures.push(...results.interaction.mismatches);
    const at10k = results.interaction.rows.find((row) => row.size === 10_000).check.index;
    results.interaction.budget = { value: at10k.min, ok: at10k.min < budgets.checkAt10kNs };
    if (!results.interaction.budget.ok) failures.push(`checkSelection at 10,000 intervals: fastest sample ${at10k.min.toFixed(0)} ns, budget ${budgets.checkAt10kNs} ns`);
  }
  if (only.includes('availability')) {
    log('Availability: 28 days across a DST change against a minute-by-minute reference…');
    results.availability = benchAvailability(scheduling);
    failures.push(...results.availability.mismatches);
  }
  if (only.includes('load')) {
    log(`Load: ${runs} runs per profile in headless Chromium…`);
    results.load = await benchLoad({ cdnDir, scheduling, runs, log });
    failures.push(...results.load.problems);
  }
  if (only.includes('server')) {
    log('Server: the bin on PGlite and on PostgreSQL, 10,000 appointments, availability and bookings…');
    try {
      results.server = await benchServer({ scheduling, log });
      failures.push(...results.server.problems);
    } catch (error) {
      // PostgreSQL not installed, say: the other parts are still written.
      results.server = { error: error instanceof Error ? error.message : String(error) };
      failures.push(`server: ${results.server.error}`);
    }
  }
  if (only.includes('adapters')) {
    log('Adapters: parsing ten thousand appointments, the in-memory latency, the time limit and aborts…');
    results.adapters = await benchAdapters(await loadAdapters());
    failures.push(...results.adapters.problems);
  }
} finally {
  await rm(cdnDir, { recursive: true, force: true });
}

const machine = { ...machineBefore, loadAfter: describeMachine().loadAverage, chromium: results.load?.chromium };
const minutes = (Date.now() - started.getTime()) / 60_000;

// ---- BENCHMARKS.md ------------------------------------------------------------------------

const f = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const k = (bytes) => f(kib(bytes));
function duration(ns) {
  if (ns < 1e3) return `${f(ns, 0)} ns`;
  if (ns < 1e6) return `${f(ns / 1e3, ns < 1e4 ? 2 : 1)} µs`;
  return `${f(ns / 1e6, ns < 1e7 ? 2 : 1)} ms`;
}
/** "median (p25–p75), fastest": the shape of every timing in the file. */
const spread = (s, format) => `${format(s.median)} (${format(s.p25)}–${format(s.p75)}), min ${format(s.min)}`;
const ms = (value) => `${f(value, 0)} ms`;

function bytesSection({ report, checks }) {
  const lines = [];
  const { withGrid, ratios } = peerRatios(report);
  lines.push('## 1. Bytes', '');
  lines.push(
    'The script-tag build (`vite build` with the project\'s vite.config.ts), each file compressed on its own: gzip at zlib\'s',
    'default level 6 (what servers use on the fly), brotli at quality 11 (what CDNs store). KiB are 1,024 bytes.',
    'Which files a page loads is worked out from the `import` and `import()` statements of the built files themselves:',
    '',
    '- **entry**: `self-schedule.js`, the script tag\'s `src`, which registers the three tag names and `import()`s an',
    '  element\'s chunk the first time its tag appears;',
    '- **before its grid**, per element: the entry, the element\'s chunk, and every chunk that chunk imports statically,',
    '  transitively: what loads before the element can show anything. The **budgeted** figure is the heaviest element\'s;',
    '- **grid, on demand**: what the element\'s `import()`s (other than of another element) add when its calendar is shown;',
    '- **all three**: the union of the three pre-grid sets (a portal showing every element);',
    '- **everything**: every file the build emits.',
    '',
  );
  lines.push('| Set | Files | Raw KiB | gzip KiB | brotli KiB |', '| --- | --- | ---: | ---: | ---: |');
  const row = (label, set) => `| ${label} | ${set.files.length} | ${k(set.raw)} | ${k(set.gzip)} | ${k(set.brotli)} |`;
  lines.push(row('entry alone', report.entry));
  for (const element of report.elements) {
    const heaviest = element === report.heaviest ? ' (budgeted)' : '';
    lines.push(row(`\`<${element.name}>\` before its grid${heaviest}`, element.preGrid));
    if (element.grid.files.length) lines.push(row(`\`<${element.name}>\` grid, on demand`, element.grid));
  }
  lines.push(row('all three elements, before a grid', report.allThree), row('**everything**', report.everything), '');
  lines.push('| File | Raw KiB | gzip KiB | brotli KiB | Imports | `import()`s |', '| --- | ---: | ---: | ---: | --- | --- |');
  const short = (names) => names.map((name) => name.replace(/^chunks\//, '')).join(', ') || '–';
  for (const file of report.files) {
    lines.push(`| ${file.name} | ${k(file.raw)} | ${k(file.gzip)} | ${k(file.brotli)} | ${short(file.imports)} | ${short(file.dynamicImports)} |`);
  }
  lines.push('', `A page showing the form with its grid loads ${f(withGrid)} KiB gzip; the peers' figures (as stated in issue #6, not measured here):`, '');
  for (const peer of ratios) {
    lines.push(`- ${peer.name}, ${peer.gzipKiB} KiB: the form with its grid is ${f(peer.withGrid * 100, 0)}% of it (everything: ${f(peer.everything * 100, 0)}%).`);
  }
  lines.push('', `Budgets: ${checks.map((check) => `${check.name} at most ${check.limit} KiB (aim ${check.aim})`).join('; ')}.`, '');
  return lines;
}

function loadSection(load) {
  const lines = ['## 2. Load', ''];
  lines.push(
    'A practice\'s page (`lang="en-US"`) with the built script tag in its `<head>`, a **New Appointment** button and',
    '`<self-schedule-form modal>` pre-filled with a provider, location, service and suggested start (as a therapist\'s link',
    'fills it), so the button opens Availability directly. Served by `scripts/mock-server.mjs` with the mock REST API at',
    '`/api`; every static file is stored gzip-compressed and sent with `Content-Encoding: gzip`, as a CDN would; the browser',
    'cache is disabled and each run is a fresh browser context. The practice is the demo practice plus a week in which the',
    'therapist works 07:00–21:00 daily and has 200 fifteen-minute bookings: the desktop grid shows that week with 200',
    'greyed-out blocks; a phone shows one day of it (29 blocks). Each profile has one discarded warm-up run.',
    '',
    '- **Script start → elements defined**: from the entry script\'s request start (Resource Timing) to',
    '  `customElements.whenDefined(\'self-schedule-form\')`.',
    '- **New Appointment → grid painted**: from the button\'s click listener to the task after the animation frame in which',
    '  the grid holds all its greyed-out blocks and the availability area is no longer busy: that frame has painted.',
    '  Which chunks load before and after the click is listed under each table.',
    '- **Total blocking time**: the sum of each long task\'s time beyond 50 ms (PerformanceObserver `longtask`), during',
    '  loading (navigation to the click) and during opening (click to painted). The host page runs almost no script of',
    '  its own.',
    '- **Layout shift**: the sum of `layout-shift` entry values without recent input, load to painted. The host page',
    '  itself has nothing that moves, so every shift is the widget\'s doing; "in the widget" counts the shifts whose',
    '  sources are the element\'s own nodes (Chromium reports nodes in a shadow root as null; here only the widget has one).',
    '- **Mobile**: a 412×823 touch screen at 1.75× and, through the DevTools protocol, `Emulation.setCPUThrottlingRate`',
    '  4 and `Network.emulateNetworkConditions` with 150 ms latency, 1.6 Mbps down and 750 Kbps up.',
    '',
    'Figures are the median (p25–p75), and the fastest run.',
    '',
  );
  for (const profile of Object.values(load.profiles)) {
    lines.push(`### ${profile.label}, ${profile.runs} runs`, '');
    lines.push('| Measure | Median (p25–p75), fastest |', '| --- | --- |');
    lines.push(`| Script start → elements defined | ${spread(profile.defined, ms)} |`);
    lines.push(`| New Appointment → grid painted (${profile.greyedOut} greyed-out blocks, ${profile.columns} day${profile.columns === 1 ? '' : 's'}) | ${spread(profile.openToPaint, ms)} |`);
    lines.push(`| Total blocking time, loading | ${spread(profile.blockingLoad, ms)} |`);
    lines.push(`| Total blocking time, opening | ${spread(profile.blockingOpen, ms)} |`);
    const shift = (value) => f(value, 3);
    lines.push(`| Layout shift, all (target 0) | ${spread(profile.layoutShift, shift)} |`);
    lines.push(`| Layout shift, sources in the widget | ${spread(profile.widgetLayoutShift, shift)} |`);
    lines.push('', `Loaded before the click: ${profile.chunksBeforeClick.join(', ')}. After it: ${profile.chunksAfterClick.join(', ') || 'nothing'}.`, '');
  }
  return lines;
}

function interactionSection({ rows, budget }) {
  const lines = ['## 3. Interaction', ''];
  lines.push(
    'Node, on the scheduling rules bundled by Vite as for the browser (V8, as in Chromium). Per size *n*: *n* open',
    'intervals and *n* of the client\'s own appointments (both far beyond any real calendar), on five-minute boundaries;',
    '512 random drag positions over the whole span, each snapped to a 50-minute service, and 64 visible weeks; the fast',
    'and naive answers are compared on all of them before timing, which uses the first 128 positions and every eighth week.',
    '',
    'Timing (scripts/bench/stats.mjs): each contender first runs untimed for 50 ms; a sample is as many whole passes over',
    'the timed positions or weeks as fill about 50 µs (at least one), reported per call, so every sample does the same',
    'work. Short samples because on a machine with more runnable threads than cores a long sample always includes other',
    'processes\' time slices, while most short ones fit inside one. Each column is timed at its three sizes together,',
    'sample by sample in turn, so noise falls on every size alike; up to 301 samples or 2 s per contender (at least 15).',
    'Every answer is kept, so nothing a caller could read (the ISO times in a problem) is optimized away.',
    '',
    '- **checkSelection**: `checkSelection` over `IntervalIndex` (binary searches), without a slot step;',
    '  **naive**: the same rules with linear scans (scripts/bench/naive.mjs).',
    '- **with slot step**: `checkSelection` with a 15-minute step in America/New_York, as the form calls it on each drag',
    '  move; the step rule reads the zone\'s offset through `Intl`, a cost that does not depend on *n*.',
    '- **Greyed-out week**: the gaps of the open time in a visible week (Sunday to Sunday, New York), 64 weeks across the',
    '  span: `IntervalIndex.gapsWithin` (binary search, then the week\'s intervals); `complement` over every interval',
    '  (normalizes all *n*); **naive**: one linear pass over every interval.',
    '',
    'Each figure: median (p25–p75), and the fastest sample.',
    '',
  );
  lines.push('| *n* | checkSelection | naive | with slot step |', '| ---: | --- | --- | --- |');
  for (const row of rows) {
    lines.push(`| ${row.size.toLocaleString('en-US')} | ${spread(row.check.index, duration)} | ${spread(row.check.naive, duration)} | ${spread(row.check.indexWithStep, duration)} |`);
  }
  lines.push('', '| *n* | Greyed-out week: gapsWithin | complement of all | naive |', '| ---: | --- | --- | --- |');
  for (const row of rows) {
    lines.push(`| ${row.size.toLocaleString('en-US')} | ${spread(row.weekly.index, duration)} | ${spread(row.weekly.complement, duration)} | ${spread(row.weekly.naive, duration)} |`);
  }
  const first = rows[0];
  const last = rows.at(-1);
  const growth = (key, part) => f(last[part][key].median / first[part][key].median, 1);
  lines.push(
    '',
    `From ${first.size.toLocaleString('en-US')} to ${last.size.toLocaleString('en-US')} intervals (100×) the median grows ${growth('index', 'check')}× for checkSelection and ` +
      `${growth('naive', 'check')}× for its naive scan; ${growth('index', 'weekly')}× for gapsWithin, ${growth('complement', 'weekly')}× for the complement ` +
      `of all and ${growth('naive', 'weekly')}× for the naive pass.`,
    '',
  );
  if (budget) {
    lines.push(
      `Budget: checkSelection at 10,000 intervals under ${duration(budgets.checkAt10kNs)}, checked on the fastest sample (${duration(budget.value)}): ` +
        'each sample is the mean of many calls, and other work on the machine only ever adds time, so the fastest sample is ' +
        'the cleanest reading of the code\'s own cost; a linear scan takes tens of microseconds at that size.',
      '',
    );
  }
  return lines;
}

function availabilitySection({ rows }) {
  const lines = ['## 4. Availability', ''];
  lines.push(
    '`openTime` then `openStartTimes` (src/scheduling/open-time.ts) over 28 days, 1 to 29 March 2027 in America/New_York,',
    'across the spring-forward change of 14 March: weekday hours 08:00–20:00 and Saturday mornings, a lunch break, a day',
    'off, a 24-hour notice and a horizon a day before the end; 30-minute service on a 15-minute step. The busy times are',
    '1,000 or 10,000 appointments of 15–60 minutes drawn (seeded) over all of 2027 and all passed in, as a server passes a',
    'therapist\'s calendar. The result is compared with a brute-force reference that reads every minute of the window on',
    'the zone\'s clock (scripts/bench/naive.mjs): open intervals and start times must be equal. Timed as in section 3',
    `(one call per sample here), ${rows[0].total.n} or more samples each; milliseconds per call.`,
    '',
    '| Busy intervals | openTime | openTime + openStartTimes | Open intervals | Start times | Equal to reference |',
    '| ---: | --- | --- | ---: | ---: | --- |',
  );
  for (const row of rows) {
    lines.push(
      `| ${row.size.toLocaleString('en-US')} | ${spread(row.openOnly, (v) => `${f(v, 2)} ms`)} | ${spread(row.total, (v) => `${f(v, 2)} ms`)} | ${row.openIntervals} | ${row.starts} | ${row.equal ? 'yes' : '**no**'} |`,
    );
  }
  lines.push('');
  return lines;
}

function serverSection(server) {
  if (server.error) return ['## 5. Server', '', `Not measured: ${server.error}`, ''];
  const { pglite, postgres, facts, query, load, targets } = server;
  const count = (n) => n.toLocaleString('en-US');
  const msf = (value) => `${f(value, 1)} ms`;
  const percent = (value) => `${f(value * 100, 0)}%`;
  const mark = (ok) => (ok ? 'ok' : '**missed**');
  const lines = ['## 5. Server', ''];
  const [before] = server.loadAverage.before;
  const [after] = server.loadAverage.after;
  const cores = describeMachine().cores;
  lines.push(
    `Measured on ${server.at.toISOString().slice(0, 16).replace('T', ' ')} UTC in ${f(server.minutes, 1)} minutes; \`node scripts/bench/index.mjs --only=server\` rewrites`,
    `this section alone. Load average ${f(before, 1)} at the start and ${f(after, 1)} at the end (1 minute)` +
      (Math.max(before, after) > cores
        ? `: above ${cores}, other work was sharing\nthe machine, so the times include waiting for a core (the CPU figures do not).`
        : '.'),
    '',
    'The reference server (server/) as a practice runs it: `server/bin/self-schedule-server.js` in a process of its own',
    '(its TypeScript through tsx) on 127.0.0.1, with the load sent from the bench\'s process over keep-alive connections,',
    `so the two event loops are apart; the bench, the server and the database share the machine's ${cores} cores. Each database`,
    `is fresh: **PGlite** (PostgreSQL ${pglite.version} in WebAssembly inside the server's process, a data folder on disk, one`,
    `connection that requests queue for) and **PostgreSQL** ${postgres.version.replace(/ \(.*\)$/, '')} (a throwaway cluster on this machine, started as the`,
    'server\'s tests start it, fsync on; the server\'s pool of 10 connections).',
    '',
    'The practice (scripts/bench/server-practice.mjs), drawn seeded around the moment of the run since the server keeps',
    `the real clock: ${facts.providers} therapists in America/New_York working weekdays 08:00–20:00 with a lunch hour, at the office on`,
    `Monday, Wednesday and Friday and by video on Tuesday and Thursday, so 11 fifty-minute sessions on the hour a day; ${count(facts.clients)}`,
    `clients, each seeing one therapist. The ${count(facts.appointments)} appointments fill ${percent(facts.share)} of all those session hours from ${facts.pastDays / 7} weeks ago to`,
    `the end of the ${facts.horizonDays}-day booking horizon (${count(facts.future)} of them ahead): about ${count(facts.ofQueried)} per therapist, so the queried therapist has`,
    `${facts.inRange} in the queried 28 days, ${facts.heldInRange} of them holding time. Past ones are 85% confirmed, 10% cancelled and 5% declined;`,
    'those ahead 65% confirmed, 25% unconfirmed and 10% cancelled. The configuration and the clients are the server\'s',
    '`SEED_FILE`; the appointments are written with SQL (`INSERT`s of 1,000 rows) between a first start (migrations and',
    'seed) and the measured one. PostgreSQL is then `ANALYZE`d, as its autovacuum would have done by then; PGlite is not:',
    'it runs no autovacuum, so a practice\'s PGlite has no planner statistics either.',
    '',
    `- **Availability, 28 days**: \`GET /api/availability\` for ${query.provider} at the ${query.location}, 50-minute service, from`,
    `  midnight the day after tomorrow for 28 local days (${pglite.availability.open} open intervals in the answer); one request at a time,`,
    `  ${load.availability.warmup} warm-up then ${load.availability.timed} timed, each from sending the request to the last byte of the answer.`,
    '- **Booking**: `POST /api/appointments` with the client\'s bearer id and a fresh `Idempotency-Key`, each for a',
    '  different free session hour of the client\'s therapist (drawn over the booking window), so each should be a 201;',
    `  a 409 (the time was taken) is allowed by the contract, anything else is an error. ${count(load.booking.warmup)} warm-up requests, then:`,
    `  ${count(load.booking.sequential)} **one at a time** (the ${load.booking.concurrency} clients in turn): what a booking takes by itself; **${load.booking.concurrency} clients booking`,
    `  once a second each**: ${load.booking.paced.perSecond} requests a second, evenly spaced, for ${load.booking.paced.seconds} s, each sent when due whether or not the earlier`,
    `  ones have been answered (an open loop); and ${count(load.booking.timed)} with **${load.booking.concurrency} clients at once**: each sends its next request as soon`,
    `  as its last is answered (a closed loop: ${load.booking.concurrency} always in flight), the most the server can be asked. Throughput: the`,
    '  answers over the time from the first request to the last answer.',
    '- **CPU per request**: the CPU time of the server\'s process, of PostgreSQL (its postmaster and backends) and of',
    '  the load generator over the timed requests (Linux `/proc`), per request: what a request costs, whatever else the',
    '  machine does. PGlite\'s work is inside the server\'s figure.',
    '- **In the server\'s log**: the `ms` of its request log lines (from the app taking the request to its answer, whole',
    '  milliseconds), for the same timed requests. On PostgreSQL a request waits inside the app, for one of the pool\'s',
    '  connections; on PGlite it waits before the app takes it, since the database runs on the server\'s own thread.',
    '',
    '| Measure | PGlite | PostgreSQL | Target (PostgreSQL) |',
    '| --- | --- | --- | --- |',
  );
  const row = (label, value, target = '') => lines.push(`| ${label} | ${value(pglite)} | ${value(postgres)} | ${target} |`);
  const { checks } = server;
  row('Availability, 28 days: p50', (r) => msf(r.availability.p50));
  row('Availability, 28 days: p95', (r) => msf(r.availability.p95), `under ${targets.availabilityP95Ms} ms: ${mark(checks.availability.ok)}`);
  row('Booking, one at a time: p50', (r) => msf(r.booking.sequential.p50));
  row('Booking, one at a time: p95', (r) => msf(r.booking.sequential.p95));
  const paced = `Booking, ${load.booking.concurrency} clients once a second each`;
  row(`${paced}: p50`, (r) => msf(r.booking.paced.p50));
  row(`${paced}: p95`, (r) => msf(r.booking.paced.p95));
  row(`Booking, ${load.booking.concurrency} clients at once: p50`, (r) => msf(r.booking.p50));
  row(`Booking, ${load.booking.concurrency} clients at once: p95`, (r) => msf(r.booking.p95), `under ${targets.bookingP95Ms} ms: ${mark(checks.booking.ok)}`);
  row(`Booking, ${load.booking.concurrency} clients at once: throughput`, (r) => `${f(r.booking.perSecond, 0)} a second`);
  const answers = (r) => Object.entries(r.booking.all.statuses).map(([status, n]) => `${count(n)} × ${status}`).join(', ');
  row(`Booking answers, all ${count(pglite.booking.all.sent)}`, answers, `none but 201 and 409: ${checks.errors.ok ? 'ok' : '**failed**'}`);
  const cpu = (c) => (c ? `${f(c.server, 1)}, ${c.database === undefined ? '–' : f(c.database, 1)}, ${f(c.loadGenerator, 1)} ms` : 'n/a');
  row('CPU per availability request: server, database, load generator', (r) => cpu(r.availability.cpuMs));
  row('CPU per booking, one at a time: server, database, load generator', (r) => cpu(r.booking.sequential.cpuMs));
  row(`CPU per booking, ${load.booking.concurrency} once a second each: server, database, load generator`, (r) => cpu(r.booking.paced.cpuMs));
  row(`CPU per booking, ${load.booking.concurrency} at once: server, database, load generator`, (r) => cpu(r.booking.cpuMs));
  const logged = (s) => `${f(s.p50, 0)}, ${f(s.p95, 0)} ms`;
  row('In the server\'s log: availability p50, p95', (r) => logged(r.serverSide.availability));
  row('In the server\'s log: booking one at a time, p50, p95', (r) => logged(r.serverSide.bookingSequential));
  row(`In the server's log: booking, ${load.booking.concurrency} at once, p50, p95`, (r) => logged(r.serverSide.booking));
  const c = postgres.booking.cpuMs;
  const perBooking = c ? c.server + c.database + c.loadGenerator : NaN;
  const n = load.booking.concurrency;
  lines.push(
    '',
    `With ${n} requests always in flight each waits for those ahead of it, so the median is close to ${n} ÷ throughput`,
    `(${msf((n / postgres.booking.perSecond) * 1000)} on PostgreSQL) whatever the code does: a p95 under ${targets.bookingP95Ms} ms with ${n} in flight takes more than`,
    `${count(Math.round(((n / targets.bookingP95Ms) * 1000) / 100) * 100)} bookings a second. A booking costs ${msf(perBooking)} of CPU here (server, PostgreSQL and load generator`,
    `together), so this machine's ${cores} cores could answer at most about ${f((cores * 1000) / perBooking, 0)} a second with nothing else running. When the`,
    `${n} clients book once a second each instead (${load.booking.paced.perSecond} a second), a booking takes ${msf(postgres.booking.paced.p50)} at the median and ${msf(postgres.booking.paced.p95)} at p95 on`,
    'PostgreSQL. The queries are not what costs: the statements of server/src/practice-store.ts, run by the bench under',
    `\`EXPLAIN ANALYZE\` after the load (${count(postgres.appointmentsAfter)} appointments), fastest of 5:`,
    '',
    '| Statement | PGlite | PostgreSQL |',
    '| --- | --- | --- |',
  );
  const plan = (found) => {
    if (!found) return 'n/a';
    const byType = new Map();
    for (const scan of found.scans) {
      const [type, on] = scan.split(' on ');
      byType.set(type, [...(byType.get(type) ?? []), on]);
    }
    return `${[...byType].map(([type, on]) => `${type} on ${on.join(', ')}`).join('; ')}: ${f(found.ms, 2)} ms`;
  };
  const statements = {
    catalog: '`loadCatalog` (practice, therapists, locations, services, hours)',
    providerBusy28Days: '`providerBusy`, the therapist over the 28 days',
    busyAroundBooking: '`busyAround`, the therapist a day either side of a booking and all of the client\'s held appointments',
  };
  for (const [key, label] of Object.entries(statements)) lines.push(`| ${label} | ${plan(pglite.plans[key])} | ${plan(postgres.plans[key])} |`);
  lines.push('');
  return lines;
}

function adaptersSection({ parseRows, memoryLatency, timeLimit, abortInFlight, abortWhileWaiting, pollLateness }) {
  const b = adapterBudgets;
  const msf = (value) => `${f(value, value < 10 ? 2 : 0)} ms`;
  const lines = ['## 6. Adapters', ''];
  lines.push(
    `Measured on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC; \`node scripts/bench/index.mjs --only=adapters\` rewrites this section alone.`,
    'Node, on the adapters\' sources bundled as for the browser. These bounds were wall-clock assertions in the unit',
    'tests (test/adapters/), which now check only what happens; here they are measured, and a broken one fails the bench.',
    '',
    '- **parseResponse**: the test practice\'s three appointments, ten thousand times over: as they are; with every',
    '  status unknown; with a 100,000-character start and name; with a location and a `manage` nested 10,000 deep. Timed',
    `  as in section 3, one call per sample. Budget: the fastest sample under ${b.parseMs} ms, and each answer as the`,
    '  contract says (parsed, or refused with `invalid-response`).',
    `- **MemoryAdapter latency**: \`latency: ${b.memoryLatencyMs}\`, from the call to its answer; it must never answer sooner than ${b.memoryLatencyAtLeastMs} ms.`,
    `- **RestTransport time limit**: \`timeoutMs: ${b.timeLimitMs}\` against a server that never answers, from the call to its \`timeout\`;`,
    `  at least ${b.timeLimitAtLeastMs} ms and under ${b.timeLimitBelowMs} ms.`,
    '- **RestTransport abort**: from `abort()` to the rejection `aborted`, with the call in flight and while it waits',
    `  2 s to try a read again; under ${b.abortBelowMs} ms.`,
    `- **Poller's pace**: \`poll\` over a load that always fails, \`intervalMs: ${b.pollIntervalMs}\`, \`maxIntervalMs: ${b.pollMaxMs}\`: each gap between`,
    `  loads less the wait it asked for (${b.pollIntervalMs} doubled after each failure, up to ${b.pollMaxMs}). No load may come more than`,
    `  ${b.pollEarlyToleranceMs} ms early (timers keep whole milliseconds); lateness is the event loop's, reported.`,
    '',
    'Each figure: median (p25–p75), and the fastest.',
    '',
    '| Measure | Median (p25–p75), fastest | |',
    '| --- | --- | --- |',
  );
  for (const row of parseRows) lines.push(`| parseResponse, 10,000 appointments, ${row.name} | ${spread(row.ms, msf)} | ${row.ok ? 'ok' : '**over**'} |`);
  lines.push(`| MemoryAdapter, latency ${b.memoryLatencyMs} ms | ${spread(memoryLatency, msf)} | ${memoryLatency.min >= b.memoryLatencyAtLeastMs ? 'ok' : '**early**'} |`);
  const limitOk = timeLimit.min >= b.timeLimitAtLeastMs && timeLimit.min < b.timeLimitBelowMs;
  lines.push(`| RestTransport, timeoutMs ${b.timeLimitMs} | ${spread(timeLimit, msf)} | ${limitOk ? 'ok' : '**missed**'} |`);
  lines.push(`| RestTransport, abort in flight → aborted | ${spread(abortInFlight, msf)} | ${abortInFlight.min < b.abortBelowMs ? 'ok' : '**slow**'} |`);
  lines.push(`| RestTransport, abort while waiting to retry → aborted | ${spread(abortWhileWaiting, msf)} | ${abortWhileWaiting.min < b.abortBelowMs ? 'ok' : '**slow**'} |`);
  const early = pollLateness.min < -b.pollEarlyToleranceMs;
  lines.push(`| Poller, gap less the wait asked (n=${pollLateness.n}) | ${spread(pollLateness, msf)} | ${early ? '**early**' : 'ok'} |`);
  lines.push('');
  return lines;
}

function budgetsSection() {
  const lines = ['## Budgets', '', '| Budget | Measured | Limit | |', '| --- | --- | --- | --- |'];
  for (const check of results.bytes.checks) {
    lines.push(`| ${check.name} | ${f(check.value)} KiB | ${check.limit} KiB (aim ${check.aim}) | ${check.ok ? 'ok' : '**over**'} |`);
  }
  const { budget } = results.interaction;
  lines.push(`| checkSelection at 10,000 intervals, fastest sample | ${duration(budget.value)} | ${duration(budgets.checkAt10kNs)} | ${budget.ok ? 'ok' : '**over**'} |`);
  const equal = results.availability.rows.every((row) => row.equal) && !results.interaction.mismatches.length;
  lines.push(`| Fast results equal to the naive references | ${equal ? 'equal' : 'differ'} | equal | ${equal ? 'ok' : '**failed**'} |`);
  const expected = !results.load.problems.length;
  lines.push(`| Every load run showed the expected days and greyed-out blocks | ${expected ? 'yes' : 'no'} | yes | ${expected ? 'ok' : '**failed**'} |`);
  const adaptersOk = !results.adapters.problems.length;
  lines.push(`| The adapters' bounds of section 6 (parsing, latency, time limit, aborts, polling) | ${adaptersOk ? 'within' : 'broken'} | within | ${adaptersOk ? 'ok' : '**failed**'} |`);
  lines.push('', `Target, reported and not enforced: layout shift caused by the widget ${targets.layoutShift} (median per load):`, '');
  for (const profile of Object.values(results.load.profiles)) {
    const value = profile.layoutShift.median;
    lines.push(`- ${profile.label}: ${f(value, 3)}${value > targets.layoutShift ? ' (**missed**)' : ''}`);
  }
  lines.push(
    '',
    'The server\'s targets on PostgreSQL, reported and marked in section 5 and not enforced: availability over 28 days',
    `with 10,000 appointments, p95 under ${serverTargets.availabilityP95Ms} ms; a booking with ${serverLoad.booking.concurrency} clients at once, p95 under ${serverTargets.bookingP95Ms} ms. Enforced there:`,
    'every booking is answered 201 or 409.',
    '',
  );
  return lines;
}

function markdown() {
  const [load1, load5] = machine.loadAverage;
  const [after1] = machine.loadAfter;
  const shared = Math.max(load1, load5, after1) > machine.cores;
  return [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (scripts/bench/) on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC in ${f(minutes, 1)} minutes; do not edit by`,
    'hand. `npm run size` checks the byte budgets alone, and runs in CI (.ci/run). Every timing is a median with its',
    'spread over repeated runs or samples, never one run.',
    '',
    '## Machine',
    '',
    '| CPU | Cores | Memory | OS | Node | Chromium | Commit |',
    '| --- | ---: | ---: | --- | --- | --- | --- |',
    `| ${machine.cpu} | ${machine.cores} | ${f(machine.memoryGiB, 0)} GiB | ${machine.os} | ${machine.node} | ${machine.chromium} | ${machine.commit ?? 'unknown'}${machine.uncommitted ? ' with uncommitted changes' : ''} |`,
    '',
    `Load average at the start: ${machine.loadAverage.map((v) => f(v, 1)).join(', ')} (1, 5, 15 minutes); at the end: ${machine.loadAfter.map((v) => f(v, 1)).join(', ')}.` +
      (shared
        ? ` Above ${machine.cores} (the core count), other work was sharing the machine: timings are slower and noisier than on a quiet one, and the fastest figures are the better guide to the code's own cost.`
        : ''),
    '',
    ...budgetsSection(),
    ...bytesSection(results.bytes),
    ...loadSection(results.load),
    ...interactionSection(results.interaction),
    ...availabilitySection(results.availability),
    ...serverSection(results.server),
    ...adaptersSection(results.adapters),
  ].join('\n');
}

if (parts.every((part) => only.includes(part))) {
  const target = resolve(import.meta.dirname, '../../BENCHMARKS.md');
  await writeFile(target, markdown());
  console.log(`Wrote ${target} (${f(minutes, 1)} minutes).`);
} else {
  console.log(JSON.stringify({ interaction: results.interaction, availability: results.availability, load: results.load, server: results.server, adapters: results.adapters }, null, 1));
  // The server's and the adapters' sections stand alone (each says when it was measured), so
  // either can be refreshed in place.
  if (results.server) await rewriteSection('5. Server', serverSection(results.server));
  if (results.adapters) await rewriteSection('6. Adapters', adaptersSection(results.adapters));
}

/** Replaces the section headed `## heading` of BENCHMARKS.md with `lines` (or adds it at the end). */
async function rewriteSection(heading, lines) {
  const target = resolve(import.meta.dirname, '../../BENCHMARKS.md');
  const text = await readFile(target, 'utf8').catch(() => '');
  const section = lines.join('\n');
  const start = text.indexOf(`\n## ${heading}\n`);
  const end = start === -1 ? -1 : text.indexOf('\n## ', start + 1);
  const updated =
    start === -1 ? `${text.replace(/\n*$/, '\n\n')}${section}` : `${text.slice(0, start + 1)}${section}${end === -1 ? '' : text.slice(end)}`;
  await writeFile(target, updated);
  console.log(`Rewrote section ${heading} of ${target}.`);
}

if (failures.length) {
  console.error(`\n${failures.length} budget${failures.length === 1 ? '' : 's'} or check${failures.length === 1 ? '' : 's'} failed:\n  ${failures.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log('Every budget holds.');
}
