/**
 * Handing one e-mail to the practice's SMTP server (`SMTP_URL`), through nodemailer: one pooled
 * connection, kept open between messages, with timeouts so that a silent server cannot hold a
 * send for ever. Nothing here logs: nodemailer's own logger is off, and its errors reach the
 * worker, which keeps only their codes.
 */
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  /** `MAIL_FROM`, or the practice's name and address. */
  from: string | { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  /** Absent for a notice written with text alone. */
  html?: string;
  /** The same on every attempt, so a resend is recognisable as the same message. */
  messageId: string;
  /** When the change it tells of was made. */
  date: Date;
}

export interface Mailer {
  /** Resolves once the SMTP server has accepted the message; rejects with nodemailer's error (its `code`, `responseCode`). */
  send(mail: OutgoingMail, signal: AbortSignal): Promise<void>;
  close(): void;
}

export function smtpMailer(url: string): Mailer {
  const transport = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 1,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
    // The messages carry no attachments: nothing may be read from disk or fetched.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  });
  return {
    async send(mail, signal) {
      await transport.sendMail({
        ...mail,
        // RFC 3834: an automatic message, so auto-responders do not answer it.
        headers: { 'Auto-Submitted': 'auto-generated' },
        signal,
      });
    },
    close: () => transport.close(),
  };
}
