/**
 * parseResponse: every answer that crosses the adapter boundary passes through it, so whatever a
 * server sends, it either hands back a fresh, valid copy or throws one kind of error: a plain
 * sentence for people as its message, and what was wrong and where in `issues` and `detail`.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { ZodMiniType } from 'zod/mini';
import { parseResponse, unreadableAnswer } from '../../src/adapters/parse.js';
import { BookingError, isBookingError } from '../../src/adapters/errors.js';
import {
  type Appointment,
  appointmentListSchema,
  appointmentSchema,
  appointmentStatuses,
  availabilitySchema,
  serviceListSchema,
} from '../../src/model/schemas.js';
import { createTestPractice, nyTime } from '../support/fixtures.js';

type Key = string | number;
type Path = readonly Key[];

const { practice } = createTestPractice();
/** Three appointments: one past (in person), one ahead (in person), one ahead (telehealth). */
const appointments: readonly Appointment[] = practice.appointmentsOf('client-alex');
const availability = practice.availability({
  providerId: 'dr-chen',
  locationId: 'riverside',
  serviceId: 'individual-50',
  start: nyTime(7, '00:00'),
  end: nyTime(14, '00:00'),
});
const WHAT = 'your appointments';
const statusExpected = 'expected one of "unconfirmed", "confirmed", "declined", "cancelled"';

const listOf = (items: readonly unknown[]) => ({ appointments: structuredClone(items) as unknown[] });

/** Runs parseResponse and returns the error it throws, failing the test if it throws none or another kind. */
function failure<T>(schema: ZodMiniType<T>, data: unknown, what = WHAT): BookingError {
  let thrown: unknown;
  try {
    parseResponse(schema, data, what);
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'expected parseResponse to throw').to.not.equal(undefined);
  expect(thrown).to.be.instanceOf(BookingError);
  const error = thrown as BookingError;
  expect(error.code).to.equal('invalid-response');
  expect(error.message, 'the words shown to people').to.equal(unreadableAnswer);
  return error;
}

/** The technical account kept for the host's logs. */
function details(error: BookingError): string {
  expect(error.detail).to.be.a('string');
  return error.detail!;
}

/** How parse.ts writes a path: `appointments[2].location.kind`, or `(root)`. */
function pathText(path: Path): string {
  if (!path.length) return '(root)';
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('').replace(/^\./, '');
}

/** A copy of `root` with the value at `path` replaced (or deleted, for `remove`); `root` is left alone. */
const remove = Symbol('remove');
function setIn(root: unknown, path: Path, value: unknown): unknown {
  if (!path.length) return value;
  const [key, ...rest] = path;
  const container = root as Record<Key, unknown>;
  const copy = (Array.isArray(root) ? [...root] : { ...container }) as Record<Key, unknown>;
  const next = setIn(container[key], rest, value);
  if (next === remove) delete copy[key];
  else copy[key] = next;
  return copy;
}
function getIn(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<Key, unknown>)[key], root);
}

/** fc.assert, but with the failing assertion's own message in the error the runner shows. */
function assertProperty<Ts>(property: fc.IProperty<Ts>, params: fc.Parameters<Ts>): void {
  try {
    fc.assert(property, params);
  } catch (error) {
    const { message, cause } = error as Error;
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    throw new Error(`${message.slice(0, 2000)}\nBecause: ${reason.slice(0, 2000)}`);
  }
}

describe('parseResponse: valid data', () => {
  it('returns what it was given', () => {
    const input = listOf(appointments);
    expect(parseResponse(appointmentListSchema, input, WHAT)).to.deep.equal(input);
  });

  it('returns a fresh copy: changing the result leaves the input alone', () => {
    const input = listOf(appointments);
    const snapshot = structuredClone(input);
    const result = parseResponse(appointmentListSchema, input, WHAT);

    expect(result).to.not.equal(input);
    expect(result.appointments).to.not.equal(input.appointments);
    result.appointments.forEach((appointment, index) => {
      const original = input.appointments[index] as Appointment;
      expect(appointment).to.not.equal(original);
      expect(appointment.provider).to.not.equal(original.provider);
      expect(appointment.location).to.not.equal(original.location);
      expect(appointment.service).to.not.equal(original.service);
      expect(appointment.manage).to.not.equal(original.manage);
    });

    result.appointments[0].provider.name = 'Someone Else';
    result.appointments[1].status = 'cancelled';
    result.appointments[1].manage.canCancel = false;
    (result.appointments[2].location as { name: string }).name = 'Elsewhere';
    delete (result.appointments[2] as Partial<Appointment>).end;
    result.appointments.push(result.appointments[0]);
    result.appointments.reverse();
    expect(input).to.deep.equal(snapshot);
  });

  it('returns a copy that does not change when the input does', () => {
    const input = listOf(appointments);
    const result = parseResponse(appointmentListSchema, input, WHAT);
    const snapshot = structuredClone(result);
    const first = input.appointments[0] as Appointment;
    first.status = 'declined';
    first.provider.name = 'Changed';
    input.appointments.length = 0;
    expect(result).to.deep.equal(snapshot);
  });

  it('copies nested lists too', () => {
    const result = parseResponse(availabilitySchema, availability, 'the open times');
    expect(result.open).to.not.equal(availability.open);
    result.open[0].start = result.open[0].end;
    result.open.length = 0;
    expect(availability.open.length).to.be.greaterThan(0);
    expect(availability.open[0].start).to.not.equal(availability.open[0].end);
  });

  it('drops keys the contract does not know', () => {
    const input = {
      appointments: appointments.map((appointment) => ({
        ...appointment,
        internalNotes: 'do not show',
        provider: { ...appointment.provider, ssn: '000-00-0000' },
      })),
      nextPage: 2,
    };
    expect(parseResponse(appointmentListSchema, input, WHAT)).to.deep.equal({ appointments });
  });

  // How long it takes is BENCHMARKS.md's ("Adapters"), with a budget of a second.
  it('parses a 10,000-item list, each item a copy of its own', () => {
    const input = { appointments: Array.from({ length: 10_000 }, (_, index) => appointments[index % 3]) };
    const result = parseResponse(appointmentListSchema, input, WHAT);
    expect(result.appointments).to.have.length(10_000);
    expect(result.appointments[9_999]).to.deep.equal(appointments[0]);
    expect(result.appointments[0]).to.not.equal(result.appointments[3]);
  });
});

describe('parseResponse: invalid data', () => {
  it('throws a BookingError with code invalid-response, naming the path and what was expected', () => {
    const input = listOf(appointments);
    (input.appointments[2] as { status: string }).status = 'pending';
    const error = failure(appointmentListSchema, input);
    expect(isBookingError(error)).to.equal(true);
    expect(error.name).to.equal('BookingError');
    expect(error.retryable).to.equal(false);
    expect(error.issues).to.deep.equal([`appointments[2].status: ${statusExpected}`]);
    expect(details(error)).to.equal(
      `The server's answer for ${WHAT} was not understood: appointments[2].status: ${statusExpected}.`,
    );
  });

  it('tells people a plain sentence, with no field, type or zone words; the details stay for the host', () => {
    const input = listOf(appointments);
    (input.appointments[0] as { provider: unknown }).provider = { id: 7, name: 'Dr. Maya Chen' };
    const second = input.appointments[1] as { location: object };
    second.location = { ...second.location, timeZone: 'Mars/Olympus' };
    const error = failure(appointmentListSchema, input);
    for (const word of ['expected', 'IANA', 'provider', 'appointments[', 'Mars']) expect(error.message).to.not.contain(word);
    expect(error.issues).to.deep.equal(['appointments[0].provider.id: expected string', 'appointments[1].location.timeZone: not a known IANA time zone']);
    expect(details(error)).to.contain('appointments[0].provider.id: expected string');
  });

  it('names the thing that was asked for', () => {
    const error = failure(serviceListSchema, { services: 'none' }, 'the services');
    expect(details(error)).to.contain("The server's answer for the services was not understood");
    expect(error.issues).to.deep.equal(['services: expected array']);
  });

  const cases: [name: string, data: () => unknown, issue: string][] = [
    ['no body at all', () => null, '(root): expected object'],
    ['a bare array', () => [...appointments], '(root): expected object'],
    ['a string', () => 'OK', '(root): expected object'],
    ['the list missing', () => ({}), 'appointments: expected array'],
    ['the list as an object', () => ({ appointments: { ...appointments } }), 'appointments: expected array'],
    ['an item that is null', () => ({ appointments: [appointments[0], null] }), 'appointments[1]: expected object'],
    ['a missing id', () => setIn(listOf(appointments), ['appointments', 1, 'id'], remove), 'appointments[1].id: expected string'],
    ['a numeric start', () => setIn(listOf(appointments), ['appointments', 0, 'start'], 1765119600000), 'appointments[0].start: expected string'],
    ['a null provider', () => setIn(listOf(appointments), ['appointments', 1, 'provider'], null), 'appointments[1].provider: expected object'],
    [
      'a duration in a string',
      () => setIn(listOf(appointments), ['appointments', 2, 'service', 'durationMinutes'], '25'),
      'appointments[2].service.durationMinutes: expected number',
    ],
    [
      'a flag that is not boolean',
      () => setIn(listOf(appointments), ['appointments', 1, 'manage', 'canCancel'], 'yes'),
      'appointments[1].manage.canCancel: expected boolean',
    ],
    [
      'start and end swapped',
      () => {
        const { start, end } = appointments[1];
        return setIn(setIn(listOf(appointments), ['appointments', 1, 'start'], end), ['appointments', 1, 'end'], start);
      },
      'appointments[1]: start must be before end',
    ],
    [
      'an unknown time zone',
      () => setIn(listOf(appointments), ['appointments', 0, 'location', 'timeZone'], 'Mars/Olympus'),
      'appointments[0].location.timeZone: not a known IANA time zone',
    ],
    [
      'an in-person location without its address',
      () => setIn(listOf(appointments), ['appointments', 0, 'location', 'address'], remove),
      'appointments[0].location.address: expected string',
    ],
  ];

  for (const [name, data, issue] of cases) {
    it(`${name}: "${issue}"`, () => {
      const error = failure(appointmentListSchema, data());
      expect(error.issues).to.deep.equal([issue]);
      expect(details(error)).to.contain(issue);
    });
  }

  it('names the path of every other kind of problem', () => {
    const checks: [Path, unknown][] = [
      [['appointments', 1, 'id'], ''],
      [['appointments', 1, 'start'], '2026-02-30T10:00:00Z'],
      [['appointments', 1, 'end'], '2026-12-07T10:50:00'],
      [['appointments', 1, 'service', 'durationMinutes'], 0],
      [['appointments', 1, 'service', 'durationMinutes'], 1.5],
      [['appointments', 1, 'location', 'kind'], 'phone'],
      [['appointments', 1, 'manage', 'until'], 'never'],
    ];
    for (const [path, value] of checks) {
      const error = failure(appointmentListSchema, setIn(listOf(appointments), path, value));
      expect(error.issues.length, JSON.stringify(error.issues)).to.be.greaterThan(0);
      expect(error.issues[0].startsWith(`${pathText(path)}: `), error.issues[0]).to.equal(true);
      for (const issue of error.issues) {
        // A malformed start or end is also compared with the other (the known bug below).
        if (issue === 'appointments[1]: start must be before end') continue;
        expect(issue.startsWith(`${pathText(path)}: `), issue).to.equal(true);
        expect(issue.length, issue).to.be.greaterThan(`${pathText(path)}: `.length);
      }
    }
  });

  it('reports nested list positions', () => {
    const open = [...availability.open];
    open[1] = { start: open[1].end, end: open[1].start };
    const error = failure(availabilitySchema, { ...availability, open }, 'the open times');
    expect(error.issues).to.deep.equal(['open[1]: start must be before end']);
  });

  it('reports a problem of the whole object at its root', () => {
    const error = failure(appointmentSchema, { ...appointments[1], end: appointments[1].start });
    expect(error.issues).to.deep.equal(['(root): start must be before end']);
  });
});

/*
 * errors.ts documents `issues` as "one line per field". A malformed instant must stay one line:
 * neither instantSchema's "not a real date" refinement nor an object's start-before-end (or
 * earliestStart/latestEnd) refinement may run on text that is not an instant.
 */
describe('parseResponse: one line per field', () => {
  /** The issues for `data`, when each should be one line at `path`. */
  function extraLines(schema: ZodMiniType<unknown>, data: unknown, path: string): string[] {
    const error = failure(schema, data);
    expect(error.issues.length).to.be.greaterThan(0);
    expect(error.issues[0].startsWith(`${path}: `), error.issues[0]).to.equal(true);
    return error.issues.slice(1);
  }

  it('a malformed instant is one line, without a second "not a real date"', () => {
    const extra = [
      extraLines(appointmentListSchema, setIn(listOf(appointments), ['appointments', 1, 'manage', 'until'], 'never'), 'appointments[1].manage.until'),
      extraLines(appointmentListSchema, setIn(listOf(appointments), ['appointments', 1, 'createdAt'], '2026-13-01T10:00:00Z'), 'appointments[1].createdAt'),
    ].flat();
    expect(extra).to.deep.equal([]);
  });

  it('a malformed start or end is not also reported as "start must be before end"', () => {
    const ordering = [
      extraLines(appointmentListSchema, setIn(listOf(appointments), ['appointments', 1, 'start'], 'garbage'), 'appointments[1].start'),
      extraLines(appointmentListSchema, setIn(listOf(appointments), ['appointments', 1, 'end'], 'tomorrow'), 'appointments[1].end'),
      extraLines(appointmentListSchema, setIn(listOf(appointments), ['appointments', 2, 'end'], ''), 'appointments[2].end'),
    ]
      .flat()
      .filter((issue) => issue.includes('before'));
    expect(ordering).to.deep.equal([]);
  });

  it('a malformed earliestStart is not also reported as "earliestStart must not be after latestEnd"', () => {
    const ordering = extraLines(availabilitySchema, { ...availability, earliestStart: 'soon' }, 'earliestStart').filter((issue) =>
      issue.includes('after'),
    );
    expect(ordering).to.deep.equal([]);
  });
});

describe('parseResponse: many problems', () => {
  /** Gives the first `count` appointments an unknown status each. */
  function withBadStatuses(count: number) {
    return { appointments: Array.from({ length: Math.max(count, 3) }, (_, index) => ({ ...appointments[index % 3], status: index < count ? `pending-${index}` : 'confirmed' })) };
  }
  const line = (index: number) => `appointments[${index}].status: ${statusExpected}`;

  it('up to five issues are all named, and no "more" is added', () => {
    for (const count of [1, 4, 5]) {
      const error = failure(appointmentListSchema, withBadStatuses(count));
      expect(error.issues).to.deep.equal(Array.from({ length: count }, (_, index) => line(index)));
      expect(details(error)).to.not.contain('more');
      expect(details(error).endsWith(`${line(count - 1)}.`), details(error)).to.equal(true);
    }
  });

  it('six issues: five named, "(and 1 more)"', () => {
    const error = failure(appointmentListSchema, withBadStatuses(6));
    expect(error.issues).to.have.length(6);
    expect(details(error)).to.equal(
      `The server's answer for ${WHAT} was not understood: ${[0, 1, 2, 3, 4].map(line).join('; ')} (and 1 more).`,
    );
  });

  it('more than five: the message names five and counts the rest, issues holds every one', () => {
    const input = listOf(appointments);
    input.appointments = [
      { ...appointments[0], id: '', status: 'pending' },
      { ...appointments[1], start: 5, end: null },
      { ...appointments[2], provider: null, service: [], manage: 'n/a' },
    ];
    const error = failure(appointmentListSchema, input);
    expect(error.issues).to.have.length(7);
    expect(details(error)).to.contain(' (and 2 more).');
    for (const issue of error.issues.slice(0, 5)) expect(details(error)).to.contain(issue);
    for (const issue of error.issues.slice(5)) expect(details(error)).to.not.contain(issue);
    expect(error.issues).to.include.members([
      `appointments[0].status: ${statusExpected}`,
      'appointments[1].start: expected string',
      'appointments[1].end: expected string',
      'appointments[2].provider: expected object',
      'appointments[2].service: expected object',
      'appointments[2].manage: expected object',
    ]);
  });

  // How long refusing them takes is BENCHMARKS.md's ("Adapters"), with a budget of a second.
  it('ten thousand bad items: every one in issues, a message of bounded length', () => {
    const input = withBadStatuses(10_000);
    const error = failure(appointmentListSchema, input);
    expect(error.issues).to.have.length(10_000);
    expect(error.issues[9_999]).to.equal(line(9_999));
    expect(details(error)).to.contain('(and 9995 more)');
    expect(details(error).length).to.be.below(1000);
  });
});

// ---- hostile servers ---------------------------------------------------------------------------

const LONG = 'x'.repeat(100_000);
const LONG_INSTANT = `2026-12-07T15:00:00.${'0'.repeat(100_000)}Z`;

/** Every path inside an appointment, with the value found there in one of the three examples. */
function pathsIn(value: unknown, prefix: Path = []): Path[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => [[...prefix, key], ...pathsIn(child, [...prefix, key])]);
}
const pathsByItem = appointments.map((appointment) => pathsIn(appointment));
const optionalPaths = new Set(['provider.credentials', 'manage.reason', 'manage.cancellationPolicy']);
const nullablePaths = new Set(['manage.until']);

/** A value a field should never hold: of the wrong type, huge, or deeply nested. */
function deeplyNested(depth: number, asArray: boolean): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = asArray ? [value] : { nested: value, level };
  return value;
}
const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.constant(LONG),
  fc.constant(LONG_INSTANT),
  fc.string(),
  fc.array(fc.jsonValue(), { maxLength: 5 }),
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 5 }),
  fc.tuple(fc.integer({ min: 1, max: 10_000 }), fc.boolean()).map(([depth, asArray]) => deeplyNested(depth, asArray)),
  fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withSparseArray: true,
    withTypedArray: true,
    withObjectString: true,
  }),
);
const unknownStatus = fc.oneof(
  fc.constantFrom('pending', 'Confirmed', 'CANCELLED', 'canceled', '', ' confirmed', 'confirmed ', 'null', LONG),
  fc.string().filter((text) => !(appointmentStatuses as readonly string[]).includes(text)),
);

type Mutation =
  | { kind: 'delete'; item: number; pick: number }
  | { kind: 'replace'; item: number; pick: number; value: unknown }
  | { kind: 'swap'; item: number }
  | { kind: 'status'; item: number; value: string }
  | { kind: 'extra'; item: number; pick: number; key: string; value: unknown }
  | { kind: 'item'; item: number; value: unknown }
  | { kind: 'list'; value: unknown }
  | { kind: 'root'; value: unknown };

const itemIndex = fc.nat({ max: 1_000_000 });
const pick = fc.nat({ max: 1_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('delete' as const), item: itemIndex, pick }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('replace' as const), item: itemIndex, pick, value: garbage }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('swap' as const), item: itemIndex }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('status' as const), item: itemIndex, value: unknownStatus }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('extra' as const), item: itemIndex, pick, key: fc.string(), value: garbage }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('item' as const), item: itemIndex, value: garbage }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('list' as const), value: garbage }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('root' as const), value: garbage }) },
);

/** Which of the three examples each item is: a few of them in any order. */
const smallOrder = fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 8 });
/** Ten thousand, the three examples over and over. */
const TEN_THOUSAND = Array.from({ length: 10_000 }, (_, index) => index % 3);

function applyMutation(input: unknown, change: Mutation, order: readonly number[]): unknown {
  if (change.kind === 'root') return change.value;
  // An earlier change may have left no object to change.
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  if (change.kind === 'list') return setIn(input, ['appointments'], change.value);
  const list = (input as { appointments?: unknown }).appointments;
  if (!Array.isArray(list) || !list.length) return input;
  const item = change.item % list.length;
  const at = (path: Path) => ['appointments', item, ...path];
  const example = order[item];
  const paths = example === undefined ? [] : pathsByItem[example];
  const current = list[item];
  if (!current || typeof current !== 'object') return input;
  switch (change.kind) {
    case 'item':
      return setIn(input, at([]), change.value);
    case 'swap': {
      const { start, end } = current as { start: unknown; end: unknown };
      return setIn(setIn(input, at(['start']), end), at(['end']), start);
    }
    case 'status':
      return setIn(input, at(['status']), change.value);
    default: {
      if (!paths.length) return input;
      const path = paths[change.pick % paths.length];
      // The path may no longer lead anywhere after an earlier change.
      try {
        if (change.kind === 'extra') {
          const parent = path.slice(0, -1);
          const target = getIn(current, parent);
          if (!target || typeof target !== 'object' || Array.isArray(target)) return input;
          return setIn(input, at([...parent, `${change.key}\u0000extra`]), change.value);
        }
        const parentValue = getIn(current, path.slice(0, -1));
        if (!parentValue || typeof parentValue !== 'object') return input;
        return setIn(input, at(path), change.kind === 'delete' ? remove : change.value);
      } catch {
        return input;
      }
    }
  }
}

const sortedJsonCache = new Map<unknown, string>();
/** JSON with every object's keys in order, so two equal values give the same text. */
function sortedJson(value: unknown): string {
  const cached = sortedJsonCache.get(value);
  if (cached !== undefined) return cached;
  const text = JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
  if (appointments.includes(value as Appointment)) sortedJsonCache.set(value, text);
  return text;
}

/** What must be true of parseResponse's answer to anything at all. */
function checkOutcome(input: unknown): { ok: true; value: { appointments: Appointment[] } } | { ok: false; error: BookingError } {
  // How long the worst of these take (ten thousand items, 100,000-character strings, values
  // nested 10,000 deep) is BENCHMARKS.md's ("Adapters"), with a budget of a second.
  let outcome: { ok: true; value: { appointments: Appointment[] } } | { ok: false; error: BookingError };
  try {
    outcome = { ok: true, value: parseResponse(appointmentListSchema, input, WHAT) };
  } catch (error) {
    if (!(error instanceof BookingError)) {
      const name = error instanceof Error ? error.name : typeof error;
      throw new Error(`parseResponse threw something other than a BookingError: ${name}: ${String(error).slice(0, 500)}`);
    }
    outcome = { ok: false, error };
  }

  if (outcome.ok) {
    expect(outcome.value).to.not.equal(input);
    const again = appointmentListSchema.safeParse(outcome.value);
    expect(again.success, again.success ? '' : JSON.stringify(again.error.issues)).to.equal(true);
    const text = JSON.stringify(outcome.value);
    expect(JSON.stringify(again.data)).to.equal(text);
    // The result is plain JSON: nothing of the input's exotic objects leaks through.
    expect(JSON.stringify(JSON.parse(text))).to.equal(text);
    expect(outcome.value.appointments).to.have.length((input as { appointments: unknown[] }).appointments.length);
  } else {
    const { error } = outcome;
    expect(error.code).to.equal('invalid-response');
    expect(error.issues.length).to.be.greaterThan(0);
    for (const issue of error.issues) {
      expect(issue, issue.slice(0, 200)).to.match(/^(\(root\)|[A-Za-z_$][\w$]*(\[\d+\]|\.[^.[\]]+)*): \S/);
    }
    const shown = error.issues.slice(0, 5).join('; ');
    const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
    expect(error.message).to.equal(unreadableAnswer);
    expect(details(error)).to.equal(`The server's answer for ${WHAT} was not understood: ${shown}${more}.`);
  }
  return outcome;
}

describe('parseResponse: hostile answers (property)', () => {
  function hostile(order: readonly number[], changes: readonly Mutation[]): void {
    const valid = { appointments: order.map((example) => appointments[example]) };
    const input = changes.reduce<unknown>((data, change) => applyMutation(data, change, order), valid);
    const outcome = checkOutcome(input);
    if (!changes.length) {
      expect(outcome.ok, 'an untouched list parses').to.equal(true);
      // Compared item by item through JSON with sorted keys: quicker than a deep equal of ten thousand.
      if (outcome.ok) expect(outcome.value.appointments.map(sortedJson)).to.deep.equal(valid.appointments.map(sortedJson));
    }
  }

  it('answers anything with a valid fresh copy or a BookingError, never anything else', () => {
    assertProperty(
      fc.property(smallOrder, fc.array(mutation, { minLength: 1, maxLength: 4 }), (order, changes) => hostile(order, changes)),
      { numRuns: 200 },
    );
  });

  it('the same for lists of ten thousand items with a few hostile changes', () => {
    assertProperty(
      fc.property(fc.array(mutation, { maxLength: 3 }), (changes) => hostile(TEN_THOUSAND, changes)),
      { numRuns: 6 },
    );
  });

  it('one change at a time: the error names the field that was broken (property)', () => {
    const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
    assertProperty(
      fc.property(
        fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 6 }),
        itemIndex,
        pick,
        fc.oneof(
          fc.record({ kind: fc.constant('delete' as const) }),
          fc.record({ kind: fc.constant('replace' as const), value: garbage }),
          fc.record({ kind: fc.constant('swap' as const) }),
          fc.record({ kind: fc.constant('status' as const), value: unknownStatus }),
        ),
        (order, itemChoice, pathChoice, change) => {
          const item = itemChoice % order.length;
          const paths = pathsByItem[order[item]];
          const path = paths[pathChoice % paths.length];
          const key = path.join('.');
          const original = getIn(appointments[order[item]], path);
          const valid = { appointments: order.map((example) => appointments[example]) };
          const at = ['appointments', item, ...path];
          let input: unknown;
          let expected: string | undefined;
          switch (change.kind) {
            case 'delete':
              input = setIn(valid, at, remove);
              if (!optionalPaths.has(key)) expected = `${pathText(at)}: `;
              break;
            case 'replace': {
              input = setIn(valid, at, change.value);
              const allowed = (change.value === undefined && optionalPaths.has(key)) || (change.value === null && nullablePaths.has(key));
              const sameType = typeOf(change.value) === typeOf(original) || (nullablePaths.has(key) && typeOf(change.value) === 'string');
              if (!allowed && !sameType) expected = `${pathText(at)}: `;
              break;
            }
            case 'swap': {
              const { start, end } = appointments[order[item]];
              input = setIn(setIn(valid, ['appointments', item, 'start'], end), ['appointments', item, 'end'], start);
              expected = `appointments[${item}]: start must be before end`;
              break;
            }
            case 'status':
              input = setIn(valid, ['appointments', item, 'status'], change.value);
              expected = `appointments[${item}].status: ${statusExpected}`;
              break;
          }
          const outcome = checkOutcome(input);
          if (expected !== undefined) {
            expect(outcome.ok, `expected a failure at ${expected}`).to.equal(false);
            if (!outcome.ok) {
              expect(
                outcome.error.issues.some((issue) => issue.startsWith(expected)),
                `${JSON.stringify(outcome.error.issues.map((issue) => issue.slice(0, 200)))} should name ${expected}`,
              ).to.equal(true);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

