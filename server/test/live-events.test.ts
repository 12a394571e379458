/**
 * Live events (src/live-events.ts, docs/rest-api.md "Observing status changes"): the client's and
 * the staff's event streams on PGlite and on a real PostgreSQL, and across two server processes on
 * one PostgreSQL. Streams are read with `fetch` and a small SSE parser (live-events-support.ts).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Follower } from '../src/live-events.js';
import { replacePractice } from '../src/seed.js';
import { type RunningServer, startServer } from '../src/server.js';
import { silentLogger } from '../src/log.js';
import { type EventStream, eventually, openEventStream } from './live-events-support.js';
import { freeSlots, send, writeSeedFile } from './load.js';
import { contractFetch } from './openapi.js';
import {
  NOW,
  type PostgresCluster,
  type ServerProcess,
  demoSeed,
  jordanAlvarez,
  mayaChen,
  spawnServer,
  staffCookie,
  startPostgresCluster,
  testConfig,
} from './support.js';

const alex = 'client-alex';
const taylor = 'client-taylor';
/** Alex's request waiting for Jordan Alvarez, and Taylor's waiting for Dr. Chen, in the demo practice. */
const alexWaiting = 'seed-2';
const taylorWaiting = 'seed-5';
const keepAliveMs = 200;
/** A page on another origin that CORS allows. */
const partnerPage = 'https://portal.partner.example';

let cluster: PostgresCluster | undefined;
before(async () => {
  cluster = await startPostgresCluster();
});
after(() => cluster?.stop());

/** A client's stream (the demo's bearer stand-in names the client). */
const clientStream = (server: { url: string }, clientId: string, headers: Record<string, string> = {}) =>
  openEventStream(`${server.url}/api/appointments/events`, { Authorization: `Bearer ${clientId}`, ...headers });

const staffStream = (server: { url: string }, cookie: string, headers: Record<string, string> = {}) =>
  openEventStream(`${server.url}/api/practice/appointments/events`, { Cookie: cookie, ...headers });

/** Its `ready` event's id (0 when the log is empty). */
async function readyId(stream: EventStream): Promise<number> {
  return Number((await stream.waitFor((block) => block.event === 'ready')).id ?? 0);
}

function decide(base: string, cookie: string, id: string, decision: 'confirm' | 'decline') {
  return send(base, `/api/practice/appointments/${id}/${decision}`, { method: 'POST', staff: cookie, body: {} });
}

for (const kind of ['pglite', 'postgres'] as const) {
  describe(`live events on ${kind}`, () => {
    let server: RunningServer;
    let api: string;
    const streams: EventStream[] = [];
    const track = async (opening: Promise<EventStream>) => {
      const stream = await opening;
      streams.push(stream);
      return stream;
    };

    before(async () => {
      const databaseUrl = kind === 'postgres' ? cluster!.createDatabase(`live_${process.pid}`) : undefined;
      server = await startServer(testConfig({ corsOrigins: [partnerPage], ...(databaseUrl ? { databaseUrl } : {}) }), {
        seed: demoSeed(NOW),
        now: () => NOW,
        logger: silentLogger,
        liveEvents: { keepAliveMs },
      });
      api = `${server.url}/api`;
    });

    beforeEach(async () => {
      for (const stream of streams.splice(0)) stream.close();
      await server.db.transaction((tx) => replacePractice(tx, demoSeed(NOW)));
    });

    after(async () => {
      for (const stream of streams) stream.close();
      await server?.stop();
    });

    test("a staff confirm reaches the client's open stream within 3 s, as GET /appointments shows it; another client's hears nothing", async () => {
      const alexStream = await track(clientStream(server, alex));
      const taylorStream = await track(clientStream(server, taylor));
      const ready = await readyId(alexStream);
      await readyId(taylorStream);

      const confirmedAt = Date.now();
      assert.equal((await decide(server.url, await staffCookie(api), alexWaiting, 'confirm')).status, 200);
      const event = await alexStream.appointment(alexWaiting, 'confirmed');
      assert.ok(Date.now() - confirmedAt < 3_000);
      assert.ok(Number(event.id) > ready, 'event ids increase past the ready id');
      const listed = (await send(server.url, '/api/appointments', { client: alex })).body.appointments.find((a: { id: string }) => a.id === alexWaiting);
      assert.deepEqual(event.data, listed);

      // Taylor's own change afterwards arrives on Taylor's stream: anything of Alex's would have come first.
      assert.equal((await decide(server.url, await staffCookie(api), taylorWaiting, 'decline')).status, 200);
      await taylorStream.appointment(taylorWaiting, 'declined');
      assert.deepEqual(taylorStream.named('appointment').map((block) => JSON.parse(block.data!).id), [taylorWaiting]);
      assert.deepEqual(alexStream.named('appointment').map((block) => JSON.parse(block.data!).id), [alexWaiting]);
    });

    test('resumes with Last-Event-ID: what was missed comes before ready, only once, and only its own', async () => {
      const first = await track(clientStream(server, alex));
      const lastSeen = await readyId(first);
      first.close();
      const cookie = await staffCookie(api);
      assert.equal((await decide(server.url, cookie, alexWaiting, 'confirm')).status, 200);
      assert.equal((await decide(server.url, cookie, taylorWaiting, 'decline')).status, 200);

      const resumed = await track(clientStream(server, alex, { 'Last-Event-ID': String(lastSeen) }));
      const ready = await resumed.waitFor((block) => block.event === 'ready');
      const beforeReady = resumed.received.slice(0, resumed.received.indexOf(ready)).filter((block) => block.event === 'appointment');
      assert.deepEqual(beforeReady.map((block) => [JSON.parse(block.data!).id, JSON.parse(block.data!).status]), [[alexWaiting, 'confirmed']]);
      assert.ok(Number(ready.id) > Number(beforeReady[0].id) && Number(beforeReady[0].id) > lastSeen);

      // From the ready id, or with no id at all, nothing is replayed.
      const resumptions: Array<Record<string, string>> = [{ 'Last-Event-ID': ready.id! }, {}, { 'Last-Event-ID': 'not-a-number' }];
      for (const headers of resumptions) {
        const again = await track(clientStream(server, alex, headers));
        await readyId(again);
        assert.deepEqual(again.named('appointment'), [], JSON.stringify(headers));
      }
    });

    test('starts with retry: 3000, as text/event-stream with no-store, and sends keep-alive comments', async () => {
      const stream = await track(clientStream(server, alex));
      assert.equal(stream.response.status, 200);
      assert.match(stream.response.headers.get('Content-Type') ?? '', /^text\/event-stream/);
      assert.equal(stream.response.headers.get('Cache-Control'), 'no-store');
      await readyId(stream);
      assert.equal(stream.received[0].retry, '3000');
      const keptAlive = () => stream.received.filter((block) => block.comments.includes('keep-alive')).length;
      await eventually(() => keptAlive() >= 2, 10 * keepAliveMs, 'two keep-alive comments');
    });

    test('refuses as docs/openapi.yaml says: 401 without identity, 403 to staff on the client stream and to a client on the staff stream', async () => {
      const cookie = await staffCookie(api);
      const stream = { Accept: 'text/event-stream' };
      const refusals = [
        [await contractFetch(`${api}/appointments/events`, { headers: stream }), 401],
        [await contractFetch(`${api}/practice/appointments/events`, { headers: stream }), 401],
        [await contractFetch(`${api}/appointments/events`, { headers: { ...stream, Authorization: 'Bearer nobody' } }), 401],
        [await contractFetch(`${api}/appointments/events`, { headers: { ...stream, Cookie: cookie } }), 403],
        [await contractFetch(`${api}/practice/appointments/events`, { headers: { ...stream, Authorization: `Bearer ${alex}` } }), 403],
      ] as const;
      for (const [answer, status] of refusals) {
        assert.equal(answer.status, status);
        assert.match(answer.headers.get('Content-Type') ?? '', /^application\/json/);
        assert.equal(typeof answer.body.error.code, 'string');
      }
      assert.equal(server.events.streamCount, 0);
    });

    test('lets a page on an allowed origin send Last-Event-ID (CORS)', async () => {
      for (const path of ['/appointments/events', '/practice/appointments/events']) {
        const preflight = await fetch(`${api}${path}`, {
          method: 'OPTIONS',
          headers: { Origin: partnerPage, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization,last-event-id' },
        });
        assert.ok(preflight.status < 300, String(preflight.status));
        assert.match(preflight.headers.get('Access-Control-Allow-Headers') ?? '', /(^|,\s*)Last-Event-ID(,|$)/i);
      }
    });

    test('the staff stream: a new request reaches the front desk and its therapist as GET /practice/appointments shows it, not another therapist', async () => {
      const frontDesk = await track(staffStream(server, await staffCookie(api)));
      const maya = await track(staffStream(server, await staffCookie(api, mayaChen.email)));
      const jordan = await track(staffStream(server, await staffCookie(api, jordanAlvarez.email)));
      await Promise.all([frontDesk, maya, jordan].map(readyId));

      const [slot] = await freeSlots(server.url, alex, { providerId: 'dr-chen', locationId: 'riverside', serviceId: 'individual-50' }, 50, 1, NOW);
      const requested = await send(server.url, '/api/appointments', { method: 'POST', client: alex, key: randomUUID(), body: slot });
      assert.equal(requested.status, 201);
      const seenByDesk = await frontDesk.appointment(requested.body.id, 'unconfirmed');
      const seenByMaya = await maya.appointment(requested.body.id, 'unconfirmed');
      const listed = (await send(server.url, '/api/practice/appointments?status=unconfirmed', { staff: await staffCookie(api) })).body.appointments.find(
        (a: { id: string }) => a.id === requested.body.id,
      );
      assert.deepEqual(seenByDesk.data, listed);
      assert.deepEqual(seenByMaya.data, listed);
      assert.equal((seenByDesk.data.client as { id: string }).id, alex);

      // Jordan's own request afterwards arrives alone: Dr. Chen's would have come first.
      assert.equal((await decide(server.url, await staffCookie(api, jordanAlvarez.email), alexWaiting, 'confirm')).status, 200);
      await jordan.appointment(alexWaiting, 'confirmed');
      assert.deepEqual(jordan.named('appointment').map((block) => JSON.parse(block.data!).id), [alexWaiting]);
    });

    test('a change written by any other writer (straight into the database) reaches the stream too', async () => {
      const stream = await track(clientStream(server, alex));
      await readyId(stream);
      await server.db.query(`UPDATE appointments SET status = 'cancelled' WHERE id = $1`, [alexWaiting]);
      await stream.appointment(alexWaiting, 'cancelled');
      // A rolled-back write announces nothing.
      await server.db
        .transaction(async (tx) => {
          await tx.query(`UPDATE appointments SET status = 'confirmed' WHERE id = 'seed-1'`);
          throw new Error('roll back');
        })
        .catch(() => {});
      await server.db.query(`UPDATE appointments SET status_note = 'marker' WHERE id = 'seed-3'`);
      await stream.appointment('seed-3');
      assert.deepEqual(stream.named('appointment').map((block) => JSON.parse(block.data!).id), [alexWaiting, 'seed-3']);
    });

    test('a stream closed by the client is let go, and stopping the server ends open streams at once', async () => {
      const stream = await clientStream(server, alex);
      await readyId(stream);
      assert.equal(server.events.streamCount, 1);
      stream.close();
      await eventually(() => server.events.streamCount === 0, 2_000, 'the stream let go');
    });

    test('prunes events older than a day and keeps the rest', async () => {
      await server.db.query(
        `INSERT INTO appointment_events (appointment_id, client_id, provider_id, at)
         VALUES ('old', $1, 'dr-chen', now() - interval '25 hours'), ('recent', $1, 'dr-chen', now() - interval '23 hours')`,
        [alex],
      );
      assert.ok((await server.events.prune()) >= 1);
      const left = await server.db.query<{ appointment_id: string }>(`SELECT appointment_id FROM appointment_events WHERE appointment_id IN ('old', 'recent')`);
      assert.deepEqual(left.map((row) => row.appointment_id), ['recent']);
    });

    if (kind === 'postgres') {
      // With ids taken at the write instead of the commit, this would fail (or, with the lock, wait forever: hence the timeout).
      test('ids increase in commit order, whichever transaction wrote first', { timeout: 15_000 }, async () => {
        let releaseFirst!: () => void;
        let firstWrote!: () => void;
        const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
        const held = new Promise<void>((resolve) => (releaseFirst = resolve));
        const first = server.db.transaction(async (tx) => {
          await tx.query(`UPDATE appointments SET status_note = 'first' WHERE id = 'seed-1'`);
          firstWrote();
          await held;
        });
        await wrote;
        await server.db.transaction((tx) => tx.query(`UPDATE appointments SET status_note = 'second' WHERE id = 'seed-4'`));
        releaseFirst();
        await first;
        const rows = await server.db.query<{ appointment_id: string }>(
          `SELECT appointment_id FROM appointment_events WHERE appointment_id IN ('seed-1', 'seed-4') ORDER BY id DESC LIMIT 2`,
        );
        assert.deepEqual(rows.map((row) => row.appointment_id), ['seed-1', 'seed-4']);
      });

      test('a listener that lost its connection makes it again and sends what committed meanwhile', async () => {
        const stream = await track(clientStream(server, alex));
        await readyId(stream);
        const cookie = await staffCookie(api);
        const listening = `FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND query ILIKE 'LISTEN%'`;
        const [killed] = await server.db.query<{ killed: boolean }>(`SELECT pg_terminate_backend(pid) AS killed ${listening}`);
        assert.equal(killed?.killed, true);
        await eventually(async () => (await server.db.query(`SELECT 1 ${listening}`)).length === 0, 3_000, 'the listener gone');
        // Committed while nobody listens: only the catch-up after reconnecting can tell the stream.
        assert.equal((await decide(server.url, cookie, alexWaiting, 'confirm')).status, 200);
        const confirmedAt = Date.now();
        await stream.appointment(alexWaiting, 'confirmed', 3_000);
        const [again] = await server.db.query<{ startedMs: number }>(`SELECT extract(epoch FROM backend_start)::float8 * 1000 AS "startedMs" ${listening}`);
        assert.ok(again && again.startedMs > confirmedAt - 5, 'the listener came back after the confirm committed');
      });
    }
  });
}

describe('live events: the server ends streams', () => {
  test('after their longest life (to check credentials again), and at once when it stops', async () => {
    const server = await startServer(testConfig({ shutdownTimeoutMs: 10_000 }), {
      seed: demoSeed(NOW),
      now: () => NOW,
      logger: silentLogger,
      liveEvents: { maxStreamMs: 300 },
    });
    try {
      const short = await clientStream(server, alex);
      await readyId(short);
      await short.ended;
      assert.ok(short.isEnded);

      const open = await clientStream(server, alex);
      await readyId(open);
      const stopping = Date.now();
      await server.stop();
      await open.ended;
      assert.ok(Date.now() - stopping < 2_000, `stopped in ${Date.now() - stopping} ms`);
    } finally {
      await server.stop();
    }
  });
});

describe('live events across two server processes on one PostgreSQL', () => {
  let processes: ServerProcess[] = [];

  before(async () => {
    const databaseUrl = cluster!.createDatabase(`live_two_${process.pid}`);
    // Spawned servers run on the real clock, so the practice is laid around it.
    const seedFile = writeSeedFile(demoSeed(Date.now()));
    processes = await Promise.all([1, 2].map(() => spawnServer({ DATABASE_URL: databaseUrl, SEED_FILE: seedFile, DEMO: '1' })));
  });

  after(async () => {
    for (const running of processes) running.child.kill('SIGTERM');
    await Promise.all(processes.map((running) => running.exited));
  });

  test("a confirm made through process A reaches the client's stream on process B within 3 s, and a request the staff's stream on B", async () => {
    const [a, b] = processes;
    const alexOnB = await clientStream(b, alex);
    const taylorOnB = await clientStream(b, taylor);
    const deskOnB = await staffStream(b, await staffCookie(`${b.url}/api`));
    try {
      await Promise.all([alexOnB, taylorOnB, deskOnB].map(readyId));
      const cookieOnA = await staffCookie(`${a.url}/api`);
      const confirmedAt = Date.now();
      assert.equal((await decide(a.url, cookieOnA, alexWaiting, 'confirm')).status, 200);
      const event = await alexOnB.appointment(alexWaiting, 'confirmed');
      assert.ok(Date.now() - confirmedAt < 3_000);
      assert.deepEqual(event.data, (await send(b.url, '/api/appointments', { client: alex })).body.appointments.find((x: { id: string }) => x.id === alexWaiting));

      const [slot] = await freeSlots(a.url, taylor, { providerId: 'dr-chen', locationId: 'riverside', serviceId: 'individual-50' }, 50, 1, Date.now());
      const requested = await send(a.url, '/api/appointments', { method: 'POST', client: taylor, key: randomUUID(), body: slot });
      assert.equal(requested.status, 201, JSON.stringify(requested.body));
      await deskOnB.appointment(requested.body.id, 'unconfirmed');
      await taylorOnB.appointment(requested.body.id, 'unconfirmed');
      assert.deepEqual(taylorOnB.named('appointment').map((block) => JSON.parse(block.data!).id), [requested.body.id]);
    } finally {
      for (const stream of [alexOnB, taylorOnB, deskOnB]) stream.close();
    }
  });
});

describe('live events: one stream', () => {
  const texts = (writes: string[]) => writes.join('');
  const follower = (write: (text: string) => Promise<void>, maxPendingWrites = 10) =>
    new Follower({ kind: 'client', clientId: alex }, { write }, maxPendingWrites);

  test('holds events back until ready, then sends only those after the ready id, each id once, in order', async () => {
    const writes: string[] = [];
    const stream = follower(async (text) => void writes.push(text));
    stream.deliver(7, '{"id":"a"}');
    stream.deliver(9, '{"id":"b"}');
    stream.goLive(8);
    stream.deliver(9, '{"id":"b"}');
    stream.deliver(12, '{"id":"c"}');
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(
      texts(writes),
      'event: ready\nid: 8\ndata: {}\n\nevent: appointment\nid: 9\ndata: {"id":"b"}\n\nevent: appointment\nid: 12\ndata: {"id":"c"}\n\n',
    );
  });

  test('ready without an id when there are no events yet', async () => {
    const writes: string[] = [];
    follower(async (text) => void writes.push(text)).goLive(0);
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(texts(writes), 'event: ready\ndata: {}\n\n');
  });

  test('ends a stream whose reader stopped reading once too many writes wait, and one whose write failed', async () => {
    const stalled = follower(() => new Promise<void>(() => {}), 3);
    stalled.goLive(1);
    for (let id = 2; id <= 4; id++) stalled.deliver(id, '{}');
    const ended = await Promise.race([stalled.ended.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 50))]);
    assert.equal(ended, true);

    const broken = follower(() => Promise.reject(new Error('closed')));
    broken.goLive(1);
    await broken.ended;
  });
});
