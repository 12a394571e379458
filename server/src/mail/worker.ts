/**
 * The outbox's sender: takes the notices that are due, one at a time, hands each to the SMTP
 * server and marks it sent; a failed attempt is tried again later, after a wait that doubles
 * with each failure up to a cap.
 *
 * - A notice is taken in a statement of its own (`FOR UPDATE SKIP LOCKED`, then a lease written
 *   on the row), and no transaction is open while the SMTP server is talked to: PGlite has one
 *   connection, which the requests need meanwhile. Two server processes on one PostgreSQL never
 *   take the same notice at once: the row lock keeps them apart while one takes it, the lease
 *   after.
 * - A send is abandoned after `sendTimeoutMs`, well inside the lease, so a lease outlives the
 *   send that holds it. A process that dies mid-send leaves its lease: another process takes
 *   the notice when the lease ends, and on PGlite (one process per data folder) the next start
 *   lets every lease go at once.
 * - Every attempt of a notice carries the same Message-ID, fixed at the first.
 *
 * Exactly once, with one honest gap: a process that dies after the SMTP server accepted a
 * message and before it marked the notice sent sends it again (with the same Message-ID).
 *
 * Logs hold notice ids, attempt numbers, error codes and counts: never an address or a subject.
 */
import type { Database } from '../database/database.js';
import { epochMs } from '../practice-store.js';
import type { Logger } from '../log.js';
import type { Mailer, OutgoingMail } from './mailer.js';

export interface MailWorkerOptions {
  /** How often to look for due notices when no write nudges the worker (ms). */
  pollMs?: number;
  /** The wait after a first failed attempt; each further failure doubles it (ms). */
  retryBaseMs?: number;
  /** The longest wait between two attempts (ms). */
  retryMaxMs?: number;
  /** How long one send may take before it is abandoned and tried again later (ms). */
  sendTimeoutMs?: number;
  /** How long a worker's claim on a notice keeps others away; longer than a send may take (ms). */
  leaseMs?: number;
}

export interface MailWorkerConfig extends MailWorkerOptions {
  db: Database;
  mailer: Mailer;
  logger: Logger;
  /** The sender (`MAIL_FROM`); the practice's name and address when not given. */
  from?: string;
}

const defaults = {
  pollMs: 1_000,
  retryBaseMs: 30_000,
  retryMaxMs: 60 * 60_000,
  sendTimeoutMs: 60_000,
} satisfies MailWorkerOptions;

interface ClaimedNotice {
  id: string;
  recipient: string;
  subject: string;
  text: string;
  html: string | null;
  /** This attempt's number: it also names the claim, so a late answer cannot overwrite a newer one. */
  attempts: number;
  messageId: string;
  createdMs: number;
}

const ms = (param: string) => `${param}::float8 * interval '1 millisecond'`;

/** An error as a short code (`EENVELOPE`, `ECONNECTION`…) and the SMTP reply code: nothing from its text, which can hold an address. */
export function failureOf(error: unknown): { code: string; smtpCode?: number } {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  const named = typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,31}$/.test(code) ? code : error instanceof Error ? error.name.slice(0, 32) : 'unknown';
  return typeof responseCode === 'number' && Number.isInteger(responseCode) ? { code: named, smtpCode: responseCode } : { code: named };
}

/** The domain of a sender (`Name <a@b.example>` or `a@b.example`), for the Message-IDs. */
function domainOf(from: string): string {
  const address = /<([^<>]*)>\s*$/.exec(from)?.[1] ?? from;
  const domain = address.slice(address.lastIndexOf('@') + 1).trim().toLowerCase();
  return /^[a-z0-9.-]{1,253}$/.test(domain) ? domain : 'localhost';
}

export class MailWorker {
  private readonly db: Database;
  private readonly mailer: Mailer;
  private readonly logger: Logger;
  private readonly options: Required<MailWorkerOptions>;
  private readonly configuredFrom: string | undefined;
  private from: OutgoingMail['from'] | undefined;
  private domain = 'localhost';
  private running: Promise<void> | undefined;
  private stopping = false;
  /** Aborts the send in progress when a stop has waited long enough for it. */
  private readonly shutdown = new AbortController();
  private nudged = false;
  private wake: (() => void) | undefined;
  private sent = 0;
  private failed = 0;

  constructor({ db, mailer, logger, from, ...options }: MailWorkerConfig) {
    this.db = db;
    this.mailer = mailer;
    this.logger = logger;
    this.configuredFrom = from;
    const sendTimeoutMs = options.sendTimeoutMs ?? defaults.sendTimeoutMs;
    this.options = {
      pollMs: options.pollMs ?? defaults.pollMs,
      retryBaseMs: options.retryBaseMs ?? defaults.retryBaseMs,
      retryMaxMs: options.retryMaxMs ?? defaults.retryMaxMs,
      sendTimeoutMs,
      leaseMs: options.leaseMs ?? 2 * sendTimeoutMs + 30_000,
    };
  }

  start(): void {
    this.running ??= this.run();
  }

  /** Looks for due notices now (after a write in this process), rather than at the next poll. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  /**
   * Takes no more notices and lets the send in progress finish; after `graceMs` that send is
   * abandoned (the notice stays due: it is sent again at the next start). Closes the SMTP connection.
   */
  async stop(graceMs = this.options.sendTimeoutMs): Promise<void> {
    this.stopping = true;
    this.wake?.();
    const abandon = setTimeout(() => this.shutdown.abort(), graceMs);
    try {
      await this.running;
    } finally {
      clearTimeout(abandon);
      this.mailer.close();
    }
    this.logger.log('info', 'mail-stopped', { sent: this.sent, failed: this.failed });
  }

  private async run(): Promise<void> {
    this.logger.log('info', 'mail-started', { pollMs: this.options.pollMs });
    let ready = false;
    while (!this.stopping) {
      try {
        if (!ready) {
          await this.prepare();
          ready = true;
        }
        // Whatever committed before this claim is seen by it: a nudge from now on means look again.
        this.nudged = false;
        const notice = await this.claim();
        if (notice) {
          await this.deliver(notice);
          continue;
        }
      } catch (error) {
        // The database did not answer (or refused): try again at the next poll.
        this.logger.log('error', 'mail-worker-error', { error: failureOf(error).code, sqlState: (error as { code?: string }).code });
      }
      await this.idle();
    }
  }

  /** The sender, and on PGlite the leases a previous process left (it was the only one, and it is gone). */
  private async prepare(): Promise<void> {
    if (this.configuredFrom) {
      this.from = this.configuredFrom;
      this.domain = domainOf(this.configuredFrom);
    } else {
      const [practice] = await this.db.query<{ name: string; email: string }>('SELECT name, email FROM practice');
      if (!practice) throw new Error('The database holds no practice.');
      this.from = { name: practice.name, address: practice.email };
      this.domain = domainOf(practice.email);
    }
    if (this.db.kind === 'pglite') {
      const released = await this.db.query('UPDATE outbox SET lease_until = NULL WHERE lease_until IS NOT NULL RETURNING id');
      if (released.length) this.logger.log('info', 'mail-leases-released', { count: released.length });
    }
  }

  private idle(): Promise<void> {
    if (this.nudged || this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollMs);
      this.wake = done;
    });
  }

  /** The notice due soonest that no other worker holds, now held by this one for the lease; none when nothing is due. */
  private async claim(): Promise<ClaimedNotice | undefined> {
    const [notice] = await this.db.query<ClaimedNotice>(
      `UPDATE outbox SET
         lease_until = now() + ${ms('$1')},
         attempts = attempts + 1,
         message_id = coalesce(message_id, '<' || gen_random_uuid()::text || '@' || $2::text || '>')
       WHERE id = (
         SELECT id FROM outbox
         WHERE next_attempt_at <= now() AND (lease_until IS NULL OR lease_until <= now())
         ORDER BY next_attempt_at, id
         LIMIT 1
         FOR UPDATE SKIP LOCKED
       )
       RETURNING id::text AS id, recipient, subject, coalesce(text, body) AS text, html, attempts, message_id AS "messageId",
         ${epochMs('created_at')} AS "createdMs"`,
      [this.options.leaseMs, this.domain],
    );
    return notice;
  }

  private async deliver(notice: ClaimedNotice): Promise<void> {
    const started = performance.now();
    const signal = AbortSignal.any([AbortSignal.timeout(this.options.sendTimeoutMs), this.shutdown.signal]);
    try {
      await this.mailer.send(
        {
          from: this.from!,
          to: notice.recipient,
          subject: notice.subject,
          text: notice.text,
          ...(notice.html ? { html: notice.html } : {}),
          messageId: notice.messageId,
          date: new Date(notice.createdMs),
        },
        signal,
      );
    } catch (error) {
      this.failed++;
      const failure = failureOf(error);
      // Abandoned by a stop: due again at once (at the next start, or on another process).
      const retryInMs = this.shutdown.signal.aborted ? 0 : this.backoff(notice.attempts);
      this.logger.log('warn', 'mail-failed', { notice: notice.id, attempt: notice.attempts, error: failure.code, smtpCode: failure.smtpCode, retryInMs });
      await this.db.query(
        `UPDATE outbox SET next_attempt_at = now() + ${ms('$3')}, lease_until = NULL, last_error = $4
         WHERE id = $1 AND attempts = $2`,
        [notice.id, notice.attempts, retryInMs, failure.smtpCode ? `${failure.code} ${failure.smtpCode}` : failure.code],
      );
      return;
    }
    this.sent++;
    await this.db.query(
      `UPDATE outbox SET sent_at = now(), next_attempt_at = NULL, lease_until = NULL, last_error = NULL
       WHERE id = $1 AND attempts = $2`,
      [notice.id, notice.attempts],
    );
    this.logger.log('info', 'mail-sent', { notice: notice.id, attempt: notice.attempts, ms: Math.round(performance.now() - started) });
  }

  /** The wait after the `attempt`-th failure: the base, doubled for each further one, capped. */
  private backoff(attempt: number): number {
    return Math.min(this.options.retryBaseMs * 2 ** Math.min(attempt - 1, 30), this.options.retryMaxMs);
  }
}
