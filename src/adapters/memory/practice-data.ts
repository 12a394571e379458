/** The shape of a practice as the server side keeps it: what MemoryAdapter and the mock API run on. */
import type { StaffMember } from '../../model/practice-api-schemas.js';
import type { Location, Provider, Service } from '../../model/schemas.js';
import type { AppointmentRecord, PracticePolicy, Schedule } from '../../scheduling/practice-rules.js';

export type { PracticePolicy, Schedule };

export interface Client {
  id: string;
  name: string;
  email: string;
}

export interface StoredAppointment extends AppointmentRecord {
  clientId: string;
  /** The therapist's or client's words when declining or cancelling. */
  statusNote?: string;
}

export type { NoticeKind as EmailKind } from '../notices.js';
import type { NoticeKind as EmailKind } from '../notices.js';

/** An e-mail the practice would send; the mock keeps them so a demo or test can read them. */
export interface OutboxEmail {
  id: string;
  kind: EmailKind;
  to: string;
  subject: string;
  body: string;
  appointmentId: string;
  sentAt: string;
}

export interface PracticeData {
  name: string;
  /** Where the practice's own notifications go. */
  email: string;
  providers: Provider[];
  locations: Location[];
  services: Service[];
  schedules: Schedule[];
  clients: Client[];
  appointments: StoredAppointment[];
  policy: PracticePolicy;
  outbox?: OutboxEmail[];
  /**
   * Staff who may sign in to the practice API (the mock's stand-in: the password is kept as
   * given; the reference server keeps only a scrypt hash).
   */
  staff?: Array<StaffMember & { password: string }>;
  /**
   * Idempotency keys already answered, by `clientId:key`. Kept with the data (like the outbox)
   * so a repeated write still gets its first answer after the practice is saved and loaded again.
   */
  idempotencyReplies?: Record<string, IdempotencyReply>;
}

/** What an idempotency key stood for (the operation and its request) and which appointment it answered with. */
export interface IdempotencyReply {
  fingerprint: string;
  appointmentId: string;
}
