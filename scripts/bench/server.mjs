// The reference server under load, on PGlite and on PostgreSQL: 28 days of availability with
// 10,000 appointments in the database, and bookings one at a time, by 50 clients once a second
// each, and by 50 clients at once. The server is the bin in its own process (so the load does not
// share its event loop), on loopback; every phase has a fixed number of requests, and every
// process and folder it makes is gone when it returns. The server's queries are then run under
// EXPLAIN ANALYZE, from its own code.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { benchPractice, insertStatements, sizes } from './server-practice.mjs';
import { quantile } from './stats.mjs';

const binPath = resolve(import.meta.dirname, '../../server/bin/self-schedule-server.js');

/** What the issue asks of the server on PostgreSQL; PGlite (one connection) is reported beside it. */
export const serverTargets = { availabilityP95Ms: 20, bookingP95Ms: 50 };

export const serverLoad = {
  availability: { warmup: 20, timed: 200 },
  booking: { concurrency: sizes.bookingClients, warmup: 200, sequential: 200, paced: { perSecond: 50, seconds: 10 }, timed: 2_000 },
};


function latencies(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return { n: sorted.length, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), min: sorted[0], max: sorted.at(-1) };
}

// ---- the server process ----------------------------------------------------------------------

/** `self-schedule-server` on a free loopback port; resolves once it listens, with its log lines. */
async function spawnServer(env) {
  const child = spawn(process.execPath, [binPath], {
    // DEMO=1: the load signs in with the stand-in (a bearer client id).
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', DEMO: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const url = await new Promise((resolve, reject) => {
    let partial = '';
    const read = (chunk) => {
      const text = partial + chunk.toString();
      const complete = text.split('\n');
      partial = complete.pop();
      for (const line of complete) {
        lines.push(line);
        if (line.includes('"event":"listening"')) resolve(JSON.parse(line).url);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then((code) => reject(new Error(`the server exited (${code}) before listening:\n${lines.join('\n')}`)));
  });
  return {
    url,
    pid: child.pid,
    lines,
    /** SIGTERM: requests in flight finish, the database closes; resolves with the exit code. */
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** The server's own `request` log lines (route pattern, status, whole milliseconds). */
function requestLog(lines, method, route) {
  return lines
    .filter((line) => line.includes('"event":"request"'))
    .map((line) => JSON.parse(line))
    .filter((entry) => entry.method === method && entry.route === route);
}

// ---- HTTP ------------------------------------------------------------------------------------

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One request; the time is from sending it to the answer's last byte. Network failures are answers too. */
function send(url, { method = 'GET', clientId, body, headers = {} }) {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const started = performance.now();
    const fail = (error) => resolve({ status: error.code ?? 'failed', body: String(error), ms: NaN });
    const req = request(
      url,
      {
        method,
        agent,
        headers: {
          Authorization: `Bearer ${clientId}`,
          ...(payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString(), ms: performance.now() - started }));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}

// ---- the two measures ------------------------------------------------------------------------

/** One request at a time: warm-up, then the timed ones. Every answer must be a 200 with the same open time. */
async function measureAvailability(url, query, cpu) {
  const target = `${url}/api/availability?${new URLSearchParams(query)}`;
  const { warmup, timed } = serverLoad.availability;
  const times = [];
  const problems = [];
  let open;
  let cpuBefore;
  for (let i = 0; i < warmup + timed; i++) {
    if (i === warmup) cpuBefore = cpu();
    const answer = await send(target, { clientId: 'client-100' });
    if (answer.status !== 200) {
      problems.push(`availability: ${answer.status} ${answer.body.slice(0, 200)}`);
      continue;
    }
    const intervals = JSON.parse(answer.body).open.length;
    if (open === undefined) open = intervals;
    else if (intervals !== open) problems.push(`availability: ${intervals} open intervals, first ${open}`);
    if (i >= warmup) times.push(answer.ms);
  }
  return { ...latencies(times), open, cpuMs: cpuPerRequest(cpuBefore, cpu(), timed), problems };
}

const book = (url, { clientId, body }) =>
  send(`${url}/api/appointments`, { method: 'POST', clientId, body, headers: { 'Idempotency-Key': randomUUID() } });

/** A phase's answers: latencies, statuses, rate, and CPU milliseconds per request by process (Linux only). */
function tally(answers, seconds, cpuBefore, cpuAfter) {
  const statuses = {};
  for (const answer of answers) statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
  const unexpected = answers.filter((answer) => answer.status !== 201 && answer.status !== 409);
  return {
    ...latencies(answers.map((answer) => answer.ms)),
    answered: answers.length,
    seconds,
    perSecond: answers.length / seconds,
    statuses,
    unexpected: unexpected.length,
    examples: unexpected.slice(0, 3).map((answer) => `${answer.status} ${answer.body.slice(0, 200)}`),
    cpuMs: cpuBefore && cpuPerRequest(cpuBefore, cpuAfter, answers.length),
  };
}

/**
 * `concurrency` clients at once, each sending its next request when the last is answered (closed
 * loop), each request for a free hour from a booking client's queue with a fresh idempotency key,
 * until `count` have been sent. One at a time, the one sender takes the clients in turn.
 */
async function closedLoop(url, queues, count, concurrency, cpu) {
  const lanes = Array.from({ length: concurrency }, (_, lane) => queues.filter((_, i) => i % concurrency === lane));
  let sent = 0;
  const answers = [];
  const cpuBefore = cpu?.();
  const started = performance.now();
  await Promise.all(
    lanes.map(async (lane) => {
      for (let turn = 0; sent < count && lane.some((queue) => queue.length); turn++) {
        const queue = lane[turn % lane.length];
        if (!queue.length) continue;
        sent++;
        answers.push(await book(url, queue.shift()));
      }
    }),
  );
  return tally(answers, (performance.now() - started) / 1000, cpuBefore, cpu?.());
}

/**
 * Open loop: `perSecond` requests a second, evenly spaced, for `seconds`, the clients in turn (with
 * 50 clients and 50 a second, each client books once a second), sent when due whether or not the
 * earlier ones have been answered, so a slow answer does not lower the load offered.
 */
async function openLoop(url, queues, { perSecond, seconds }, cpu) {
  const answers = [];
  const inFlight = [];
  const cpuBefore = cpu?.();
  const started = performance.now();
  for (let i = 0; i < perSecond * seconds; i++) {
    const queue = queues[i % queues.length];
    if (!queue.length) break;
    const wait = started + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(book(url, queue.shift()).then((answer) => answers.push(answer)));
  }
  await Promise.all(inFlight);
  return tally(answers, (performance.now() - started) / 1000, cpuBefore, cpu?.());
}

/**
 * Warm-up at 50 at once; one at a time (what a booking takes by itself); 50 clients each booking
 * once a second; then 50 at once, back to back.
 */
async function measureBooking(url, practiceQueues, cpu) {
  const queues = practiceQueues.map((queue) => [...queue]);
  const { warmup, sequential, paced, timed, concurrency } = serverLoad.booking;
  const phases = {
    warmup: await closedLoop(url, queues, warmup, concurrency),
    sequential: await closedLoop(url, queues, sequential, 1, cpu),
    paced: await openLoop(url, queues, paced, cpu),
    concurrent: await closedLoop(url, queues, timed, concurrency, cpu),
  };
  const problems = [];
  for (const [name, phase] of Object.entries(phases)) {
    const wanted = { warmup, sequential, paced: paced.perSecond * paced.seconds, concurrent: timed }[name];
    if (phase.answered < wanted) problems.push(`booking, ${name}: only ${phase.answered} free hours were left to ask for, not ${wanted}`);
    if (phase.unexpected) problems.push(`booking, ${name}: ${phase.unexpected} answers other than 201 or 409, e.g. ${phase.examples.join('; ')}`);
  }
  const all = Object.values(phases);
  const statuses = {};
  for (const phase of all) for (const [status, n] of Object.entries(phase.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
  return {
    ...phases.concurrent,
    sequential: phases.sequential,
    paced: phases.paced,
    all: {
      sent: all.reduce((sum, phase) => sum + phase.answered, 0),
      statuses,
      errors: all.reduce((sum, phase) => sum + phase.unexpected, 0),
    },
    created: statuses[201] ?? 0,
    problems,
  };
}

// ---- CPU time (Linux /proc) ------------------------------------------------------------------

const ticksPerSecond = 100;

/** utime, stime, cutime and cstime of a process, in milliseconds, or NaN without /proc. */
function cpuOf(pid, withChildren = false) {
  try {
    // The fields after the command name, which sits in parentheses and may hold spaces.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1).split(' ');
    const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
    return ((utime + stime + (withChildren ? cutime + cstime : 0)) * 1000) / ticksPerSecond;
  } catch {
    return NaN;
  }
}

/** The PostgreSQL postmaster listening on `port`, and its children (backends and helpers), together. */
function postgresCpu(port) {
  let postmaster;
  try {
    postmaster = readdirSync('/proc').find((pid) => {
      if (!/^\d+$/.test(pid)) return false;
      try {
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return argv[0].endsWith('/postgres') && argv.join(' ').includes(`-p ${port} `);
      } catch {
        return false;
      }
    });
  } catch {
    return () => NaN;
  }
  if (!postmaster) return () => NaN;
  return () => {
    let total = cpuOf(postmaster, true);
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const parent = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1).split(' ')[1];
        if (parent === postmaster) total += cpuOf(pid);
      } catch {
        // It ended meanwhile; its time is in the postmaster's cutime once reaped.
      }
    }
    return total;
  };
}

/** CPU milliseconds per request, by process, between two readings. */
function cpuPerRequest(before, after, requests) {
  return Object.fromEntries(Object.entries(after).map(([name, ms]) => [name, (ms - before[name]) / requests]));
}

function loadGeneratorCpu() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

// ---- one database ----------------------------------------------------------------------------

/**
 * First start: migrations and the seed. Then, with the server stopped, the 10,000 appointments
 * written with SQL (`fill`), then the measured start. Afterwards, with the server stopped again,
 * `inspect` counts the appointments and explains the server's queries.
 */
async function benchDatabase(label, env, practice, { fill, inspect, cpu: databaseCpu }, log) {
  const phase = (name) => log(`  ${label}: ${name}`);
  phase('migrations and seed');
  const first = await spawnServer(env);
  await first.stop();
  phase(`writing ${practice.rows.length.toLocaleString('en-US')} appointments with SQL`);
  const insertStarted = performance.now();
  const version = await fill(insertStatements(practice.rows));
  const insertSeconds = (performance.now() - insertStarted) / 1000;
  const server = await spawnServer(env);
  const cpu = () => ({ server: cpuOf(server.pid), ...(databaseCpu ? { database: databaseCpu() } : {}), loadGenerator: loadGeneratorCpu() });
  let availability;
  let booking;
  try {
    phase(`availability, ${serverLoad.availability.warmup} + ${serverLoad.availability.timed} requests one at a time`);
    availability = await measureAvailability(server.url, practice.query, cpu);
    const { warmup, sequential, paced, timed, concurrency } = serverLoad.booking;
    phase(`booking: ${warmup} warm-up, ${sequential} one at a time, ${paced.perSecond} a second for ${paced.seconds} s, ${timed} with ${concurrency} at once`);
    booking = await measureBooking(server.url, practice.queues, cpu);
  } finally {
    await server.stop();
  }
  phase('the server\'s queries under EXPLAIN ANALYZE');
  const { count: total, plans } = await inspect((query) => serverPlans(query, practice));
  const problems = [...availability.problems, ...booking.problems];
  const expected = practice.rows.length + booking.created;
  if (total !== expected) problems.push(`${label}: ${total} appointments in the database after the load, expected ${expected}`);
  const serverMs = (method, route, from, to) => latencies(requestLog(server.lines, method, route).slice(from, to).map((entry) => entry.ms));
  const { warmup, sequential, paced } = serverLoad.booking;
  const timedFrom = warmup + sequential + paced.perSecond * paced.seconds;
  return {
    version,
    insertSeconds,
    availability,
    booking,
    // The server's own view (its request log, whole milliseconds): from the request's arrival to its answer.
    serverSide: {
      availability: serverMs('GET', '/api/availability', serverLoad.availability.warmup),
      bookingSequential: serverMs('POST', '/api/appointments', warmup, warmup + sequential),
      bookingPaced: serverMs('POST', '/api/appointments', warmup + sequential, timedFrom),
      booking: serverMs('POST', '/api/appointments', timedFrom),
    },
    appointmentsAfter: total,
    plans,
    problems,
  };
}

/**
 * The statements the server runs for availability and for a booking's checks, taken from its own
 * code (server/src/practice-store.ts) and run under EXPLAIN ANALYZE: for each, the plan's scans and
 * the execution time (the fastest of 5, after one untimed run).
 */
async function serverPlans(query, practice) {
  const store = await tsImport('../../server/src/practice-store.ts', {
    parentURL: import.meta.url,
    tsconfig: resolve(import.meta.dirname, '../../server/tsconfig.json'),
  });
  /** A stand-in database that runs each statement under EXPLAIN ANALYZE `runs` + 1 times and keeps the plan. */
  const explained = (runs) => {
    let found;
    const db = {
      async query(sql, params = []) {
        for (let run = 0; run <= runs; run++) {
          const [row] = await query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, [...params]);
          const plan = row['QUERY PLAN'];
          const [{ Plan: root, 'Execution Time': ms }] = typeof plan === 'string' ? JSON.parse(plan) : plan;
          if (run === 0) continue;
          const scans = [];
          const walk = (node) => {
            if (/Scan/.test(node['Node Type'])) scans.push(`${node['Node Type']} on ${node['Index Name'] ?? node['Relation Name']}`);
            for (const child of node.Plans ?? []) walk(child);
          };
          walk(root);
          found = { scans: [...new Set(scans)], ms: Math.min(found?.ms ?? Infinity, ms) };
        }
        return [];
      },
    };
    return { db, plan: () => found };
  };
  const range = { start: Date.parse(practice.query.start), end: Date.parse(practice.query.end) };
  const { clientId, body: booking } = practice.queues[0][0];
  const neighbourhood = { start: Date.parse(booking.start) - 86_400_000, end: Date.parse(booking.end) + 86_400_000 };
  const cases = {
    // It reads the empty answer as "no practice" and throws, after the statement has run.
    catalog: (db) => store.loadCatalog(db).catch(() => {}),
    providerBusy28Days: (db) => store.providerBusy(db, practice.query.provider, range),
    busyAroundBooking: (db) => store.busyAround(db, { providerId: booking.providerId, clientId, range: neighbourhood }),
  };
  const plans = {};
  for (const [name, run] of Object.entries(cases)) {
    const { db, plan } = explained(5);
    await run(db);
    plans[name] = plan();
  }
  return plans;
}

/** The server's PGlite folder, opened as the server opens it (while the server is stopped). */
async function openPGlite(dataDir) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  return PGlite.create({ dataDir, extensions: { btree_gist } });
}

function pgliteDatabase(dataDir) {
  return {
    async fill(statements) {
      const db = await openPGlite(dataDir);
      try {
        await db.transaction(async (tx) => {
          for (const statement of statements) await tx.exec(statement);
        });
        // No ANALYZE: PGlite runs no autovacuum, so a practice's PGlite has no statistics either.
        return (await db.query('SHOW server_version')).rows[0].server_version;
      } finally {
        await db.close();
      }
    },
    async inspect(plansOf) {
      const db = await openPGlite(dataDir);
      try {
        const query = async (sql, params) => (await db.query(sql, params)).rows;
        return { count: (await query('SELECT count(*)::int AS n FROM appointments'))[0].n, plans: await plansOf(query) };
      } finally {
        await db.close();
      }
    },
  };
}

function postgresDatabase(url) {
  const cpu = postgresCpu(new URL(url).port);
  const connected = async (work) => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    fill: (statements) =>
      connected(async (client) => {
        await client.query('BEGIN');
        for (const statement of statements) await client.query(statement);
        await client.query('COMMIT');
        // What autovacuum would have done by the time a practice has 10,000 appointments.
        await client.query('ANALYZE');
        return (await client.query('SHOW server_version')).rows[0].server_version;
      }),
    inspect: (plansOf) =>
      connected(async (client) => {
        const query = async (sql, params) => (await client.query(sql, params)).rows;
        return { count: (await query('SELECT count(*)::int AS n FROM appointments'))[0].n, plans: await plansOf(query) };
      }),
    cpu,
  };
}

// ---- the part --------------------------------------------------------------------------------

export async function benchServer({ scheduling, log }) {
  const at = new Date();
  const loadBefore = loadavg();
  const started = performance.now();
  const practice = benchPractice(scheduling, Date.now());
  const folder = await mkdtemp(join(tmpdir(), 'bench-server-'));
  const seedFile = join(folder, 'seed.json');
  await writeFile(seedFile, JSON.stringify(practice.seed));
  const results = { facts: practice.facts, query: practice.query, load: serverLoad, targets: serverTargets };
  let cluster;
  try {
    const dataDir = join(folder, 'pglite');
    results.pglite = await benchDatabase('PGlite', { SEED_FILE: seedFile, DATA_DIR: dataDir }, practice, pgliteDatabase(dataDir), log);
    const { startPostgresCluster } = await tsImport('../../server/test/postgres-cluster.ts', import.meta.url);
    log('  PostgreSQL: starting a throwaway cluster');
    cluster = await startPostgresCluster();
    const url = cluster.createDatabase('bench');
    results.postgres = await benchDatabase('PostgreSQL', { SEED_FILE: seedFile, DATABASE_URL: url }, practice, postgresDatabase(url), log);
  } finally {
    cluster?.stop();
    agent.destroy();
    await rm(folder, { recursive: true, force: true });
  }
  const { postgres } = results;
  results.checks = {
    availability: { value: postgres.availability.p95, ok: postgres.availability.p95 < serverTargets.availabilityP95Ms },
    booking: { value: postgres.booking.p95, ok: postgres.booking.p95 < serverTargets.bookingP95Ms },
    errors: { value: results.pglite.booking.all.errors + postgres.booking.all.errors, ok: !results.pglite.booking.all.errors && !postgres.booking.all.errors },
  };
  results.problems = [...results.pglite.problems, ...postgres.problems];
  if (results.pglite.availability.open !== postgres.availability.open) {
    results.problems.push(`availability: ${results.pglite.availability.open} open intervals on PGlite, ${postgres.availability.open} on PostgreSQL`);
  }
  results.at = at;
  results.loadAverage = { before: loadBefore, after: loadavg() };
  results.minutes = (performance.now() - started) / 60_000;
  return results;
}
