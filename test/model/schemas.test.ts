/**
 * The data boundary: every schema accepts what the practice really produces, gives back exactly
 * what it was given (less unknown keys), and each of its rules rejects what it promises to.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { ZodMiniType } from 'zod/mini';
import {
  type Appointment,
  type AppointmentRequest,
  type Availability,
  type Location,
  type SelectionProblem,
  type SelectionProblemCode,
  type Service,
  appointmentListSchema,
  appointmentRequestSchema,
  appointmentSchema,
  appointmentStatusSchema,
  appointmentStatuses,
  availabilitySchema,
  errorBodySchema,
  instantSchema,
  locationListSchema,
  locationSchema,
  manageRulesSchema,
  providerListSchema,
  providerSchema,
  readProblems,
  selectionProblemSchema,
  serviceListSchema,
  serviceOfferingSchema,
  serviceSchema,
  timeRangeSchema,
  validationResultSchema,
} from '../../src/model/schemas.js';
import { createTestPractice, nyTime } from '../support/fixtures.js';

type Path = readonly (string | number)[];
type Schema = ZodMiniType<unknown>;

// ---- helpers -------------------------------------------------------------------------------

function issuesOf(schema: Schema, value: unknown): { path: Path; code: string; message: string }[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: issue.path as Path,
    code: issue.code,
    message: issue.message,
  }));
}

/** Parses `value`, failing the test with the issues when it does not. */
function accepts<T>(schema: ZodMiniType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    expect.fail(`expected ${JSON.stringify(value)?.slice(0, 300)} to be accepted: ${JSON.stringify(result.error.issues)}`);
  }
  return result.data;
}

/**
 * Expects `value` to be rejected, with an issue at `path` (and, when given, whose message holds
 * `message`): the rule meant is the rule that fired, not some other one.
 */
function rejects(schema: Schema, value: unknown, path: Path = [], message?: string): void {
  const issues = issuesOf(schema, value);
  const summary = JSON.stringify(issues);
  expect(issues.length, `expected ${JSON.stringify(value)?.slice(0, 300)} to be rejected`).to.be.greaterThan(0);
  const match = issues.some(
    (issue) =>
      JSON.stringify(issue.path) === JSON.stringify(path) && (message === undefined || issue.message.includes(message)),
  );
  expect(match, `expected an issue at ${JSON.stringify(path)}${message ? ` saying "${message}"` : ''}, got ${summary}`).to.equal(true);
}

/** A deep copy with an unknown key added to every object inside, at every depth. */
function withExtraKeys(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return value.map((item) => withExtraKeys(item, depth + 1));
  if (value && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = withExtraKeys(item, depth + 1);
    copy.unexpected = { depth, nested: ['garbage', 1, null] };
    copy.__extra = 'x';
    return copy;
  }
  return value;
}

/** `value` with the property at `path` deleted or replaced, leaving `value` itself alone. */
function changed(value: unknown, path: Path, replacement?: { to: unknown }): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (replacement) parent[last] = replacement.to;
  else delete parent[last];
  return copy;
}

const minutesLater = (instant: string, minutes: number) => new Date(Date.parse(instant) + minutes * 60_000).toISOString();

// ---- valid examples, taken from the practice the demo and the adapters serve ----------------------

const { practice } = createTestPractice();
const data = practice.toJSON();

const providers = practice.providers();
const locations: Location[] = data.locations;
const inPerson = locations.find((location) => location.kind === 'in-person')!;
const telehealth = locations.find((location) => location.kind === 'telehealth')!;
const services: Service[] = data.services;
const appointments: Appointment[] = practice.appointmentsOf('client-alex');
const availability: Availability = practice.availability({
  providerId: 'dr-chen',
  locationId: 'riverside',
  serviceId: 'individual-50',
  start: nyTime(7, '00:00'),
  end: nyTime(14, '00:00'),
});
/** Chen at Riverside on Wednesday 9 December, 10:00 New York: free and bookable. */
const request: AppointmentRequest = {
  providerId: 'dr-chen',
  locationId: 'riverside',
  serviceId: 'individual-50',
  start: nyTime(9, '10:00'),
  end: nyTime(9, '10:50'),
};
const validResult = practice.validate('client-alex', request);
/** Too short, off the slot step and in the past: a result with several problems. */
const invalidResult = practice.validate('client-alex', {
  ...request,
  start: nyTime(1, '08:07'),
  end: nyTime(1, '08:37'),
});

/** One example of every problem; typed so that a new code without an example fails to compile. */
const problemExamples: { [Code in SelectionProblemCode]: Extract<SelectionProblem, { code: Code }> } = {
  'provider-not-self-scheduling': { code: 'provider-not-self-scheduling' },
  'service-not-offered': { code: 'service-not-offered' },
  'wrong-length': { code: 'wrong-length', expectedMinutes: 50, actualMinutes: 30 },
  'in-the-past': { code: 'in-the-past' },
  'inside-minimum-notice': { code: 'inside-minimum-notice', earliestStart: '2026-12-02T15:00:00.000Z' },
  'beyond-horizon': { code: 'beyond-horizon', latestEnd: '2027-01-31T05:00:00.000Z' },
  'not-on-slot-step': { code: 'not-on-slot-step', stepMinutes: 15 },
  'outside-availability': { code: 'outside-availability' },
  'too-short-for-service': { code: 'too-short-for-service', serviceMinutes: 50, availableMinutes: 20 },
  'overlaps-own-appointment': {
    code: 'overlaps-own-appointment',
    start: '2026-12-07T15:00:00.000Z',
    end: '2026-12-07T15:50:00.000Z',
  },
};
const allProblems = Object.values(problemExamples) as SelectionProblem[];

const conflictBody = {
  error: { code: 'conflict', message: 'That time is no longer available.', problems: [{ code: 'outside-availability' }] },
};

const validExamples: [name: string, schema: Schema, value: unknown][] = [
  ...providers.map((provider): [string, Schema, unknown] => [`provider ${provider.id}`, providerSchema, provider]),
  ['provider without credentials', providerSchema, { id: 'p', name: 'P', selfScheduling: false }],
  ...locations.map((location): [string, Schema, unknown] => [`location ${location.id}`, locationSchema, location]),
  ...services.map((service): [string, Schema, unknown] => [`service ${service.id}`, serviceSchema, service]),
  ['service offering', serviceOfferingSchema, services[0].offeredBy[0]],
  ['service offered nowhere', serviceSchema, { id: 's', name: 'S', durationMinutes: 1440, offeredBy: [] }],
  ['availability', availabilitySchema, availability],
  ['time range', timeRangeSchema, availability.range],
  ...appointments.map((appointment): [string, Schema, unknown] => [
    `appointment ${appointment.id} (${appointment.status}, ${appointment.location.kind})`,
    appointmentSchema,
    appointment,
  ]),
  ...appointments.map((appointment): [string, Schema, unknown] => [
    `manage rules of ${appointment.id}`,
    manageRulesSchema,
    appointment.manage,
  ]),
  ['appointment request', appointmentRequestSchema, request],
  ['validation result without problems', validationResultSchema, validResult],
  ['validation result with problems', validationResultSchema, invalidResult],
  ['validation result with every problem', validationResultSchema, { ok: false, problems: allProblems }],
  ...allProblems.map((problem): [string, Schema, unknown] => [`problem ${problem.code}`, selectionProblemSchema, problem]),
  ['provider list', providerListSchema, { providers }],
  ['location list', locationListSchema, { locations }],
  ['service list', serviceListSchema, { services }],
  ['appointment list', appointmentListSchema, { appointments }],
  ['empty appointment list', appointmentListSchema, { appointments: [] }],
];

// ---- tests ---------------------------------------------------------------------------------------

describe('schemas: valid data', () => {
  it('the practice examples cover what they should', () => {
    expect(appointments.map((appointment) => appointment.status)).to.include.members(['confirmed', 'unconfirmed']);
    expect(appointments.map((appointment) => appointment.location.kind)).to.include.members(['in-person', 'telehealth']);
    expect(appointments.some((appointment) => appointment.manage.until === null)).to.equal(true);
    expect(appointments.some((appointment) => appointment.manage.until !== null)).to.equal(true);
    expect(availability.open.length).to.be.greaterThan(0);
    expect(validResult).to.deep.equal({ ok: true, problems: [] });
    expect(invalidResult.ok).to.equal(false);
    expect(invalidResult.problems.length).to.be.greaterThan(1);
  });

  for (const [name, schema, value] of validExamples) {
    it(`${name}: parses, and the result equals the input but is a fresh copy`, () => {
      const snapshot = structuredClone(value);
      const parsed = accepts(schema, value);
      expect(parsed).to.deep.equal(value);
      expect(parsed).to.not.equal(value);
      // Parsing leaves the input as it was.
      expect(value).to.deep.equal(snapshot);
      // And what comes out goes in again unchanged, also through JSON.
      expect(accepts(schema, parsed)).to.deep.equal(value);
      expect(accepts(schema, JSON.parse(JSON.stringify(parsed)))).to.deep.equal(value);
    });

    it(`${name}: unknown keys at every depth are stripped`, () => {
      expect(accepts(schema, withExtraKeys(value))).to.deep.equal(value);
    });
  }

  it('a telehealth location given an address drops it', () => {
    const parsed = accepts(locationSchema, { ...telehealth, address: '1 Main St' });
    expect(parsed).to.deep.equal(telehealth);
    expect(parsed).to.not.have.property('address');
  });

  it('optional fields may be left out, and are not added', () => {
    const provider = accepts(providerSchema, { id: 'p', name: 'P', selfScheduling: true });
    expect(provider).to.not.have.property('credentials');
    const service = accepts(serviceSchema, { id: 's', name: 'S', durationMinutes: 30, offeredBy: [] });
    expect(service).to.not.have.property('description');
    const manage = accepts(manageRulesSchema, { canChange: false, canCancel: false, until: null });
    expect(manage).to.deep.equal({ canChange: false, canCancel: false, until: null });
    const body = accepts(errorBodySchema, { error: { code: 'x', message: 'y' } });
    expect(body.error).to.not.have.property('problems');
  });
});

describe('schemas: ids', () => {
  const cases: [name: string, schema: Schema, value: unknown, path: Path][] = [
    ['provider.id', providerSchema, providers[0], ['id']],
    ['provider.name', providerSchema, providers[0], ['name']],
    ['location.id (in person)', locationSchema, inPerson, ['id']],
    ['location.id (telehealth)', locationSchema, telehealth, ['id']],
    ['location.name', locationSchema, telehealth, ['name']],
    ['service.id', serviceSchema, services[0], ['id']],
    ['service.name', serviceSchema, services[0], ['name']],
    ['service.offeredBy[0].providerId', serviceSchema, services[0], ['offeredBy', 0, 'providerId']],
    ['service.offeredBy[0].locationIds[1]', serviceSchema, services[0], ['offeredBy', 0, 'locationIds', 1]],
    ['availability.providerId', availabilitySchema, availability, ['providerId']],
    ['availability.locationId', availabilitySchema, availability, ['locationId']],
    ['availability.serviceId', availabilitySchema, availability, ['serviceId']],
    ['appointment.id', appointmentSchema, appointments[0], ['id']],
    ['appointment.provider.id', appointmentSchema, appointments[0], ['provider', 'id']],
    ['appointment.provider.name', appointmentSchema, appointments[0], ['provider', 'name']],
    ['appointment.location.id', appointmentSchema, appointments[0], ['location', 'id']],
    ['appointment.service.id', appointmentSchema, appointments[0], ['service', 'id']],
    ['request.providerId', appointmentRequestSchema, request, ['providerId']],
    ['request.locationId', appointmentRequestSchema, request, ['locationId']],
    ['request.serviceId', appointmentRequestSchema, request, ['serviceId']],
  ];

  for (const [name, schema, value, path] of cases) {
    it(`${name}: rejects the empty string, a missing value and a non-string`, () => {
      accepts(schema, value);
      rejects(schema, changed(value, path, { to: '' }), path);
      rejects(schema, changed(value, path, { to: 42 }), path);
      rejects(schema, changed(value, path, { to: null }), path);
      if (typeof path[path.length - 1] === 'string') rejects(schema, changed(value, path), path);
    });
  }
});

describe('schemas: instants', () => {
  it('accepts ISO 8601 instants with Z or an offset, with or without fractions of a second', () => {
    for (const text of [
      '2026-12-07T15:00:00Z',
      '2026-12-07T15:00:00.000Z',
      '2026-12-07T15:00:00.5Z',
      '2026-12-07T15:00:00.123456Z',
      '2026-12-07T10:00:00-05:00',
      '2026-12-07T20:30:00+05:30',
      '2026-12-08T04:45:00+13:45',
      '2026-12-07T15:00:00+00:00',
      '2028-02-29T12:00:00Z',
      '2000-02-29T12:00:00Z',
      '2026-12-31T23:59:59.999Z',
    ]) {
      expect(accepts(instantSchema, text), text).to.equal(text);
    }
  });

  it('rejects text that is not an ISO 8601 instant', () => {
    for (const value of [
      '',
      'tomorrow',
      'Mon, 07 Dec 2026 15:00:00 GMT',
      'Mon Dec 07 2026 10:00:00 GMT-0500 (Eastern Standard Time)',
      '12/07/2026 10:00',
      '1765119600000',
      '2026-12-07 15:00:00Z',
      '2026-12-07T15:00:00z',
      '2026-12-07T15h00:00Z',
      '20261207T150000Z',
      ' 2026-12-07T15:00:00Z',
      '2026-12-07T15:00:00Z ',
      '2026-12-07T15:00:00ZZ',
      '+002026-12-07T15:00:00Z',
      '2026-12-07T15:00:00 EST',
    ]) {
      rejects(instantSchema, value);
    }
  });

  it('rejects values that are not strings at all', () => {
    for (const value of [Date.parse('2026-12-07T15:00:00Z'), new Date('2026-12-07T15:00:00Z'), null, undefined, {}, []]) {
      rejects(instantSchema, value);
    }
  });

  it('rejects instants without an offset: a date or a wall-clock time is not an instant', () => {
    for (const text of ['2026-12-07T10:00:00', '2026-12-07T10:00:00.000', '2026-12-07', '2026-12-07T10:00']) {
      rejects(instantSchema, text);
    }
  });

  it('rejects malformed offsets', () => {
    for (const text of ['2026-12-07T10:00:00+5', '2026-12-07T10:00:00+05', '2026-12-07T10:00:00+24:00', '2026-12-07T10:00:00+05:60']) {
      rejects(instantSchema, text);
    }
  });

  it('keeps its promise of "a real date": impossible days, months and times are rejected', () => {
    // Date.parse alone would not do: V8 rolls 30 February over into 2 March.
    for (const text of [
      '2026-02-30T10:00:00Z',
      '2026-02-29T10:00:00Z',
      '2100-02-29T10:00:00Z',
      '2026-04-31T10:00:00Z',
      '2026-06-31T10:00:00Z',
      '2026-09-31T10:00:00Z',
      '2026-11-31T10:00:00Z',
      '2026-01-32T10:00:00Z',
      '2026-01-00T10:00:00Z',
      '2026-00-10T10:00:00Z',
      '2026-13-01T10:00:00Z',
      '2026-12-07T24:00:00Z',
      '2026-12-07T25:00:00Z',
      '2026-12-07T10:60:00Z',
      '2026-12-07T10:00:60Z',
      '2026-12-31T23:59:60Z',
    ]) {
      rejects(instantSchema, text);
    }
  });

  it('accepts a date-time exactly when it names a real day of the Gregorian calendar (property)', () => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        (year, month, day, hour, minute, second) => {
          const text = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}Z`;
          const date = new Date(0);
          date.setUTCFullYear(year, month - 1, day);
          const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
          const result = instantSchema.safeParse(text);
          expect(result.success, text).to.equal(real);
          if (real) {
            date.setUTCHours(hour, minute, second, 0);
            expect(Date.parse(text), text).to.equal(date.getTime());
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('accepts every instant as toISOString writes it (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        expect(accepts(instantSchema, date.toISOString())).to.equal(date.toISOString());
      }),
      { numRuns: 300 },
    );
  });

  it('checks instants wherever they appear', () => {
    const bad = '2026-02-30T10:00:00Z';
    rejects(availabilitySchema, { ...availability, earliestStart: bad }, ['earliestStart']);
    rejects(availabilitySchema, { ...availability, latestEnd: bad }, ['latestEnd']);
    rejects(appointmentSchema, { ...appointments[0], createdAt: bad }, ['createdAt']);
    rejects(appointmentSchema, { ...appointments[0], updatedAt: '2026-11-28T15:00:00' }, ['updatedAt']);
    rejects(manageRulesSchema, { ...appointments[1].manage, until: bad }, ['until']);
    rejects(selectionProblemSchema, { ...problemExamples['inside-minimum-notice'], earliestStart: bad }, ['earliestStart']);
    rejects(selectionProblemSchema, { ...problemExamples['beyond-horizon'], latestEnd: 'soon' }, ['latestEnd']);
    rejects(selectionProblemSchema, { ...problemExamples['overlaps-own-appointment'], end: bad }, ['end']);
  });
});

describe('schemas: start before end', () => {
  const start = '2026-12-07T15:00:00.000Z';
  const subjects: [name: string, schema: Schema, make: (start: string, end: string) => unknown][] = [
    ['time range', timeRangeSchema, (s, e) => ({ start: s, end: e })],
    ['appointment', appointmentSchema, (s, e) => ({ ...appointments[1], start: s, end: e })],
    ['appointment request', appointmentRequestSchema, (s, e) => ({ ...request, start: s, end: e })],
    ['availability range', availabilitySchema, (s, e) => ({ ...availability, range: { start: s, end: e } })],
    ['availability open time', availabilitySchema, (s, e) => ({ ...availability, open: [availability.open[0], { start: s, end: e }] })],
  ];
  const pathOf: Record<string, Path> = {
    'availability range': ['range'],
    'availability open time': ['open', 1],
  };

  for (const [name, schema, make] of subjects) {
    const path = pathOf[name] ?? [];

    it(`${name}: accepts a start before the end, even by one millisecond`, () => {
      accepts(schema, make(start, minutesLater(start, 50)));
      accepts(schema, make(start, '2026-12-07T15:00:00.001Z'));
    });

    it(`${name}: rejects an equal or reversed start and end`, () => {
      rejects(schema, make(start, start), path, 'start must be before end');
      rejects(schema, make(minutesLater(start, 50), start), path, 'start must be before end');
    });

    it(`${name}: compares instants, not their text`, () => {
      // The same instant written in two zones.
      rejects(schema, make('2026-12-07T10:00:00-05:00', '2026-12-07T15:00:00Z'), path, 'start must be before end');
      // 10:00 in New York comes after 14:00 UTC, though "10" sorts before "14".
      rejects(schema, make('2026-12-07T10:00:00-05:00', '2026-12-07T14:00:00Z'), path, 'start must be before end');
      // 16:00 in Berlin-in-summer-time is 14:00 UTC, before 15:00 UTC, though "16" sorts after "15".
      accepts(schema, make('2026-12-07T16:00:00+02:00', '2026-12-07T15:00:00Z'));
    });
  }

  it('start before end, for any two instants in any offsets (property)', () => {
    const instant = fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') });
    const offset = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 });
    const write = (ms: number, offsetMinutes: number) => {
      const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, -1);
      const sign = offsetMinutes < 0 ? '-' : '+';
      const size = Math.abs(offsetMinutes);
      return `${local}${sign}${String(Math.floor(size / 60)).padStart(2, '0')}:${String(size % 60).padStart(2, '0')}`;
    };
    fc.assert(
      fc.property(instant, instant, offset, offset, fc.boolean(), (a, b, offsetA, offsetB, same) => {
        const end = same ? a : b;
        const range = { start: write(a, offsetA), end: write(end, offsetB) };
        expect(Date.parse(range.start)).to.equal(a);
        expect(timeRangeSchema.safeParse(range).success, JSON.stringify(range)).to.equal(a < end);
      }),
      { numRuns: 300 },
    );
  });
});

describe('schemas: time zones and locations', () => {
  it('accepts IANA zone names and UTC', () => {
    for (const timeZone of ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'UTC']) {
      accepts(locationSchema, { ...telehealth, timeZone });
      accepts(availabilitySchema, { ...availability, timeZone });
    }
  });

  it('rejects names no zone has', () => {
    for (const timeZone of ['Mars/Olympus', 'America/NewYork', 'Not a zone', '', ' ', 'America/New_York/Extra', 'x'.repeat(1000)]) {
      rejects(locationSchema, { ...telehealth, timeZone }, ['timeZone']);
      rejects(locationSchema, { ...inPerson, timeZone }, ['timeZone']);
      rejects(availabilitySchema, { ...availability, timeZone }, ['timeZone']);
    }
    rejects(locationSchema, { ...telehealth, timeZone: 'Mars/Olympus' }, ['timeZone'], 'not a known IANA time zone');
  });

  it('rejects a zone that is not a string', () => {
    for (const timeZone of [null, undefined, -5, { name: 'America/New_York' }]) {
      rejects(locationSchema, { ...telehealth, timeZone }, ['timeZone']);
    }
  });

  it('an in-person location needs an address', () => {
    const { address: _address, ...withoutAddress } = inPerson as Extract<Location, { kind: 'in-person' }>;
    rejects(locationSchema, withoutAddress, ['address']);
    rejects(locationSchema, { ...inPerson, address: '' }, ['address']);
    rejects(locationSchema, { ...inPerson, address: null }, ['address']);
    rejects(appointmentSchema, { ...appointments[0], location: withoutAddress }, ['location', 'address']);
  });

  it('a telehealth location needs none', () => {
    expect(telehealth).to.not.have.property('address');
    accepts(locationSchema, telehealth);
    const onTelehealth = appointments.find((appointment) => appointment.location.kind === 'telehealth')!;
    accepts(appointmentSchema, onTelehealth);
  });

  it('rejects an unknown or missing kind', () => {
    rejects(locationSchema, { ...telehealth, kind: 'phone' }, ['kind']);
    rejects(locationSchema, { ...inPerson, kind: 'In-Person' }, ['kind']);
    rejects(locationSchema, changed(telehealth, ['kind']), ['kind']);
    rejects(locationSchema, { ...telehealth, kind: null }, ['kind']);
  });
});

describe('schemas: appointment status', () => {
  it('accepts each of the four statuses', () => {
    expect(appointmentStatuses).to.deep.equal(['unconfirmed', 'confirmed', 'declined', 'cancelled']);
    for (const status of appointmentStatuses) {
      expect(accepts(appointmentStatusSchema, status)).to.equal(status);
      expect(accepts(appointmentSchema, { ...appointments[1], status }).status).to.equal(status);
    }
  });

  it('rejects any other status', () => {
    for (const status of ['pending', 'Confirmed', 'CANCELLED', 'canceled', '', ' confirmed', 1, null, true]) {
      rejects(appointmentStatusSchema, status);
      rejects(appointmentSchema, { ...appointments[1], status }, ['status']);
    }
    rejects(appointmentSchema, changed(appointments[1], ['status']), ['status']);
  });
});

describe('schemas: minutes', () => {
  const subjects: [name: string, schema: Schema, value: unknown, path: Path][] = [
    ['service.durationMinutes', serviceSchema, services[0], ['durationMinutes']],
    ['appointment.service.durationMinutes', appointmentSchema, appointments[0], ['service', 'durationMinutes']],
    ['availability.slotStepMinutes', availabilitySchema, availability, ['slotStepMinutes']],
    ['wrong-length expectedMinutes', selectionProblemSchema, problemExamples['wrong-length'], ['expectedMinutes']],
    ['not-on-slot-step stepMinutes', selectionProblemSchema, problemExamples['not-on-slot-step'], ['stepMinutes']],
    ['too-short-for-service serviceMinutes', selectionProblemSchema, problemExamples['too-short-for-service'], ['serviceMinutes']],
  ];

  for (const [name, schema, value, path] of subjects) {
    it(`${name}: whole minutes from 1 to a day`, () => {
      for (const minutes of [1, 15, 50, 1440]) accepts(schema, changed(value, path, { to: minutes }));
      for (const minutes of [0, -0, -1, -50, 0.5, 1.5, 49.999, 1441, 10_000, Number.NaN, Infinity, -Infinity, '50', null]) {
        rejects(schema, changed(value, path, { to: minutes }), path);
      }
      if (typeof path[path.length - 1] === 'string') rejects(schema, changed(value, path), path);
    });
  }
});

describe('schemas: selection problems', () => {
  it('every code has an example, and no two examples share one', () => {
    const codes = allProblems.map((problem) => problem.code);
    expect(new Set(codes).size).to.equal(codes.length);
    expect(codes).to.have.length(10);
  });

  for (const problem of allProblems) {
    const fields = Object.keys(problem).filter((key) => key !== 'code');

    it(`${problem.code}: its shape${fields.length ? ` (${fields.join(', ')})` : ''}`, () => {
      expect(accepts(selectionProblemSchema, problem)).to.deep.equal(problem);
      // Fields of other codes are not kept.
      const otherFields = Object.assign({}, ...allProblems.map(({ code: _code, ...rest }) => rest)) as object;
      expect(accepts(selectionProblemSchema, { ...otherFields, ...problem })).to.deep.equal(problem);
      for (const field of fields) {
        rejects(selectionProblemSchema, changed(problem, [field]), [field]);
        rejects(selectionProblemSchema, changed(problem, [field], { to: 'text' }), [field]);
        rejects(selectionProblemSchema, changed(problem, [field], { to: null }), [field]);
      }
    });
  }

  it('rejects an unknown, missing or differently spelled code', () => {
    for (const code of ['pending', 'in_the_past', 'In-The-Past', '', null, 3]) {
      rejects(selectionProblemSchema, { code }, ['code']);
    }
    rejects(selectionProblemSchema, {}, ['code']);
    rejects(selectionProblemSchema, null);
    rejects(selectionProblemSchema, 'in-the-past');
  });

  it('wrong-length: the actual length may be anything numeric, the expected must be minutes', () => {
    for (const actualMinutes of [0, 30, 49.5, 2000, -10]) {
      accepts(selectionProblemSchema, { ...problemExamples['wrong-length'], actualMinutes });
    }
    rejects(selectionProblemSchema, { ...problemExamples['wrong-length'], actualMinutes: Number.NaN }, ['actualMinutes']);
  });

  it('too-short-for-service: the time available may be zero, or a fraction of a minute, but not negative', () => {
    for (const availableMinutes of [0, 0.5, 49]) {
      accepts(selectionProblemSchema, { ...problemExamples['too-short-for-service'], availableMinutes });
    }
    rejects(selectionProblemSchema, { ...problemExamples['too-short-for-service'], availableMinutes: -1 }, ['availableMinutes']);
  });

  it('are checked inside validation results and error bodies', () => {
    rejects(validationResultSchema, { ok: false, problems: [{ code: 'pending' }] }, ['problems', 0, 'code']);
    rejects(validationResultSchema, { ok: false, problems: [problemExamples['in-the-past'], { code: 'wrong-length' }] }, [
      'problems',
      1,
      'expectedMinutes',
    ]);
    rejects(validationResultSchema, { ok: 'false', problems: [] }, ['ok']);
    rejects(validationResultSchema, { ok: false }, ['problems']);
    rejects(errorBodySchema, { error: { code: 'server' } }, ['error', 'message']);
    rejects(errorBodySchema, { code: 'server', message: 'x' }, ['error']);
  });
});

describe('schemas: error bodies', () => {
  const withoutProblems = { error: { code: 'server', message: 'Something went wrong.' } };

  it('parse with and without problems, and round-trip', () => {
    for (const body of [conflictBody, withoutProblems, { error: { ...conflictBody.error, problems: allProblems } }]) {
      const parsed = accepts(errorBodySchema, body);
      expect(parsed).to.deep.equal(body);
      expect(parsed).to.not.equal(body);
      expect(parsed.error).to.not.equal(body.error);
      expect(accepts(errorBodySchema, JSON.parse(JSON.stringify(parsed)))).to.deep.equal(body);
    }
  });

  it('strip unknown keys around the problems', () => {
    const body = { error: { ...withoutProblems.error, traceId: 'abc', details: { a: 1 } }, status: 500 };
    expect(accepts(errorBodySchema, body)).to.deep.equal(withoutProblems);
  });

  it('keep problems this version does not know, so the message still gets through', () => {
    const problems = [{ code: 'added-in-a-later-version', extra: 1 }, { code: 'wrong-length' }, 'text', null, problemExamples['in-the-past']];
    const parsed = accepts(errorBodySchema, { error: { ...conflictBody.error, problems } });
    expect(parsed.error.message).to.equal(conflictBody.error.message);
    expect(parsed.error.problems).to.deep.equal(problems);
  });

  it('need a code and a message, and problems (when given) in a list', () => {
    rejects(errorBodySchema, { error: { code: 'server' } }, ['error', 'message']);
    rejects(errorBodySchema, { error: { message: 'x' } }, ['error', 'code']);
    rejects(errorBodySchema, { error: { code: 500, message: 'x' } }, ['error', 'code']);
    rejects(errorBodySchema, { code: 'server', message: 'x' }, ['error']);
    rejects(errorBodySchema, { error: { ...conflictBody.error, problems: { code: 'in-the-past' } } }, ['error', 'problems']);
    rejects(errorBodySchema, null);
  });

  it('readProblems keeps, in order, exactly the problems this version understands', () => {
    const problems = [
      problemExamples['outside-availability'],
      { code: 'added-in-a-later-version' },
      { code: 'wrong-length', expectedMinutes: 50 },
      problemExamples['wrong-length'],
      { ...problemExamples['not-on-slot-step'], stepMinutes: 0 },
      null,
      'in-the-past',
      { ...problemExamples['inside-minimum-notice'], earliestStart: '2026-02-30T10:00:00Z' },
      { ...problemExamples['overlaps-own-appointment'], note: 'extra' },
    ];
    expect(readProblems(problems)).to.deep.equal([
      problemExamples['outside-availability'],
      problemExamples['wrong-length'],
      problemExamples['overlaps-own-appointment'],
    ]);
    expect(readProblems(allProblems)).to.deep.equal(allProblems);
    expect(readProblems(allProblems)[2]).to.not.equal(allProblems[2]);
    expect(readProblems(undefined)).to.deep.equal([]);
    expect(readProblems([])).to.deep.equal([]);
  });
});

describe('schemas: availability window', () => {
  it('accepts an earliest start before, or at, the latest end', () => {
    accepts(availabilitySchema, availability);
    accepts(availabilitySchema, { ...availability, latestEnd: availability.earliestStart });
    // Compared as instants: the same moment written in another zone.
    accepts(availabilitySchema, {
      ...availability,
      earliestStart: '2026-12-02T10:00:00-05:00',
      latestEnd: '2026-12-02T15:00:00Z',
    });
  });

  it('rejects an earliest start after the latest end', () => {
    rejects(
      availabilitySchema,
      { ...availability, earliestStart: availability.latestEnd, latestEnd: availability.earliestStart },
      [],
      'earliestStart must not be after latestEnd',
    );
    rejects(
      availabilitySchema,
      { ...availability, latestEnd: minutesLater(availability.earliestStart, -1 / 60_000) },
      [],
      'earliestStart must not be after latestEnd',
    );
    rejects(
      availabilitySchema,
      { ...availability, earliestStart: '2026-12-02T10:00:00-05:00', latestEnd: '2026-12-02T14:59:59Z' },
      [],
      'earliestStart must not be after latestEnd',
    );
  });

  it('may have no open time, but open time must be a list of ranges', () => {
    accepts(availabilitySchema, { ...availability, open: [] });
    rejects(availabilitySchema, { ...availability, open: availability.open[0] }, ['open']);
    rejects(availabilitySchema, { ...availability, open: [{ start: availability.open[0].start }] }, ['open', 0, 'end']);
  });
});

describe('schemas: other fields', () => {
  it('provider: selfScheduling must be a boolean, credentials a string when given', () => {
    for (const selfScheduling of ['true', 1, null]) {
      rejects(providerSchema, { ...providers[0], selfScheduling }, ['selfScheduling']);
    }
    rejects(providerSchema, changed(providers[0], ['selfScheduling']), ['selfScheduling']);
    rejects(providerSchema, { ...providers[0], credentials: 5 }, ['credentials']);
    rejects(providerSchema, { ...providers[0], credentials: null }, ['credentials']);
  });

  it('service: description a string when given, offeredBy a list of offerings', () => {
    rejects(serviceSchema, { ...services[0], description: 5 }, ['description']);
    rejects(serviceSchema, changed(services[0], ['offeredBy']), ['offeredBy']);
    rejects(serviceSchema, { ...services[0], offeredBy: [{ providerId: 'dr-chen' }] }, ['offeredBy', 0, 'locationIds']);
    rejects(serviceSchema, { ...services[0], offeredBy: [{ providerId: 'dr-chen', locationIds: 'riverside' }] }, [
      'offeredBy',
      0,
      'locationIds',
    ]);
  });

  it('manage rules: flags are booleans, and the deadline is an instant or an explicit null', () => {
    const manage = appointments[1].manage;
    rejects(manageRulesSchema, { ...manage, canChange: 'yes' }, ['canChange']);
    rejects(manageRulesSchema, changed(manage, ['canCancel']), ['canCancel']);
    rejects(manageRulesSchema, changed(manage, ['until']), ['until']);
    rejects(manageRulesSchema, { ...manage, until: '' }, ['until']);
    rejects(manageRulesSchema, { ...manage, reason: 3 }, ['reason']);
    rejects(manageRulesSchema, { ...manage, cancellationPolicy: false }, ['cancellationPolicy']);
    rejects(appointmentSchema, changed(appointments[1], ['manage']), ['manage']);
  });

  it('appointment: its required fields', () => {
    for (const field of ['id', 'provider', 'location', 'service', 'start', 'end', 'status', 'createdAt', 'updatedAt', 'manage']) {
      rejects(appointmentSchema, changed(appointments[1], [field]), [field]);
    }
  });

  it('lists: must be objects holding arrays', () => {
    rejects(appointmentListSchema, appointments);
    rejects(appointmentListSchema, { appointments: appointments[0] }, ['appointments']);
    rejects(appointmentListSchema, {}, ['appointments']);
    rejects(providerListSchema, { providers: [null] }, ['providers', 0]);
    rejects(locationListSchema, { locations: [{ ...telehealth, kind: 'mars' }] }, ['locations', 0, 'kind']);
    rejects(serviceListSchema, { services: [{ ...services[0], durationMinutes: 0 }] }, ['services', 0, 'durationMinutes']);
  });

  it('wrong data is reported once per wrong field, with every wrong field reported', () => {
    const issues = issuesOf(appointmentListSchema, {
      appointments: [
        appointments[0],
        { ...appointments[1], status: 'pending', id: '' },
        { ...appointments[2], service: { ...appointments[2].service, durationMinutes: 0 } },
      ],
    });
    expect(issues.map((issue) => issue.path.join('.')).sort()).to.deep.equal([
      'appointments.1.id',
      'appointments.1.status',
      'appointments.2.service.durationMinutes',
    ]);
  });
});

describe('schemas: any JSON', () => {
  it('safeParse never throws, whatever JSON.parse may produce (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        for (const [, schema] of validExamples) expect(() => schema.safeParse(value)).to.not.throw();
      }),
      { numRuns: 100 },
    );
  });
});
