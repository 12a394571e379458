/**
 * Client identity with DEMO off, on PGlite in memory and on a real PostgreSQL: sign-in by e-mail
 * link end to end (the token read from the outbox, as the client's mailbox would have it), the
 * session cookie's attributes, rotation, sign-out, expiry of links and sessions on a moved clock,
 * single use, tampering, no account probing, rate limits per address and per IP; a portal's JWT,
 * good and bad in every way that matters; a bad identity configuration refused at start; and no
 * personal data or secret in any URL or log line over the run.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { jsonLogger } from '../src/log.js';
import { linkRequestedMessage } from '../src/routes/auth.js';
import { startServer } from '../src/server.js';
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
  privateClient,
  seed,
  startIdentityServer,
  taylor,
} from './identity-support.js';
import { NOW, binPath, testConfig } from './support.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const cookieValue = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);
const alexAppointments = (seed.appointments ?? []).filter((a) => a.clientId === alex.id).map((a) => a.id).sort();
const wednesday = { providerId: 'dr-chen', locationId: 'riverside', serviceId: 'individual-50', start: '2026-12-09T09:00:00-05:00', end: '2026-12-09T09:50:00-05:00' };
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const shared = clusterAndKeys();

for (const kind of ['pglite', 'postgres'] as const) {
  describe(`client identity on ${kind}, DEMO off`, () => {
    let h: Harness;
    const logs: string[] = [];
    const urls: string[] = [];
    /** Tokens, session ids and JWTs seen: none may reach a log line or a URL. */
    const secrets: string[] = [];
    /** Extra servers' log lines, scanned too. */
    const otherLogs: string[] = [];

    before(async () => {
      h = await startIdentityServer(
        kind,
        shared.cluster,
        'identity',
        { portalJwt: { issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256', 'ES256'], publicKey: shared.keys.rsa.spki } },
        logs,
        urls,
      );
    });
    after(() => h?.stop());
    beforeEach(() => h.reset());

    const signIn = async (client: { email: string }) => {
      const cookie = await h.signIn(client);
      secrets.push(cookieValue(cookie));
      return cookie;
    };
    const tokenFor = async (email: string) => {
      const token = await h.tokenSentTo(email);
      secrets.push(token);
      return token;
    };
    const whoIs = async (cookie: string) => {
      const answer = await h.call('GET', '/auth/session', { cookie });
      return answer.status === 200 ? answer.body.client.id : answer.status;
    };

    // ---- sign-in by e-mail link ------------------------------------------------------------

    test('sign-in by e-mail link, end to end: the link in the outbox, stored hashed; the cookie exactly; the session on the client routes', async () => {
      const asked = await h.requestLink(alex.email);
      assert.equal(asked.status, 202);
      assert.deepEqual(asked.body, { message: linkRequestedMessage });

      const mails = await h.server.db.query<Record<string, unknown>>(`SELECT * FROM outbox WHERE kind = 'sign-in-link'`);
      assert.equal(mails.length, 1);
      const [mail] = mails;
      assert.equal(mail.recipient, alex.email);
      assert.equal(mail.appointment_id, null);
      assert.equal(mail.subject, `Your sign-in link for ${seed.name}`);
      const token = await tokenFor(alex.email);
      assert.match(token, /^[A-Za-z0-9_-]{43}$/, 'a token of 32 random bytes, base64url');
      // The token travels in the fragment, which no server receives; every part of the e-mail has the link.
      const link = `${SIGN_IN_URL}#ss-sign-in=${token}`;
      assert.ok(String(mail.body).includes(link) && String(mail.text).includes(link), 'body and text hold the link');
      assert.ok(String(mail.html).includes(`href="${link}"`), 'the html holds the link');
      assert.match(String(mail.text), /^Hello Alex Rivera,/);

      const tokens = await h.server.db.query<{ token_hash: string; client_id: string; created_ms: number; expires_ms: number; used_at: unknown }>(
        `SELECT token_hash, client_id, extract(epoch FROM created_at) * 1000 AS created_ms, extract(epoch FROM expires_at) * 1000 AS expires_ms, used_at FROM sign_in_tokens`,
      );
      assert.equal(tokens.length, 1);
      assert.equal(tokens[0].token_hash, sha256(token), 'kept as its SHA-256');
      assert.equal(tokens[0].client_id, alex.id);
      assert.equal(Number(tokens[0].expires_ms) - Number(tokens[0].created_ms), 15 * MINUTE);
      assert.equal(JSON.stringify(tokens).includes(token), false, 'the token itself is not stored');

      const { answer, setCookie, cookie } = await h.verify(token);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.deepEqual(answer.body, { client: { id: alex.id, name: alex.name } });
      assert.match(setCookie!, /^__Host-ss-session=[A-Za-z0-9_-]{43}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
      secrets.push(cookieValue(cookie!));
      const sessions = await h.server.db.query<Record<string, unknown>>('SELECT * FROM sessions');
      assert.equal(sessions.length, 1);
      assert.equal(sessions[0].id_hash, sha256(cookieValue(cookie!)), 'the session id is kept as its SHA-256');
      assert.equal(JSON.stringify(sessions).includes(cookieValue(cookie!)), false);
      assert.notEqual(await h.server.db.query('SELECT 1 FROM sign_in_tokens WHERE used_at IS NOT NULL'), []);

      assert.deepEqual((await h.call('GET', '/auth/session', { cookie })).body, { client: { id: alex.id, name: alex.name } });
      const list = await h.call('GET', '/appointments', { cookie });
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.appointments.map((a: { id: string }) => a.id).sort(), alexAppointments);
      const booked = await h.call('POST', '/appointments', { cookie, key: randomUUID(), body: wednesday });
      assert.equal(booked.status, 201, JSON.stringify(booked.body));
      const [owner] = await h.server.db.query<{ client_id: string }>('SELECT client_id FROM appointments WHERE id = $1', [booked.body.id]);
      assert.equal(owner.client_id, alex.id);
    });

    test('over http (no https public URL) the cookie is ss-session, without Secure; everything else the same', async () => {
      const lines: string[] = [];
      const plain = await startIdentityServer(kind, shared.cluster, 'identity_http', { publicUrl: 'http://localhost:8080', signInUrl: 'http://localhost:8080/book' }, lines);
      try {
        assert.equal((await plain.requestLink(alex.email)).status, 202);
        const token = await plain.tokenSentTo(alex.email);
        secrets.push(token);
        const { answer, setCookie, cookie } = await plain.verify(token);
        assert.equal(answer.status, 200);
        assert.match(setCookie!, /^ss-session=[A-Za-z0-9_-]{43}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/);
        secrets.push(cookieValue(cookie!));
        assert.equal((await plain.call('GET', '/auth/session', { cookie })).status, 200);
        // A cookie of the https server's name means nothing here.
        assert.equal((await plain.call('GET', '/auth/session', { cookie: `__Host-ss-session=${cookieValue(cookie!)}` })).status, 401);
      } finally {
        await plain.stop();
        otherLogs.push(...lines);
      }
    });

    test('rotation: every sign-in is a new session id, and the session the browser presented is revoked', async () => {
      const first = await signIn(alex);
      assert.equal((await h.requestLink(alex.email)).status, 202);
      const { answer, cookie: second } = await h.verify(await tokenFor(alex.email), { cookie: first });
      assert.equal(answer.status, 200);
      secrets.push(cookieValue(second!));
      assert.notEqual(second, first);
      assert.equal(await whoIs(first), 401, 'the presented session is revoked');
      assert.equal((await h.call('GET', '/appointments', { cookie: first })).status, 401);
      assert.equal(await whoIs(second!), alex.id);
      // Signing in on another device (no cookie presented) leaves this one signed in.
      const third = await signIn(alex);
      assert.equal(await whoIs(second!), alex.id);
      assert.equal(await whoIs(third), alex.id);
      // Signing in as another client in the same browser ends the first client's session there.
      assert.equal((await h.requestLink(taylor.email)).status, 202);
      const { cookie: taylors } = await h.verify(await tokenFor(taylor.email), { cookie: third });
      secrets.push(cookieValue(taylors!));
      assert.equal(await whoIs(third), 401);
      assert.equal(await whoIs(taylors!), taylor.id);
    });

    test('sign-out revokes the session on the server and removes the cookie; a cross-site sign-out is refused', async () => {
      const cookie = await signIn(alex);
      const crossSite = await h.call('POST', '/auth/sign-out', { cookie, origin: EVIL, body: {} });
      assert.equal(crossSite.status, 403);
      assert.equal(crossSite.body.error.code, 'forbidden');
      assert.equal(await whoIs(cookie), alex.id, 'a refused sign-out changes nothing');

      const out = await h.call('POST', '/auth/sign-out', { cookie, body: {} });
      assert.equal(out.status, 200);
      assert.deepEqual(out.body, { signedOut: true });
      assert.equal(out.headers.getSetCookie()[0], '__Host-ss-session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax; Secure');
      assert.equal(await whoIs(cookie), 401);
      assert.equal((await h.call('GET', '/appointments', { cookie })).status, 401);
      assert.equal((await h.call('POST', '/appointments', { cookie, key: randomUUID(), body: wednesday })).status, 401);
      const [row] = await h.server.db.query<{ revoked: boolean }>('SELECT revoked_at IS NOT NULL AS revoked FROM sessions WHERE id_hash = $1', [sha256(cookieValue(cookie))]);
      assert.equal(row.revoked, true);
      // Again, or without any session: still 200.
      assert.equal((await h.call('POST', '/auth/sign-out', { cookie, body: {} })).status, 200);
      assert.equal((await h.call('POST', '/auth/sign-out', {})).status, 200);
    });

    test('a link works for 15 minutes: at 14 minutes it signs in, at 16 it does not', async () => {
      assert.equal((await h.requestLink(alex.email)).status, 202);
      assert.equal((await h.requestLink(taylor.email)).status, 202);
      const [alexToken, taylorToken] = [await tokenFor(alex.email), await tokenFor(taylor.email)];
      h.server.clock.now = NOW + 14 * MINUTE;
      assert.equal((await h.verify(alexToken)).answer.status, 200);
      h.server.clock.now = NOW + 16 * MINUTE;
      const late = await h.verify(taylorToken);
      assert.equal(late.answer.status, 401);
      assert.equal(late.setCookie, undefined);
      assert.equal(late.answer.body.error.code, 'unauthorized');
    });

    test('a session ends after 12 hours unused (a minute either side), counted from its last use', async () => {
      const used = await signIn(alex);
      const unused = await signIn(taylor);
      h.server.clock.now = NOW + 12 * HOUR - MINUTE;
      assert.equal(await whoIs(used), alex.id);
      h.server.clock.now = NOW + 12 * HOUR + MINUTE;
      assert.equal(await whoIs(unused), 401, 'unused for 12 hours and a minute');
      assert.equal(await whoIs(used), alex.id, 'used two minutes ago');
      h.server.clock.now = NOW + 24 * HOUR - 2 * MINUTE;
      assert.equal(await whoIs(used), alex.id, 'used 12 hours less a minute ago');
      h.server.clock.now = NOW + 36 * HOUR;
      assert.equal(await whoIs(used), 401, 'unused for 12 hours and 2 minutes');
    });

    test('a session ends 7 days after sign-in however much it is used (a minute either side)', async () => {
      const cookie = await signIn(alex);
      for (let at = NOW + 11 * HOUR; at < NOW + 7 * DAY; at += 11 * HOUR) {
        h.server.clock.now = at;
        assert.equal(await whoIs(cookie), alex.id, `${(at - NOW) / HOUR} hours after sign-in`);
      }
      h.server.clock.now = NOW + 7 * DAY - MINUTE;
      assert.equal(await whoIs(cookie), alex.id);
      h.server.clock.now = NOW + 7 * DAY + MINUTE;
      assert.equal(await whoIs(cookie), 401);
      assert.equal((await h.call('GET', '/appointments', { cookie })).status, 401);
    });

    test('a link signs in once: a replay, an altered token or an earlier link of the same client is 401, and changes nothing', async () => {
      assert.equal((await h.requestLink(alex.email)).status, 202);
      const earlier = await tokenFor(alex.email);
      assert.equal((await h.requestLink(alex.email)).status, 202);
      const token = await tokenFor(alex.email);
      const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
      const tampered = [flip(token, 0), flip(token, 42), flip(token, 20), token.slice(0, 42), `${token}A`, token.toLowerCase(), token.replace(/[-_]/g, 'a'), '', 'x', '\u0000'.repeat(43), 'A'.repeat(43), token.repeat(100)];
      for (const bad of tampered.filter((t) => t !== token)) {
        const { answer, setCookie } = await h.verify(bad);
        assert.equal(answer.status, 401, `${bad.slice(0, 50)}: ${answer.status}`);
        assert.equal(setCookie, undefined);
      }
      assert.equal(await h.server.db.query('SELECT 1 FROM sessions').then((rows) => rows.length), 0);
      const first = await h.verify(token);
      assert.equal(first.answer.status, 200, 'the genuine token still works after the altered ones');
      secrets.push(cookieValue(first.cookie!));
      const replay = await h.verify(token);
      assert.equal(replay.answer.status, 401);
      assert.equal(replay.setCookie, undefined);
      assert.equal((await h.verify(earlier)).answer.status, 401, 'signing in spent the earlier link too');
      assert.equal(await h.server.db.query('SELECT 1 FROM sessions').then((rows) => rows.length), 1);
      // Not a token at all: 400.
      for (const body of [{}, { token: 5 }, { token: null }]) {
        assert.equal((await h.call('POST', '/auth/email-link/verify', { origin: new URL(SIGN_IN_URL).origin, body })).status, 400);
      }
    });

    test('an address that is no client\'s gets the same status and body, in about the same time; case does not matter', async () => {
      const before = await h.counts();
      const unknown = await h.requestLink('nobody.at.all@example.org');
      const known = await h.requestLink(alex.email);
      assert.equal(unknown.status, known.status);
      assert.deepEqual(unknown.body, known.body);
      assert.deepEqual(
        [...unknown.headers.keys()].filter((name) => name !== 'date').sort(),
        [...known.headers.keys()].filter((name) => name !== 'date').sort(),
      );
      const after = await h.counts();
      assert.equal(after.outbox - before.outbox, 1, 'one e-mail, to the client');
      assert.equal(after.sign_in_tokens - before.sign_in_tokens, 1);

      // Any case finds the client; the e-mail goes to the address as the practice has it.
      assert.equal((await h.requestLink(privateClient.email.toLowerCase())).status, 202);
      assert.equal((await h.requestLink(`  ${alex.email.toUpperCase()} `)).status, 202);
      const recipients = await h.server.db.query<{ recipient: string }>(`SELECT recipient FROM outbox WHERE kind = 'sign-in-link' ORDER BY id`);
      assert.deepEqual(recipients.map((r) => r.recipient), [alex.email, privateClient.email, alex.email]);

      // Timing: the same statements run either way. Medians of alternating requests (within the limits).
      await h.reset();
      const times: Record<'known' | 'unknown', number[]> = { known: [], unknown: [] };
      const addresses = { known: [alex.email, taylor.email], unknown: ['first.stranger@example.org', 'second.stranger@example.org'] };
      await h.requestLink('warm.up@example.org');
      for (let round = 0; round < 4; round++) {
        for (const which of ['known', 'unknown'] as const) {
          for (const address of addresses[which]) {
            const started = performance.now();
            assert.equal((await h.requestLink(address)).status, 202);
            times[which].push(performance.now() - started);
          }
        }
      }
      const [knownMs, unknownMs] = [median(times.known), median(times.unknown)];
      assert.ok(Math.abs(knownMs - unknownMs) < Math.max(15, 0.5 * Math.max(knownMs, unknownMs)), `known ${knownMs.toFixed(1)} ms, unknown ${unknownMs.toFixed(1)} ms`);
    });

    test('rate limit per address: 5 links in 15 minutes, the 6th is 429 (known or not, any case); a new window after 15 minutes', async () => {
      for (const address of [alex.email, 'stranger@example.org']) {
        for (let i = 1; i <= 5; i++) {
          const asked = await h.requestLink(i === 5 ? address.toUpperCase() : address);
          assert.equal(asked.status, 202, `request ${i}`);
        }
        const sixth = await h.requestLink(address);
        assert.equal(sixth.status, 429);
        assert.deepEqual(Object.keys(sixth.body.error).sort(), ['code', 'message']);
        assert.equal(sixth.body.error.code, 'server');
        assert.equal(sixth.headers.get('Retry-After'), String(15 * 60));
      }
      assert.equal((await h.server.db.query(`SELECT 1 FROM outbox WHERE kind = 'sign-in-link'`)).length, 5, 'five e-mails to Alex, none for the 6th');
      h.server.clock.now = NOW + 15 * MINUTE - 1000;
      assert.equal((await h.requestLink(alex.email)).status, 429);
      h.server.clock.now = NOW + 15 * MINUTE;
      assert.equal((await h.requestLink(alex.email)).status, 202, 'a new window');
      // The buckets hold hashes, not addresses.
      const buckets = JSON.stringify(await h.server.db.query('SELECT * FROM rate_limits'));
      assert.equal(buckets.toLowerCase().includes('example'), false);
    });

    test('rate limit per IP (the socket\'s): 20 links in 15 minutes, the 21st is 429; X-Forwarded-For is not believed', async () => {
      for (let i = 1; i <= 20; i++) {
        assert.equal((await h.requestLink(`stranger-${i}@example.org`, { headers: { 'X-Forwarded-For': `203.0.113.${i}` } })).status, 202, `request ${i}`);
      }
      const refused = await h.requestLink(alex.email);
      assert.equal(refused.status, 429);
      assert.equal((await h.requestLink(taylor.email, { headers: { 'X-Forwarded-For': '198.51.100.1' } })).status, 429);
      assert.equal((await h.server.db.query(`SELECT 1 FROM outbox WHERE kind = 'sign-in-link'`)).length, 0);
    });

    test('the limits hold under concurrency: 30 requests for one address at once, exactly 5 accepted; no request fails', async () => {
      const answers = await Promise.all(Array.from({ length: 30 }, () => h.requestLink(taylor.email)));
      const statuses = answers.map((answer) => answer.status).sort();
      assert.deepEqual(statuses, [...Array(5).fill(202), ...Array(25).fill(429)]);
      assert.equal((await h.server.db.query(`SELECT 1 FROM outbox WHERE kind = 'sign-in-link'`)).length, 5);
    });

    test('housekeeping: a link request forgets windows that ended, and links and sessions a day past their end', async () => {
      const signedOut = await signIn(alex);
      assert.equal((await h.call('POST', '/auth/sign-out', { cookie: signedOut, body: {} })).status, 200);
      await signIn(taylor);
      assert.equal((await h.requestLink(privateClient.email)).status, 202);
      const count = async (table: string) => (await h.server.db.query(`SELECT 1 FROM ${table}`)).length;
      assert.deepEqual([await count('sessions'), await count('sign_in_tokens'), await count('rate_limits')], [2, 3, 4]);
      h.server.clock.now = NOW + 8 * DAY + MINUTE;
      assert.equal((await h.requestLink('someone.new@example.org')).status, 202);
      assert.deepEqual([await count('sessions'), await count('sign_in_tokens'), await count('rate_limits')], [0, 0, 2], 'only the new request\'s two windows are left');
    });

    test('behind a trusted proxy (TRUSTED_PROXIES) the rightmost untrusted X-Forwarded-For address is counted', async () => {
      const lines: string[] = [];
      const proxied = await startIdentityServer(kind, shared.cluster, 'identity_proxy', { trustedProxies: ['127.0.0.1'] }, lines);
      try {
        for (let i = 1; i <= 20; i++) {
          assert.equal((await proxied.requestLink(`stranger-${i}@example.org`, { headers: { 'X-Forwarded-For': '203.0.113.1' } })).status, 202);
        }
        assert.equal((await proxied.requestLink('one-more@example.org', { headers: { 'X-Forwarded-For': '203.0.113.1' } })).status, 429);
        // What the client wrote itself (left of the proxy's entry) is not believed.
        assert.equal((await proxied.requestLink('one-more@example.org', { headers: { 'X-Forwarded-For': '198.51.100.99, 203.0.113.1' } })).status, 429);
        assert.equal((await proxied.requestLink('one-more@example.org', { headers: { 'X-Forwarded-For': '203.0.113.2' } })).status, 202);
      } finally {
        await proxied.stop();
        otherLogs.push(...lines);
      }
    });

    test('link requests: 400 for a body that is not an address, 415 when not declared JSON, 403 from another site; nothing sent', async () => {
      const page = new URL(SIGN_IN_URL).origin;
      for (const body of [{}, { email: 5 }, { email: '' }, { email: 'not-an-address' }, { email: 'two@@example.org' }, { email: 'a b@example.org' }, { email: `${'x'.repeat(250)}@example.org` }, { email: 'nul\u0000@example.org' }]) {
        assert.equal((await h.call('POST', '/auth/email-link', { origin: page, body })).status, 400, JSON.stringify(body));
      }
      assert.equal((await h.call('POST', '/auth/email-link', { origin: page, body: '{"email": ', headers: { 'Content-Type': 'application/json' } })).status, 400);
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
        const answer = await h.call('POST', '/auth/email-link', { origin: page, body: JSON.stringify({ email: alex.email }), headers: { 'Content-Type': type } });
        assert.equal(answer.status, 415, type);
        assert.equal(answer.body.error.code, 'bad-request');
      }
      const form = await h.call('POST', '/auth/email-link', { origin: page, body: `email=${encodeURIComponent(alex.email)}`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      assert.equal(form.status, 415);
      assert.equal((await h.requestLink(alex.email, { origin: EVIL })).status, 403);
      assert.equal((await h.requestLink(alex.email, { origin: 'null' })).status, 403);
      assert.equal((await h.requestLink(alex.email, { origin: null, headers: { 'Sec-Fetch-Site': 'cross-site' } })).status, 403);
      assert.equal((await h.server.db.query(`SELECT 1 FROM outbox`)).length, 0);
      // The page's origin, the API's own and CORS_ORIGINS are all fine; so is a client that sends no Origin.
      for (const origin of [page, PUBLIC_URL, CORS_PAGE, null]) assert.equal((await h.requestLink(alex.email, { origin })).status, 202, String(origin));
    });

    // ---- a portal's JWT ----------------------------------------------------------------------

    test('a portal\'s JWT: a valid one acts as its client (on reads and writes, with or without an Origin), and says who in /auth/session', async () => {
      const jwt = await portalToken(shared.keys, h.server.clock);
      secrets.push(jwt);
      const list = await h.call('GET', '/appointments', { bearer: jwt });
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.appointments.map((a: { id: string }) => a.id).sort(), alexAppointments);
      assert.deepEqual((await h.call('GET', '/auth/session', { bearer: jwt })).body, { client: { id: alex.id, name: alex.name } });
      const booked = await h.call('POST', '/appointments', { bearer: jwt, key: randomUUID(), body: wednesday, origin: EVIL });
      assert.equal(booked.status, 201, 'a bearer token is no cookie: no other site can make a browser send it');
      const [owner] = await h.server.db.query<{ client_id: string }>('SELECT client_id FROM appointments WHERE id = $1', [booked.body.id]);
      assert.equal(owner.client_id, alex.id);
      const taylors = await portalToken(shared.keys, h.server.clock, { sub: taylor.id });
      assert.equal((await h.call('GET', '/auth/session', { bearer: taylors })).body.client.id, taylor.id);
      // At the longest lifetime (exp − iat = 1 hour) and near the end of it.
      const longest = await portalToken(shared.keys, h.server.clock, { iat: NOW / 1000 - 3500, exp: NOW / 1000 + 100 });
      assert.equal((await h.call('GET', '/appointments', { bearer: longest })).status, 200);
    });

    test('a portal\'s JWT is refused (401) expired, not yet valid, issued in the future, for another issuer or audience, HS256, none, altered, too long-lived, without a client', async () => {
      const now = NOW / 1000;
      const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const good = await portalToken(shared.keys, h.server.clock);
      const [header, payload, signature] = good.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const hmac = async (secret: Uint8Array) => portalToken(shared.keys, h.server.clock, { alg: 'HS256', key: secret });
      const cases: Array<[string, string]> = [
        ['expired a minute ago', await portalToken(shared.keys, h.server.clock, { iat: now - 360, exp: now - 60 })],
        ['not valid for another two minutes (nbf)', await portalToken(shared.keys, h.server.clock, { nbf: now + 120 })],
        ['issued two minutes in the future', await portalToken(shared.keys, h.server.clock, { iat: now + 120, exp: now + 400 })],
        ['another issuer', await portalToken(shared.keys, h.server.clock, { iss: 'https://evil.example' })],
        ['another audience', await portalToken(shared.keys, h.server.clock, { aud: 'another-api' })],
        ['HS256 keyed with the portal\'s public key', await hmac(new TextEncoder().encode(shared.keys.rsa.spki))],
        ['HS256 with a secret', await hmac(new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!!'))],
        ['ES256 (a key the server was not given)', await portalToken(shared.keys, h.server.clock, { alg: 'ES256', key: shared.keys.ec.privateKey })],
        ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`],
        ['alg none, signature kept', `${b64({ alg: 'none' })}.${payload}.${signature}`],
        ['signature altered', `${header}.${payload}.${signature.slice(0, -4)}${signature.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`],
        ['payload altered (another client)', `${header}.${b64({ ...claims, sub: taylor.id })}.${signature}`],
        ['payload altered (longer life)', `${header}.${b64({ ...claims, exp: claims.exp + 3600 })}.${signature}`],
        ['lifetime over an hour', await portalToken(shared.keys, h.server.clock, { iat: now, exp: now + 3601 })],
        ['no exp', await (async () => {
          const { SignJWT } = await import('jose');
          return new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).setIssuedAt(now).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject(alex.id).sign(shared.keys.rsa.privateKey);
        })()],
        ['no sub', await portalToken(shared.keys, h.server.clock, { sub: undefined })],
        ['a sub that is no client', await portalToken(shared.keys, h.server.clock, { sub: 'client-nobody' })],
        ['a sub that is a provider', await portalToken(shared.keys, h.server.clock, { sub: 'dr-chen' })],
        ['a role that is neither client nor staff', await portalToken(shared.keys, h.server.clock, { claims: { role: 'admin' } })],
        ['not a JWT', 'eyJhbGciOiJSUzI1NiJ9.not-json.x'],
      ];
      secrets.push(good, ...cases.map(([, token]) => token));
      for (const [name, token] of cases) {
        for (const path of ['/appointments', '/auth/session']) {
          const answer = await h.call('GET', path, { bearer: token });
          assert.equal(answer.status, 401, `${name} on ${path}: ${answer.status}`);
          assert.equal(answer.body.error.code, 'unauthorized');
        }
        assert.equal((await h.call('POST', '/appointments', { bearer: token, key: randomUUID(), body: wednesday })).status, 401, name);
      }
      assert.equal((await h.server.db.query('SELECT 1 FROM appointments WHERE client_id = $1 AND start_at = $2', [alex.id, '2026-12-09T14:00:00Z'])).length, 0);
      // The same token, unaltered, at the same moment, works: the cases fail for their fault alone.
      assert.equal((await h.call('GET', '/appointments', { bearer: good })).status, 200);
      assert.equal((await h.call('GET', '/appointments', { bearer: await portalToken(shared.keys, h.server.clock, { iat: now, exp: now + 3600 }) })).status, 200);
      // And as the clock passes its expiry (30 s of tolerance), it stops working.
      h.server.clock.now = NOW + 300_000 + 31_000;
      assert.equal((await h.call('GET', '/appointments', { bearer: good })).status, 401);
      // The log says why, with a code and never the token.
      const reasons = logs.map((line) => JSON.parse(line)).filter((entry) => entry.event === 'sign-in-refused' && entry.via === 'portal').map((entry) => entry.reason);
      for (const reason of ['ERR_JWT_EXPIRED:exp', 'ERR_JWT_CLAIM_VALIDATION_FAILED:nbf', 'ERR_JWT_CLAIM_VALIDATION_FAILED:iss', 'ERR_JWT_CLAIM_VALIDATION_FAILED:aud', 'ERR_JOSE_ALG_NOT_ALLOWED', 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'lifetime-too-long', 'issued-in-the-future', 'unknown-sub']) {
        assert.ok(reasons.includes(reason), `a refusal logged as ${reason}: ${[...new Set(reasons)].join(', ')}`);
      }
    });

    test('a portal\'s staff token (role "staff") is a staff principal: refused on the client routes with 403', async () => {
      const staff = await portalToken(shared.keys, h.server.clock, { sub: 'staff-frontdesk', claims: { role: 'staff' } });
      secrets.push(staff);
      for (const path of ['/appointments', '/providers', '/auth/session']) {
        const answer = await h.call('GET', path, { bearer: staff });
        assert.equal(answer.status, 403, path);
        assert.equal(answer.body.error.code, 'forbidden');
      }
    });

    test('keys from a JWKS file (PORTAL_JWT_JWKS_FILE), ES256 only: its key signs in; RS256 is refused', async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'portal.jwks.json');
      writeFileSync(file, JSON.stringify({ keys: [shared.keys.ec.jwk] }));
      const lines: string[] = [];
      const jwks = await startIdentityServer(kind, shared.cluster, 'identity_jwks', { signInUrl: undefined, portalJwt: { issuer: ISSUER, audience: AUDIENCE, algorithms: ['ES256'], jwksFile: file } }, lines);
      try {
        const es = await portalToken(shared.keys, jwks.server.clock, { alg: 'ES256', key: shared.keys.ec.privateKey, kid: 'portal-ec-1' });
        const rs = await portalToken(shared.keys, jwks.server.clock);
        const otherKid = await portalToken(shared.keys, jwks.server.clock, { alg: 'ES256', key: shared.keys.ec.privateKey, kid: 'portal-ec-2' });
        secrets.push(es, rs, otherKid);
        assert.equal((await jwks.call('GET', '/appointments', { bearer: es })).status, 200);
        assert.equal((await jwks.call('GET', '/appointments', { bearer: rs })).status, 401);
        assert.equal((await jwks.call('GET', '/appointments', { bearer: otherKid })).status, 401);
        // Without SIGN_IN_URL there is no sign-in by link.
        assert.equal((await jwks.call('POST', '/auth/email-link', { body: { email: alex.email } })).status, 404);
        assert.equal((await jwks.call('POST', '/auth/email-link/verify', { body: { token: 'A'.repeat(43) } })).status, 404);
      } finally {
        await jwks.stop();
        otherLogs.push(...lines);
      }
    });

    test('DEMO off: the stand-in (a bearer client id, the demo-client cookie) identifies nobody', async () => {
      for (const credentials of [{ bearer: alex.id }, { headers: { Cookie: `demo-client=${alex.id}` } }]) {
        assert.equal((await h.call('GET', '/appointments', credentials)).status, 401);
        assert.equal((await h.call('GET', '/auth/session', credentials)).status, 401);
        assert.equal((await h.call('POST', '/appointments', { ...credentials, key: randomUUID(), body: wednesday })).status, 401);
      }
    });

    test('the start says which ways of signing in are on, and warns of the stand-in in demo mode', async () => {
      const start = logs.map((line) => JSON.parse(line)).find((entry) => entry.event === 'identity');
      assert.deepEqual({ ...start, time: undefined }, { time: undefined, level: 'info', event: 'identity', emailLink: true, portalJwt: true, demoStandIn: false });
      const lines: string[] = [];
      const demo = await startServer(testConfig(), { seed, logger: jsonLogger((line) => lines.push(line)) });
      await demo.stop();
      const demoLine = lines.map((line) => JSON.parse(line)).find((entry) => entry.event === 'identity');
      assert.equal(demoLine.level, 'warn');
      assert.equal(demoLine.demoStandIn, true);
      assert.match(demoLine.note, /DEMO=1/);
      const none: string[] = [];
      const bare = await startServer(testConfig({ demo: false }), { seed, logger: jsonLogger((line) => none.push(line)) });
      await bare.stop();
      assert.match(none.map((line) => JSON.parse(line)).find((entry) => entry.event === 'identity').note, /No way to sign in/);
    });

    test('over the whole run: no name, e-mail address, token, session id or JWT in any URL or log line', () => {
      assert.ok(logs.length > 100 && urls.length > 100, `${logs.length} log lines, ${urls.length} URLs`);
      assert.ok(secrets.length > 20);
      const all = personalData([...secrets, 'nobody.at.all@example.org', 'stranger@example.org', 'first.stranger@example.org']);
      assertNothingPersonal('a URL', urls, all);
      assertNothingPersonal('a log line', [...logs, ...otherLogs], all);
    });
  });
}

// ---- configuration ------------------------------------------------------------------------------

/** The server's bin as its own process, until it exits (it is expected not to start). */
function runBin(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [binPath], { env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', DATA_DIR: ':memory:', ...env }, timeout: 60_000 }, (_error, stdout, stderr) =>
      resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

test('a bad identity configuration stops the start with exit code 2 and one line naming the variable', async () => {
  const portal = { PORTAL_JWT_ISSUER: ISSUER, PORTAL_JWT_AUDIENCE: AUDIENCE };
  const rsaOneLine = shared.keys.rsa.spki.trim().replace(/\n/g, '\\n');
  const cases: Array<[Record<string, string>, string]> = [
    [{ ...portal, PORTAL_JWT_PUBLIC_KEY: rsaOneLine, PORTAL_JWT_ALGORITHMS: 'RS256,HS256' }, 'PORTAL_JWT_ALGORITHMS: "HS256" is not taken; only public-key algorithms: RS256,'],
    [{ ...portal, PORTAL_JWT_PUBLIC_KEY: rsaOneLine, PORTAL_JWT_ALGORITHMS: 'none' }, 'PORTAL_JWT_ALGORITHMS: "none" is not taken'],
    [{ ...portal, PORTAL_JWT_PUBLIC_KEY: rsaOneLine, PORTAL_JWT_ALGORITHMS: 'ES256' }, 'PORTAL_JWT_PUBLIC_KEY: an rsa key cannot verify ES256 (PORTAL_JWT_ALGORITHMS)'],
    [{ ...portal, PORTAL_JWT_PUBLIC_KEY: 'not a key' }, 'PORTAL_JWT_PUBLIC_KEY: not a public key in SPKI PEM'],
    [{ ...portal, PORTAL_JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----' }, 'PORTAL_JWT_PUBLIC_KEY: the PEM cannot be read as a public key'],
    [{ PORTAL_JWT_ISSUER: ISSUER, PORTAL_JWT_PUBLIC_KEY: rsaOneLine }, 'PORTAL_JWT_AUDIENCE: required'],
    [{ ...portal }, 'PORTAL_JWT_PUBLIC_KEY: give the portal\'s public key either here (SPKI PEM) or as PORTAL_JWT_JWKS_FILE, exactly one'],
    [{ ...portal, PORTAL_JWT_JWKS_FILE: '/nonexistent/portal.jwks.json' }, 'PORTAL_JWT_JWKS_FILE: /nonexistent/portal.jwks.json: cannot be read (ENOENT)'],
    [{ SIGN_IN_URL: 'https://www.practice.example/book#top' }, 'SIGN_IN_URL: an http:// or https:// URL without a #fragment'],
    [{ PUBLIC_URL: 'ftp://booking.practice.example' }, 'PUBLIC_URL: an http:// or https:// URL without a #fragment'],
    [{ TRUSTED_PROXIES: '10.0.0.1, proxy.internal' }, 'TRUSTED_PROXIES: "proxy.internal" is not an IP address'],
  ];
  const runs = await Promise.all(cases.map(([env]) => runBin(env)));
  runs.forEach(({ code, stderr, stdout }, i) => {
    const expected = `self-schedule-server: environment ${cases[i][1]}`;
    assert.equal(code, 2, `${expected}\n${stderr}`);
    const lines = stderr.split('\n').filter(Boolean);
    assert.equal(lines.length, 1, `one stderr line, got: ${stderr}`);
    assert.ok(lines[0].startsWith(expected), `${lines[0]}\nexpected to start with\n${expected}`);
    assert.equal(stdout.includes('"event":"listening"'), false);
  });
});
