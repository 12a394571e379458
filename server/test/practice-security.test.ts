/**
 * The practice API as an attacker would try it, on PGlite and PostgreSQL, DEMO off, over a table
 * of every practice route: no credentials, a client's (cookie or JWT), a staff JWT that is
 * expired, tampered with or for another audience; a staff cookie from another site, or after
 * sign-out, or replaced by a newer sign-in; a body not declared JSON; a therapist reaching for
 * another's appointments (404, as an unknown id) and for the policy (403); the sign-in's rate
 * limits per address and per IP, and one answer (and about one time) for a wrong password and an
 * unknown address. Nothing is changed by any refused request; nothing personal reaches a log line.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  AUDIENCE,
  EVIL,
  type Harness,
  ISSUER,
  alex,
  assertNothingPersonal,
  personalData,
  clusterAndKeys,
  portalToken,
  startIdentityServer,
} from './identity-support.js';
import { chenRiversideHours, requestAs, staffCookie, staffSignIn, staffToken, wednesday } from './practice-support.js';
import { NOW, demoStaff, demoStaffPassword, frontDesk, jordanAlvarez, mayaChen } from './support.js';

type Credentials = { cookie?: string; bearer?: string };
const refusedNote = 'Please see the Zanzibar-Quincunx office instead';

/** Every practice route but sign-in, with a request that would succeed for the front desk. */
function practiceRoutes(id: string) {
  return [
    { method: 'GET', path: '/practice/auth/session' },
    { method: 'POST', path: '/practice/auth/sign-out', body: {} },
    { method: 'GET', path: '/practice/appointments' },
    { method: 'POST', path: `/practice/appointments/${id}/confirm`, body: {} },
    { method: 'POST', path: `/practice/appointments/${id}/decline`, body: { note: refusedNote } },
    { method: 'GET', path: '/practice/settings' },
    { method: 'PUT', path: '/practice/providers/dr-chen/self-scheduling', body: { selfScheduling: false } },
    { method: 'PUT', path: '/practice/providers/dr-chen/schedules/riverside', body: chenRiversideHours() },
    { method: 'PUT', path: '/practice/policy', body: { minimumNoticeMinutes: 60, horizonDays: 30, slotStepMinutes: 30, manageCutoffHours: 12 } },
    { method: 'GET', path: '/practice/outbox' },
    { method: 'GET', path: '/practice/audit' },
  ];
}

const shared = clusterAndKeys();

for (const kind of ['pglite', 'postgres'] as const) {
  describe(`security of the practice routes on ${kind}, DEMO off`, () => {
    let h: Harness;
    const logs: string[] = [];
    const secrets: string[] = [];
    let appointmentId: string;

    before(async () => {
      h = await startIdentityServer(kind, shared.cluster, 'practice_security', { portalJwt: { issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'], publicKey: shared.keys.rsa.spki } }, logs);
    });
    after(() => h?.stop());
    beforeEach(async () => {
      await h.reset();
      appointmentId = (await requestAs(h, shared.keys)).id;
    });

    const signIn = async (email = frontDesk.email) => {
      const cookie = await staffCookie(h, email);
      secrets.push(cookie.slice(cookie.indexOf('=') + 1));
      return cookie;
    };
    const remember = (token: string) => {
      secrets.push(token);
      return token;
    };
    const snapshot = async () =>
      JSON.stringify({
        appointments: await h.server.db.query('SELECT * FROM appointments ORDER BY id'),
        outbox: await h.server.db.query('SELECT id, kind FROM outbox ORDER BY id'),
        audit: await h.server.db.query('SELECT * FROM audit_log ORDER BY id'),
        practice: await h.server.db.query('SELECT policy FROM practice'),
        providers: await h.server.db.query('SELECT id, self_scheduling FROM providers ORDER BY id'),
        schedules: await h.server.db.query('SELECT * FROM schedules ORDER BY provider_id, location_id'),
        staffSessions: await h.server.db.query('SELECT id_hash, revoked_at FROM staff_sessions ORDER BY id_hash'),
      });
    const callEvery = async (name: string, credentials: Credentials & { origin?: string | null; headers?: Record<string, string> }, expected: number, routes = practiceRoutes(appointmentId)) => {
      for (const route of routes) {
        const answer = await h.call(route.method, route.path, { ...credentials, ...(route.body ? { body: route.body } : {}) });
        assert.equal(answer.status, expected, `${name}: ${route.method} ${route.path} answered ${answer.status} ${JSON.stringify(answer.body)}`);
      }
    };

    test('without staff credentials every practice route is 401, and a client’s are 403 (cookie or JWT); nothing is done', async () => {
      const clientCookie = await h.signIn(alex);
      secrets.push(clientCookie.slice(clientCookie.indexOf('=') + 1));
      const clientJwt = remember(await portalToken(shared.keys, h.server.clock, { sub: alex.id }));
      const good = await staffToken(shared.keys, h.server.clock);
      const [header, payload, signature] = good.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, provider: undefined, sub: 'front-desk' })).toString('base64url')}.${signature}`;
      const dead: Array<[string, Credentials & { headers?: Record<string, string> }]> = [
        ['nothing', {}],
        ['an expired staff JWT', { bearer: remember(await staffToken(shared.keys, h.server.clock, { iat: NOW / 1000 - 400, exp: NOW / 1000 - 100 })) }],
        ['a tampered staff JWT', { bearer: remember(tampered) }],
        ['a staff JWT for another audience', { bearer: remember(await staffToken(shared.keys, h.server.clock, { aud: 'another-api' })) }],
        ['a staff JWT from another issuer', { bearer: remember(await staffToken(shared.keys, h.server.clock, { iss: EVIL })) }],
        ['a made-up staff session id', { cookie: `__Host-ss-staff=${'A'.repeat(43)}` }],
        ['a client session id in the staff cookie', { cookie: `__Host-ss-staff=${clientCookie.slice(clientCookie.indexOf('=') + 1)}` }],
        ['a bearer staff id', { bearer: 'front-desk' }],
      ];
      const before = await snapshot();
      for (const [name, credentials] of dead) await callEvery(name, credentials, 401);
      await callEvery('a client by session cookie', { cookie: clientCookie }, 403);
      await callEvery('a client by portal JWT', { bearer: clientJwt }, 403);
      assert.equal(await snapshot(), before, 'nothing was done');
      // The staff JWT itself works (a front desk: no provider claim).
      const session = await h.call('GET', '/practice/auth/session', { bearer: remember(good) });
      assert.equal(session.status, 200);
      assert.deepEqual(session.body, { staff: { id: 'portal-staff-1', name: '', email: '' } });
    });

    test('an unsafe request with the staff cookie from another site is 403 and does nothing; a body not declared JSON is 415', async () => {
      const cookie = await signIn();
      const unsafe = practiceRoutes(appointmentId).filter((route) => route.method !== 'GET');
      const before = await snapshot();
      await callEvery('Origin of another site', { cookie, origin: EVIL }, 403, unsafe);
      await callEvery('Sec-Fetch-Site: cross-site', { cookie, origin: null, headers: { 'Sec-Fetch-Site': 'cross-site' } }, 403, unsafe);
      await callEvery('no Origin, no Sec-Fetch-Site', { cookie, origin: null }, 403, unsafe);
      const withBody = unsafe.filter((route) => route.path !== '/practice/auth/sign-out');
      for (const route of withBody) {
        for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
          const answer = await h.call(route.method, route.path, { cookie, headers: { 'Content-Type': type }, body: JSON.stringify(route.body) });
          assert.equal(answer.status, 415, `${type}: ${route.method} ${route.path} answered ${answer.status}`);
        }
      }
      assert.equal(await snapshot(), before, 'nothing was done');
      assert.equal((await h.call('GET', '/practice/auth/session', { cookie })).status, 200, 'the session lives on');
    });

    test('a therapist gets 404 for another therapist’s appointment, 403 for their settings and the policy, and sees only their own', async () => {
      const jordansId = (await requestAs(h, shared.keys, { ...wednesday, providerId: 'jordan-alvarez', start: '2026-12-10T11:00:00-05:00', end: '2026-12-10T11:50:00-05:00' })).id;
      for (const credentials of [{ cookie: await signIn(mayaChen.email) }, { bearer: remember(await staffToken(shared.keys, h.server.clock, { provider: 'dr-chen' })) }] as Credentials[]) {
        const how = credentials.cookie ? 'session' : 'JWT';
        const before = await snapshot();
        for (const id of [jordansId, 'seed-unknown']) {
          for (const decision of ['confirm', 'decline']) {
            const answer = await h.call('POST', `/practice/appointments/${id}/${decision}`, { ...credentials, body: {} });
            assert.equal(answer.status, 404, `${how}: ${decision} ${id}`);
            assert.equal(answer.body.error.message, 'That appointment was not found.', 'the same words for another’s and for none');
          }
        }
        const policy = await h.call('PUT', '/practice/policy', { ...credentials, body: { minimumNoticeMinutes: 60, horizonDays: 30, slotStepMinutes: 30, manageCutoffHours: 12 } });
        assert.equal(policy.status, 403, how);
        assert.equal((await h.call('PUT', '/practice/providers/jordan-alvarez/self-scheduling', { ...credentials, body: { selfScheduling: false } })).status, 403);
        assert.equal((await h.call('PUT', '/practice/providers/jordan-alvarez/schedules/telehealth', { ...credentials, body: { weekly: [] } })).status, 403);
        assert.equal(await snapshot(), before, `${how}: nothing was done`);

        const listed = (await h.call('GET', '/practice/appointments', credentials)).body.appointments;
        assert.ok(listed.length > 0 && listed.every((a: { provider: { id: string } }) => a.provider.id === 'dr-chen'), how);
        const asked = (await h.call('GET', '/practice/appointments?provider=jordan-alvarez', credentials)).body.appointments;
        assert.deepEqual(asked, [], `${how}: asking for another's is an empty list`);
        const settings = (await h.call('GET', '/practice/settings', credentials)).body;
        assert.deepEqual(settings.providers.map((p: { provider: { id: string } }) => p.provider.id), ['dr-chen']);
        const emails = (await h.call('GET', '/practice/outbox', credentials)).body.emails;
        assert.ok(emails.length > 0 && emails.every((e: { appointmentId: string }) => e.appointmentId !== jordansId), how);
        assert.ok(emails.every((e: { kind: string }) => e.kind !== 'sign-in-link'));
        // Their own: it works.
        assert.equal((await h.call('GET', `/practice/audit?appointment=${jordansId}`, credentials)).body.entries.length, 0);
      }
      const own = await h.call('POST', `/practice/appointments/${appointmentId}/confirm`, { cookie: await signIn(mayaChen.email), body: {} });
      assert.equal(own.status, 200);
      // The front desk sees both therapists', and no sign-in e-mail ever (a client's link is in the outbox).
      assert.equal((await h.requestLink(alex.email)).status, 202);
      const desk = await signIn();
      const all = (await h.call('GET', '/practice/outbox', { cookie: desk })).body.emails;
      assert.ok(all.some((e: { appointmentId: string }) => e.appointmentId === jordansId));
      assert.ok(all.every((e: { kind: string }) => e.kind !== 'sign-in-link'));
    });

    test('a staff cookie is refused after sign-out, and an old one after a newer sign-in in the same browser', async () => {
      const first = await signIn();
      const { answer, cookie: second } = await staffSignIn(h, frontDesk.email, demoStaffPassword, { cookie: first });
      assert.equal(answer.status, 200);
      secrets.push(second!.slice(second!.indexOf('=') + 1));
      assert.notEqual(second, first, 'a new id at every sign-in');
      assert.match(answer.headers.getSetCookie()[0], /^__Host-ss-staff=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict; Secure$/);
      assert.equal((await h.call('GET', '/practice/auth/session', { cookie: first })).status, 401, 'the replaced session');
      const session = await h.call('GET', '/practice/auth/session', { cookie: second });
      assert.deepEqual(session.body, { staff: { id: frontDesk.id, name: frontDesk.name, email: frontDesk.email } });
      const out = await h.call('POST', '/practice/auth/sign-out', { cookie: second, body: {} });
      assert.equal(out.status, 200);
      assert.deepEqual(out.body, { signedOut: true });
      assert.match(out.headers.getSetCookie()[0], /^__Host-ss-staff=; Max-Age=0/);
      await callEvery('a signed-out session', { cookie: second! }, 401);
      // Idle 30 minutes: the session has ended.
      const idle = await signIn();
      h.server.clock.now += 30 * 60_000;
      assert.equal((await h.call('GET', '/practice/auth/session', { cookie: idle })).status, 401);
    });

    test('a wrong password and an unknown address get one answer, after about the same time', async () => {
      const wrong = await staffSignIn(h, mayaChen.email, 'not-the-password');
      const unknown = await staffSignIn(h, 'nobody@riverside-counseling.example', demoStaffPassword);
      for (const { answer, cookie } of [wrong, unknown]) {
        assert.equal(answer.status, 401);
        assert.equal(cookie, undefined);
        assert.equal(answer.headers.getSetCookie().length, 0);
      }
      assert.deepEqual(wrong.answer.body, unknown.answer.body);
      assert.deepEqual(wrong.answer.body, { error: { code: 'unauthorized', message: 'That e-mail address and password do not match.' } });
      const timed = async (email: string) => {
        const started = performance.now();
        await staffSignIn(h, email, 'not-the-password');
        return performance.now() - started;
      };
      const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
      const known: number[] = [];
      const stranger: number[] = [];
      for (let i = 0; i < 3; i++) {
        known.push(await timed(jordanAlvarez.email));
        stranger.push(await timed(`stranger-${i}@riverside-counseling.example`));
      }
      // An unknown address costs a scrypt too (a dummy hash): without one it would answer in a millisecond or two.
      assert.ok(median(stranger) > median(known) / 2, `unknown ${median(stranger).toFixed(1)} ms, wrong password ${median(known).toFixed(1)} ms`);
      // Any case of the address signs in.
      assert.equal((await staffSignIn(h, mayaChen.email.toUpperCase())).answer.status, 200);
    });

    test('the sign-in is limited per address (the 11th attempt is 429, even with the right password) and per IP (the 31st)', async () => {
      for (let i = 0; i < 10; i++) assert.equal((await staffSignIn(h, mayaChen.email, `guess-${i}`)).answer.status, 401);
      const limited = await staffSignIn(h, mayaChen.email.toUpperCase());
      assert.equal(limited.answer.status, 429);
      assert.ok(Number(limited.answer.headers.get('Retry-After')) > 0);
      assert.equal(limited.cookie, undefined);
      // Others still sign in: 11 attempts from this IP so far.
      assert.equal((await staffSignIn(h, jordanAlvarez.email)).answer.status, 200);
      for (let i = 13; i <= 30; i++) assert.equal((await staffSignIn(h, `guess-${i}@riverside-counseling.example`)).answer.status, 401, `attempt ${i}`);
      const fromIp = await staffSignIn(h, frontDesk.email);
      assert.equal(fromIp.answer.status, 429, 'the 31st from this IP');
      // A new window: allowed again.
      h.server.clock.now += 15 * 60_000;
      assert.equal((await staffSignIn(h, mayaChen.email)).answer.status, 200);
    });

    test('over the run: no e-mail address, name, password, note, session id or token in any log line', () => {
      assert.ok(logs.length > 100, `${logs.length} log lines`);
      const all = personalData([...secrets, refusedNote, demoStaffPassword, ...demoStaff.flatMap((m) => [m.email, m.name, m.passwordHash])]);
      assertNothingPersonal('a log line', logs, all);
    });
  });
}
