/**
 * kill -9 in the middle of a burst of bookings, then a restart on the same database: every
 * booking answered 201 is still there as answered, nothing is half-written (each appointment has
 * its one idempotency key and its two notices, or does not exist), and repeating a request with
 * its key gives the first answer, or makes the appointment once if the first attempt was lost.
 * On PGlite in a data folder and on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Database } from '../src/database/database.js';
import { openDatabase } from '../src/database/open.js';
import { type Answer, type Booking, booking, clientIds, freeSlots, request, send, serverErrorLines, storedAppointments, withClients, writeSeedFile } from './load.js';
import { ContractError } from './openapi.js';
import { type PostgresCluster, type ServerProcess, demoSeed, spawnServer, startPostgresCluster, tempDataDir } from './support.js';

const drChen = { providerId: 'dr-chen', locationId: 'riverside', serviceId: 'individual-50' };
const jordan = { providerId: 'jordan-alvarez', locationId: 'telehealth', serviceId: 'individual-50' };
const sessionMinutes = 50;
const burstSize = 60;
/**
 * The server is killed when this many answers have come back, plus up to `killJitterMs` (random):
 * the server is then inside one of the next requests, at a point that differs from run to run
 * (PGlite serves one request at a time, so without it the kill would land at the same early
 * point of a request every time).
 */
const killAfter = 30;
const killJitterMs = 15;
const clients = clientIds('crash', 6);
const seedIds = demoSeed().appointments!.map((appointment) => appointment.id);

type Outcome = { booking: Booking; answer: Answer } | { booking: Booking; error: unknown };

/** Stops a server cleanly (SIGTERM) and checks it said so. */
async function stop(server: ServerProcess) {
  server.child.kill('SIGTERM');
  assert.equal(await server.exited, 0, `a clean stop:\n${server.output.slice(-5).join('\n')}`);
}

/**
 * The database as it stands, with no server running on it (PGlite allows one process per folder):
 * every appointment the burst made is whole, and belongs to the request whose key it carries.
 */
async function assertWhole(open: () => Promise<Database>, bookings: readonly Booking[]) {
  const db = await open();
  try {
    const rows = await storedAppointments(db, seedIds);
    const byKey = new Map(bookings.map((b) => [`request:${b.key}`, b]));
    for (const row of rows) {
      assert.equal(row.keys.length, 1, `appointment ${row.id} has exactly one idempotency key: ${JSON.stringify(row)}`);
      assert.deepEqual(row.notices, ['new-request', 'request-received'], `appointment ${row.id} has both its notices`);
      const sent = byKey.get(row.keys[0]);
      assert.ok(sent, `appointment ${row.id} was made by one of the burst's requests`);
      assert.deepEqual([row.clientId, row.providerId, row.start, row.status], [sent.client, sent.slot.providerId, sent.slot.start, 'unconfirmed']);
    }
    // Nothing else was left behind: no key or notice without its appointment.
    const [{ keys, notices }] = await db.query<{ keys: number; notices: number }>(
      'SELECT (SELECT count(*)::int FROM idempotency_keys) AS keys, (SELECT count(*)::int FROM outbox) AS notices',
    );
    assert.deepEqual({ keys, notices }, { keys: rows.length, notices: 2 * rows.length });
    return rows;
  } finally {
    await db.close();
  }
}

async function crashMidBurst(env: Record<string, string>, openDb: () => Promise<Database>) {
  const seedFile = writeSeedFile(withClients(demoSeed(Date.now()), clients));
  const processes: ServerProcess[] = [];
  const start = async () => {
    // DEMO=1: the clients sign in with the stand-in (a bearer client id).
    const server = await spawnServer({ ...env, SEED_FILE: seedFile, DEMO: '1' });
    processes.push(server);
    return server;
  };
  try {
    const first = await start();
    // Sixty free, different times: dr-chen's for three clients, jordan-alvarez's for the other three.
    const [chenSlots, jordanSlots] = await Promise.all([
      freeSlots(first.url, clients[0], drChen, sessionMinutes, burstSize / 2, Date.now()),
      freeSlots(first.url, clients[0], jordan, sessionMinutes, burstSize / 2, Date.now()),
    ]);
    const bookings = [
      ...chenSlots.map((slot, index) => booking(clients[index % 3], slot)),
      ...jordanSlots.map((slot, index) => booking(clients[3 + (index % 3)], slot)),
    ];

    // The burst, and kill -9 once half of it is answered.
    let answered = 0;
    const outcomes: Outcome[] = await Promise.all(
      bookings.map((b) =>
        request(first.url, b).then(
          (answer) => {
            if (++answered === killAfter) setTimeout(() => first.child.kill('SIGKILL'), Math.random() * killJitterMs);
            return { booking: b, answer };
          },
          (error: unknown) => ({ booking: b, error }),
        ),
      ),
    );
    assert.equal(await first.exited, 'SIGKILL');
    const created = outcomes.flatMap((outcome) => ('answer' in outcome ? [{ booking: outcome.booking, answer: outcome.answer }] : []));
    const lost = outcomes.flatMap((outcome) => ('error' in outcome ? [outcome] : []));
    for (const { answer } of created) assert.equal(answer.status, 201, `a free time is booked: ${JSON.stringify(answer.body)}`);
    for (const { error } of lost) assert.ok(!(error instanceof ContractError), `a lost answer, not a wrong one: ${String(error)}`);
    assert.ok(created.length >= killAfter, `${created.length} answered before the kill`);
    assert.ok(lost.length > 0, 'the kill came in the middle of the burst: some requests got no answer');

    // Restarted on the same database: every 201 is there, as answered, and a repeat of it is the same answer.
    const second = await start();
    const lists = new Map<string, Answer['body'][]>();
    for (const client of clients) {
      const list = await send(second.url, '/api/appointments', { client });
      assert.equal(list.status, 200);
      lists.set(client, list.body.appointments);
    }
    for (const { booking: b, answer } of created) {
      assert.deepEqual(lists.get(b.client)!.find((appointment) => appointment.id === answer.body.id), answer.body, `appointment ${answer.body.id} survived`);
      const repeat = await request(second.url, b);
      assert.equal(repeat.status, 201);
      assert.deepEqual(repeat.body, answer.body, 'the repeat is the first answer');
    }
    await stop(second);

    const afterCrash = await assertWhole(openDb, bookings);
    const storedByKey = new Map(afterCrash.map((row) => [row.keys[0], row.id]));
    for (const { booking: b, answer } of created) assert.equal(storedByKey.get(`request:${b.key}`), answer.body.id);
    assert.ok(afterCrash.length <= created.length + lost.length);

    // The widget retries what got no answer, with the same key: made once, whether or not the first attempt had been kept.
    const third = await start();
    for (const { booking: b } of lost) {
      const retry = await request(third.url, b);
      assert.equal(retry.status, 201, JSON.stringify(retry.body));
      const kept = storedByKey.get(`request:${b.key}`);
      if (kept) assert.equal(retry.body.id, kept, 'a request kept before the kill is answered with its appointment');
    }
    let total = 0;
    for (const client of clients) {
      const list = await send(third.url, '/api/appointments', { client });
      total += list.body.appointments.length;
    }
    assert.equal(total, burstSize, 'every request of the burst is one appointment, none twice');
    await stop(third);

    const final = await assertWhole(openDb, bookings);
    assert.equal(final.length, burstSize);
    assert.deepEqual(new Set(final.flatMap((row) => row.keys)), new Set(bookings.map((b) => `request:${b.key}`)));

    assert.deepEqual(serverErrorLines(processes.flatMap((server) => server.output)), [], 'no server logged a 5xx or an error');
  } finally {
    for (const server of processes) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await Promise.all(processes.map((server) => server.exited));
  }
}

describe('kill -9 in the middle of a burst of bookings, then a restart', () => {
  let cluster: PostgresCluster | undefined;
  after(() => cluster?.stop());

  test('PGlite in a data folder', () => {
    const dataDir = tempDataDir();
    return crashMidBurst({ DATA_DIR: dataDir }, () => openDatabase({ dataDir }));
  });

  test('PostgreSQL', async () => {
    cluster = await startPostgresCluster();
    const databaseUrl = cluster.createDatabase('crash');
    return crashMidBurst({ DATABASE_URL: databaseUrl }, () => openDatabase({ databaseUrl }));
  });
});
