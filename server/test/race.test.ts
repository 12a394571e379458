/**
 * Concurrent writes: of many simultaneous requests for one free time exactly one is stored and the
 * rest are 409 (the exclusion constraint across clients, the client's row lock within one client),
 * a client cannot hold two overlapping times with two therapists, and one idempotency key is one
 * appointment whichever process answers. On two server processes sharing one PostgreSQL, and on
 * PGlite in one process.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../src/database/database.js';
import { openDatabase } from '../src/database/open.js';
import { jsonLogger } from '../src/log.js';
import { type RunningServer, startServer } from '../src/server.js';
import {
  type Answer,
  type Slot,
  booking,
  clientIds,
  fits,
  freeSlots,
  openTime,
  request,
  send,
  serverErrorLines,
  slotAt,
  slotStarts,
  statusCounts,
  storedAppointments,
  withClients,
  writeSeedFile,
} from './load.js';
import { NOW, type PostgresCluster, type ServerProcess, demoSeed, spawnServer, startPostgresCluster, testConfig } from './support.js';

const drChen = { providerId: 'dr-chen', locationId: 'riverside', serviceId: 'individual-50' };
const jordan = { providerId: 'jordan-alvarez', locationId: 'telehealth', serviceId: 'individual-50' };
const sessionMinutes = 50;
const timeTaken = new Set(['outside-availability', 'too-short-for-service', 'overlaps-own-appointment']);

/** Ten clients race for one slot; one client books with two therapists at once; one client repeats a key. */
const racers = clientIds('racer', 10);
const ownOverlapClient = 'two-therapists';
const keyClient = 'repeats-a-key';
const testClients = [...racers, ownOverlapClient, keyClient];

interface Practice {
  /** The servers' base URLs; requests take turns among them. */
  bases: string[];
  db(): Pick<Database, 'query'>;
  now: () => number;
  /** Each server's log lines so far (one array a server, growing). */
  logs(): string[][];
}

const seedIds = demoSeed().appointments!.map((appointment) => appointment.id);

/** Call at the start of a test; the function it returns asserts no server logged a 5xx or an error since. */
function watchLogs(practice: Practice): () => void {
  const marks = practice.logs().map((lines) => lines.length);
  return () => {
    const written = practice.logs().flatMap((lines, index) => lines.slice(marks[index]));
    assert.deepEqual(serverErrorLines(written), [], 'no server logged a 5xx or an error');
  };
}

function assertRefusedAsTaken(answer: Answer) {
  assert.equal(answer.status, 409, JSON.stringify(answer.body));
  assert.equal(answer.body.error.code, 'conflict');
  assert.ok(Array.isArray(answer.body.error.problems) && answer.body.error.problems.length > 0, `problems listed: ${JSON.stringify(answer.body)}`);
  for (const problem of answer.body.error.problems) assert.ok(timeTaken.has(problem.code), `a time-taken problem: ${JSON.stringify(problem)}`);
}

/** The client's held appointments overlapping [start, end), through the API. */
async function heldOverlapping(practice: Practice, client: string, start: number, end: number, base = practice.bases[0]) {
  const answer = await send(base, '/api/appointments', { client });
  assert.equal(answer.status, 200);
  return (answer.body.appointments as Array<{ id: string; status: string; start: string; end: string; provider: { id: string } }>).filter(
    (appointment) =>
      (appointment.status === 'unconfirmed' || appointment.status === 'confirmed') &&
      Date.parse(appointment.start) < end &&
      Date.parse(appointment.end) > start,
  );
}

/** 100 simultaneous requests for one free slot from ten clients, each with its own key: one 201, 99 × 409. */
async function oneSlotHundredRequests(practice: Practice) {
  const assertNoServerErrors = watchLogs(practice);
  const [slot] = await freeSlots(practice.bases[0], racers[0], drChen, sessionMinutes, 1, practice.now());
  const bookings = Array.from({ length: 100 }, (_, index) => booking(racers[index % racers.length], slot));
  assert.equal(new Set(bookings.map((b) => b.key)).size, 100, 'every request has its own key');

  const answers = await Promise.all(bookings.map((b, index) => request(practice.bases[index % practice.bases.length], b)));

  assert.deepEqual(statusCounts(answers), { 201: 1, 409: 99 }, 'one stored, the others refused as taken');
  const winnerIndex = answers.findIndex((answer) => answer.status === 201);
  const winner = answers[winnerIndex].body;
  assert.equal(winner.provider.id, slot.providerId);
  assert.equal(winner.start, slot.start);
  assert.equal(winner.status, 'unconfirmed');
  for (const answer of answers) if (answer.status !== 201) assertRefusedAsTaken(answer);

  // Through the API, as every client, on every server: the one appointment, the winner's.
  const start = Date.parse(slot.start);
  const end = Date.parse(slot.end);
  for (const base of practice.bases) {
    const held = (await Promise.all(racers.map((client) => heldOverlapping(practice, client, start, end, base)))).flat();
    assert.deepEqual(held.map((appointment) => appointment.id), [winner.id]);
  }
  // Directly in the database: one held appointment at that time, one key stored (failures leave none), its two notices.
  const rows = (await storedAppointments(practice.db(), seedIds)).filter(
    (row) => row.providerId === slot.providerId && row.start === slot.start,
  );
  assert.deepEqual(rows, [
    {
      id: winner.id,
      clientId: bookings[winnerIndex].client,
      providerId: slot.providerId,
      start: slot.start,
      status: 'unconfirmed',
      keys: [`request:${bookings[winnerIndex].key}`],
      notices: ['new-request', 'request-received'],
    },
  ]);
  const keys = await practice.db().query<{ count: number }>('SELECT count(*)::int AS count FROM idempotency_keys WHERE key = ANY($1::text[])', [
    bookings.map((b) => b.key),
  ]);
  assert.equal(keys[0].count, 1, 'the 99 refusals left no key behind');
  // And the time is no longer offered.
  assert.equal(fits(await openTime(practice.bases[1 % practice.bases.length], racers[1], drChen, practice.now()), start, sessionMinutes), false);
  assertNoServerErrors();
}

/** A dr-chen session at T and a jordan-alvarez session at T + 15 min, both open. */
async function overlappingSlotsWithTwoTherapists(practice: Practice): Promise<[Slot, Slot]> {
  const chenOpen = await openTime(practice.bases[0], ownOverlapClient, drChen, practice.now());
  const jordanOpen = await openTime(practice.bases[0], ownOverlapClient, jordan, practice.now());
  const start = slotStarts(chenOpen, sessionMinutes, 15).find((t) => fits(jordanOpen, t + 15 * 60_000, sessionMinutes));
  assert.ok(start !== undefined, 'dr-chen and jordan-alvarez have an overlapping open time');
  return [slotAt(drChen, start, sessionMinutes), slotAt(jordan, start + 15 * 60_000, sessionMinutes)];
}

/** 20 simultaneous requests of one client, half with each therapist, at overlapping times: one stored. */
async function oneClientTwoTherapists(practice: Practice) {
  const assertNoServerErrors = watchLogs(practice);
  const slots = await overlappingSlotsWithTwoTherapists(practice);
  const bookings = Array.from({ length: 20 }, (_, index) => booking(ownOverlapClient, slots[index % 2]));

  const answers = await Promise.all(bookings.map((b, index) => request(practice.bases[Math.floor(index / 2) % practice.bases.length], b)));

  assert.deepEqual(statusCounts(answers), { 201: 1, 409: 19 }, 'the client holds one of the two times, not both');
  const winnerIndex = answers.findIndex((answer) => answer.status === 201);
  const winner = answers[winnerIndex].body;
  const winningSlot = bookings[winnerIndex].slot;
  for (const [index, answer] of answers.entries()) {
    if (index === winnerIndex) continue;
    assertRefusedAsTaken(answer);
    const codes = answer.body.error.problems.map((problem: { code: string }) => problem.code);
    if (bookings[index].slot === winningSlot) {
      assert.deepEqual(codes, ['outside-availability', 'overlaps-own-appointment'], 'taken, and by the client');
    } else {
      // The other therapist's time is free: only the client's own appointment stands in the way.
      assert.deepEqual(answer.body.error.problems, [{ code: 'overlaps-own-appointment', start: winner.start, end: winner.end }]);
    }
  }
  const from = Date.parse(slots[0].start);
  const to = Date.parse(slots[1].end);
  for (const base of practice.bases) {
    assert.deepEqual((await heldOverlapping(practice, ownOverlapClient, from, to, base)).map((a) => a.id), [winner.id]);
  }
  const rows = (await storedAppointments(practice.db(), seedIds)).filter((row) => row.clientId === ownOverlapClient);
  assert.deepEqual(
    rows.map((row) => [row.id, row.keys, row.notices]),
    [[winner.id, [`request:${bookings[winnerIndex].key}`], ['new-request', 'request-received']]],
  );
  assertNoServerErrors();
}

/** One key and body sent to every process at once, then again one by one: one appointment, one answer. */
async function oneKeyManyProcesses(practice: Practice) {
  const assertNoServerErrors = watchLogs(practice);
  const [slot] = await freeSlots(practice.bases[0], keyClient, jordan, sessionMinutes, 1, practice.now());
  const first = booking(keyClient, slot);

  const concurrent = await Promise.all(Array.from({ length: 10 }, (_, index) => request(practice.bases[index % practice.bases.length], first)));
  const sequential: Answer[] = [];
  for (const base of practice.bases) sequential.push(await request(base, first));
  // The same instants written differently are the same request.
  const sameInstants = { ...first, slot: { ...slot, start: slot.start.replace('.000Z', 'Z'), end: slot.end.replace('.000Z', '+00:00') } };
  for (const base of practice.bases) sequential.push(await request(base, sameInstants));

  const answers = [...concurrent, ...sequential];
  assert.deepEqual(statusCounts(answers), { [201]: answers.length }, 'every repeat is the first answer, 201');
  const [{ body }] = answers;
  assert.equal(body.start, slot.start);
  for (const answer of answers) assert.deepEqual(answer.body, body, 'the same appointment, the same body');

  // The same key with another body is refused by every process, and changes nothing.
  const later = slotAt(jordan, Date.parse(slot.start) + 60 * 60_000, sessionMinutes);
  for (const base of practice.bases) {
    for (const other of [{ ...slot, start: later.start, end: later.end }, { ...slot, serviceId: 'check-in-25' }]) {
      const refused = await request(base, { ...first, slot: other });
      assert.equal(refused.status, 400, JSON.stringify(refused.body));
      assert.equal(refused.body.error.code, 'bad-request');
    }
  }

  for (const base of practice.bases) {
    const list = await send(base, '/api/appointments', { client: keyClient });
    assert.deepEqual(list.body.appointments, [body]);
  }
  const rows = (await storedAppointments(practice.db(), seedIds)).filter((row) => row.clientId === keyClient);
  assert.deepEqual(rows.map((row) => [row.id, row.keys, row.notices]), [[body.id, [`request:${first.key}`], ['new-request', 'request-received']]]);
  assertNoServerErrors();
}

describe('two server processes on one PostgreSQL', () => {
  let cluster: PostgresCluster | undefined;
  let servers: ServerProcess[] = [];
  let db: Database | undefined;
  const practice: Practice = { bases: [], db: () => db!, now: Date.now, logs: () => servers.map((server) => server.output) };

  before(async () => {
    cluster = await startPostgresCluster();
    const databaseUrl = cluster.createDatabase('race');
    // Spawned servers run on the real clock, so the practice is laid around it.
    const seedFile = writeSeedFile(withClients(demoSeed(Date.now()), testClients));
    // Started together: the migrations take turns through their advisory lock.
    servers = await Promise.all([1, 2].map(() => spawnServer({ DATABASE_URL: databaseUrl, SEED_FILE: seedFile, DEMO: '1' })));
    practice.bases = servers.map((server) => server.url);
    db = await openDatabase({ databaseUrl });
  });

  after(async () => {
    for (const server of servers) server.child.kill('SIGTERM');
    await Promise.all(servers.map((server) => server.exited));
    await db?.close();
    cluster?.stop();
  });

  test('100 simultaneous requests from 10 clients for one slot: 1 stored, 99 answered 409', () => oneSlotHundredRequests(practice));
  test('one client, two therapists, overlapping times, 20 at once: 1 stored, 19 answered 409', () => oneClientTwoTherapists(practice));
  test('one idempotency key sent to both processes at once and again: one appointment, identical 201s; another body is 400', () =>
    oneKeyManyProcesses(practice));
});

describe('one process on PGlite', () => {
  const lines: string[] = [];
  let server: RunningServer | undefined;
  const practice: Practice = { bases: [], db: () => server!.db, now: () => NOW, logs: () => [lines] };

  before(async () => {
    server = await startServer(testConfig(), {
      seed: withClients(demoSeed(NOW), testClients),
      now: () => NOW,
      logger: jsonLogger((line) => lines.push(line)),
    });
    practice.bases = [server.url];
  });

  after(() => server?.stop());

  test('100 simultaneous requests from 10 clients for one slot: 1 stored, 99 answered 409', () => oneSlotHundredRequests(practice));
  test('one client, two therapists, overlapping times, 20 at once: 1 stored, 19 answered 409', () => oneClientTwoTherapists(practice));
  test('one idempotency key sent 10 times at once and again: one appointment, identical 201s; another body is 400', () =>
    oneKeyManyProcesses(practice));
});
