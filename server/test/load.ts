/**
 * What the race and crash tests share: requests to the contract's routes (each answer checked
 * against docs/openapi.yaml), a seed file with extra clients for spawned servers, free slots read
 * from GET /availability, the 5xx lines of a server's log, and a look into the database behind the
 * server's back.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../src/database/database.js';
import type { Seed } from '../src/seed.js';
import { type ContractResponse, contractFetch } from './openapi.js';

export type Answer = ContractResponse;

const minute = 60_000;
const day = 24 * 60 * minute;

export interface Call {
  method?: 'GET' | 'POST' | 'PUT';
  /** The signed-in client (the bearer stand-in: the server runs with DEMO=1). */
  client?: string;
  /** Or a member of staff: their session cookie (`name=value`, from support.ts's `staffCookie`). */
  staff?: string;
  /** The Idempotency-Key header. */
  key?: string;
  body?: unknown;
}

/** One request to `base` + `path` (`/api/…`), as a client; the answer is checked against the contract. */
export function send(base: string, path: string, { method = 'GET', client, staff, key, body }: Call): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (client !== undefined) headers.Authorization = `Bearer ${client}`;
  // A cookie request shows where it comes from, as a browser's does (the server's own origin).
  if (staff !== undefined) Object.assign(headers, { Cookie: staff, Origin: new URL(base).origin });
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (key !== undefined) headers['Idempotency-Key'] = key;
  return contractFetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
}

export interface Slot {
  providerId: string;
  locationId: string;
  serviceId: string;
  start: string;
  end: string;
}

/** A booking to send: who sends it, the body, and the key it keeps on every retry. */
export interface Booking {
  client: string;
  slot: Slot;
  key: string;
}

export function booking(client: string, slot: Slot, key: string = randomUUID()): Booking {
  return { client, slot, key };
}

export function request(base: string, { client, slot, key }: Booking): Promise<Answer> {
  return send(base, '/api/appointments', { method: 'POST', client, key, body: slot });
}

/** `count` client ids `prefix-0`, `prefix-1`, …, and the seed with those clients added. */
export function clientIds(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}-${index}`);
}

export function withClients(seed: Seed, ids: readonly string[]): Seed {
  return {
    ...seed,
    clients: [...(seed.clients ?? []), ...ids.map((id) => ({ id, name: `Client ${id}`, email: `${id}@example.com` }))],
  };
}

/** The seed as a JSON file in a fresh temporary folder (SEED_FILE for a spawned server). */
export function writeSeedFile(seed: Seed): string {
  const file = join(mkdtempSync(join(tmpdir(), 'self-schedule-seed-')), 'seed.json');
  writeFileSync(file, JSON.stringify(seed, null, 2));
  return file;
}

export interface Interval {
  start: number;
  end: number;
}

/** The provider's open time at a location for a service, from now over the next 61 days. */
export async function openTime(
  base: string,
  client: string,
  { providerId, locationId, serviceId }: Omit<Slot, 'start' | 'end'>,
  now: number,
): Promise<Interval[]> {
  const query = new URLSearchParams({
    provider: providerId,
    location: locationId,
    service: serviceId,
    start: new Date(now).toISOString(),
    end: new Date(now + 61 * day).toISOString(),
  });
  const answer = await send(base, `/api/availability?${query}`, { client });
  if (answer.status !== 200) throw new Error(`GET /api/availability answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return (answer.body.open as Array<{ start: string; end: string }>).map((interval) => ({
    start: Date.parse(interval.start),
    end: Date.parse(interval.end),
  }));
}

/**
 * Starts of `minutes`-long sessions inside `open`, on the 15-minute step, `apart` minutes apart so
 * none overlaps another. (The demo's zone is New York, whose offsets are whole hours, so a UTC
 * quarter hour is a local quarter hour.)
 */
export function slotStarts(open: readonly Interval[], minutes: number, apart = 60): number[] {
  const step = 15 * minute;
  const starts: number[] = [];
  for (const interval of open) {
    for (let start = Math.ceil(interval.start / step) * step; start + minutes * minute <= interval.end; start += apart * minute) {
      starts.push(start);
    }
  }
  return starts;
}

/** Whether a session of `minutes` starting at `start` lies inside one open interval. */
export function fits(open: readonly Interval[], start: number, minutes: number): boolean {
  return open.some((interval) => interval.start <= start && start + minutes * minute <= interval.end);
}

export function slotAt(what: Omit<Slot, 'start' | 'end'>, start: number, minutes: number): Slot {
  return { ...what, start: new Date(start).toISOString(), end: new Date(start + minutes * minute).toISOString() };
}

/** `count` free, non-overlapping sessions with the provider, read from GET /availability. */
export async function freeSlots(
  base: string,
  client: string,
  what: Omit<Slot, 'start' | 'end'>,
  minutes: number,
  count: number,
  now: number,
): Promise<Slot[]> {
  const starts = slotStarts(await openTime(base, client, what, now), minutes);
  if (starts.length < count) throw new Error(`only ${starts.length} free sessions with ${what.providerId}, ${count} wanted`);
  return starts.slice(0, count).map((start) => slotAt(what, start, minutes));
}

/** How many answers had each status, e.g. `{ 201: 1, 409: 99 }`. */
export function statusCounts(answers: ReadonlyArray<Pick<Answer, 'status'>>): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { status } of answers) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

/** The log lines (JSON, one a line) that report a 5xx or an error. */
export function serverErrorLines(lines: readonly string[]): string[] {
  return lines.filter((line) => {
    let entry: { status?: unknown; level?: unknown };
    try {
      entry = JSON.parse(line);
    } catch {
      // Anything that is not a log line (a stack trace on stderr) is an error too.
      return true;
    }
    return (typeof entry.status === 'number' && entry.status >= 500) || entry.level === 'error';
  });
}

/** How the stored appointments stand in the database, for the integrity checks. */
export interface StoredRow {
  id: string;
  clientId: string;
  providerId: string;
  start: string;
  status: string;
  /** The idempotency keys that point at it, as `operation:key`. */
  keys: string[];
  /** The kinds of its outbox notices, sorted. */
  notices: string[];
}

/** Every appointment not in the seed, with its keys and notices, straight from the database. */
export async function storedAppointments(db: Pick<Database, 'query'>, seedIds: readonly string[]): Promise<StoredRow[]> {
  return db.query<StoredRow>(
    `SELECT a.id, a.client_id AS "clientId", a.provider_id AS "providerId",
       to_char(a.start_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS start, a.status,
       coalesce((SELECT array_agg(k.operation || ':' || k.key ORDER BY k.key) FROM idempotency_keys k WHERE k.appointment_id = a.id), '{}') AS keys,
       coalesce((SELECT array_agg(o.kind ORDER BY o.kind) FROM outbox o WHERE o.appointment_id = a.id), '{}') AS notices
     FROM appointments a
     WHERE NOT (a.id = ANY($1::text[]))
     ORDER BY a.id`,
    [seedIds],
  );
}
