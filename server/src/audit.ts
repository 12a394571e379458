/**
 * The audit log: who changed what, and when, written in the change's own transaction (a change is
 * recorded exactly when it is kept). Ids, actions and flags only: never a name, an address or a
 * note's text, so the log can be shown to staff and kept for as long as a practice must.
 */
import type { Queryable } from './database/database.js';
import { epochMs } from './practice-store.js';

export type AuditAction = 'request' | 'change' | 'cancel' | 'confirm' | 'decline' | 'self-scheduling' | 'schedule' | 'policy';

export interface Actor {
  kind: 'client' | 'staff';
  id: string;
}

export interface AuditRecord {
  actor: Actor;
  action: AuditAction;
  appointmentId?: string;
  providerId?: string;
  /** Facts about the change that name no one (`{ withNote: true }`, `{ locationId }`). */
  details?: Record<string, string | number | boolean>;
}

export interface AuditEntry extends Omit<AuditRecord, 'details'> {
  at: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The columns of an audit row as an INSERT … SELECT over parameters `$at`, and from `$first` on
 * the actor's kind and id, the action, the appointment, the provider and the details: for a
 * statement that writes the row beside others (a CTE), or alone.
 */
export function auditInsert(at: string, first: number): string {
  const p = (offset: number) => `$${first + offset}`;
  return `INSERT INTO audit_log (at, actor_kind, actor_id, action, appointment_id, provider_id, details)
    SELECT ${at}::timestamptz, ${p(0)}::text, ${p(1)}::text, ${p(2)}::text, ${p(3)}::text, ${p(4)}::text, ${p(5)}::jsonb WHERE ${p(2)}::text IS NOT NULL`;
}

/** The parameters `auditInsert` reads from `$first` on (all null without a record: nothing is written). */
export function auditParams(record: AuditRecord | undefined): unknown[] {
  if (!record) return [null, null, null, null, null, null];
  return [record.actor.kind, record.actor.id, record.action, record.appointmentId ?? null, record.providerId ?? null, JSON.stringify(record.details ?? {})];
}

export async function writeAudit(tx: Queryable, record: AuditRecord, now: number): Promise<void> {
  await tx.query(auditInsert('$1', 2), [iso(now), ...auditParams(record)]);
}

/** Entries oldest first; only about one appointment, or one therapist's, when asked. */
export async function auditEntries(db: Queryable, { appointmentId, providerId }: { appointmentId?: string; providerId?: string }): Promise<AuditEntry[]> {
  const rows = await db.query<{ atMs: number; actorKind: Actor['kind']; actorId: string; action: AuditAction; appointmentId: string | null; providerId: string | null }>(
    `SELECT ${epochMs('at')} AS "atMs", actor_kind AS "actorKind", actor_id AS "actorId", action,
       appointment_id AS "appointmentId", provider_id AS "providerId"
     FROM audit_log
     WHERE ($1::text IS NULL OR appointment_id = $1) AND ($2::text IS NULL OR provider_id = $2)
     ORDER BY id`,
    [appointmentId ?? null, providerId ?? null],
  );
  return rows.map((row) => ({
    at: iso(row.atMs),
    actor: { kind: row.actorKind, id: row.actorId },
    action: row.action,
    ...(row.appointmentId ? { appointmentId: row.appointmentId } : {}),
    ...(row.providerId ? { providerId: row.providerId } : {}),
  }));
}
