/**
 * The practice API's behaviour at its edges, on PGlite and on a real PostgreSQL, DEMO off: a
 * confirm judged again in its own transaction (the clock a minute either side of the start, a
 * day off, hours that close a minute early or exactly on time, an overlap once the exclusion
 * constraint is gone, two members of staff at once, a request no longer waiting); a decline's
 * note, to the client's list and e-mail, at its length limit; one audit row per change with the
 * right actor and nothing personal; the mail worker nudged by a sign-in e-mail; and, over the
 * run, nothing personal or secret in a log line.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  AUDIENCE,
  type Harness,
  ISSUER,
  alex,
  assertNothingPersonal,
  personalData,
  clusterAndKeys,
  portalToken,
  startIdentityServer,
} from './identity-support.js';
import { chenRiversideHours, requestAs, staffCookie, wednesday, wednesdayStart } from './practice-support.js';
import { demoStaff, demoStaffPassword, jordanAlvarez, mayaChen } from './support.js';

const minute = 60_000;
const monday = { ...wednesday, start: '2026-12-14T09:00:00-05:00', end: '2026-12-14T09:50:00-05:00' };
/** A therapist's words to a client: never in a log line or the audit log. */
const privateNote = 'I am at the Quixotic-Marmalade conference that week; could Thursday suit you?';

const shared = clusterAndKeys();

for (const kind of ['pglite', 'postgres'] as const) {
  describe(`the practice API on ${kind}, DEMO off`, () => {
    let h: Harness;
    const logs: string[] = [];
    const secrets: string[] = [];

    before(async () => {
      h = await startIdentityServer(kind, shared.cluster, 'practice', { portalJwt: { issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'], publicKey: shared.keys.rsa.spki } }, logs);
    });
    after(() => h?.stop());
    beforeEach(() => h.reset());

    const signIn = async (email?: string) => {
      const cookie = await staffCookie(h, email);
      secrets.push(cookie.slice(cookie.indexOf('=') + 1));
      return cookie;
    };
    const confirm = (cookie: string, id: string) => h.call('POST', `/practice/appointments/${id}/confirm`, { cookie, body: {} });
    const decline = (cookie: string, id: string, note?: string) => h.call('POST', `/practice/appointments/${id}/decline`, { cookie, body: note === undefined ? {} : { note } });
    const conflictsOf = async (cookie: string, id: string) => {
      const list = await h.call('GET', '/practice/appointments?status=unconfirmed', { cookie });
      assert.equal(list.status, 200, JSON.stringify(list.body));
      return list.body.appointments.find((a: { id: string }) => a.id === id).conflicts;
    };
    const setChenHours = async (cookie: string, update: object) => {
      const answer = await h.call('PUT', '/practice/providers/dr-chen/schedules/riverside', { cookie, body: update });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return answer.body;
    };

    test('a request starting a minute from now confirms; at its start, or a minute after, it is refused (409)', async () => {
      for (const [offset, status] of [
        [-minute, 200],
        [0, 409],
        [minute, 409],
      ] as const) {
        await h.reset();
        const requested = await requestAs(h, shared.keys);
        h.server.clock.now = wednesdayStart + offset;
        const cookie = await signIn();
        assert.deepEqual(await conflictsOf(cookie, requested.id), status === 200 ? [] : [{ code: 'in-the-past' }], `offset ${offset}`);
        const answer = await confirm(cookie, requested.id);
        assert.equal(answer.status, status, `offset ${offset}: ${JSON.stringify(answer.body)}`);
        if (status === 200) {
          assert.equal(answer.body.status, 'confirmed');
          assert.deepEqual(answer.body.conflicts, []);
        } else {
          assert.equal(answer.body.error.code, 'conflict');
          assert.match(answer.body.error.message, /Its time has passed/);
        }
      }
    });

    test('a day off added over a request: flagged outside-hours in the list, and the confirm refused; taken back, it confirms', async () => {
      const requested = await requestAs(h, shared.keys);
      const cookie = await signIn();
      const hours = chenRiversideHours();
      const stored = await setChenHours(cookie, { ...hours, daysOff: [...(hours.daysOff ?? []), '2026-12-09'] });
      assert.equal(stored.providerId, 'dr-chen');
      assert.equal(stored.locationId, 'riverside');
      assert.deepEqual(await conflictsOf(cookie, requested.id), [{ code: 'outside-hours' }]);
      const refused = await confirm(cookie, requested.id);
      assert.equal(refused.status, 409);
      assert.match(refused.body.error.message, /no longer within the therapist’s hours/);
      await setChenHours(cookie, hours);
      assert.deepEqual(await conflictsOf(cookie, requested.id), []);
      assert.equal((await confirm(cookie, requested.id)).status, 200);
    });

    test('hours changed to close a minute before the request ends: refused; closing exactly as it ends: confirmed', async () => {
      const requested = await requestAs(h, shared.keys);
      const cookie = await signIn();
      const hours = chenRiversideHours();
      const closingAt = (end: string) => ({ ...hours, weekly: hours.weekly.map((w) => (w.weekday === 3 ? { ...w, end } : w)) });
      await setChenHours(cookie, closingAt('09:49'));
      assert.deepEqual(await conflictsOf(cookie, requested.id), [{ code: 'outside-hours' }]);
      assert.equal((await confirm(cookie, requested.id)).status, 409);
      await setChenHours(cookie, closingAt('09:50'));
      assert.deepEqual(await conflictsOf(cookie, requested.id), []);
      const confirmed = await confirm(cookie, requested.id);
      assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    });

    test('a policy whose minimum notice is a minute longer than its horizon is 400; exactly the horizon is taken', async () => {
      const cookie = await signIn();
      const policy = { minimumNoticeMinutes: 24 * 60, horizonDays: 1, slotStepMinutes: 15, manageCutoffHours: 24 };
      const beyond = await h.call('PUT', '/practice/policy', { cookie, body: { ...policy, minimumNoticeMinutes: 24 * 60 + 1 } });
      assert.equal(beyond.status, 400, JSON.stringify(beyond.body));
      assert.equal((await h.server.db.query("SELECT 1 FROM audit_log WHERE action = 'policy'")).length, 0);
      const exactly = await h.call('PUT', '/practice/policy', { cookie, body: policy });
      assert.equal(exactly.status, 200, JSON.stringify(exactly.body));
      assert.deepEqual(exactly.body, policy);
    });

    test('a cancellation policy with U+0000 or half a surrogate pair is 400, not a failed write; a sign-in address with U+0000 is nobody', async () => {
      const cookie = await signIn();
      const policy = { minimumNoticeMinutes: 60, horizonDays: 30, slotStepMinutes: 15, manageCutoffHours: 24 };
      for (const cancellationPolicy of ['a\u0000b', 'a\ud800b']) {
        const answer = await h.call('PUT', '/practice/policy', { cookie, body: { ...policy, cancellationPolicy } });
        assert.equal(answer.status, 400, JSON.stringify(answer.body));
      }
      const kept = await h.call('PUT', '/practice/policy', { cookie, body: { ...policy, cancellationPolicy: 'Annulez 24 h avant 🙂' } });
      assert.equal(kept.status, 200, JSON.stringify(kept.body));
      const nobody = await h.call('POST', '/practice/auth/sign-in', { body: { email: `${demoStaff[0].email}\u0000`, password: demoStaffPassword } });
      assert.equal(nobody.status, 401, JSON.stringify(nobody.body));
    });

    test('a window that does not start before it ends is 400, and nothing is stored', async () => {
      const cookie = await signIn();
      const hours = chenRiversideHours();
      for (const update of [
        { ...hours, weekly: [{ weekday: 3, start: '10:00', end: '10:00' }] },
        { ...hours, weekly: [{ weekday: 3, start: '17:00', end: '09:00' }] },
        { ...hours, breaks: [{ start: '13:00', end: '12:00' }] },
      ]) {
        const answer = await h.call('PUT', '/practice/providers/dr-chen/schedules/riverside', { cookie, body: update });
        assert.equal(answer.status, 400, JSON.stringify(update));
      }
      const settings = await h.call('GET', '/practice/settings', { cookie });
      const chen = settings.body.providers.find((p: { provider: { id: string } }) => p.provider.id === 'dr-chen');
      assert.deepEqual(
        chen.schedules.find((s: { locationId: string }) => s.locationId === 'riverside'),
        { providerId: 'dr-chen', locationId: 'riverside', ...hours },
      );
      assert.equal((await h.server.db.query("SELECT 1 FROM audit_log WHERE action = 'schedule'")).length, 0);
    });

    test('an overlap: the exclusion constraint refuses it first; without the constraint, the confirm’s own re-check refuses it', async () => {
      const requested = await requestAs(h, shared.keys);
      const cookie = await signIn();
      const overlapping = ['overlap-1', 'client-taylor', 'dr-chen', 'riverside', 'individual-50', '2026-12-09T14:30:00Z', '2026-12-09T15:20:00Z', 'confirmed'];
      const insert = `INSERT INTO appointments (id, client_id, provider_id, location_id, service_id, start_at, end_at, status, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), now())`;
      // The first line: the database keeps a therapist's held times apart.
      await assert.rejects(h.server.db.query(insert, overlapping), (error: { code?: string }) => error.code === '23P01');
      // The second: with the constraint gone (this test only), the confirm still sees the overlap.
      await h.server.db.exec('ALTER TABLE appointments DROP CONSTRAINT appointments_no_double_booking');
      try {
        await h.server.db.query(insert, overlapping);
        assert.deepEqual(await conflictsOf(cookie, requested.id), [
          { code: 'overlaps-appointment', appointmentId: 'overlap-1', start: '2026-12-09T14:30:00.000Z', end: '2026-12-09T15:20:00.000Z' },
        ]);
        const refused = await confirm(cookie, requested.id);
        assert.equal(refused.status, 409);
        assert.match(refused.body.error.message, /Another appointment/);
        assert.equal((await h.server.db.query<{ status: string }>('SELECT status FROM appointments WHERE id = $1', [requested.id]))[0].status, 'unconfirmed');
      } finally {
        await h.server.db.query("DELETE FROM appointments WHERE id = 'overlap-1'");
        await h.server.db.exec(`ALTER TABLE appointments ADD CONSTRAINT appointments_no_double_booking EXCLUDE USING gist (
          provider_id WITH =, tstzrange(start_at, end_at, '[)') WITH &&) WHERE (status IN ('unconfirmed', 'confirmed'))`);
      }
    });

    test('two members of staff confirm one request at once: one 200, one 409; one notice, one audit row', async () => {
      const requested = await requestAs(h, shared.keys);
      const [desk, chen] = await Promise.all([signIn(), signIn(mayaChen.email)]);
      const answers = await Promise.all([confirm(desk, requested.id), confirm(chen, requested.id)]);
      assert.deepEqual(answers.map((a) => a.status).sort(), [200, 409], JSON.stringify(answers.map((a) => a.body)));
      assert.match(answers.find((a) => a.status === 409)!.body.error.message, /That appointment is confirmed, not waiting for confirmation/);
      const notices = await h.server.db.query("SELECT 1 FROM outbox WHERE kind = 'confirmed' AND appointment_id = $1", [requested.id]);
      assert.equal(notices.length, 1);
      const audited = await h.server.db.query("SELECT 1 FROM audit_log WHERE action = 'confirm' AND appointment_id = $1", [requested.id]);
      assert.equal(audited.length, 1);
    });

    test('a declined or cancelled request is not waiting: confirm and decline answer 409', async () => {
      const cookie = await signIn();
      const declined = await requestAs(h, shared.keys);
      assert.equal((await decline(cookie, declined.id)).status, 200);
      const cancelled = await requestAs(h, shared.keys, monday);
      const bearer = await portalToken(shared.keys, h.server.clock, { sub: alex.id });
      assert.equal((await h.call('POST', `/appointments/${cancelled.id}/cancel`, { bearer, key: randomUUID(), body: {} })).status, 200);
      for (const [id, status] of [
        [declined.id, 'declined'],
        [cancelled.id, 'cancelled'],
      ]) {
        for (const answer of [await confirm(cookie, id), await decline(cookie, id, 'again')]) {
          assert.equal(answer.status, 409);
          assert.equal(answer.body.error.message, `That appointment is ${status}, not waiting for confirmation.`);
        }
      }
    });

    test('decline with a note: the client sees it in their list and in the e-mail; 1000 characters taken, 1001 refused (400)', async () => {
      const requested = await requestAs(h, shared.keys);
      const cookie = await signIn(mayaChen.email);
      const tooLong = `${privateNote} ${'x'.repeat(1000)}`.slice(0, 1001);
      const refused = await decline(cookie, requested.id, tooLong);
      assert.equal(refused.status, 400, JSON.stringify(refused.body));
      assert.equal((await h.server.db.query<{ status: string }>('SELECT status FROM appointments WHERE id = $1', [requested.id]))[0].status, 'unconfirmed');
      const note = tooLong.slice(0, 1000);
      const declined = await decline(cookie, requested.id, note);
      assert.equal(declined.status, 200, JSON.stringify(declined.body));
      assert.equal(declined.body.status, 'declined');
      assert.equal(declined.body.declineNote, note);
      const bearer = await portalToken(shared.keys, h.server.clock, { sub: alex.id });
      const mine = await h.call('GET', '/appointments', { bearer });
      assert.equal(mine.body.appointments.find((a: { id: string }) => a.id === requested.id).declineNote, note);
      const outbox = await h.call('GET', '/practice/outbox', { cookie });
      const notice = outbox.body.emails.find((e: { kind: string; appointmentId: string }) => e.kind === 'declined' && e.appointmentId === requested.id);
      assert.ok(notice, 'the declined notice is in the outbox');
      assert.equal(notice.to, alex.email);
      assert.ok(notice.body.includes(note), notice.body);
      const [{ text }] = await h.server.db.query<{ text: string }>("SELECT text FROM outbox WHERE kind = 'declined' AND appointment_id = $1", [requested.id]);
      assert.ok(text.includes(note), 'the e-mail holds the note');
    });

    test('every change writes one audit row with its actor, in order; the audit log holds nothing personal', async () => {
      const bearer = await portalToken(shared.keys, h.server.clock, { sub: alex.id });
      secrets.push(bearer);
      const first = await requestAs(h, shared.keys);
      const moved = await h.call('PUT', `/appointments/${first.id}`, { bearer, key: randomUUID(), body: monday });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      const second = await requestAs(h, shared.keys);
      const chen = await signIn(mayaChen.email);
      assert.equal((await confirm(chen, first.id)).status, 200);
      const desk = await signIn();
      assert.equal((await decline(desk, second.id, privateNote)).status, 200);
      const third = await requestAs(h, shared.keys);
      assert.equal((await h.call('POST', `/appointments/${third.id}/cancel`, { bearer, key: randomUUID(), body: { reason: privateNote } })).status, 200);
      assert.equal((await h.call('PUT', '/practice/providers/dr-chen/self-scheduling', { cookie: chen, body: { selfScheduling: false } })).status, 200);
      await setChenHours(chen, chenRiversideHours());
      const settings = await h.call('GET', '/practice/settings', { cookie: desk });
      assert.equal((await h.call('PUT', '/practice/policy', { cookie: desk, body: { ...settings.body.policy, slotStepMinutes: 30 } })).status, 200);

      const audit = await h.call('GET', '/practice/audit', { cookie: desk });
      assert.equal(audit.status, 200);
      const entries = audit.body.entries.map((e: { actor: { kind: string; id: string }; action: string; appointmentId?: string; providerId?: string }) => [
        e.actor.kind,
        e.actor.id,
        e.action,
        e.appointmentId ?? null,
        e.providerId ?? null,
      ]);
      assert.deepEqual(entries, [
        ['client', alex.id, 'request', first.id, 'dr-chen'],
        ['client', alex.id, 'change', first.id, 'dr-chen'],
        ['client', alex.id, 'request', second.id, 'dr-chen'],
        ['staff', mayaChen.id, 'confirm', first.id, 'dr-chen'],
        ['staff', 'front-desk', 'decline', second.id, 'dr-chen'],
        ['client', alex.id, 'request', third.id, 'dr-chen'],
        ['client', alex.id, 'cancel', third.id, 'dr-chen'],
        ['staff', mayaChen.id, 'self-scheduling', null, 'dr-chen'],
        ['staff', mayaChen.id, 'schedule', null, 'dr-chen'],
        ['staff', 'front-desk', 'policy', null, null],
      ]);
      const one = await h.call('GET', `/practice/audit?appointment=${first.id}`, { cookie: desk });
      assert.deepEqual(one.body.entries.map((e: { action: string }) => e.action), ['request', 'change', 'confirm']);
      // A therapist sees what concerns them: Jordan Alvarez, nothing of Dr. Chen's.
      const jordan = await signIn(jordanAlvarez.email);
      assert.deepEqual((await h.call('GET', '/practice/audit', { cookie: jordan })).body.entries, []);

      const rows = JSON.stringify(await h.server.db.query('SELECT * FROM audit_log'));
      assertNothingPersonal('the audit log', [rows], personalData([privateNote, ...demoStaff.flatMap((m) => [m.email, m.name])]));
    });

    test('a sign-in e-mail nudges the mail worker at once, as a booking does', async () => {
      let nudges = 0;
      h.server.onNoticesWritten(() => nudges++);
      assert.equal((await h.requestLink(alex.email)).status, 202);
      assert.equal(nudges, 1, 'a link written');
      assert.equal((await h.requestLink('nobody@nowhere.example')).status, 202);
      assert.equal(nudges, 1, 'no link for an unknown address: nothing to send');
      await requestAs(h, shared.keys);
      assert.equal(nudges, 2, 'a booking');
      assert.equal((await decline(await signIn(), (await requestAs(h, shared.keys, monday)).id)).status, 200);
      assert.equal(nudges, 4, 'a request and a decline');
    });

    test('over the run: no e-mail address, name, password, note, session id or token in any log line', () => {
      assert.ok(logs.length > 50, `${logs.length} log lines`);
      const all = personalData([...secrets, privateNote, demoStaffPassword, ...demoStaff.flatMap((m) => [m.email, m.name, m.passwordHash])]);
      assertNothingPersonal('a log line', logs, all);
    });
  });
}
