/**
 * The outbox sent by e-mail, to a real SMTP server started here (smtp-server on 127.0.0.1, no TLS,
 * no authentication): each notice arrives once, to the right person, in words and HTML (escaped);
 * an SMTP server that refuses is tried again later; kill -9 while the SMTP server holds a
 * message's DATA, then a restart, sends each notice once; two server processes on one PostgreSQL
 * send each notice once; and no log line holds an address or a subject.
 *
 * A delivery counts when the SMTP server answers its DATA while the connection is still open (as
 * an MTA that keeps a message only once it can say so); deliveries are counted by Message-ID.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer } from 'smtp-server';
import type { ServerConfig } from '../src/config.js';
import type { Database } from '../src/database/database.js';
import { openDatabase } from '../src/database/open.js';
import { jsonLogger } from '../src/log.js';
import { type Seed, parseSeed } from '../src/seed.js';
import { type RunningServer, startServer } from '../src/server.js';
import { type Slot, booking, clientIds, freeSlots, request, send, serverErrorLines, withClients, writeSeedFile } from './load.js';
import { NOW, type PostgresCluster, type ServerProcess, demoSeed, spawnServer, staffCookie, startPostgresCluster, tempDataDir, testConfig } from './support.js';

const practiceEmail = 'frontdesk@riverside-counseling.example';
const chenEmail = 'maya.chen@riverside-counseling.example';
const alex = { id: 'client-alex', email: 'alex.rivera@example.com' };
/** A client of the in-process tests' seed with nothing booked (see `withClients`). */
const other = { id: 'mail-other', email: 'mail-other@example.com' };
const drChen = { providerId: 'dr-chen', locationId: 'riverside', serviceId: 'individual-50' };
const jordan = { providerId: 'jordan-alvarez', locationId: 'telehealth', serviceId: 'individual-50' };
const sessionMinutes = 50;
const waiting = "It is waiting for your therapist's confirmation.";
const scriptNote = '<script>alert("gotcha")</script> Could you choose another day?';

/** The demo practice with Dr. Chen's own notification address; Jordan Alvarez has none (the practice's is used). */
function mailSeed(now: number, clients: readonly string[] = []): Seed {
  const seed = structuredClone(withClients(demoSeed(now), clients));
  const providers = seed.providers.map((provider) => (provider.id === 'dr-chen' ? { ...provider, email: chenEmail } : provider));
  return parseSeed({ ...seed, providers }, 'the mail test seed');
}

// ---- a message, read back ----------------------------------------------------------------------

interface Mail {
  messageId: string;
  /** The envelope's recipients. */
  to: string[];
  headers: Map<string, string>;
  subject: string;
  text: string;
  html: string;
}

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, data: string) =>
    encoding.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replaceAll('_', ' ')),
  );
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const unfolded = text.replace(/=\r?\n/g, '');
  for (let index = 0; index < unfolded.length; index++) {
    const hex = unfolded.slice(index + 1, index + 3);
    if (unfolded[index] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(unfolded[index], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of raw.slice(0, end).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(end + 4) };
}

function decodeBody(headers: Map<string, string>, body: string): string {
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** A message as nodemailer writes it: one part, or multipart/alternative with text and HTML. */
function parseMail(raw: string, to: string[]): Mail {
  const { headers, body } = splitEntity(raw);
  const parts: Record<string, string> = {};
  const boundary = /boundary="?([^";]+)"?/i.exec(headers.get('content-type') ?? '')?.[1];
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const part = splitEntity(chunk.replace(/^\r\n/, ''));
      const type = (part.headers.get('content-type') ?? '').split(';')[0].trim();
      parts[type] = decodeBody(part.headers, part.body.replace(/\r\n$/, ''));
    }
  } else {
    parts[(headers.get('content-type') ?? 'text/plain').split(';')[0].trim()] = decodeBody(headers, body);
  }
  return {
    messageId: headers.get('message-id') ?? '',
    to,
    headers,
    subject: decodeWords(headers.get('subject') ?? ''),
    text: parts['text/plain'] ?? '',
    html: parts['text/html'] ?? '',
  };
}

// ---- the SMTP server -----------------------------------------------------------------------------

interface Attempt {
  messageId: string;
  at: number;
  outcome: 'delivered' | 'refused' | 'connection-gone';
}

/** An SMTP server on 127.0.0.1 that records what it accepts, and can refuse, hold or slow messages. */
class TestSmtp {
  url = '';
  /** Messages accepted while their sender was still connected. */
  readonly deliveries: Mail[] = [];
  /** Every DATA received, whatever became of it. */
  readonly attempts: Attempt[] = [];
  /** Refuse this many messages (451) before taking any. */
  refuse = 0;
  /** Hold the DATA of the message with this (1-based) number until `release()`. */
  holdAt: number | undefined;
  held: { messageId: string; session: string } | undefined;
  /** Milliseconds before each message is answered. */
  delayMs = 0;
  private releaseHeld: (() => void) | undefined;
  private received = 0;
  private readonly closed = new Set<string>();
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void (async () => {
          const to = session.envelope.rcptTo.map((recipient) => recipient.address);
          const mail = parseMail(Buffer.concat(chunks).toString('utf8'), to);
          const number = ++this.received;
          if (this.refuse > 0) {
            this.refuse--;
            this.attempts.push({ messageId: mail.messageId, at: Date.now(), outcome: 'refused' });
            const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
            callback(error);
            return;
          }
          if (number === this.holdAt) {
            this.held = { messageId: mail.messageId, session: session.id };
            await new Promise<void>((resolve) => (this.releaseHeld = resolve));
          }
          if (this.delayMs) await sleep(this.delayMs);
          if (this.closed.has(session.id)) {
            this.attempts.push({ messageId: mail.messageId, at: Date.now(), outcome: 'connection-gone' });
            callback(new Error('The sender is gone'));
            return;
          }
          this.attempts.push({ messageId: mail.messageId, at: Date.now(), outcome: 'delivered' });
          this.deliveries.push(mail);
          callback();
        })();
      });
    },
    onClose: (session) => {
      this.closed.add(session.id);
    },
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Whether the held message's connection has closed. */
  heldConnectionClosed(): boolean {
    return this.held !== undefined && this.closed.has(this.held.session);
  }

  release(): void {
    this.releaseHeld?.();
  }

  deliveriesOf(messageId: string): Mail[] {
    return this.deliveries.filter((mail) => mail.messageId === messageId);
  }

  stop(): Promise<void> {
    this.release();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

// ---- helpers -------------------------------------------------------------------------------------

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

interface OutboxRow {
  id: string;
  kind: string;
  recipient: string;
  attempts: number;
  sent: boolean;
  lastError: string | null;
  messageId: string | null;
}

function outboxRows(db: Pick<Database, 'query'>): Promise<OutboxRow[]> {
  return db.query<OutboxRow>(
    `SELECT id::text AS id, kind, recipient, attempts, sent_at IS NOT NULL AS sent, last_error AS "lastError", message_id AS "messageId"
     FROM outbox ORDER BY id`,
  );
}

/** Each delivery's recipients, sender and subject appear in no log line. */
function assertNoPersonalData(lines: readonly string[], deliveries: readonly Mail[]) {
  assert.ok(deliveries.length > 0);
  const secrets = new Set<string>([practiceEmail, chenEmail, alex.email, '@example.com', '@riverside-counseling.example']);
  for (const mail of deliveries) {
    for (const address of mail.to) secrets.add(address);
    secrets.add(mail.subject);
  }
  for (const line of lines) for (const secret of secrets) assert.ok(!line.includes(secret), `a log line holds "${secret}": ${line}`);
}

const mailTimings = { pollMs: 100, retryBaseMs: 300, retryMaxMs: 5_000 };

async function startMailServer(smtp: TestSmtp, config: Partial<ServerConfig> = {}): Promise<{ server: RunningServer; lines: string[] }> {
  const lines: string[] = [];
  const server = await startServer(testConfig({ smtpUrl: smtp.url, ...config }), {
    seed: mailSeed(NOW, [other.id]),
    now: () => NOW,
    logger: jsonLogger((line) => lines.push(line)),
    mail: mailTimings,
  });
  return { server, lines };
}

function bookAs(url: string, client: string, slot: Slot) {
  return request(url, booking(client, slot)).then((answer) => {
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body as { id: string };
  });
}

// ---- the tests -----------------------------------------------------------------------------------

describe('notices by e-mail, in one process (PGlite)', () => {
  const smtp = new TestSmtp();
  let server: RunningServer;
  let lines: string[];
  let chenSlots: Slot[];
  before(async () => {
    await smtp.start();
    ({ server, lines } = await startMailServer(smtp));
    chenSlots = await freeSlots(server.url, alex.id, drChen, sessionMinutes, 12, NOW);
  });
  after(async () => {
    await server?.stop();
    await smtp.stop();
  });
  beforeEach(() => {
    smtp.deliveries.length = 0;
  });

  test("a request: the client's e-mail and the therapist's arrive once each, in text and HTML", async () => {
    const appointment = await bookAs(server.url, alex.id, chenSlots[0]);
    await until('two deliveries', () => smtp.deliveries.length >= 2);
    await sleep(400); // four polls: nothing more comes
    assert.equal(smtp.deliveries.length, 2);

    const [toClient] = smtp.deliveries.filter((mail) => mail.to.join() === alex.email);
    const [toTherapist] = smtp.deliveries.filter((mail) => mail.to.join() === chenEmail);
    assert.ok(toClient && toTherapist, `to the client and to Dr. Chen: ${smtp.deliveries.map((mail) => mail.to).join(' | ')}`);
    assert.equal(toClient.subject, 'Your appointment request was received');
    assert.match(toClient.text, /^We received your request for Individual Therapy with Dr\. Maya Chen on .+\. It is waiting for your therapist's confirmation\./);
    assert.ok(toClient.html.includes("It is waiting for your therapist&#39;s confirmation."), toClient.html);
    assert.ok(toClient.text.includes('Where: Riverside Office, 1200 River Road'), toClient.text);
    assert.equal(toTherapist.subject, 'New appointment request');
    assert.match(toTherapist.text, /^A client requested Individual Therapy with Dr\. Maya Chen on .+\. Please confirm or decline it\./);
    assert.ok(toTherapist.html.includes('A client requested Individual Therapy with Dr. Maya Chen'));
    assert.ok(!toTherapist.text.includes('Alex') && !toTherapist.text.includes(alex.email), 'no client name or address in the therapist’s e-mail');

    for (const mail of smtp.deliveries) {
      assert.match(mail.headers.get('content-type') ?? '', /^multipart\/alternative/);
      assert.equal(mail.headers.get('from'), `Riverside Counseling <${practiceEmail}>`);
      assert.match(mail.messageId, /^<[0-9a-f-]{36}@riverside-counseling\.example>$/);
      assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
      assert.match(mail.html, /^<!DOCTYPE html>\r?\n<html lang="en-US">/);
      assert.doesNotMatch(mail.html, /<img|<a\b|href=|src=|url\(|<link|<script/i, 'no images, links or anything fetched');
    }
    assert.notEqual(toClient.messageId, toTherapist.messageId);
    const rows = (await outboxRows(server.db)).filter((row) => row.messageId === toClient.messageId || row.messageId === toTherapist.messageId);
    assert.deepEqual(
      rows.map(({ kind, attempts, sent, lastError }) => ({ kind, attempts, sent, lastError })),
      [
        { kind: 'request-received', attempts: 1, sent: true, lastError: null },
        { kind: 'new-request', attempts: 1, sent: true, lastError: null },
      ],
    );
    assert.ok(appointment.id);
  });

  test("a therapist without an address of their own: the request goes to the practice's; no client ever sees a therapist's address", async () => {
    const [slot] = await freeSlots(server.url, other.id, jordan, sessionMinutes, 1, NOW);
    await bookAs(server.url, other.id, slot);
    await until('two deliveries', () => smtp.deliveries.length >= 2);
    const toPractice = smtp.deliveries.filter((mail) => mail.to.join() === practiceEmail);
    assert.equal(toPractice.length, 1);
    assert.equal(toPractice[0].subject, 'New appointment request');
    assert.ok(toPractice[0].text.includes('with Jordan Alvarez'));

    const providers = await send(server.url, '/api/providers', { client: alex.id });
    assert.equal(providers.status, 200);
    assert.ok(!JSON.stringify(providers.body).includes(chenEmail), 'GET /providers holds no therapist address');
    for (const provider of providers.body.providers) assert.ok(!('email' in provider), JSON.stringify(provider));
  });

  test('confirmed, declined (with its note, escaped in the HTML), changed and cancelled: each reaches the client once', async () => {
    const [toConfirm, toDecline, toChange] = await Promise.all(chenSlots.slice(2, 5).map((slot) => bookAs(server.url, alex.id, slot)));
    await until('the requests’ six deliveries', () => smtp.deliveries.length >= 6);
    smtp.deliveries.length = 0;

    const staff = await staffCookie(`${server.url}/api`);
    const practice = (path: string, body: unknown = {}) => send(server.url, `/api/practice/appointments/${path}`, { method: 'POST', staff, body });
    assert.equal((await practice(`${toConfirm.id}/confirm`)).status, 200);
    assert.equal((await practice(`${toDecline.id}/decline`, { note: scriptNote })).status, 200);
    const changed = await send(server.url, `/api/appointments/${toChange.id}`, { method: 'PUT', client: alex.id, key: crypto.randomUUID(), body: chenSlots[8] });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    const cancelled = await send(server.url, `/api/appointments/${toChange.id}/cancel`, { method: 'POST', client: alex.id, key: crypto.randomUUID(), body: {} });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));

    await until('five deliveries', () => smtp.deliveries.length >= 5);
    await sleep(400);
    const bySubject = new Map(smtp.deliveries.map((mail) => [mail.subject, mail]));
    assert.deepEqual(
      smtp.deliveries.map((mail) => [mail.subject, mail.to.join()]).sort(),
      [
        ['New appointment request', chenEmail],
        ['Your appointment change request was received', alex.email],
        ['Your appointment is confirmed', alex.email],
        ['Your appointment request was declined', alex.email],
        ['Your appointment was cancelled', alex.email],
      ],
    );
    assert.match(bySubject.get('Your appointment is confirmed')!.text, /^Individual Therapy with Dr\. Maya Chen on .+ is confirmed\./);
    assert.match(bySubject.get('Your appointment change request was received')!.text, new RegExp(`move your appointment to .+\\. ${waiting.replaceAll('.', '\\.')}`));
    assert.match(bySubject.get('Your appointment was cancelled')!.text, /^Individual Therapy with Dr\. Maya Chen on .+ was cancelled\./);

    const declined = bySubject.get('Your appointment request was declined')!;
    assert.ok(declined.text.includes(`was declined. ${scriptNote}`), declined.text);
    assert.ok(declined.html.includes('&lt;script&gt;alert(&quot;gotcha&quot;)&lt;/script&gt; Could you choose another day?'), declined.html);
    assert.ok(!declined.html.includes('<script'), 'the note cannot add markup');
    assertNoPersonalData(lines, smtp.deliveries);
  });
});

test('an SMTP server that refuses (451) is tried again, later each time, and each notice is delivered once it accepts', { timeout: 30_000 }, async () => {
  const smtp = await new TestSmtp().start();
  const { server, lines } = await startMailServer(smtp);
  try {
    const [slot] = await freeSlots(server.url, alex.id, drChen, sessionMinutes, 1, NOW);
    smtp.refuse = 3;
    await bookAs(server.url, alex.id, slot);
    await until('two deliveries', () => smtp.deliveries.length >= 2);
    await sleep(600);
    assert.equal(smtp.deliveries.length, 2);
    assert.deepEqual(smtp.attempts.map((attempt) => attempt.outcome).sort(), ['delivered', 'delivered', 'refused', 'refused', 'refused']);
    for (const mail of smtp.deliveries) {
      const attempts = smtp.attempts.filter((attempt) => attempt.messageId === mail.messageId);
      assert.equal(attempts.filter((attempt) => attempt.outcome === 'delivered').length, 1);
      // The waits double: 300 ms after the first refusal, 600 ms after the second.
      for (const [index, [previous, next]] of attempts.slice(1).map((attempt, i) => [attempts[i], attempt] as const).entries()) {
        assert.ok(next.at - previous.at >= 300 * 2 ** index - 50, `attempt ${index + 2} came ${next.at - previous.at} ms after the one before`);
      }
    }
    const rows = await outboxRows(server.db);
    assert.deepEqual(
      rows.map(({ attempts, sent, lastError }) => ({ attempts, sent, lastError })).sort((a, b) => a.attempts - b.attempts),
      [
        { attempts: 2, sent: true, lastError: null },
        { attempts: 3, sent: true, lastError: null },
      ],
    );
    const failures = lines.filter((line) => line.includes('"event":"mail-failed"')).map((line) => JSON.parse(line));
    assert.equal(failures.length, 3);
    for (const failure of failures) assert.equal(failure.smtpCode, 451);
    assertNoPersonalData(lines, smtp.deliveries);
  } finally {
    await server.stop();
    await smtp.stop();
  }
});

test('a stop lets the send in progress finish, and takes no further notice', { timeout: 20_000 }, async () => {
  const smtp = await new TestSmtp().start();
  const { server, lines } = await startMailServer(smtp);
  try {
    const [slot] = await freeSlots(server.url, alex.id, drChen, sessionMinutes, 1, NOW);
    smtp.holdAt = 1;
    await bookAs(server.url, alex.id, slot);
    await until('the first message held', () => smtp.held !== undefined);
    let stopped = false;
    const stopping = server.stop().then(() => (stopped = true));
    await sleep(500);
    assert.equal(stopped, false, 'the stop waits for the send in progress');
    smtp.release();
    await stopping;
    assert.deepEqual(
      smtp.deliveries.map((mail) => mail.messageId),
      [smtp.held!.messageId],
      'the held message was delivered, and the other notice left for the next start',
    );
    const events = lines.map((line) => JSON.parse(line)).filter((entry) => String(entry.event).startsWith('mail-'));
    assert.deepEqual(
      events.map((entry) => entry.event),
      ['mail-started', 'mail-sent', 'mail-stopped'],
    );
    assert.deepEqual([events[2].sent, events[2].failed], [1, 0]);
  } finally {
    await server.stop();
    await smtp.stop();
  }
});

test('kill -9 while the SMTP server holds a message, then a restart: every notice is delivered exactly once', { timeout: 40_000 }, async () => {
  const smtp = await new TestSmtp().start();
  const dataDir = tempDataDir();
  const seedFile = writeSeedFile(mailSeed(Date.now()));
  const env = { DATA_DIR: dataDir, SEED_FILE: seedFile, SMTP_URL: smtp.url, DEMO: '1' };
  const processes: ServerProcess[] = [];
  try {
    const first = await spawnServer(env);
    processes.push(first);
    const slots = await freeSlots(first.url, alex.id, drChen, sessionMinutes, 2, Date.now());
    smtp.holdAt = 2;
    await bookAs(first.url, alex.id, slots[0]);
    const second = await bookAs(first.url, alex.id, slots[1]);
    await until('the second message held', () => smtp.held !== undefined);
    first.child.kill('SIGKILL');
    assert.equal(await first.exited, 'SIGKILL');
    await until('the held connection closed', () => smtp.heldConnectionClosed());
    smtp.release();
    assert.equal(smtp.deliveriesOf(smtp.held!.messageId).length, 0, 'the held message was not delivered');

    const restarted = await spawnServer(env);
    processes.push(restarted);
    // The demo's therapist confirms the second request: a fifth notice, written after the restart.
    const confirmed = await send(restarted.url, `/api/practice/appointments/${second.id}/confirm`, { method: 'POST', staff: await staffCookie(`${restarted.url}/api`), body: {} });
    assert.equal(confirmed.status, 200);
    await until('five deliveries', () => smtp.deliveries.length >= 5, 15_000);
    await sleep(1_500); // more than a poll: nothing more comes
    restarted.child.kill('SIGTERM');
    assert.equal(await restarted.exited, 0);

    const ids = smtp.deliveries.map((mail) => mail.messageId);
    assert.equal(new Set(ids).size, 5, `five messages: ${ids.join(' ')}`);
    assert.equal(ids.length, 5, 'each delivered once');
    assert.equal(smtp.deliveriesOf(smtp.held!.messageId).length, 1, 'the held message was sent again, with the same Message-ID, once');
    assert.ok(restarted.output.some((line) => line.includes('"event":"mail-leases-released"') && line.includes('"count":1')), restarted.output.join('\n'));

    const db = await openDatabase({ dataDir });
    try {
      const rows = await outboxRows(db);
      assert.equal(rows.length, 5);
      assert.deepEqual(new Set(rows.map((row) => row.messageId)), new Set(ids), 'each notice is one of the messages');
      for (const row of rows) assert.ok(row.sent, `notice ${row.id} is marked sent`);
      assert.equal(rows.find((row) => row.messageId === smtp.held!.messageId)!.attempts, 2, 'the held notice: the attempt cut short, then one more');
    } finally {
      await db.close();
    }
    const output = processes.flatMap((server) => server.output);
    assert.deepEqual(serverErrorLines(output), []);
    assertNoPersonalData(output, smtp.deliveries);
  } finally {
    for (const server of processes) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await Promise.all(processes.map((server) => server.exited));
    await smtp.stop();
  }
});

describe('two server processes on one PostgreSQL', () => {
  let cluster: PostgresCluster | undefined;
  after(() => cluster?.stop());

  test('many notices, both processes sending: each is delivered exactly once', { timeout: 50_000 }, async () => {
    cluster = await startPostgresCluster();
    const databaseUrl = cluster.createDatabase('mail');
    const smtp = await new TestSmtp().start();
    smtp.delayMs = 15;
    const clients = clientIds('mail', 6);
    const env = { DATABASE_URL: databaseUrl, SEED_FILE: writeSeedFile(mailSeed(Date.now(), clients)), SMTP_URL: smtp.url, DEMO: '1' };
    const processes: ServerProcess[] = [];
    try {
      processes.push(await spawnServer(env), await spawnServer(env));
      const [a, b] = processes;
      const perProvider = 12;
      const [chen, jordanSlots] = await Promise.all([
        freeSlots(a.url, clients[0], drChen, sessionMinutes, perProvider, Date.now()),
        freeSlots(a.url, clients[0], jordan, sessionMinutes, perProvider, Date.now()),
      ]);
      const slots = [...chen, ...jordanSlots];
      // All at once, through both processes: Dr. Chen's times for three clients, Jordan Alvarez's for the other three (so no client's own times overlap).
      await Promise.all(
        slots.map((slot, index) => bookAs(index % 2 ? b.url : a.url, clients[(index < perProvider ? 0 : 3) + (index % 3)], slot)),
      );
      const notices = 2 * slots.length;
      await until(`${notices} deliveries`, () => smtp.deliveries.length >= notices, 30_000);
      await sleep(1_500);
      for (const server of processes) server.child.kill('SIGTERM');
      assert.deepEqual(await Promise.all(processes.map((server) => server.exited)), [0, 0]);

      const ids = smtp.deliveries.map((mail) => mail.messageId);
      assert.equal(ids.length, notices, 'no message twice');
      assert.equal(new Set(ids).size, notices);
      const db = await openDatabase({ databaseUrl });
      try {
        const rows = await outboxRows(db);
        assert.equal(rows.length, notices);
        assert.deepEqual(new Set(rows.map((row) => row.messageId)), new Set(ids));
        for (const row of rows) assert.deepEqual([row.attempts, row.sent], [1, true], `notice ${row.id} was taken once`);
      } finally {
        await db.close();
      }
      const sentBy = processes.map((server) => server.output.filter((line) => line.includes('"event":"mail-sent"')).length);
      assert.equal(sentBy[0] + sentBy[1], notices);
      assert.ok(sentBy.every((count) => count > 0), `both processes sent: ${sentBy.join(' + ')}`);
      const output = processes.flatMap((server) => server.output);
      assert.deepEqual(serverErrorLines(output), []);
      assertNoPersonalData(output, smtp.deliveries);
    } finally {
      for (const server of processes) if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
      await Promise.all(processes.map((server) => server.exited));
      await smtp.stop();
    }
  });
});
