/**
 * Reading the practice out of the database in the shapes the shared rules take: the catalog
 * (configuration, one round trip) and appointment records. Instants leave the database as epoch
 * milliseconds, so both drivers hand back plain numbers.
 */
import type { Location, Provider, Service } from 'self-schedule-elements/model';
import { type AppointmentRecord, type Interval, type PracticePolicy, type Schedule, heldStatuses } from 'self-schedule-elements/scheduling';
import { BookingError } from 'self-schedule-elements/adapters';
import type { Queryable } from './database/database.js';

export interface Catalog {
  name: string;
  email: string;
  policy: PracticePolicy;
  providers: Provider[];
  locations: Location[];
  services: Service[];
  schedules: Schedule[];
}

/**
 * The catalog as columns of one row (`practice`, `providers`, `locations`, `services`,
 * `schedules`), to read alone or beside other columns in one round trip.
 */
export const catalogColumns = `
  (SELECT json_build_object('name', name, 'email', email, 'policy', policy) FROM practice) AS practice,
  (SELECT coalesce(json_agg(data || jsonb_build_object('selfScheduling', self_scheduling) ORDER BY position), '[]') FROM providers) AS providers,
  (SELECT coalesce(json_agg(data ORDER BY position), '[]') FROM locations) AS locations,
  (SELECT coalesce(json_agg(data ORDER BY position), '[]') FROM services) AS services,
  (SELECT coalesce(json_agg(data), '[]') FROM schedules) AS schedules`;

export type CatalogRow = { practice: Pick<Catalog, 'name' | 'email' | 'policy'> | null } & Omit<Catalog, 'name' | 'email' | 'policy'>;

export function catalogFromRow(row: CatalogRow): Catalog {
  if (!row.practice) throw new Error('The database holds no practice: start the server with a seed file.');
  return { ...row.practice, providers: row.providers, locations: row.locations, services: row.services, schedules: row.schedules };
}

export async function loadCatalog(db: Queryable): Promise<Catalog> {
  const [row] = await db.query<CatalogRow>(`SELECT ${catalogColumns}`);
  return catalogFromRow(row);
}

export function providerIn(catalog: Catalog, id: string): Provider {
  const provider = catalog.providers.find((candidate) => candidate.id === id);
  if (!provider) throw new BookingError('not-found', 'That therapist was not found.', { status: 404 });
  return provider;
}

export function locationIn(catalog: Catalog, id: string): Location {
  const location = catalog.locations.find((candidate) => candidate.id === id);
  if (!location) throw new BookingError('not-found', 'That location was not found.', { status: 404 });
  return location;
}

export function serviceIn(catalog: Catalog, id: string): Service {
  const service = catalog.services.find((candidate) => candidate.id === id);
  if (!service) throw new BookingError('not-found', 'That service was not found.', { status: 404 });
  return service;
}

export function scheduleIn(catalog: Catalog, providerId: string, locationId: string): Schedule | undefined {
  return catalog.schedules.find((schedule) => schedule.providerId === providerId && schedule.locationId === locationId);
}

export interface StoredAppointment extends AppointmentRecord {
  clientId: string;
  statusNote: string | null;
}

/** A timestamptz column as epoch milliseconds, which both drivers hand back as a plain number. */
export const epochMs = (column: string) => `round(extract(epoch FROM ${column}) * 1000)::float8`;

export const appointmentColumns = `id, client_id AS "clientId", provider_id AS "providerId", location_id AS "locationId",
  service_id AS "serviceId", ${epochMs('start_at')} AS "startMs", ${epochMs('end_at')} AS "endMs", status,
  status_note AS "statusNote", ${epochMs('created_at')} AS "createdMs", ${epochMs('updated_at')} AS "updatedMs"`;

interface AppointmentRow extends Omit<StoredAppointment, 'start' | 'end' | 'createdAt' | 'updatedAt'> {
  startMs: number;
  endMs: number;
  createdMs: number;
  updatedMs: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
/**
 * An instant as SQL from its epoch milliseconds: every instant the contract allows (years
 * 0000–9999, offsets to ±23:59) is one, where PostgreSQL does not read all of them as text.
 */
export const fromEpochMs = (param: string) => `(timestamptz 'epoch' + ${param}::float8 * interval '1 millisecond')`;

export function appointmentFromRow({ startMs, endMs, createdMs, updatedMs, ...rest }: AppointmentRow): StoredAppointment {
  return { ...rest, start: iso(startMs), end: iso(endMs), createdAt: iso(createdMs), updatedAt: iso(updatedMs) };
}

export async function selectAppointments(db: Queryable, where: string, params: readonly unknown[], suffix = ''): Promise<StoredAppointment[]> {
  const rows = await db.query<AppointmentRow>(`SELECT ${appointmentColumns} FROM appointments WHERE ${where} ${suffix}`, params);
  return rows.map(appointmentFromRow);
}

const held = `status IN (${heldStatuses.map((status) => `'${status}'`).join(', ')})`;

/**
 * What a request is checked against, in one query: the provider's held time (at every location)
 * around `range`, and the client's held time with every provider; less one appointment (the one
 * being changed).
 */
export async function busyAround(
  db: Queryable,
  { providerId, clientId, range, exceptId }: { providerId: string; clientId: string; range: Interval; exceptId?: string },
): Promise<{ providerBusy: Interval[]; ownBusy: Interval[] }> {
  const rows = await db.query<{ own: boolean; startMs: number; endMs: number }>(
    `SELECT false AS own, ${epochMs('start_at')} AS "startMs", ${epochMs('end_at')} AS "endMs" FROM appointments
     WHERE provider_id = $1 AND ${held} AND id IS DISTINCT FROM $3
       AND tstzrange(start_at, end_at, '[)') && tstzrange(${fromEpochMs('$4')}, ${fromEpochMs('$5')}, '[)')
     UNION ALL
     SELECT true AS own, ${epochMs('start_at')} AS "startMs", ${epochMs('end_at')} AS "endMs" FROM appointments
     WHERE client_id = $2 AND ${held} AND id IS DISTINCT FROM $3`,
    // Epoch milliseconds, not text: PostgreSQL reads no year before 1 AD or after 9999 as an ISO string.
    [providerId, clientId, exceptId ?? null, range.start, range.end],
  );
  const busy = { providerBusy: [] as Interval[], ownBusy: [] as Interval[] };
  for (const row of rows) (row.own ? busy.ownBusy : busy.providerBusy).push({ start: row.startMs, end: row.endMs });
  return busy;
}

/** The provider's held time at every location that overlaps `range`. */
export async function providerBusy(db: Queryable, providerId: string, range: Interval): Promise<Interval[]> {
  const rows = await db.query<{ startMs: number; endMs: number }>(
    `SELECT ${epochMs('start_at')} AS "startMs", ${epochMs('end_at')} AS "endMs" FROM appointments
     WHERE provider_id = $1 AND ${held}
       AND tstzrange(start_at, end_at, '[)') && tstzrange(${fromEpochMs('$2')}, ${fromEpochMs('$3')}, '[)')`,
    [providerId, range.start, range.end],
  );
  return rows.map((row) => ({ start: row.startMs, end: row.endMs }));
}

/** The held appointments (ids and times) of these providers, at every location, that overlap `range`. */
export async function heldAppointments(
  db: Queryable,
  providerIds: readonly string[],
  range: Interval,
): Promise<Array<{ id: string; providerId: string; start: string; end: string }>> {
  const rows = await db.query<{ id: string; providerId: string; startMs: number; endMs: number }>(
    `SELECT id, provider_id AS "providerId", ${epochMs('start_at')} AS "startMs", ${epochMs('end_at')} AS "endMs" FROM appointments
     WHERE provider_id = ANY($1::text[]) AND ${held}
       AND tstzrange(start_at, end_at, '[)') && tstzrange(${fromEpochMs('$2')}, ${fromEpochMs('$3')}, '[)')`,
    [providerIds, range.start, range.end],
  );
  return rows.map(({ startMs, endMs, ...row }) => ({ ...row, start: iso(startMs), end: iso(endMs) }));
}
