/**
 * Hostile API data, generated: fast-check changes to a valid answer of any route (a field
 * dropped, a wrong type, an invalid or reversed date, overlapping windows, an unknown status, a
 * 100,000-character string, a 10,000-item array), and the valid answers of the demo practice
 * they start from.
 */
import fc from 'fast-check';
import type { ZodMiniType } from 'zod/mini';
import type { BookingAdapter } from '../../src/adapters/booking-adapter.js';
import type { Practice } from '../../src/adapters/memory/practice.js';
import {
  appointmentListSchema,
  appointmentSchema,
  availabilitySchema,
  locationListSchema,
  providerListSchema,
  serviceListSchema,
  validationResultSchema,
} from '../../src/model/schemas.js';
import { type FaultyApi, type Route, serveFaultyApi } from '../support/faults.js';
import { createTestPractice } from '../support/fixtures.js';
import { chenRequest, nyTime } from '../support/fixtures.js';

type Key = string | number;
type Path = Key[];

export type HostileRoute = Exclude<Route, 'cancel'>;

/** The contract's schema of each route's answer. */
export const schemaOf: Record<HostileRoute, ZodMiniType<unknown>> = {
  providers: providerListSchema,
  locations: locationListSchema,
  services: serviceListSchema,
  availability: availabilitySchema,
  appointments: appointmentListSchema,
  validate: validationResultSchema,
  submit: appointmentSchema,
  change: appointmentSchema,
};

/**
 * For each test of the calling `describe`: a fresh test practice, its valid answers, and a faulty
 * API serving it (its rewrites cleared after the test). Read `api` and `answers` inside the tests.
 */
export function hostileApiPerTest(): { readonly api: FaultyApi; readonly answers: Record<HostileRoute, unknown> } {
  const current = {} as { api: FaultyApi; answers: Record<HostileRoute, unknown> };
  beforeEach(async () => {
    const { practice } = createTestPractice();
    current.answers = validAnswers(practice);
    current.api = await serveFaultyApi(practice, { timeoutMs: 30_000 });
  });
  afterEach(() => current.api.clear());
  return current;
}

/** A valid answer of each route, from the demo practice (Alex, Dr. Chen, Riverside, the week of 7 December). */
export function validAnswers(practice: Practice): Record<HostileRoute, unknown> {
  const alex = 'client-alex';
  const appointments = practice.appointmentsOf(alex);
  return {
    providers: { providers: practice.providers() },
    locations: { locations: practice.locationsOf('dr-chen') },
    services: { services: practice.servicesAt('dr-chen', 'riverside') },
    availability: practice.availability({
      providerId: 'dr-chen',
      locationId: 'riverside',
      serviceId: 'individual-50',
      start: nyTime(6, '00:00'),
      end: nyTime(13, '00:00'),
    }),
    appointments: { appointments },
    validate: { ok: false, problems: [{ code: 'outside-availability' }, { code: 'inside-minimum-notice', earliestStart: nyTime(2, '10:00') }] },
    submit: appointments[1],
    change: appointments[1],
  };
}

/** Calls the adapter method that asks `route`. */
export function callRoute(adapter: BookingAdapter, route: HostileRoute): Promise<unknown> {
  const request = chenRequest();
  switch (route) {
    case 'providers':
      return adapter.listProviders();
    case 'locations':
      return adapter.listLocations('dr-chen');
    case 'services':
      return adapter.listServices('dr-chen', 'riverside');
    case 'availability':
      return adapter.getAvailability({ ...request, providerId: 'dr-chen', start: nyTime(6, '00:00'), end: nyTime(13, '00:00') });
    case 'appointments':
      return adapter.listAppointments();
    case 'validate':
      return adapter.validateRequest!(request);
    case 'submit':
      return adapter.requestAppointment(request, { idempotencyKey: 'k' });
    case 'change':
      return adapter.changeAppointment('seed-1', request, { idempotencyKey: 'k' });
  }
}

// ---- changes --------------------------------------------------------------------------------------

export const LONG = 'Ω'.repeat(100_000);
const isInstant = (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value);
const isObject = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

/**
 * Every path below `value`, with the value there; within a long array, those of its first 50
 * items (the rest are copies, and walking ten thousand of them per change is the slow part).
 */
function entries(value: unknown, prefix: Path = []): Array<{ path: Path; value: unknown }> {
  if (!value || typeof value !== 'object') return [];
  const children = Array.isArray(value) ? value.slice(0, 50).map((child, index) => [String(index), child] as const) : Object.entries(value);
  return children.flatMap(([key, child]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [{ path, value: child }, ...entries(child, path)];
  });
}

function getIn(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<Key, unknown>)?.[key], root);
}

/** Sets (or, with `undefined`, deletes) the value at `path` of `root`, in place. */
function setIn(root: unknown, path: Path, value: unknown): void {
  const parent = getIn(root, path.slice(0, -1)) as Record<Key, unknown> | undefined;
  if (!parent || typeof parent !== 'object') return;
  const key = path[path.length - 1];
  if (value === undefined && !Array.isArray(parent)) delete parent[key];
  else parent[key] = value;
}

export type Change =
  | { kind: 'drop'; pick: number }
  | { kind: 'wrong-type'; pick: number; value: unknown }
  | { kind: 'bad-date'; pick: number; value: string }
  | { kind: 'reversed'; pick: number }
  | { kind: 'overlapping'; pick: number }
  | { kind: 'unknown-status'; pick: number; value: string }
  | { kind: 'long-string'; pick: number }
  | { kind: 'huge-array'; pick: number };

const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant({}),
  fc.constant([]),
  fc.string({ maxLength: 8 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
);
const badDate = fc.constantFrom(
  '2026-02-30T10:00:00Z',
  '2026-12-07T25:00:00Z',
  '2026-12-07T10:00:00',
  '2026-12-07',
  'next Tuesday',
  '',
  '0000-00-00T00:00:00Z',
  '2026-12-07T10:00:00+99:00',
  '+275760-09-13T00:00:01Z',
);
const unknownStatus = fc.constantFrom('pending', 'Confirmed', 'CANCELLED', 'deleted', '', 'null', 'rescheduled');

const pick = fc.nat({ max: 100_000 });
export const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), pick }),
  fc.record({ kind: fc.constant('wrong-type' as const), pick, value: wrongType }),
  fc.record({ kind: fc.constant('bad-date' as const), pick, value: badDate }),
  fc.record({ kind: fc.constant('reversed' as const), pick }),
  fc.record({ kind: fc.constant('overlapping' as const), pick }),
  fc.record({ kind: fc.constant('unknown-status' as const), pick, value: unknownStatus }),
  fc.record({ kind: fc.constant('long-string' as const), pick }),
  fc.record({ kind: fc.constant('huge-array' as const), pick }),
);
export const changes = fc.array(change, { minLength: 1, maxLength: 3 });

/** `answer` with `changes` made (a fresh copy; each change finds its own target, or does nothing). */
export function hostile(answer: unknown, changes: readonly Change[]): unknown {
  const root = { answer: structuredClone(answer) };
  // One huge array, made first: ten thousand copies of a 100,000-character string, or of another
  // huge array, would test the machine's memory rather than the code.
  const huge = changes.find((c) => c.kind === 'huge-array');
  const ordered = [...(huge ? [huge] : []), ...changes.filter((c) => c.kind !== 'huge-array')];
  for (const change of ordered) {
    const all = entries(root);
    const choose = <T>(list: T[]): T | undefined => (list.length ? list[change.pick % list.length] : undefined);
    switch (change.kind) {
      case 'drop': {
        const target = choose(all);
        if (target) setIn(root, target.path, undefined);
        break;
      }
      case 'wrong-type': {
        const target = choose(all);
        if (target) setIn(root, target.path, change.value);
        break;
      }
      case 'bad-date': {
        const target = choose(all.filter(({ value }) => isInstant(value)));
        if (target) setIn(root, target.path, change.value);
        break;
      }
      case 'reversed': {
        // A range ending before it starts.
        const target = choose(all.filter(({ value }) => isObject(value) && isInstant(value.start) && isInstant(value.end)));
        const range = target?.value as { start: string; end: string } | undefined;
        if (range) [range.start, range.end] = [range.end, range.start];
        break;
      }
      case 'overlapping': {
        // Windows laid over each other: each one again, shifted by half its length.
        const target = choose(all.filter(({ value }) => Array.isArray(value) && value.some((item) => isObject(item) && isInstant(item.start) && isInstant(item.end))));
        const list = target?.value as Array<{ start: string; end: string }> | undefined;
        if (list) {
          for (const item of [...list]) {
            if (!isObject(item) || !isInstant(item.start) || !isInstant(item.end)) continue;
            const half = (Date.parse(item.end) - Date.parse(item.start)) / 2;
            if (!Number.isFinite(half)) continue;
            list.push({ ...item, start: new Date(Date.parse(item.start) + half).toISOString(), end: new Date(Date.parse(item.end) + half).toISOString() });
          }
        }
        break;
      }
      case 'unknown-status': {
        const target = choose(all.filter(({ path }) => path[path.length - 1] === 'status'));
        if (target) setIn(root, target.path, change.value);
        break;
      }
      case 'long-string': {
        const target = choose(all.filter(({ value }) => typeof value === 'string'));
        if (target) setIn(root, target.path, `${target.value as string}${LONG}`);
        break;
      }
      case 'huge-array': {
        // Ten thousand items, told apart by their ids where they have one.
        const target = choose(all.filter(({ value }) => Array.isArray(value) && value.length > 0));
        const list = target?.value as unknown[] | undefined;
        if (target && list) {
          const huge = Array.from({ length: 10_000 }, (_, index) => {
            const item = structuredClone(list[index % list.length]);
            if (isObject(item) && typeof item.id === 'string') item.id = `${item.id}-${index}`;
            return item;
          });
          setIn(root, target.path, huge);
        }
        break;
      }
    }
  }
  return root.answer;
}

/** What a change did, in a few words, for a failing run's message. */
export function describeChanges(changes: readonly Change[]): string {
  return changes.map((c) => ('value' in c ? `${c.kind}(${JSON.stringify(c.value)?.slice(0, 30)})` : c.kind)).join(', ');
}
