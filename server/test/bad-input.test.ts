/**
 * Bad input on every endpoint of the contract, generated (fast-check) and as named examples:
 * malformed bodies, path ids and query instants, and missing or malformed headers. Whatever
 * arrives, the answer is a 4xx with the contract's JSON error body and a sentence for a person
 * (never a 5xx), it matches docs/openapi.yaml, and nothing is stored: appointments, idempotency
 * keys and the outbox are counted by a direct query after every request.
 *
 * Valid but unusual instants (year 0000 or 9999, offsets up to ±23:59, long fractions) are not
 * bad input, but they must not break the server either: they are checked here too.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import fc from 'fast-check';
import { silentLogger } from '../src/log.js';
import { replacePractice } from '../src/seed.js';
import { type RunningServer, startServer } from '../src/server.js';
import { contractFetch } from './openapi.js';
import { NOW, type PostgresCluster, demoSeed, startPostgresCluster, testConfig } from './support.js';

type Body = Record<string, unknown>;

/** Per property; every property also runs its named examples. */
const numRuns = Number(process.env.BAD_INPUT_RUNS ?? 25);

const seed = demoSeed(NOW);
const knownIds = new Set<string>([
  ...seed.providers.map((p) => p.id),
  ...seed.locations.map((l) => l.id),
  ...seed.services.map((s) => s.id),
  ...(seed.clients ?? []).map((c) => c.id),
  ...(seed.appointments ?? []).map((a) => a.id),
]);

const alex = 'Bearer client-alex';
const wednesday: Body = {
  providerId: 'dr-chen',
  locationId: 'riverside',
  serviceId: 'individual-50',
  start: '2026-12-09T09:00:00-05:00',
  end: '2026-12-09T09:50:00-05:00',
};
const friday: Body = { ...wednesday, start: '2026-12-11T09:00:00-05:00', end: '2026-12-11T09:50:00-05:00' };
const week = new URLSearchParams({ provider: 'dr-chen', location: 'riverside', service: 'individual-50', start: '2026-12-07T00:00:00-05:00', end: '2026-12-14T00:00:00-05:00' });

interface Endpoint {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  /** A valid body (writes and validate). */
  body?: Body;
  /** Needs an Idempotency-Key. */
  write?: boolean;
}

/** Every operation of the contract, each with a request that would succeed as it is. */
const endpoints: Endpoint[] = [
  { method: 'GET', path: '/providers' },
  { method: 'GET', path: '/providers/dr-chen/locations' },
  { method: 'GET', path: '/providers/dr-chen/locations/riverside/services' },
  { method: 'GET', path: `/availability?${week}` },
  { method: 'GET', path: '/appointments' },
  { method: 'POST', path: '/appointments/validate', body: wednesday },
  { method: 'POST', path: '/appointments', body: wednesday, write: true },
  { method: 'PUT', path: '/appointments/seed-1', body: friday, write: true },
  { method: 'POST', path: '/appointments/seed-1/cancel', body: {}, write: true },
];
const writes = endpoints.filter((e) => e.write);
const bodyEndpoints = endpoints.filter((e) => e.body && e.path !== '/appointments/seed-1/cancel');

// ---- generators ------------------------------------------------------------------------------

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

interface InstantParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction: string;
  offset: 'Z' | { sign: '+' | '-'; hours: number; minutes: number };
}
function formatInstant(p: InstantParts): string {
  const offset = p.offset === 'Z' ? 'Z' : `${p.offset.sign}${pad(p.offset.hours)}:${pad(p.offset.minutes)}`;
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${p.fraction}${offset}`;
}
function isValidInstant(p: InstantParts): boolean {
  const offsetOk = p.offset === 'Z' || (p.offset.hours <= 23 && p.offset.minutes <= 59);
  return p.month >= 1 && p.month <= 12 && p.day >= 1 && p.day <= daysIn(p.year, p.month) && p.hour <= 23 && p.minute <= 59 && p.second <= 59 && offsetOk;
}
const instantParts = (limits: { field: number; offsetHours: number; offsetMinutes: number }) =>
  fc.record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: limits.field }),
    day: fc.integer({ min: 0, max: limits.field }),
    hour: fc.integer({ min: 0, max: limits.field }),
    minute: fc.integer({ min: 0, max: limits.field }),
    second: fc.integer({ min: 0, max: limits.field }),
    fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^\.\d{1,12}$/)),
    offset: fc.oneof(
      fc.constant('Z' as const),
      fc.record({ sign: fc.constantFrom('+' as const, '-' as const), hours: fc.integer({ min: 0, max: limits.offsetHours }), minutes: fc.integer({ min: 0, max: limits.offsetMinutes }) }),
    ),
  });

/** Instants that are malformed or impossible, named ones first. */
const namedBadInstants = [
  '2026-12-09T09:00:00', // no offset
  '2026-12-09T09:00Z', // no seconds
  '2026-12-09T09:00:00+0500', // offset without a colon
  '2026-12-09T09:00:00+05', // offset without minutes
  '2026-12-09T09:00:00+24:00', // offset beyond ±23:59
  '2026-12-09T09:00:00-24:00',
  '2026-12-09T09:00:00+23:60',
  '2026-12-09T09:00:00+99:99',
  '2026-12-09T23:59:60Z', // second 60 (no leap seconds)
  '2016-12-31T23:59:60Z',
  '2026-12-09T24:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-00-10T00:00:00Z',
  '2026-02-29T00:00:00Z', // not a leap year
  '2026-02-30T00:00:00Z',
  '2026-04-31T00:00:00Z',
  '2026-12-09t09:00:00z', // lower-case t and z
  '2026-12-09 09:00:00Z',
  '2026-12-09T09:00:00.Z',
  '+002026-12-09T09:00:00Z',
  '-000001-01-01T00:00:00Z',
  '20261209T090000Z',
  '2026-12-09',
  '2026-12-09T09:00:00Z ',
  ' 2026-12-09T09:00:00Z',
  '2026-12-09T09:00:00\u0000Z',
  '2026-12-09T09:00:00Z\u0000',
  '２０２６-12-09T09:00:00Z', // full-width digits
  '٢٠٢٦-١٢-٠٩T09:00:00Z', // Arabic-Indic digits
  '1765270800000',
  'NaN',
  'null',
  '',
];
const badInstant = fc.oneof(
  fc.constantFrom(...namedBadInstants),
  instantParts({ field: 99, offsetHours: 99, offsetMinutes: 99 }).filter((p) => !isValidInstant(p)).map(formatInstant),
  fc.string({ maxLength: 30 }).filter((s) => !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s)),
);

/** Valid instants at the edges: any year 0000–9999, offsets up to ±23:59, long fractions. */
const namedEdgeInstants = [
  '0000-01-01T00:00:00Z',
  '0000-01-01T00:00:00+23:59',
  '0001-01-01T00:00:00-23:59',
  '1969-12-31T23:59:59.999Z',
  '1970-01-01T00:00:00Z',
  '2026-12-09T09:00:00+23:59',
  '2026-12-09T09:00:00-23:59',
  '2026-12-09T09:00:00+16:00',
  '2026-12-09T09:00:00.123456789012Z',
  '2024-02-29T12:00:00-00:00',
  '9999-12-31T23:59:59-23:59',
  '9999-12-31T23:59:59.999Z',
  '9999-12-31T23:59:59+23:59',
];
const edgeInstant = fc.oneof(
  fc.constantFrom(...namedEdgeInstants),
  instantParts({ field: 59, offsetHours: 23, offsetMinutes: 59 })
    .map((p) => ({ ...p, month: (p.month % 12) + 1, hour: p.hour % 24 }))
    .map((p) => ({ ...p, day: (p.day % daysIn(p.year, p.month)) + 1 }))
    .map(formatInstant),
);

/** Strings that are unlikely ids: any code points (U+0000 included), very long, or empty. */
const oddString = fc.oneof(
  fc.constantFrom('', ' ', '\u0000', 'dr-chen\u0000', '\u0000dr-chen', 'DR-CHEN', 'dr-chen ', '../dr-chen', 'dr%2Dchen', '\u202edr-chen', '🦄', 'x'.repeat(5000)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 100, maxLength: 3000 }),
).filter((s) => !knownIds.has(s));

/** Under the body limit (16 KiB) or over it. */
const huge = fc.record({ n: fc.integer({ min: 5_000, max: 20_000 }), char: fc.constantFrom('x', 'é', '\u0000') }).map(({ n, char }) => char.repeat(n));

/** JSON values that are not an appointment request. */
const wrongType = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }));
const fields = ['providerId', 'locationId', 'serviceId', 'start', 'end'] as const;

/** A request body that is broken in one or more ways; `raw` bodies are sent as they are. */
const badBody: fc.Arbitrary<{ json?: unknown; raw?: string }> = fc.oneof(
  // Random JSON of any shape.
  fc.jsonValue().map((json) => ({ json })),
  // A field of the wrong type.
  fc.record({ field: fc.constantFrom(...fields), value: wrongType }).map(({ field, value }) => ({ json: { ...wednesday, [field]: value } })),
  // Fields missing.
  fc.subarray([...fields], { minLength: 1 }).map((missing) => ({ json: Object.fromEntries(Object.entries(wednesday).filter(([k]) => !missing.includes(k as never))) })),
  // An id that is empty, odd or very long (404 or 400).
  fc.record({ field: fc.constantFrom('providerId', 'locationId', 'serviceId'), value: oddString }).map(({ field, value }) => ({ json: { ...wednesday, [field]: value } })),
  // A huge string in a field (400, 404 or 413), or in a field the request does not have, over the limit (413).
  fc.record({ field: fc.constantFrom(...fields), value: huge }).map(({ field, value }) => ({ json: { ...wednesday, [field]: value } })),
  fc.integer({ min: 17 * 1024, max: 40 * 1024 }).map((n) => ({ json: { ...wednesday, note: 'x'.repeat(n) } })),
  // A bad instant.
  fc.record({ field: fc.constantFrom('start', 'end'), value: badInstant }).map(({ field, value }) => ({ json: { ...wednesday, [field]: value } })),
  // start at or after end.
  fc.record({ start: edgeInstant, back: fc.integer({ min: 0, max: 10 ** 9 }) }).map(({ start, back }) => {
    const end = new Date(Date.parse(start) - back);
    return { json: { ...wednesday, start, end: Number.isFinite(end.getTime()) ? end.toISOString() : start } };
  }),
  // Not JSON at all.
  fc.string({ unit: 'binary', maxLength: 200 }).filter(notJson).map((raw) => ({ raw })),
);
function notJson(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}
const namedBadBodies: Array<{ json?: unknown; raw?: string }> = [
  { raw: '' },
  { raw: ' ' },
  { raw: '{' },
  { raw: '{"providerId":"dr-chen",' },
  { raw: `${JSON.stringify(wednesday)}}` },
  { raw: "{'providerId':'dr-chen'}" },
  { raw: 'providerId=dr-chen&locationId=riverside' },
  { raw: '\u0000' },
  { raw: '['.repeat(5000) + ']'.repeat(5000) },
  { json: null },
  { json: [] },
  { json: [wednesday] },
  { json: 'dr-chen' },
  { json: 42 },
  { json: {} },
  { json: { ...wednesday, providerId: '' } },
  { json: { ...wednesday, providerId: 'dr-chen\u0000' } },
  { json: { ...wednesday, serviceId: '\u0000' } },
  { json: { ...wednesday, locationId: 'x'.repeat(15_000) } },
  { json: { ...wednesday, note: 'x'.repeat(20_000) } },
  { json: { ...wednesday, start: 12 } },
  { json: { ...wednesday, start: null } },
  { json: { ...wednesday, end: wednesday.start } },
  { json: { ...wednesday, start: wednesday.end, end: wednesday.start } },
  { json: { ...wednesday, start: '2026-12-09T09:00:00+24:00' } },
  { json: { ...wednesday, end: '2026-12-09T09:49:60-05:00' } },
  { json: { ...wednesday, start: '2026-12-09T09:00:00\u0000-05:00' } },
  { json: JSON.parse(`{"__proto__": ${JSON.stringify(wednesday)}}`) },
  { json: { providerId: { toString: 'dr-chen' }, locationId: 'riverside', serviceId: 'individual-50', start: wednesday.start, end: wednesday.end } },
];

/** Raw path segments: encoded code points (U+0000 as %00), slashes, malformed escapes, very long. */
const rawSegment = fc
  .oneof(
    oddString.filter((s) => s !== '').map(encodeSegment),
    fc.array(fc.constantFrom('%00', '%2F', '%2f', '%5C', '%', '%%', '%G1', '%E0%A4%A', '%C0%AF', '%FF', '%ED%A0%80', '%25', '%20', 'a', '~', '%2E%2E', '%0A', '%0D%0A'), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')),
    fc.integer({ min: 1000, max: 6000 }).map((n) => 'i'.repeat(n)),
  )
  .filter((raw) => !knownIds.has(safeDecode(raw)));
function encodeSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '?'));
  }
}
function safeDecode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
const namedSegments = ['%00', 'dr-chen%00', '%2F', 'dr-chen%2Flocations', '%2F..%2F', '%', '%G1', '%E0%A4%A', '%C0%AF', '%FF', '%ED%A0%80', 'i'.repeat(6000), encodeURIComponent('🦄\u0000é'), '%F0%9F%A6%84', '%20', '%0A'];

/** Header values fetch can send (Latin-1, no control characters), that name no client. */
const headerText = (minLength: number, maxLength: number) =>
  fc
    .array(fc.oneof(fc.integer({ min: 0x21, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff }), fc.constant(0x20)), { minLength, maxLength })
    .map((codes) => String.fromCharCode(...codes).trim());
function namesAClient(headers: Record<string, string>): boolean {
  const bearer = /^Bearer (\S+)$/.exec(headers.Authorization ?? '')?.[1];
  const cookie = /(?:^|;\s*)demo-client=([^;]*)/.exec(headers.Cookie ?? '')?.[1];
  return [bearer, cookie && safeDecode(cookie)].some((id) => id !== undefined && knownIds.has(id));
}
const namedBadAuth: Array<Record<string, string>> = [
  {},
  { Authorization: '' },
  { Authorization: 'Bearer' },
  { Authorization: 'Bearer ' },
  { Authorization: 'bearer client-alex' },
  { Authorization: 'BEARER client-alex' },
  { Authorization: 'Bearer  client-alex' },
  { Authorization: 'Bearer client-alex client-alex' },
  { Authorization: 'Bearerclient-alex' },
  { Authorization: 'Basic Y2xpZW50LWFsZXg6' },
  { Authorization: 'client-alex' },
  { Authorization: 'Bearer client-ålex' },
  { Authorization: `Bearer ${'x'.repeat(8000)}` },
  { Authorization: 'Bearer dr-chen' }, // an id, but not a client's
  { Authorization: 'Bearer seed-1' },
  { Cookie: 'demo-client=' },
  { Cookie: 'demo-client=%00' },
  { Cookie: 'demo-client=client-alex%00' },
  { Cookie: 'demo-client=%E0%A4%A' },
  { Cookie: 'demo-client=%' },
  { Cookie: 'demo-client="client-alex' },
  { Cookie: 'other=client-alex' },
  { Cookie: `demo-client=${'y'.repeat(8000)}` },
];
const badAuth = fc
  .oneof(
    fc.constantFrom(...namedBadAuth),
    headerText(0, 200).map((value) => ({ Authorization: value })),
    headerText(1, 200).map((value) => ({ Authorization: `Bearer ${value}` })),
    fc.oneof(oddString.map(encodeSegment), rawSegment, headerText(0, 100).map((t) => t.replace(/;/g, ''))).map((value) => ({ Cookie: `demo-client=${value}` })),
  )
  .filter((headers) => !namesAClient(headers));

const namedBadKeys: Array<string | undefined> = [undefined, '', ' ', '\t', 'k'.repeat(256), 'k'.repeat(8000), 'é'.repeat(2000)];
const badKey = fc.oneof(fc.constantFrom(...namedBadKeys), headerText(256, 8000).filter((key) => key.length > 255));

const wrongContentTypes = [undefined, '', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16', 'application/jsonx', '*/*'];

// ---- the servers -------------------------------------------------------------------------------

let cluster: PostgresCluster | undefined;
before(async () => {
  cluster = await startPostgresCluster();
});
after(() => cluster?.stop());

for (const kind of ['pglite', 'postgres'] as const) {
  describe(`bad input on ${kind}`, () => {
    let server: RunningServer;
    let baseline: Counts;

    before(async () => {
      const databaseUrl = kind === 'postgres' ? cluster!.createDatabase(`bad_input_${process.pid}`) : undefined;
      server = await startServer(testConfig(databaseUrl ? { databaseUrl } : {}), { seed, now: () => NOW, logger: silentLogger });
    });
    after(() => server?.stop());
    beforeEach(async () => {
      await server.db.transaction((tx) => replacePractice(tx, seed));
      baseline = await counts(server);
    });

    interface Sent {
      method: string;
      path: string;
      headers?: Record<string, string | undefined>;
      body?: { json?: unknown; raw?: string };
    }

    async function send({ method, path, headers = {}, body }: Sent) {
      // A JSON body says so, unless the test names a Content-Type (undefined: none at all).
      if (body?.json !== undefined && !('Content-Type' in headers)) headers = { ...headers, 'Content-Type': 'application/json' };
      const init: RequestInit = { method, headers: Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined)) };
      if (body) init.body = body.raw ?? JSON.stringify(body.json);
      const answer = await contractFetch(`${server.url}/api${path}`, init);
      assert.equal(answer.headers.get('Cache-Control'), 'no-store');
      return answer;
    }

    /** Sends it, and checks the answer is a 4xx error for a person and that nothing was stored. */
    async function refused(request: Sent, statuses?: number[]) {
      const answer = await send(request);
      const what = `${request.method} ${request.path.slice(0, 200)} answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`;
      const stored = await storedSinceBaseline();
      assert.ok(answer.status >= 400 && answer.status < 500, what);
      if (statuses) assert.ok(statuses.includes(answer.status), `${what} (expected ${statuses.join(' or ')})`);
      assert.match(answer.headers.get('Content-Type') ?? '', /^application\/json/, what);
      assertErrorBody(answer.body, what);
      assert.deepEqual(stored, baseline, `${what}: something was stored`);
      return answer;
    }

    /** The counts now; when something was stored, the practice is seeded afresh so that later runs (fast-check's shrinking) start clean. */
    async function storedSinceBaseline(): Promise<Counts> {
      const now = await counts(server);
      if (JSON.stringify(now) !== JSON.stringify(baseline)) await server.db.transaction((tx) => replacePractice(tx, seed));
      return now;
    }

    async function assertNothingStored(what: string) {
      assert.deepEqual(await storedSinceBaseline(), baseline, `${what}: something was stored`);
    }

    /** Runs a property with its named examples first. */
    async function check<T>(arbitrary: fc.Arbitrary<T>, examples: T[], predicate: (value: T) => Promise<unknown>) {
      await fc.assert(
        fc.asyncProperty(arbitrary, async (value) => {
          await predicate(value);
        }),
        { numRuns, examples: examples.map((example) => [example] as [T]) },
      );
    }

    test('bad bodies for validate, request and change: 400, 404, 413, or 415 for a Content-Type that is not JSON', async () => {
      await check(
        fc.record({ endpoint: fc.constantFrom(...bodyEndpoints), body: badBody, contentType: fc.constantFrom(...wrongContentTypes, 'application/json') }),
        bodyEndpoints.flatMap((endpoint) => namedBadBodies.map((body) => ({ endpoint, body, contentType: 'application/json' as string | undefined }))),
        ({ endpoint, body, contentType }) =>
          refused(
            { method: endpoint.method, path: endpoint.path, body, headers: { Authorization: alex, 'Content-Type': contentType, 'Idempotency-Key': endpoint.write ? randomUUID() : undefined } },
            [400, 404, 413, 415],
          ),
      );
    });

    test('cancel: a body that is not JSON is 400; any body for an unknown, another client\'s or a closed appointment is 4xx', async () => {
      const notJsonBody = fc.oneof(
        fc.constantFrom('', ' ', '{', 'reason=tired', '\u0000', "{'reason': 1}", '{"reason": "x"'),
        fc.string({ unit: 'binary', maxLength: 100 }).filter(notJson),
      );
      await check(notJsonBody, [], (raw) =>
        refused({ method: 'POST', path: '/appointments/seed-1/cancel', body: { raw }, headers: { Authorization: alex, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() } }, [400]),
      );
      // seed-4 is Taylor's, seed-3 is over, `nope` does not exist.
      await check(
        fc.record({ id: fc.constantFrom('seed-4', 'seed-3', 'nope'), body: fc.oneof(badBody, fc.jsonValue().map((json) => ({ json }))) }),
        [{ id: 'seed-4', body: { json: { reason: 'x'.repeat(15_000) } } }, { id: 'seed-3', body: { json: { reason: '\u0000' } } }],
        ({ id, body }) =>
          refused({ method: 'POST', path: `/appointments/${id}/cancel`, body, headers: { Authorization: alex, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() } }, [400, 404, 413, 422]),
      );
    });

    test('bad ids in paths (%00, %2F, malformed escapes, unicode, very long): 4xx on every endpoint with a path id', async () => {
      const withSegment = (segment: string) => [
        { method: 'GET', path: `/providers/${segment}/locations` },
        { method: 'GET', path: `/providers/${segment}/locations/riverside/services` },
        { method: 'GET', path: `/providers/dr-chen/locations/${segment}/services` },
        { method: 'PUT', path: `/appointments/${segment}`, body: { json: friday } },
        { method: 'POST', path: `/appointments/${segment}/cancel`, body: { json: {} } },
      ];
      await check(
        fc.record({ segment: rawSegment, which: fc.integer({ min: 0, max: 4 }) }),
        namedSegments.flatMap((segment) => [0, 1, 2, 3, 4].map((which) => ({ segment, which }))),
        ({ segment, which }) => {
          const request = withSegment(segment)[which];
          return refused({ ...request, headers: { Authorization: alex, 'Content-Type': 'application/json', 'Idempotency-Key': randomUUID() } }, [400, 404]);
        },
      );
    });

    test('bad query parameters: odd ids and bad instants for availability, bad instants for the appointment list', async () => {
      const good = Object.fromEntries(week);
      await check(
        fc.oneof(
          fc.record({ name: fc.constantFrom('provider', 'location', 'service'), value: oddString }),
          fc.record({ name: fc.constantFrom('start', 'end'), value: badInstant }),
          fc.record({ name: fc.constantFrom('provider', 'location', 'service', 'start', 'end'), value: fc.constant(undefined) }),
        ),
        [
          ...['provider', 'location', 'service', 'start', 'end'].map((name) => ({ name, value: undefined })),
          ...namedBadInstants.flatMap((value) => [{ name: 'start', value }, { name: 'end', value }]),
          { name: 'provider', value: '\u0000' },
          { name: 'service', value: 'x'.repeat(5000) },
        ] as Array<{ name: string; value: string | undefined }>,
        ({ name, value }) => {
          const params = new URLSearchParams(Object.entries({ ...good, [name]: value }).filter((entry): entry is [string, string] => entry[1] !== undefined));
          return refused({ method: 'GET', path: `/availability?${params}`, headers: { Authorization: alex } }, [400, 404]);
        },
      );
      // Raw query strings, not built by URLSearchParams: a + left as a space, malformed escapes.
      for (const raw of ['start=2026-12-07T00:00:00+05:00', 'start=%', 'start=%E0%A4%A', 'start=2026-12-07T00%3A00%3A00%00Z', 'start[]=2026-12-07T00:00:00Z']) {
        const query = `${new URLSearchParams({ provider: 'dr-chen', location: 'riverside', service: 'individual-50', end: '2026-12-14T00:00:00Z' })}&${raw}`;
        await refused({ method: 'GET', path: `/availability?${query}`, headers: { Authorization: alex } }, [400]);
      }
      await check(
        fc.record({ name: fc.constantFrom('start', 'end'), value: badInstant }),
        namedBadInstants.flatMap((value) => [{ name: 'start', value }, { name: 'end', value }]),
        ({ name, value }) => refused({ method: 'GET', path: `/appointments?${new URLSearchParams({ [name]: value })}`, headers: { Authorization: alex } }, [400]),
      );
    });

    test('valid instants at the edges (years 0000 and 9999, offsets to ±23:59) never break the server', async () => {
      await check(edgeInstant, namedEdgeInstants, async (instant) => {
        const ms = Date.parse(instant);
        const plus = (minutes: number) => {
          const date = new Date(ms + minutes * 60_000);
          return Number.isFinite(date.getTime()) ? date.toISOString() : instant;
        };
        for (const name of ['start', 'end']) {
          const list = await send({ method: 'GET', path: `/appointments?${new URLSearchParams({ [name]: instant })}`, headers: { Authorization: alex } });
          assert.equal(list.status, 200, `GET /appointments?${name}=${instant}: ${list.status} ${JSON.stringify(list.body)}`);
        }
        const range = new URLSearchParams({ provider: 'dr-chen', location: 'riverside', service: 'individual-50', start: instant, end: plus(7 * 24 * 60) });
        const availability = await send({ method: 'GET', path: `/availability?${range}`, headers: { Authorization: alex } });
        // 400 only where a week later is past year 9999 and is no instant the contract knows.
        assert.ok([200, 400].includes(availability.status), `GET /availability from ${instant}: ${availability.status} ${JSON.stringify(availability.body)}`);
        const validation = await send({ method: 'POST', path: '/appointments/validate', body: { json: { ...wednesday, start: instant, end: plus(50) } }, headers: { Authorization: alex } });
        assert.ok([200, 400].includes(validation.status), `validate at ${instant}: ${validation.status} ${JSON.stringify(validation.body)}`);
        // Far from now, never bookable (an instant in the bookable window is no edge).
        if (Math.abs(ms - NOW) < 400 * 24 * 60 * 60_000) return;
        const request = await send({
          method: 'POST',
          path: '/appointments',
          body: { json: { ...wednesday, start: instant, end: plus(50) } },
          headers: { Authorization: alex, 'Idempotency-Key': randomUUID() },
        });
        await assertNothingStored(`request at ${instant}`);
        assert.ok([400, 409, 422].includes(request.status), `request at ${instant}: ${request.status} ${JSON.stringify(request.body)}`);
        assertErrorBody(request.body, `request at ${instant}`);
      });
    });

    test('missing or malformed Authorization (or demo cookie) on every endpoint: 401', async () => {
      await check(
        fc.record({ endpoint: fc.constantFrom(...endpoints), auth: badAuth, contentType: fc.constantFrom(...wrongContentTypes, 'application/json') }),
        endpoints.flatMap((endpoint) => namedBadAuth.map((auth) => ({ endpoint, auth, contentType: endpoint.body ? ('application/json' as string | undefined) : undefined }))),
        ({ endpoint, auth, contentType }) =>
          refused(
            {
              method: endpoint.method,
              path: endpoint.path,
              ...(endpoint.body ? { body: { json: endpoint.body } } : {}),
              headers: { ...auth, 'Content-Type': contentType, 'Idempotency-Key': endpoint.write ? randomUUID() : undefined },
            },
            [401],
          ),
      );
    });

    test('missing, empty or very long Idempotency-Key on every write: 400, whatever the Content-Type', async () => {
      await check(
        fc.record({ endpoint: fc.constantFrom(...writes), key: badKey, contentType: fc.constantFrom(...wrongContentTypes, 'application/json') }),
        writes.flatMap((endpoint) => namedBadKeys.map((key) => ({ endpoint, key, contentType: 'application/json' as string | undefined }))),
        ({ endpoint, key, contentType }) =>
          refused(
            { method: endpoint.method, path: endpoint.path, body: { json: endpoint.body }, headers: { Authorization: alex, 'Content-Type': contentType, 'Idempotency-Key': key } },
            [400],
          ),
      );
    });

    test('the named requests above are refused for their bad part only: the same requests made good succeed', async () => {
      // Guards the properties against passing for the wrong reason (say, every request refused).
      for (const endpoint of endpoints) {
        const answer = await send({
          method: endpoint.method,
          path: endpoint.path,
          ...(endpoint.body ? { body: { json: endpoint.body } } : {}),
          headers: { Authorization: alex, 'Content-Type': 'application/json', 'Idempotency-Key': endpoint.write ? randomUUID() : undefined },
        });
        assert.ok(answer.status >= 200 && answer.status < 300, `${endpoint.method} ${endpoint.path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      // A key of 255 characters is still taken.
      const key = await send({ method: 'POST', path: '/appointments', body: { json: friday }, headers: { Authorization: alex, 'Idempotency-Key': 'k'.repeat(255) } });
      assert.equal(key.status, 201, JSON.stringify(key.body));
      // U+0000 in a cancel reason is dropped, not a failure.
      const nul = await send({ method: 'POST', path: '/appointments/seed-2/cancel', body: { json: { reason: 'a\u0000b' } }, headers: { Authorization: alex, 'Idempotency-Key': randomUUID() } });
      assert.equal(nul.status, 200, JSON.stringify(nul.body));
    });
  });
}

interface Counts {
  appointments: number;
  idempotencyKeys: number;
  outbox: number;
}
async function counts(server: RunningServer): Promise<Counts> {
  const [row] = await server.db.query<Counts>(
    `SELECT (SELECT count(*) FROM appointments)::int AS appointments, (SELECT count(*) FROM idempotency_keys)::int AS "idempotencyKeys",
       (SELECT count(*) FROM outbox)::int AS outbox`,
  );
  return row;
}

/** The contract's error body, with a message written as a sentence for a person. */
function assertErrorBody(body: unknown, what: string) {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  assert.equal(typeof error?.code, 'string', what);
  const message = error!.message;
  assert.ok(typeof message === 'string', `${what}: no message`);
  assert.match(message, /^["'A-Z].*\S.*[.!?]$/s, `${what}: the message is not a sentence`);
  assert.ok(message.length <= 300, `${what}: the message is ${message.length} characters long`);
  assert.doesNotMatch(message, /undefined|\[object|Error:|SQL|postgres|pglite|\bat \S+ \(/i, `${what}: the message shows internals`);
}
