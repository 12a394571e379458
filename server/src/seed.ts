/**
 * The practice's configuration from a seed file: therapists, locations with their zones, services,
 * weekly hours with breaks and days off, the booking policy, and (optionally) clients and existing
 * appointments. The file is checked whole before anything is written; a bad one stops the start
 * with the file, the path in it and the problem, on one line.
 *
 * The file is applied at a start only when it has changed since it was last applied (or into an
 * empty database), so what staff change through the practice API (self-scheduling, hours, the
 * policy) survives a restart: see `applySeedIfChanged`.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as z from 'zod/mini';
import {
  clientSchema,
  locationSchema,
  practicePolicySchema,
  providerSchema,
  scheduleSchema,
  serviceSchema,
  storedAppointmentSchema,
} from 'self-schedule-elements/model';
import type { Queryable } from './database/database.js';
import { isPasswordHash } from './identity/passwords.js';

/** A member of staff: a therapist with `provider`, the front desk without; the password only as its hash. */
const seedStaffSchema = z.object({
  id: z.string(),
  name: z.string().check(z.minLength(1)),
  email: z.string().check(z.minLength(3)),
  provider: z.optional(z.string()),
  passwordHash: z.string().check(
    z.refine(isPasswordHash, 'a scrypt hash ($scrypt$ln=…), as `self-schedule-server hash-password` prints it; never the password itself'),
  ),
});

export const seedSchema = z
  .object({
    name: z.string().check(z.minLength(1)),
    /** The practice's address: where a therapist's notices go when the therapist has no `email` of their own. */
    email: z.string().check(z.minLength(3)),
    policy: practicePolicySchema,
    /**
     * Each may have its own `email`, where the notices of its new and changed requests go (the
     * practice's `email` when it has none). It is kept apart from what clients are shown.
     */
    providers: z.array(z.extend(providerSchema, { email: z.optional(z.string().check(z.minLength(3))) })),
    locations: z.array(locationSchema),
    services: z.array(serviceSchema),
    schedules: z.array(scheduleSchema),
    clients: z.optional(z.array(clientSchema)),
    /** Written only into a database that has no appointments yet. */
    appointments: z.optional(z.array(storedAppointmentSchema)),
    /** Who signs in to the practice API with a password (a portal's staff need no row here). */
    staff: z.optional(z.array(seedStaffSchema)),
  })
  .check(
    z.superRefine((seed, context) => {
      for (const problem of referenceProblems(seed)) context.addIssue({ code: 'custom', ...problem, input: seed });
    }),
  );

export type Seed = z.infer<typeof seedSchema>;

/**
 * Ids travel in URLs and the elements build HTML ids from them, so the reference server keeps them
 * to URL-safe characters; nothing personal belongs in them either.
 */
const safeId = /^[A-Za-z0-9._~-]{1,100}$/;
const safeIdRule = 'an id is 1 to 100 letters, digits, ".", "_", "~" or "-"';

/** Ids that are unsafe, used twice, or that name something the file does not have; a policy that allows nothing. */
function referenceProblems(seed: z.infer<typeof seedSchema>): Array<{ path: PropertyKey[]; message: string }> {
  const problems: Array<{ path: PropertyKey[]; message: string }> = [];
  const ids = (kind: 'providers' | 'locations' | 'services' | 'clients' | 'appointments' | 'staff') => {
    const seen = new Set<string>();
    (seed[kind] ?? []).forEach((item, index) => {
      if (!safeId.test(item.id)) problems.push({ path: [kind, index, 'id'], message: safeIdRule });
      if (seen.has(item.id)) problems.push({ path: [kind, index, 'id'], message: `"${item.id}" is used twice` });
      seen.add(item.id);
    });
    return seen;
  };
  const providers = ids('providers');
  const locations = ids('locations');
  ids('services');
  const clients = ids('clients');
  ids('appointments');
  ids('staff');
  // A sign-in goes to one person: one client, and one member of staff, per e-mail address, whatever its case.
  for (const kind of ['clients', 'staff'] as const) {
    const emails = new Set<string>();
    (seed[kind] ?? []).forEach((person, index) => {
      const email = person.email.toLowerCase();
      if (emails.has(email)) problems.push({ path: [kind, index, 'email'], message: `another of ${kind} has this e-mail address` });
      emails.add(email);
    });
  }
  const { minimumNoticeMinutes, horizonDays } = seed.policy;
  if (minimumNoticeMinutes > horizonDays * 24 * 60) {
    // Otherwise the earliest start would fall after the end of the horizon: nothing could be booked.
    problems.push({ path: ['policy', 'minimumNoticeMinutes'], message: 'must not be longer than the horizon (horizonDays)' });
  }
  const services = new Set(seed.services.map((service) => service.id));
  const check = (set: Set<string>, value: string, path: PropertyKey[], what: string) => {
    if (!set.has(value)) problems.push({ path, message: `no ${what} "${value}" in this file` });
  };
  seed.services.forEach((service, s) =>
    service.offeredBy.forEach((offering, o) => {
      check(providers, offering.providerId, ['services', s, 'offeredBy', o, 'providerId'], 'provider');
      offering.locationIds.forEach((locationId, l) =>
        check(locations, locationId, ['services', s, 'offeredBy', o, 'locationIds', l], 'location'),
      );
    }),
  );
  const schedulePairs = new Set<string>();
  seed.schedules.forEach((schedule, s) => {
    check(providers, schedule.providerId, ['schedules', s, 'providerId'], 'provider');
    check(locations, schedule.locationId, ['schedules', s, 'locationId'], 'location');
    const pair = `${schedule.providerId}\u0000${schedule.locationId}`;
    if (schedulePairs.has(pair)) problems.push({ path: ['schedules', s], message: 'a second schedule for this provider and location' });
    schedulePairs.add(pair);
  });
  (seed.staff ?? []).forEach((member, m) => {
    if (member.provider !== undefined) check(providers, member.provider, ['staff', m, 'provider'], 'provider');
  });
  (seed.appointments ?? []).forEach((appointment, a) => {
    check(clients, appointment.clientId, ['appointments', a, 'clientId'], 'client');
    check(providers, appointment.providerId, ['appointments', a, 'providerId'], 'provider');
    check(locations, appointment.locationId, ['appointments', a, 'locationId'], 'location');
    check(services, appointment.serviceId, ['appointments', a, 'serviceId'], 'service');
    if (!(Date.parse(appointment.start) < Date.parse(appointment.end))) {
      problems.push({ path: ['appointments', a, 'end'], message: 'must be after start' });
    }
  });
  return problems;
}

/** A bad seed file, said in one line: `file: path: problem`. */
export class SeedError extends Error {
  override name = 'SeedError';
}

function describePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '') || '(the whole file)';
}

/** Checks parsed JSON as a seed; `file` names it in the error. */
export function parseSeed(value: unknown, file: string): Seed {
  const parsed = seedSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  throw new SeedError(`${file}: ${describePath(issue.path)}: ${issue.message}`);
}

export async function readSeedFile(file: string): Promise<Seed> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SeedError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SeedError(`${file}: (the whole file): not JSON (${(error as Error).message})`);
  }
  return parseSeed(value, file);
}

/** JSON with every object's keys in order, so the same seed always reads the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The seed's fingerprint: the SHA-256 (hex) of the checked seed as canonical JSON. Spaces, line
 * breaks and the order of keys in the file do not change it; any value does.
 */
export function seedFingerprint(seed: Seed): string {
  return createHash('sha256').update(canonicalJson(seed)).digest('hex');
}

/** An arbitrary constant naming "applying the seed" among advisory locks (two processes starting on one PostgreSQL take turns). */
const seedLock = 4_131_978;

/**
 * The seed at a start. The rule: an unchanged file changes nothing; a changed file is applied
 * whole, as `applySeed` says. "Changed" means its fingerprint differs from the one stored with the
 * practice when a seed was last applied; a database with no practice yet (or seeded before
 * fingerprints were kept) has none, so the file is applied. While the file is unchanged, what
 * staff set through the practice API (self-scheduling, hours, the policy) stays, and so do the
 * file's clients and staff as they were last applied: a new client, a new member of staff or a
 * changed password hash in the file takes effect because it changes the file.
 */
export async function applySeedIfChanged(tx: Queryable, seed: Seed): Promise<'applied' | 'unchanged'> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [seedLock]);
  const [stored] = await tx.query<{ fingerprint: string | null }>('SELECT seed_sha256 AS fingerprint FROM practice WHERE id = 1');
  if (stored?.fingerprint === seedFingerprint(seed)) return 'unchanged';
  await applySeed(tx, seed);
  return 'applied';
}

/**
 * Writes the seed's configuration over what the database holds (the file is the source of truth
 * for configuration), adds its clients, and its appointments when there are none yet, and keeps
 * the seed's fingerprint. Something the file no longer has is removed, unless appointments still
 * name it: then nothing is written and the error says which.
 */
export async function applySeed(tx: Queryable, seed: Seed): Promise<void> {
  await tx.query(
    `INSERT INTO practice (id, name, email, policy, seed_sha256) VALUES (1, $1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, policy = excluded.policy, seed_sha256 = excluded.seed_sha256`,
    [seed.name, seed.email, JSON.stringify(seed.policy), seedFingerprint(seed)],
  );
  const upsert = async (table: 'providers' | 'locations' | 'services', items: Array<{ id: string }>) => {
    for (const [position, item] of items.entries()) {
      if (table === 'providers') {
        // The therapist's own address goes in its own column, never in `data` (which clients are shown).
        const { selfScheduling, email, ...data } = item as Seed['providers'][number];
        await tx.query(
          `INSERT INTO providers (id, position, self_scheduling, data, notify_email) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO UPDATE SET position = excluded.position, self_scheduling = excluded.self_scheduling, data = excluded.data,
             notify_email = excluded.notify_email`,
          [item.id, position, selfScheduling, JSON.stringify(data), email ?? null],
        );
      } else {
        await tx.query(
          `INSERT INTO ${table} (id, position, data) VALUES ($1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET position = excluded.position, data = excluded.data`,
          [item.id, position, JSON.stringify(item)],
        );
      }
    }
    const kept = items.map((item) => item.id);
    const gone = await tx.query<{ id: string }>(`SELECT id FROM ${table} WHERE NOT (id = ANY($1::text[]))`, [kept]);
    if (!gone.length) return;
    const column = { providers: 'provider_id', locations: 'location_id', services: 'service_id' }[table];
    const used = await tx.query<{ id: string }>(
      `SELECT DISTINCT ${column} AS id FROM appointments WHERE ${column} = ANY($1::text[])`,
      [gone.map((row) => row.id)],
    );
    if (used.length) {
      throw new SeedError(`${table}: "${used[0].id}" is no longer in the seed file, but appointments name it; keep it in the file`);
    }
    await tx.query(`DELETE FROM ${table} WHERE id = ANY($1::text[])`, [gone.map((row) => row.id)]);
  };
  // Staff the file no longer has are removed first (their sessions with them); the rest after the providers they name.
  await tx.query('DELETE FROM staff WHERE NOT (id = ANY($1::text[]))', [(seed.staff ?? []).map((member) => member.id)]);
  await upsert('providers', seed.providers);
  await upsert('locations', seed.locations);
  await upsert('services', seed.services);
  await tx.query('DELETE FROM schedules');
  for (const schedule of seed.schedules) {
    await tx.query('INSERT INTO schedules (provider_id, location_id, data) VALUES ($1, $2, $3)', [
      schedule.providerId,
      schedule.locationId,
      JSON.stringify(schedule),
    ]);
  }
  for (const client of seed.clients ?? []) {
    await tx.query(
      `INSERT INTO clients (id, name, email) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email`,
      [client.id, client.name, client.email],
    );
  }
  for (const member of seed.staff ?? []) {
    await tx.query(
      `INSERT INTO staff (id, name, email, provider_id, password_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, provider_id = excluded.provider_id,
         password_hash = excluded.password_hash`,
      [member.id, member.name, member.email, member.provider ?? null, member.passwordHash],
    );
  }
  const [{ count }] = await tx.query<{ count: number }>('SELECT count(*)::int AS count FROM appointments');
  if (count > 0) return;
  for (const a of seed.appointments ?? []) {
    await tx.query(
      `INSERT INTO appointments (id, client_id, provider_id, location_id, service_id, start_at, end_at, status, status_note, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [a.id, a.clientId, a.providerId, a.locationId, a.serviceId, a.start, a.end, a.status, a.statusNote ?? null, a.createdAt, a.updatedAt],
    );
  }
}

/** Empties the practice and seeds it afresh, whatever the fingerprint (the demo's Reset, and each test's fresh practice). */
export async function replacePractice(tx: Queryable, seed: Seed): Promise<void> {
  await tx.exec(`TRUNCATE audit_log, staff_sessions, staff, outbox, idempotency_keys, appointments, sessions, sign_in_tokens, rate_limits, clients,
     schedules, services, locations, providers, practice`);
  await applySeed(tx, seed);
}
