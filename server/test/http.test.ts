/**
 * The server over HTTP, endpoint by endpoint, as docs/rest-api.md describes it: every success and
 * every documented error, each answer checked against docs/openapi.yaml (contractFetch) and for
 * `Cache-Control: no-store`. The same tests run on PGlite in memory and on a real PostgreSQL.
 * Then what is not an endpoint: /healthz, the body limit, a graceful stop, logs without personal
 * data, and a start refused for a bad seed file or environment.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { openDatabase } from '../src/database/open.js';
import { jsonLogger, silentLogger, type Logger } from '../src/log.js';
import { type Seed, parseSeed, replacePractice } from '../src/seed.js';
import { type RunningServer, startServer } from '../src/server.js';
import type { ServerConfig } from '../src/config.js';
import { type ContractResponse, contractFetch } from './openapi.js';
import { NOW, type PostgresCluster, binPath, demoSeed, startPostgresCluster, tempDataDir, testConfig } from './support.js';

type Kind = 'pglite' | 'postgres';
type Body = Record<string, unknown>;

const MINUTE = 60_000;
const at = (iso: string) => Date.parse(iso);

/** A client whose name, e-mail address and cancel reason must never reach a log line. */
const privateClient = { id: 'client-zq', name: 'Zebulon Quartermaine-Ostrowski', email: 'zq.private.mailbox@quartermaine.example' };
const privateReason = 'Recovering from a Zanzibar-specific ailment';

/**
 * The demo practice at NOW, plus the private client, plus hours for Dr. Chen at the Riverside
 * Office all day on Saturdays, so that a session can end exactly at the horizon (local midnight
 * after Saturday 30 January 2027).
 */
function fileSeed(): Seed {
  const seed = structuredClone(demoSeed(NOW));
  seed.clients = [...(seed.clients ?? []), privateClient];
  const chen = seed.schedules.find((s) => s.providerId === 'dr-chen' && s.locationId === 'riverside')!;
  chen.weekly.push({ weekday: 6, start: '00:00', end: '24:00' });
  return parseSeed(seed, 'the http test seed');
}
const seed = fileSeed();

const alex = { Authorization: 'Bearer client-alex' };
const taylor = { Authorization: 'Bearer client-taylor' };

/** A request for Dr. Chen at the Riverside Office, Individual Therapy (50 minutes) by default. */
function request(start: string, end: string, overrides: Body = {}): Body {
  return { providerId: 'dr-chen', locationId: 'riverside', serviceId: 'individual-50', start, end, ...overrides };
}
/** Wednesday 9 December 2026, 9:00 New York time: free with Dr. Chen at Riverside. */
const wednesday = request('2026-12-09T09:00:00-05:00', '2026-12-09T09:50:00-05:00');

interface CallOptions {
  headers?: Record<string, string>;
  key?: string;
  /** An object is sent as JSON; a string as it is. */
  body?: Body | string;
}

/** One call through contractFetch; every /api answer must also say `Cache-Control: no-store`. */
async function call(server: { url: string }, method: string, path: string, { headers = alex, key, body }: CallOptions = {}) {
  const init: RequestInit = {
    method,
    headers: {
      Accept: 'application/json',
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(key !== undefined ? { 'Idempotency-Key': key } : {}),
      ...headers,
    },
  };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const answer = await contractFetch(`${server.url}/api${path}`, init);
  assert.equal(answer.headers.get('Cache-Control'), 'no-store', `${method} ${path} answered ${answer.status} without Cache-Control: no-store`);
  return answer;
}

/** An error answer: its status, the contract's `error.code`, a message, and `problems` only when asked for. */
function assertError(answer: ContractResponse, status: number, code: string, problemCodes?: string[]) {
  assert.equal(answer.status, status, `expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  assert.equal(answer.body.error.code, code);
  assert.match(answer.body.error.message, /\S/);
  if (problemCodes) assert.deepEqual(answer.body.error.problems.map((p: { code: string }) => p.code), problemCodes);
  else assert.equal(answer.body.error.problems, undefined);
}

function availabilityPath(params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return `/availability?${query}`;
}
const chenRiverside = { provider: 'dr-chen', location: 'riverside', service: 'individual-50' };

async function rowCounts(server: { db: { query: RunningServer['db']['query'] } }) {
  const count = async (table: string) => (await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  return { appointments: await count('appointments'), idempotencyKeys: await count('idempotency_keys'), outbox: await count('outbox') };
}

let cluster: PostgresCluster | undefined;
let databases = 0;
before(async () => {
  cluster = await startPostgresCluster();
});
after(() => cluster?.stop());

/** A server of its own on the given database kind (a fresh PostgreSQL database each time). */
async function startOn(kind: Kind, options: { clock?: { now: number }; logger?: Logger; config?: Partial<ServerConfig> } = {}) {
  const clock = options.clock ?? { now: NOW };
  const databaseUrl = kind === 'postgres' ? cluster!.createDatabase(`http_test_${process.pid}_${++databases}`) : undefined;
  const server = await startServer(testConfig({ ...(databaseUrl ? { databaseUrl } : {}), ...options.config }), {
    seed,
    now: () => clock.now,
    logger: options.logger ?? silentLogger,
  });
  return Object.assign(server, { clock, databaseUrl });
}

for (const kind of ['pglite', 'postgres'] as const) {
  describe(`HTTP contract on ${kind}`, () => {
    let server: Awaited<ReturnType<typeof startOn>>;
    const logLines: string[] = [];

    before(async () => {
      server = await startOn(kind, { logger: jsonLogger((line) => logLines.push(line)) });
    });
    after(() => server?.stop());
    beforeEach(async () => {
      server.clock.now = NOW;
      await server.db.transaction((tx) => replacePractice(tx, seed));
      logLines.length = 0;
    });

    test('every contract endpoint answers 401 without a bearer, with an unknown one, or a malformed one', async () => {
      const endpoints: Array<[string, string, CallOptions]> = [
        ['GET', '/providers', {}],
        ['GET', '/providers/dr-chen/locations', {}],
        ['GET', '/providers/dr-chen/locations/riverside/services', {}],
        ['GET', availabilityPath({ ...chenRiverside, start: '2026-12-07T00:00:00-05:00', end: '2026-12-14T00:00:00-05:00' }), {}],
        ['GET', '/appointments', {}],
        ['POST', '/appointments/validate', { body: wednesday }],
        ['POST', '/appointments', { body: wednesday, key: randomUUID() }],
        ['PUT', '/appointments/seed-1', { body: wednesday, key: randomUUID() }],
        ['POST', '/appointments/seed-1/cancel', { body: {}, key: randomUUID() }],
      ];
      const counts = await rowCounts(server);
      const unsigned: Array<Record<string, string>> = [{}, { Authorization: 'Bearer nobody' }, { Authorization: 'Basic Y2xpZW50LWFsZXg6eA==' }, { Authorization: 'client-alex' }, { Authorization: 'Bearer' }];
      for (const headers of unsigned) {
        for (const [method, path, options] of endpoints) {
          const answer = await call(server, method, path, { ...options, headers });
          assertError(answer, 401, 'unauthorized');
          assert.equal(answer.body.error.message, 'Please sign in to book appointments.');
        }
      }
      assert.deepEqual(await rowCounts(server), counts);
    });

    test('the practice: providers, their locations, the services there, and 404 for unknown ids', async () => {
      const providers = await call(server, 'GET', '/providers');
      assert.equal(providers.status, 200);
      assert.deepEqual(
        providers.body.providers.map((p: { id: string; selfScheduling: boolean }) => [p.id, p.selfScheduling]),
        [['dr-chen', true], ['jordan-alvarez', true], ['sam-okafor', false]],
      );
      const locations = await call(server, 'GET', '/providers/dr-chen/locations');
      assert.equal(locations.status, 200);
      assert.deepEqual(locations.body.locations.map((l: { id: string }) => l.id), ['riverside', 'telehealth']);
      assert.equal(locations.body.locations[0].address, '1200 River Road, Suite 300\nHudson, NY 12534');
      assert.equal('address' in locations.body.locations[1], false);
      const services = await call(server, 'GET', '/providers/dr-chen/locations/riverside/services');
      assert.equal(services.status, 200);
      assert.deepEqual(services.body.services.map((s: { id: string }) => s.id), ['individual-50', 'intake-60']);
      // Returned whole: every provider that offers it.
      assert.equal(services.body.services[0].offeredBy.length, 3);
      // A location where the provider has no offering: an empty list, not an error.
      const none = await call(server, 'GET', '/providers/sam-okafor/locations/telehealth/services');
      assert.deepEqual([none.status, none.body], [200, { services: [] }]);

      assertError(await call(server, 'GET', '/providers/nobody/locations'), 404, 'not-found');
      assertError(await call(server, 'GET', '/providers/nobody/locations/riverside/services'), 404, 'not-found');
      assertError(await call(server, 'GET', '/providers/dr-chen/locations/nowhere/services'), 404, 'not-found');
    });

    test('GET /availability: the documented week, and a `+` offset sent as %2B is read as +', async () => {
      const week = await call(server, 'GET', availabilityPath({ ...chenRiverside, start: '2026-12-07T00:00:00-05:00', end: '2026-12-14T00:00:00-05:00' }));
      assert.equal(week.status, 200);
      assert.deepEqual(week.body, {
        providerId: 'dr-chen',
        locationId: 'riverside',
        serviceId: 'individual-50',
        timeZone: 'America/New_York',
        range: { start: '2026-12-07T05:00:00.000Z', end: '2026-12-14T05:00:00.000Z' },
        open: [
          { start: '2026-12-07T14:00:00.000Z', end: '2026-12-07T15:00:00.000Z' },
          { start: '2026-12-07T15:50:00.000Z', end: '2026-12-07T17:00:00.000Z' },
          { start: '2026-12-07T18:00:00.000Z', end: '2026-12-07T19:00:00.000Z' },
          { start: '2026-12-07T19:50:00.000Z', end: '2026-12-07T22:00:00.000Z' },
          { start: '2026-12-09T14:00:00.000Z', end: '2026-12-09T17:00:00.000Z' },
          { start: '2026-12-09T18:00:00.000Z', end: '2026-12-09T22:00:00.000Z' },
          { start: '2026-12-11T14:00:00.000Z', end: '2026-12-11T17:00:00.000Z' },
          { start: '2026-12-11T18:00:00.000Z', end: '2026-12-11T22:00:00.000Z' },
          // The seed's extra Saturday hours (all day, less the lunch break every day has).
          { start: '2026-12-12T05:00:00.000Z', end: '2026-12-12T17:00:00.000Z' },
          { start: '2026-12-12T18:00:00.000Z', end: '2026-12-13T05:00:00.000Z' },
        ],
        slotStepMinutes: 15,
        earliestStart: '2026-12-02T15:00:00.000Z',
        latestEnd: '2027-01-31T05:00:00.000Z',
      });
      // URLSearchParams sends + as %2B: the offset +05:00, not a space.
      const plus = await call(server, 'GET', availabilityPath({ ...chenRiverside, start: '2026-12-07T00:00:00+05:00', end: '2026-12-08T00:00:00+05:00' }));
      assert.equal(plus.status, 200);
      assert.deepEqual(plus.body.range, { start: '2026-12-06T19:00:00.000Z', end: '2026-12-07T19:00:00.000Z' });
      // A raw + in a query string is a space: not an instant.
      assertError(
        await call(server, 'GET', `/availability?provider=dr-chen&location=riverside&service=individual-50&start=2026-12-07T00:00:00+05:00&end=2026-12-08T00:00:00Z`),
        400,
        'bad-request',
      );
    });

    test('GET /availability: 400 for missing or bad parameters, a reversed or empty range, and more than 62 days (exactly 62 passes)', async () => {
      const good = { ...chenRiverside, start: '2026-12-07T00:00:00Z', end: '2026-12-08T00:00:00Z' };
      for (const missing of ['provider', 'location', 'service', 'start', 'end'] as const) {
        const answer = await call(server, 'GET', availabilityPath({ ...good, [missing]: undefined }));
        assertError(answer, 400, 'bad-request');
        assert.match(answer.body.error.message, new RegExp(missing));
        assertError(await call(server, 'GET', availabilityPath({ ...good, [missing]: '' })), 400, 'bad-request');
      }
      for (const bad of ['2026-12-07', '2026-12-07T00:00:00', '2026-12-07T00:00Z', '2026-12-07T00:00:00+0500', 'tomorrow', '2026-02-30T00:00:00Z']) {
        assertError(await call(server, 'GET', availabilityPath({ ...good, start: bad })), 400, 'bad-request');
        assertError(await call(server, 'GET', availabilityPath({ ...good, end: bad })), 400, 'bad-request');
      }
      assertError(await call(server, 'GET', availabilityPath({ ...good, start: good.end, end: good.start })), 400, 'bad-request');
      assertError(await call(server, 'GET', availabilityPath({ ...good, end: good.start })), 400, 'bad-request');
      // The range is checked before the ids.
      assertError(await call(server, 'GET', availabilityPath({ ...good, provider: 'nobody', start: good.end, end: good.start })), 400, 'bad-request');

      const start = '2026-12-07T00:00:00.000Z';
      const plus = (ms: number) => new Date(at(start) + ms).toISOString();
      const days62 = 62 * 24 * 60 * MINUTE;
      for (const [length, status] of [
        [days62 - 1, 200],
        [days62, 200],
        [days62 + 1, 400],
        [days62 + MINUTE, 400],
      ] as const) {
        const answer = await call(server, 'GET', availabilityPath({ ...chenRiverside, start, end: plus(length) }));
        assert.equal(answer.status, status, `a range of 62 days ${length - days62} ms: ${JSON.stringify(answer.body)}`);
      }
    });

    test('GET /availability: 404 for unknown ids; 422 for a provider who does not self-schedule, then for a service not offered there', async () => {
      const range = { start: '2026-12-07T00:00:00Z', end: '2026-12-14T00:00:00Z' };
      for (const unknown of [{ provider: 'nobody' }, { location: 'nowhere' }, { service: 'yoga' }]) {
        assertError(await call(server, 'GET', availabilityPath({ ...chenRiverside, ...range, ...unknown })), 404, 'not-found');
      }
      assertError(await call(server, 'GET', availabilityPath({ ...chenRiverside, ...range, provider: 'sam-okafor' })), 422, 'rule-violation', ['provider-not-self-scheduling']);
      // Sam does not offer Brief Check-in at Riverside either: one problem, the first.
      assertError(
        await call(server, 'GET', availabilityPath({ ...range, provider: 'sam-okafor', location: 'riverside', service: 'check-in-25' })),
        422,
        'rule-violation',
        ['provider-not-self-scheduling'],
      );
      assertError(await call(server, 'GET', availabilityPath({ ...chenRiverside, ...range, service: 'couples-80' })), 422, 'rule-violation', ['service-not-offered']);
    });

    test('GET /appointments: only the signed-in client\'s, sorted, filtered by start/end; 400 for a bad instant', async () => {
      const all = await call(server, 'GET', '/appointments');
      assert.equal(all.status, 200);
      assert.deepEqual(all.body.appointments.map((a: { id: string }) => a.id), ['seed-3', 'seed-1', 'seed-2']);
      const theirs = await call(server, 'GET', '/appointments', { headers: taylor });
      assert.deepEqual(theirs.body.appointments.map((a: { id: string }) => a.id), ['seed-4', 'seed-5', 'seed-6']);
      // seed-1 ends 2026-12-07T15:50Z: `start` keeps appointments that end after it.
      const endingAfter = await call(server, 'GET', `/appointments?${new URLSearchParams({ start: '2026-12-07T15:49:59Z' })}`);
      assert.deepEqual(endingAfter.body.appointments.map((a: { id: string }) => a.id), ['seed-1', 'seed-2']);
      const notAfter = await call(server, 'GET', `/appointments?${new URLSearchParams({ start: '2026-12-07T15:50:00Z' })}`);
      assert.deepEqual(notAfter.body.appointments.map((a: { id: string }) => a.id), ['seed-2']);
      // `end` keeps those that start before it; with an offset sent as %2B.
      const startingBefore = await call(server, 'GET', `/appointments?${new URLSearchParams({ end: '2026-12-07T20:00:01+05:00' })}`);
      assert.deepEqual(startingBefore.body.appointments.map((a: { id: string }) => a.id), ['seed-3', 'seed-1']);
      for (const name of ['start', 'end']) {
        for (const bad of ['yesterday', '2026-12-07T00:00:00', '2026-12-07T24:00:00Z', '2026-12-07T23:59:60Z', '2026-12-07T00:00:00+24:00']) {
          assertError(await call(server, 'GET', `/appointments?${new URLSearchParams({ [name]: bad })}`), 400, 'bad-request');
        }
      }
    });

    test('POST /appointments/validate: 200 with every problem (never 409 or 422), 400 for a bad body, 404 for unknown ids', async () => {
      const ok = await call(server, 'POST', '/appointments/validate', { body: wednesday });
      assert.deepEqual([ok.status, ok.body], [200, { ok: true, problems: [] }]);
      // Taken by Taylor (seed-4, Monday 14:00 New York).
      const taken = await call(server, 'POST', '/appointments/validate', { body: request('2026-12-07T14:00:00-05:00', '2026-12-07T14:50:00-05:00') });
      assert.deepEqual([taken.status, taken.body], [200, { ok: false, problems: [{ code: 'outside-availability' }] }]);
      const rules = await call(server, 'POST', '/appointments/validate', { body: request('2026-12-02T09:05:00-05:00', '2026-12-02T09:35:00-05:00') });
      assert.equal(rules.status, 200);
      assert.deepEqual(rules.body.problems.map((p: { code: string }) => p.code), ['wrong-length', 'inside-minimum-notice', 'not-on-slot-step']);
      assert.equal(rules.body.ok, false);

      assertError(await call(server, 'POST', '/appointments/validate', { body: 'not json' }), 400, 'bad-request');
      assertError(await call(server, 'POST', '/appointments/validate', { body: '' }), 400, 'bad-request');
      assertError(await call(server, 'POST', '/appointments/validate', { body: { ...wednesday, end: wednesday.start } }), 400, 'bad-request');
      assertError(await call(server, 'POST', '/appointments/validate', { body: { ...wednesday, start: '2026-12-09T09:00:00' } }), 400, 'bad-request');
      assertError(await call(server, 'POST', '/appointments/validate', { body: { ...wednesday, serviceId: 'yoga' } }), 404, 'not-found');
      assert.deepEqual(await rowCounts(server), { appointments: 6, idempotencyKeys: 0, outbox: 0 });
    });

    test('POST /appointments: 201 stored in UTC; a replay is the same appointment; key and body errors are 400 and store nothing', async () => {
      const key = randomUUID();
      const created = await call(server, 'POST', '/appointments', { body: wednesday, key });
      assert.equal(created.status, 201);
      assert.equal(created.body.status, 'unconfirmed');
      assert.deepEqual([created.body.start, created.body.end], ['2026-12-09T14:00:00.000Z', '2026-12-09T14:50:00.000Z']);
      assert.deepEqual(created.body.manage, {
        canChange: true,
        canCancel: true,
        until: '2026-12-08T14:00:00.000Z',
        cancellationPolicy: 'Appointments cancelled less than 24 hours before they start may be charged the full session fee.',
      });
      const stored = await rowCounts(server);
      assert.deepEqual(stored, { appointments: 7, idempotencyKeys: 1, outbox: 2 });
      // The same key and request (instants compared as instants): the first answer again, nothing new.
      const replay = await call(server, 'POST', '/appointments', { body: request('2026-12-09T14:00:00.000Z', '2026-12-09T14:50:00Z'), key });
      assert.deepEqual([replay.status, replay.body], [201, created.body]);
      assert.deepEqual(await rowCounts(server), stored);
      // The time is now held: gone from open, and another client's request is a 409.
      const week = await call(server, 'GET', availabilityPath({ ...chenRiverside, start: '2026-12-09T00:00:00Z', end: '2026-12-10T00:00:00Z' }));
      assert.equal(week.body.open[0].start, '2026-12-09T14:50:00.000Z');

      // The same key for a different request.
      const other = request('2026-12-09T10:00:00-05:00', '2026-12-09T10:50:00-05:00');
      const reused = await call(server, 'POST', '/appointments', { body: other, key });
      assertError(reused, 400, 'bad-request');
      assert.equal(reused.body.error.message, 'That idempotency key was already used for a different request.');
      // No key, an empty key, a body that is not JSON or not a request.
      assertError(await call(server, 'POST', '/appointments', { body: other }), 400, 'bad-request');
      assertError(await call(server, 'POST', '/appointments', { body: other, key: '' }), 400, 'bad-request');
      for (const body of ['{"providerId":', '', 'null', '[]', JSON.stringify({ ...other, end: undefined }), JSON.stringify({ ...other, providerId: '' }), JSON.stringify({ ...other, start: other.end })]) {
        assertError(await call(server, 'POST', '/appointments', { body, key: randomUUID() }), 400, 'bad-request');
      }
      assertError(await call(server, 'POST', '/appointments', { body: { ...other, locationId: 'nowhere' }, key: randomUUID() }), 404, 'not-found');
      assert.deepEqual(await rowCounts(server), stored);
    });

    test('POST /appointments: a taken time is 409 with problems, a broken rule 422 with problems, and neither is stored', async () => {
      const taken = await call(server, 'POST', '/appointments', { body: request('2026-12-07T14:00:00-05:00', '2026-12-07T14:50:00-05:00'), key: randomUUID() });
      assertError(taken, 409, 'conflict', ['outside-availability']);
      // 11:30 is in the open interval 10:50–12:00, which is 30 minutes long.
      const short = await call(server, 'POST', '/appointments', { body: request('2026-12-07T11:30:00-05:00', '2026-12-07T12:20:00-05:00'), key: randomUUID() });
      assertError(short, 409, 'conflict', ['too-short-for-service']);
      assert.deepEqual(short.body.error.problems[0], { code: 'too-short-for-service', serviceMinutes: 50, availableMinutes: 30 });
      // Alex's own seed-2 (Jordan Alvarez, Wednesday 17:00–17:25) is also Jordan's held time.
      const own = await call(server, 'POST', '/appointments', {
        body: request('2026-12-09T17:00:00-05:00', '2026-12-09T17:25:00-05:00', { providerId: 'jordan-alvarez', locationId: 'telehealth', serviceId: 'check-in-25' }),
        key: randomUUID(),
      });
      assertError(own, 409, 'conflict', ['outside-availability', 'overlaps-own-appointment']);

      const rules = await call(server, 'POST', '/appointments', { body: request('2026-12-09T09:05:00-05:00', '2026-12-09T09:35:00-05:00'), key: randomUUID() });
      assertError(rules, 422, 'rule-violation', ['wrong-length', 'not-on-slot-step']);
      assert.deepEqual(rules.body.error.problems, [
        { code: 'wrong-length', expectedMinutes: 50, actualMinutes: 30 },
        { code: 'not-on-slot-step', stepMinutes: 15 },
      ]);
      const sam = await call(server, 'POST', '/appointments', { body: request('2026-12-09T09:00:00-05:00', '2026-12-09T09:50:00-05:00', { providerId: 'sam-okafor' }), key: randomUUID() });
      assertError(sam, 422, 'rule-violation', ['provider-not-self-scheduling']);
      const past = await call(server, 'POST', '/appointments', { body: request('2026-11-30T09:00:00-05:00', '2026-11-30T09:50:00-05:00'), key: randomUUID() });
      assertError(past, 422, 'rule-violation', ['in-the-past']);
      assert.deepEqual(await rowCounts(server), { appointments: 6, idempotencyKeys: 0, outbox: 0 });
    });

    test('minimum notice: a start one minute before earliestStart is refused, exactly at it accepted', async () => {
      // With now at Tuesday 8 December 14:00Z, earliestStart is Wednesday 9:00 New York (14:00Z).
      server.clock.now = at('2026-12-08T14:01:00Z');
      const early = await call(server, 'POST', '/appointments', { body: wednesday, key: randomUUID() });
      assertError(early, 422, 'rule-violation', ['inside-minimum-notice']);
      assert.deepEqual(early.body.error.problems[0], { code: 'inside-minimum-notice', earliestStart: '2026-12-09T14:01:00.000Z' });

      server.clock.now = at('2026-12-08T14:00:00Z');
      const availability = await call(server, 'GET', availabilityPath({ ...chenRiverside, start: '2026-12-09T00:00:00Z', end: '2026-12-10T00:00:00Z' }));
      assert.equal(availability.body.earliestStart, '2026-12-09T14:00:00.000Z');
      assert.equal(availability.body.open[0].start, '2026-12-09T14:00:00.000Z');
      const exactly = await call(server, 'POST', '/appointments', { body: wednesday, key: randomUUID() });
      assert.equal(exactly.status, 201, JSON.stringify(exactly.body));
    });

    test('horizon: a session ending exactly at latestEnd is accepted, one slot step later it is refused', async () => {
      server.clock.now = NOW;
      const latestEnd = '2027-01-31T05:00:00.000Z';
      const range = await call(server, 'GET', availabilityPath({ ...chenRiverside, service: 'intake-60', start: '2027-01-30T05:00:00Z', end: '2027-02-01T05:00:00Z' }));
      assert.equal(range.body.latestEnd, latestEnd);
      assert.deepEqual(range.body.open.at(-1), { start: '2027-01-30T18:00:00.000Z', end: latestEnd });

      const intake = { serviceId: 'intake-60' };
      const later = await call(server, 'POST', '/appointments', { body: request('2027-01-31T04:15:00Z', '2027-01-31T05:15:00Z', intake), key: randomUUID() });
      assertError(later, 422, 'rule-violation', ['beyond-horizon']);
      assert.deepEqual(later.body.error.problems[0], { code: 'beyond-horizon', latestEnd });
      const last = await call(server, 'POST', '/appointments', { body: request('2027-01-31T04:00:00Z', '2027-01-31T05:00:00Z', intake), key: randomUUID() });
      assert.equal(last.status, 201, JSON.stringify(last.body));
      assert.equal(last.body.end, latestEnd);
    });

    test('PUT /appointments/{id}: moved and unconfirmed again; 400, 404 (unknown or another client\'s), 409 and 422', async () => {
      server.clock.now = at('2026-12-02T12:00:00Z');
      const friday = request('2026-12-11T09:00:00-05:00', '2026-12-11T09:50:00-05:00');
      const key = randomUUID();
      const moved = await call(server, 'PUT', '/appointments/seed-1', { body: friday, key });
      assert.equal(moved.status, 200);
      assert.equal(moved.body.id, 'seed-1');
      assert.equal(moved.body.status, 'unconfirmed');
      assert.deepEqual([moved.body.start, moved.body.end], ['2026-12-11T14:00:00.000Z', '2026-12-11T14:50:00.000Z']);
      assert.equal(moved.body.createdAt, '2026-11-28T15:00:00.000Z');
      assert.equal(moved.body.updatedAt, '2026-12-02T12:00:00.000Z');
      const replay = await call(server, 'PUT', '/appointments/seed-1', { body: friday, key });
      assert.deepEqual([replay.status, replay.body], [200, moved.body]);
      assertError(await call(server, 'PUT', '/appointments/seed-2', { body: friday, key }), 400, 'bad-request');

      const counts = await rowCounts(server);
      const wed = request('2026-12-09T10:00:00-05:00', '2026-12-09T10:50:00-05:00');
      assertError(await call(server, 'PUT', '/appointments/seed-1', { body: wed }), 400, 'bad-request');
      assertError(await call(server, 'PUT', '/appointments/seed-1', { body: '{', key: randomUUID() }), 400, 'bad-request');
      assertError(await call(server, 'PUT', '/appointments/nope', { body: wed, key: randomUUID() }), 404, 'not-found');
      assertError(await call(server, 'PUT', '/appointments/seed-4', { body: wed, key: randomUUID() }), 404, 'not-found');
      assertError(await call(server, 'PUT', '/appointments/seed-1', { body: { ...wed, serviceId: 'yoga' }, key: randomUUID() }), 404, 'not-found');
      assertError(
        await call(server, 'PUT', '/appointments/seed-1', { body: request('2026-12-07T14:00:00-05:00', '2026-12-07T14:50:00-05:00'), key: randomUUID() }),
        409,
        'conflict',
        ['outside-availability'],
      );
      assertError(
        await call(server, 'PUT', '/appointments/seed-1', { body: request('2026-12-09T10:00:00-05:00', '2026-12-09T10:30:00-05:00'), key: randomUUID() }),
        422,
        'rule-violation',
        ['wrong-length'],
      );
      assert.deepEqual(await rowCounts(server), counts);
    });

    test('POST /appointments/{id}/cancel: 200 cancelled; 422 when already cancelled; 404 for another client\'s; 400 for key or body', async () => {
      const key = randomUUID();
      const cancelled = await call(server, 'POST', '/appointments/seed-1/cancel', { body: { reason: 'Feeling better' }, key });
      assert.equal(cancelled.status, 200);
      assert.equal(cancelled.body.status, 'cancelled');
      assert.deepEqual(cancelled.body.manage, {
        canChange: false,
        canCancel: false,
        until: null,
        reason: 'This appointment was cancelled.',
        cancellationPolicy: 'Appointments cancelled less than 24 hours before they start may be charged the full session fee.',
      });
      assert.equal(JSON.stringify(cancelled.body).includes('Feeling better'), false);
      // A replay with another reason is the same request.
      const replay = await call(server, 'POST', '/appointments/seed-1/cancel', { body: { reason: 'Other' }, key });
      assert.deepEqual([replay.status, replay.body], [200, cancelled.body]);
      const again = await call(server, 'POST', '/appointments/seed-1/cancel', { body: {}, key: randomUUID() });
      assertError(again, 422, 'rule-violation');
      assert.equal(again.body.error.message, 'This appointment was cancelled.');

      const counts = await rowCounts(server);
      assertError(await call(server, 'POST', '/appointments/seed-4/cancel', { body: {}, key: randomUUID() }), 404, 'not-found');
      assertError(await call(server, 'POST', '/appointments/nope/cancel', { body: {}, key: randomUUID() }), 404, 'not-found');
      assertError(await call(server, 'POST', '/appointments/seed-2/cancel', { body: {} }), 400, 'bad-request');
      assertError(await call(server, 'POST', '/appointments/seed-2/cancel', { body: {}, key: '' }), 400, 'bad-request');
      assertError(await call(server, 'POST', '/appointments/seed-2/cancel', { body: '', key: randomUUID() }), 400, 'bad-request');
      assertError(await call(server, 'POST', '/appointments/seed-2/cancel', { body: 'reason=tired', key: randomUUID() }), 400, 'bad-request');
      // A key used for a cancel of seed-1 is a different request for seed-2.
      assertError(await call(server, 'POST', '/appointments/seed-2/cancel', { body: {}, key }), 400, 'bad-request');
      assert.deepEqual(await rowCounts(server), counts);
      // Taylor's appointment is untouched.
      const theirs = await call(server, 'GET', '/appointments', { headers: taylor });
      assert.equal(theirs.body.appointments[0].status, 'confirmed');
    });

    test('change cutoff: one minute after it a cancel and a change are 422 with the manage reason, one minute before it a cancel works', async () => {
      // seed-2 starts 2026-12-09T22:00Z; the cutoff is 24 hours before.
      const cutoff = at('2026-12-08T22:00:00Z');
      const pastCutoff = 'Appointments can be changed online until 24 hours before they start. Please contact the practice.';
      server.clock.now = cutoff + MINUTE;
      const list = await call(server, 'GET', '/appointments');
      const seed2 = list.body.appointments.find((a: { id: string }) => a.id === 'seed-2');
      assert.deepEqual([seed2.manage.canCancel, seed2.manage.canChange, seed2.manage.until, seed2.manage.reason], [false, false, null, pastCutoff]);
      const lateCancel = await call(server, 'POST', '/appointments/seed-2/cancel', { body: {}, key: randomUUID() });
      assertError(lateCancel, 422, 'rule-violation');
      assert.equal(lateCancel.body.error.message, pastCutoff);
      const lateChange = await call(server, 'PUT', '/appointments/seed-2', {
        body: request('2026-12-11T09:00:00-05:00', '2026-12-11T09:50:00-05:00'),
        key: randomUUID(),
      });
      assertError(lateChange, 422, 'rule-violation');
      assert.equal(lateChange.body.error.message, pastCutoff);

      server.clock.now = cutoff - MINUTE;
      const inTimeList = await call(server, 'GET', '/appointments');
      assert.equal(inTimeList.body.appointments.find((a: { id: string }) => a.id === 'seed-2').manage.until, '2026-12-08T22:00:00.000Z');
      const inTime = await call(server, 'POST', '/appointments/seed-2/cancel', { body: {}, key: randomUUID() });
      assert.equal(inTime.status, 200, JSON.stringify(inTime.body));
      assert.equal(inTime.body.status, 'cancelled');
      assert.equal(inTime.body.updatedAt, new Date(cutoff - MINUTE).toISOString());
    });

    test('/healthz answers 200 { status: "ok" }; an unknown /api path is a JSON 404 with no-store', async () => {
      const health = await contractFetch(`${server.url}/healthz`);
      assert.equal(health.status, 200);
      assert.equal(health.body.status, 'ok');
      assert.equal(health.body.database, kind);
      assert.equal(health.headers.get('Cache-Control'), 'no-store');
      assertError(await call(server, 'GET', '/nothing-here'), 404, 'not-found');
      assertError(await call(server, 'DELETE', '/appointments/seed-1'), 404, 'not-found');
    });

    test('a body over MAX_BODY_BYTES is a JSON 413 on every write, and nothing is stored', async () => {
      const big = { ...wednesday, padding: 'x'.repeat(17 * 1024) };
      const counts = await rowCounts(server);
      for (const [method, path, key] of [
        ['POST', '/appointments', randomUUID()],
        ['POST', '/appointments/validate', undefined],
        ['PUT', '/appointments/seed-1', randomUUID()],
        ['POST', '/appointments/seed-1/cancel', randomUUID()],
      ] as const) {
        const answer = await call(server, method, path, { body: big, ...(key ? { key } : {}) });
        assertError(answer, 413, 'bad-request');
      }
      assert.deepEqual(await rowCounts(server), counts);
      // Just under the limit is read as usual.
      const fits = { ...wednesday, padding: 'x'.repeat(15 * 1024) };
      assert.equal((await call(server, 'POST', '/appointments', { body: fits, key: randomUUID() })).status, 201);
    });

    test('the logs carry no name, e-mail address, reason, body or query string', async () => {
      const zq = { Authorization: `Bearer ${privateClient.id}` };
      const personal = { note: `${privateClient.name} <${privateClient.email}>` };
      await call(server, 'GET', '/providers', { headers: zq });
      await call(server, 'GET', availabilityPath({ ...chenRiverside, start: '2026-12-07T00:00:00-05:00', end: '2026-12-14T00:00:00-05:00' }), { headers: zq });
      await call(server, 'GET', `/appointments?${new URLSearchParams({ start: '2026-12-01T00:00:00+01:00' })}`, { headers: zq });
      await call(server, 'POST', '/appointments/validate', { headers: zq, body: { ...wednesday, ...personal } });
      const created = await call(server, 'POST', '/appointments', { headers: zq, body: { ...wednesday, ...personal }, key: randomUUID() });
      assert.equal(created.status, 201);
      await call(server, 'PUT', `/appointments/${created.body.id}`, { headers: zq, body: request('2026-12-11T09:00:00-05:00', '2026-12-11T09:50:00-05:00'), key: randomUUID() });
      const cancelled = await call(server, 'POST', `/appointments/${created.body.id}/cancel`, { headers: zq, body: { reason: privateReason }, key: randomUUID() });
      assert.equal(cancelled.status, 200);
      // Errors too: a bad body holding the name, a bad query, an unknown id.
      await call(server, 'POST', '/appointments', { headers: zq, body: `{"name": "${privateClient.name}", "email": "${privateClient.email}"`, key: randomUUID() });
      await call(server, 'GET', `/availability?provider=${encodeURIComponent(privateClient.email)}`, { headers: zq });
      await call(server, 'GET', `/providers/${encodeURIComponent(privateClient.name)}/locations`, { headers: zq });
      // The practice's outbox did get the e-mail address and the reason: the data was there to leak.
      const [{ n }] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE recipient = $1', [privateClient.email]);
      assert.ok(n >= 1);

      const words = [privateClient.name, ...privateClient.name.split(/[\s-]/), privateClient.email, 'quartermaine', privateReason, 'Zanzibar'];
      for (const line of logLines) {
        for (const word of words) assert.equal(line.toLowerCase().includes(word.toLowerCase()), false, `a log line holds "${word}": ${line}`);
        // Every field but the line's own time (which is the real clock's).
        const { time: _time, ...fields } = JSON.parse(line);
        assert.doesNotMatch(JSON.stringify(fields), /\?|provider=|start=|%40|2026-12-07T00|\+01:00/, `a log line holds a query string: ${line}`);
      }
      const requests = logLines.map((line) => JSON.parse(line)).filter((entry) => entry.event === 'request');
      assert.equal(requests.length, 10, `one line a request:\n${logLines.join('\n')}`);
      for (const entry of requests) {
        assert.deepEqual(Object.keys(entry).sort(), ['event', 'level', 'method', 'ms', 'route', 'status', 'time']);
        assert.equal(typeof entry.ms, 'number');
      }
      assert.ok(
        requests.some((entry) => entry.route === '/api/appointments/:id/cancel' && entry.status === 200),
        `the cancel is logged with its route pattern:\n${logLines.join('\n')}`,
      );
    });

    test('a bad seed file stops the start with exit code 2 and one line naming the file, the path and the problem; the database is untouched', async () => {
      // PostgreSQL: a database in use (the demo practice and one appointment more) stays as it was.
      // PGlite: the seed is read before the data folder is opened, so the folder is never made.
      const dataDir = kind === 'pglite' ? tempDataDir() : undefined;
      let databaseUrl: string | undefined;
      let untouched = '';
      const snapshot = async () => {
        const db = await openDatabase({ databaseUrl });
        try {
          const tables = ['practice', 'providers', 'locations', 'services', 'schedules', 'clients', 'appointments', 'idempotency_keys', 'outbox'];
          const rows: Record<string, unknown> = {};
          for (const table of tables) rows[table] = await db.query(`SELECT * FROM ${table} ORDER BY 1`);
          return JSON.stringify(rows);
        } finally {
          await db.close();
        }
      };
      if (kind === 'postgres') {
        const first = await startOn(kind);
        databaseUrl = first.databaseUrl;
        try {
          assert.equal((await call(first, 'POST', '/appointments', { body: wednesday, key: randomUUID() })).status, 201);
        } finally {
          // A server left listening would keep the test process alive.
          await first.stop();
        }
        untouched = await snapshot();
      }

      const folder = mkdtempSync(join(tmpdir(), 'bad-seed-'));
      const unknownProvider = structuredClone(seed);
      unknownProvider.services[1].offeredBy[0].providerId = 'dr-nobody';
      const files = {
        unknownProvider: [join(folder, 'unknown-provider.json'), JSON.stringify(unknownProvider), 'services[1].offeredBy[0].providerId: no provider "dr-nobody" in this file'],
        notJson: [join(folder, 'not-json.json'), '{ "name": "Riverside", ', '(the whole file): not JSON'],
      };
      const runs = await Promise.all(
        Object.values(files).map(([file, text]) => {
          writeFileSync(file, text);
          return runBin({ SEED_FILE: file, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir! }) });
        }),
      );
      Object.values(files).forEach(([file, , problem], i) => {
        const { code, stderr, stdout } = runs[i];
        assert.equal(code, 2, `exit code for ${file}: ${stderr}`);
        const lines = stderr.split('\n').filter(Boolean);
        assert.equal(lines.length, 1, `one stderr line, got: ${stderr}`);
        assert.ok(lines[0].startsWith(`self-schedule-server: seed file ${file}: ${problem}`), lines[0]);
        assert.equal(stdout.includes('"event":"listening"'), false);
      });
      if (databaseUrl) assert.equal(await snapshot(), untouched, 'the database changed');
      else assert.equal(existsSync(dataDir!), false, 'the PGlite data folder was created');
    });

    test('graceful stop: requests in flight finish with their normal status, new connections are refused, then the database is closed', async () => {
      // The last test of the suite: it stops the suite's server (`after` then finds it stopped).
      const own = server;
      const realQuery = own.db.query;
      let entered = 0;
      let allIn!: () => void;
      const allInside = new Promise<void>((resolve) => (allIn = resolve));
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const inFlight = 12;
      // Each request's first query (who the client is) waits at the gate, so all are surely in flight.
      own.db.query = (async (...args: Parameters<typeof realQuery>) => {
        if (++entered === inFlight) allIn();
        await gate;
        return realQuery.apply(own.db, args);
      }) as typeof realQuery;
      const answers = Array.from({ length: inFlight }, (_, i) =>
        i === 0
          ? call(own, 'POST', '/appointments', { body: wednesday, key: randomUUID() })
          : i % 2
            ? call(own, 'GET', '/providers')
            : call(own, 'POST', '/appointments/validate', { body: wednesday }),
      );
      await allInside;
      const started = performance.now();
      const stopped = own.stop();
      try {
        // No new connection is taken once stopping...
        const port = Number(new URL(own.url).port);
        await new Promise<void>((resolve, reject) => {
          const socket = connect(port, '127.0.0.1');
          socket.once('connect', () => {
            socket.destroy();
            reject(new Error('a new connection was accepted while stopping'));
          });
          socket.once('error', () => resolve());
        });
      } finally {
        // ...and the database stays open for the requests in flight.
        open();
      }
      const statuses = (await Promise.all(answers)).map((answer) => answer.status);
      assert.deepEqual(statuses, Array.from({ length: inFlight }, (_, i) => (i === 0 ? 201 : 200)));
      await stopped;
      const stopMs = performance.now() - started;
      // Well before the shutdown timeout (5 s), which would have cut the requests off.
      assert.ok(stopMs < 2_500, `stop() took ${Math.round(stopMs)} ms`);
      await assert.rejects(realQuery.apply(own.db, ['SELECT 1']), 'the database is closed after stop()');
    });
  });
}

/** The server's bin as its own process, until it exits (it is expected not to start). */
function runBin(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [binPath], { env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env }, timeout: 30_000 }, (_error, stdout, stderr) =>
      resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

test('a bad environment variable stops the start with exit code 2 and one line', async () => {
  const runs = await Promise.all([
    runBin({ PORT: 'abc', DATA_DIR: ':memory:' }),
    runBin({ PORT: '0', DATA_DIR: ':memory:', DATABASE_URL: 'mysql://localhost/db' }),
  ]);
  const expected = [
    'self-schedule-server: environment PORT: a whole number from 0 to 65535',
    'self-schedule-server: environment DATABASE_URL: a postgres:// URL',
  ];
  runs.forEach(({ code, stderr }, i) => {
    assert.equal(code, 2, stderr);
    assert.deepEqual(stderr.split('\n').filter(Boolean), [expected[i]]);
  });
});
