/**
 * The client routes with DEMO off, on PGlite in memory and on a real PostgreSQL, as an attacker
 * would try them: one client reaching for another's appointments by every id it can get
 * (guessed, another client's, one seen in an idempotency key the other used), with a session
 * cookie and with a portal's JWT; every client route without credentials, or with dead ones;
 * unsafe requests with a session cookie from another site (403) or with a body that is not
 * declared JSON (415), nothing done either way; and, over the whole run, no personal data or
 * secret in any URL or log line.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  AUDIENCE,
  CORS_PAGE,
  EVIL,
  type Harness,
  ISSUER,
  PUBLIC_URL,
  SIGN_IN_URL,
  alex,
  assertNothingPersonal,
  personalData,
  clusterAndKeys,
  portalToken,
  seed,
  startIdentityServer,
  taylor,
} from './identity-support.js';
import { NOW } from './support.js';

const friday = { providerId: 'dr-chen', locationId: 'riverside', serviceId: 'individual-50', start: '2026-12-11T09:00:00-05:00', end: '2026-12-11T09:50:00-05:00' };
const wednesday = { ...friday, start: '2026-12-09T09:00:00-05:00', end: '2026-12-09T09:50:00-05:00' };
const monday = { ...friday, start: '2026-12-14T09:00:00-05:00', end: '2026-12-14T09:50:00-05:00' };
const week = new URLSearchParams({ provider: 'dr-chen', location: 'riverside', service: 'individual-50', start: '2026-12-07T00:00:00-05:00', end: '2026-12-14T00:00:00-05:00' });
/** Words a client might write in a cancel reason: never in a URL or a log line. */
const privateReason = 'Recovering from a Zanzibar-specific ailment';
const alexSeeded = (seed.appointments ?? []).filter((a) => a.clientId === alex.id).map((a) => a.id);

type Credentials = { cookie?: string; bearer?: string };

/** Every client route, with a request that would succeed for the right client. */
function clientRoutes(id: string) {
  return [
    { method: 'GET', path: '/providers' },
    { method: 'GET', path: '/providers/dr-chen/locations' },
    { method: 'GET', path: '/providers/dr-chen/locations/riverside/services' },
    { method: 'GET', path: `/availability?${week}` },
    { method: 'GET', path: '/appointments' },
    { method: 'GET', path: '/auth/session' },
    { method: 'POST', path: '/appointments/validate', body: wednesday },
    { method: 'POST', path: '/appointments', body: wednesday, write: true },
    { method: 'PUT', path: `/appointments/${id}`, body: monday, write: true },
    { method: 'POST', path: `/appointments/${id}/cancel`, body: { reason: privateReason }, write: true },
  ];
}

const shared = clusterAndKeys();

for (const kind of ['pglite', 'postgres'] as const) {
  describe(`security of the client routes on ${kind}, DEMO off`, () => {
    let h: Harness;
    const logs: string[] = [];
    const urls: string[] = [];
    const secrets: string[] = [];

    before(async () => {
      h = await startIdentityServer(
        kind,
        shared.cluster,
        'security',
        { portalJwt: { issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'], publicKey: shared.keys.rsa.spki } },
        logs,
        urls,
      );
    });
    after(() => h?.stop());
    beforeEach(() => h.reset());

    const signIn = async (client: { email: string }) => {
      const cookie = await h.signIn(client);
      secrets.push(cookie.slice(cookie.indexOf('=') + 1));
      return cookie;
    };
    const jwtFor = async (clientId: string) => {
      const token = await portalToken(shared.keys, h.server.clock, { sub: clientId });
      secrets.push(token);
      return token;
    };
    const snapshot = async () =>
      JSON.stringify({
        appointments: await h.server.db.query('SELECT * FROM appointments ORDER BY id'),
        keys: await h.server.db.query('SELECT * FROM idempotency_keys ORDER BY client_id, key'),
        outbox: await h.server.db.query('SELECT id, kind, recipient, appointment_id FROM outbox ORDER BY id'),
      });

    test('client A cannot read, change or cancel client B\'s appointments by any id, with a session or a JWT', async () => {
      const taylorCookie = await signIn(taylor);
      // Taylor books one more, and cancels a seeded one with a key of her own.
      const taylorsNew = await h.call('POST', '/appointments', { cookie: taylorCookie, key: randomUUID(), body: friday });
      assert.equal(taylorsNew.status, 201, JSON.stringify(taylorsNew.body));
      const taylorSeeded = (seed.appointments ?? []).filter((a) => a.clientId === taylor.id).map((a) => a.id);
      assert.ok(taylorSeeded.length > 0);
      const taylorsKey = randomUUID();
      const cancelled = await h.call('POST', `/appointments/${taylorSeeded[0]}/cancel`, { cookie: taylorCookie, key: taylorsKey, body: {} });
      assert.ok(cancelled.status === 200 || cancelled.status === 422, JSON.stringify(cancelled.body));
      const bookingKey = randomUUID();
      const taylorsOther = await h.call('POST', '/appointments', { cookie: taylorCookie, key: bookingKey, body: monday });
      assert.equal(taylorsOther.status, 201);
      const taylorIds = [...taylorSeeded, taylorsNew.body.id, taylorsOther.body.id];
      const guessed = ['seed-99', 'seed-0', `apt-${randomUUID()}`, 'apt-', '.x.', 'seed-1%2F..%2Fseed-4', `${taylorsNew.body.id}x`, taylorsNew.body.id.toUpperCase()];

      for (const credentials of [{ cookie: await signIn(alex) }, { bearer: await jwtFor(alex.id) }] as Credentials[]) {
        const how = credentials.cookie ? 'session' : 'JWT';
        const before = await snapshot();
        const list = await h.call('GET', '/appointments', credentials);
        assert.equal(list.status, 200);
        const listed = list.body.appointments.map((a: { id: string }) => a.id);
        assert.deepEqual(listed.filter((id: string) => taylorIds.includes(id)), [], `${how}: Alex's list holds none of Taylor's`);
        assert.deepEqual([...listed].sort(), [...alexSeeded].sort());
        const ranged = await h.call('GET', `/appointments?${new URLSearchParams({ start: '2000-01-01T00:00:00Z', end: '2100-01-01T00:00:00Z' })}`, credentials);
        assert.deepEqual(ranged.body.appointments.map((a: { id: string }) => a.id).sort(), [...alexSeeded].sort());

        for (const id of [...taylorIds, ...guessed]) {
          const path = `/appointments/${encodeURIComponent(id)}`;
          const change = await h.call('PUT', path, { ...credentials, key: randomUUID(), body: wednesday });
          assert.equal(change.status, 404, `${how}: PUT ${id} answered ${change.status}`);
          assert.equal(change.body.error.message, 'That appointment was not found.', 'the same words for another\'s and for none');
          const cancel = await h.call('POST', `${path}/cancel`, { ...credentials, key: randomUUID(), body: { reason: privateReason } });
          assert.equal(cancel.status, 404, `${how}: cancel ${id} answered ${cancel.status}`);
        }
        // Keys Taylor used, sent again by Alex with Taylor's requests: Alex's own shared.keys, not Taylor's answers.
        const replayCancel = await h.call('POST', `/appointments/${taylorSeeded[0]}/cancel`, { ...credentials, key: taylorsKey, body: {} });
        assert.equal(replayCancel.status, 404, `${how}: Taylor's cancel key`);
        const replayChange = await h.call('PUT', `/appointments/${taylorsOther.body.id}`, { ...credentials, key: bookingKey, body: monday });
        assert.equal(replayChange.status, 404, `${how}: Taylor's booking key on a change`);
        const replayBooking = await h.call('POST', '/appointments', { ...credentials, key: bookingKey, body: monday });
        assert.notEqual(replayBooking.body.id, taylorsOther.body.id, `${how}: Taylor's booking key does not answer with Taylor's appointment`);
        assert.equal(replayBooking.status, 409, `${how}: the time is Taylor's: ${JSON.stringify(replayBooking.body)}`);
        assert.equal(await snapshot(), before, `${how}: nothing changed`);
      }
      // Taylor's appointments are as they were, and still hers.
      const hers = await h.call('GET', '/appointments', { cookie: taylorCookie });
      assert.deepEqual(hers.body.appointments.map((a: { id: string }) => a.id).sort(), [...taylorIds].sort());
    });

    test('without credentials, or with dead or foreign ones, every client route is 401 and does nothing', async () => {
      const revoked = await signIn(alex);
      assert.equal((await h.call('POST', '/auth/sign-out', { cookie: revoked, body: {} })).status, 200);
      const expiredJwt = await portalToken(shared.keys, h.server.clock, { iat: NOW / 1000 - 400, exp: NOW / 1000 - 100 });
      secrets.push(expiredJwt);
      const none: Array<[string, Credentials & { headers?: Record<string, string> }]> = [
        ['nothing', {}],
        ['a revoked session', { cookie: revoked }],
        ['a made-up session id', { cookie: `__Host-ss-session=${'A'.repeat(43)}` }],
        ['a session cookie of the wrong shape', { cookie: '__Host-ss-session=client-alex' }],
        ['the session cookie without its prefix', { cookie: revoked.replace('__Host-', '') }],
        ['the demo cookie (DEMO off)', { cookie: `demo-client=${alex.id}` }],
        ['a bearer client id (DEMO off)', { bearer: alex.id }],
        ['an expired JWT', { bearer: expiredJwt }],
        ['a Basic header', { headers: { Authorization: `Basic ${Buffer.from(`${alex.id}:`).toString('base64')}` } }],
      ];
      const before = await snapshot();
      for (const [name, credentials] of none) {
        for (const route of clientRoutes('seed-1')) {
          const answer = await h.call(route.method, route.path, { ...credentials, ...(route.body ? { body: route.body } : {}), ...(route.write ? { key: randomUUID() } : {}) });
          assert.equal(answer.status, 401, `${name}: ${route.method} ${route.path} answered ${answer.status}`);
          assert.equal(answer.body.error.code, 'unauthorized');
        }
      }
      assert.equal(await snapshot(), before);
    });

    test('an unsafe request with a session cookie from another site is 403 and does nothing; from an allowed origin it works', async () => {
      const cookie = await signIn(alex);
      const page = new URL(SIGN_IN_URL).origin;
      const refusedHow: Array<[string, { origin?: string | null; headers?: Record<string, string> }]> = [
        ['another site', { origin: EVIL }],
        ['a sibling subdomain', { origin: 'https://evil.practice.example' }],
        ['the right host over http', { origin: 'http://booking.practice.example' }],
        ['Origin: null (a sandboxed frame, a redirect)', { origin: 'null' }],
        ['no Origin, Sec-Fetch-Site: cross-site', { origin: null, headers: { 'Sec-Fetch-Site': 'cross-site' } }],
        ['no Origin, Sec-Fetch-Site: same-site', { origin: null, headers: { 'Sec-Fetch-Site': 'same-site' } }],
        ['no Origin and no Sec-Fetch-Site', { origin: null }],
      ];
      const unsafe = clientRoutes('seed-1').filter((route) => route.method !== 'GET');
      const before = await snapshot();
      for (const [name, how] of refusedHow) {
        for (const route of unsafe) {
          const answer = await h.call(route.method, route.path, { cookie, ...how, body: route.body, ...(route.write ? { key: randomUUID() } : {}) });
          assert.equal(answer.status, 403, `${name}: ${route.method} ${route.path} answered ${answer.status}`);
          assert.equal(answer.body.error.code, 'forbidden');
        }
      }
      assert.equal(await snapshot(), before, 'nothing was done');
      // Reads are not refused (a cross-site page cannot read the answer: CORS), and the session lives on.
      assert.equal((await h.call('GET', '/appointments', { cookie, origin: EVIL })).status, 200);

      // From the API's own origin, the sign-in page, a CORS origin, or a same-origin fetch without Origin: it works.
      const allowed: Array<{ origin?: string | null; headers?: Record<string, string> }> = [
        { origin: PUBLIC_URL },
        { origin: page },
        { origin: CORS_PAGE },
        { origin: null, headers: { 'Sec-Fetch-Site': 'same-origin' } },
      ];
      for (const how of allowed) {
        assert.equal((await h.call('POST', '/appointments/validate', { cookie, ...how, body: wednesday })).status, 200, JSON.stringify(how));
      }
      const booked = await h.call('POST', '/appointments', { cookie, origin: CORS_PAGE, key: randomUUID(), body: wednesday });
      assert.equal(booked.status, 201);
      const moved = await h.call('PUT', `/appointments/${booked.body.id}`, { cookie, origin: page, key: randomUUID(), body: monday });
      assert.equal(moved.status, 200);
      const gone = await h.call('POST', `/appointments/${booked.body.id}/cancel`, { cookie, origin: null, headers: { 'Sec-Fetch-Site': 'same-origin' }, key: randomUUID(), body: { reason: privateReason } });
      assert.equal(gone.status, 200);
      assert.equal(gone.body.status, 'cancelled');
    });

    test('a body not declared JSON is 415 on every route that reads one, with a session or a JWT; nothing is done', async () => {
      const credentialsList: Credentials[] = [{ cookie: await signIn(alex) }, { bearer: await jwtFor(alex.id) }];
      const bodyRoutes = clientRoutes('seed-1').filter((route) => route.body);
      const before = await snapshot();
      for (const credentials of credentialsList) {
        for (const route of bodyRoutes) {
          for (const type of [undefined, 'text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'application/xml']) {
            const headers: Record<string, string> = type ? { 'Content-Type': type } : {};
            // fetch would label a string body text/plain: a Blob without a type sends no Content-Type at all.
            const body = type ? JSON.stringify(route.body) : undefined;
            const answer = type
              ? await h.call(route.method, route.path, { ...credentials, headers, body, ...(route.write ? { key: randomUUID() } : {}) })
              : await rawCall(h, route.method, route.path, credentials, JSON.stringify(route.body), route.write);
            assert.equal(answer.status, 415, `${type ?? 'no Content-Type'}: ${route.method} ${route.path} answered ${answer.status}`);
            assert.equal(answer.body.error.code, 'bad-request');
          }
        }
      }
      assert.equal(await snapshot(), before);
      // A charset parameter is fine.
      assert.equal((await h.call('POST', '/appointments/validate', { ...credentialsList[0], headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(wednesday) })).status, 200);
    });

    test('over the whole run: no name, e-mail address, token, session id, JWT or cancel reason in any URL or log line', () => {
      assert.ok(logs.length > 100 && urls.length > 100, `${logs.length} log lines, ${urls.length} URLs`);
      const all = personalData([...secrets, privateReason]);
      assertNothingPersonal('a URL', urls, all);
      assertNothingPersonal('a log line', logs, all);
    });
  });
}

/** A request whose body has no Content-Type at all (fetch labels a string body text/plain). */
async function rawCall(h: Harness, method: string, path: string, credentials: Credentials, body: string, write?: boolean) {
  const { contractFetch } = await import('./openapi.js');
  const headers: Record<string, string> = { Accept: 'application/json', Origin: PUBLIC_URL };
  if (credentials.cookie) headers.Cookie = credentials.cookie;
  if (credentials.bearer) headers.Authorization = `Bearer ${credentials.bearer}`;
  if (write) headers['Idempotency-Key'] = randomUUID();
  const url = `${h.server.url}/api${path}`;
  h.urls.push(url);
  return contractFetch(url, { method, headers, body: new Blob([body]) });
}
