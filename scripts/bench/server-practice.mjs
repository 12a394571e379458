// The practice the server bench runs on: ten therapists, 550 clients, 10,000 appointments over
// the past 32 weeks and the 90 days ahead, and the free hours the booking load asks for. Drawn
// with a seeded PRNG around the moment the bench starts (the server runs on the real clock).
import { random } from './stats.mjs';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
export const timeZone = 'America/New_York';

export const sizes = {
  providers: 10,
  clients: 550,
  /** Clients 0…49 book during the load; they hold no future appointment, so none of theirs clashes. */
  bookingClients: 50,
  appointments: 10_000,
  pastDays: 224,
  horizonDays: 90,
};

/** 50-minute sessions on the hour; 12:00 is lunch. */
const hours = [8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19];
const sessionMinutes = 50;
/** At the office on Monday, Wednesday and Friday; by video on Tuesday and Thursday. */
const locationOn = { 1: 'office', 2: 'telehealth', 3: 'office', 4: 'telehealth', 5: 'office' };

const pad = (value, width) => String(value).padStart(width, '0');
const providerId = (p) => `therapist-${pad(p + 1, 2)}`;
const clientId = (c) => `client-${pad(c, 3)}`;
const iso = (ms) => new Date(ms).toISOString();

function shuffle(items, next) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function seedOf() {
  const weekly = (weekdays) => weekdays.map((weekday) => ({ weekday, start: '08:00', end: '20:00' }));
  const providers = Array.from({ length: sizes.providers }, (_, p) => ({
    id: providerId(p),
    name: `Therapist ${p + 1}`,
    credentials: 'LCSW',
    selfScheduling: true,
  }));
  return {
    name: 'Bench Counseling',
    email: 'frontdesk@bench-counseling.example',
    policy: { minimumNoticeMinutes: 1440, horizonDays: sizes.horizonDays, slotStepMinutes: 15, manageCutoffHours: 24 },
    providers,
    locations: [
      { id: 'office', kind: 'in-person', name: 'Main Office', address: '1 Main Street\nHudson, NY 12534', timeZone },
      { id: 'telehealth', kind: 'telehealth', name: 'Telehealth (video)', timeZone },
    ],
    services: [
      {
        id: 'individual-50',
        name: 'Individual Therapy',
        durationMinutes: sessionMinutes,
        offeredBy: providers.map((provider) => ({ providerId: provider.id, locationIds: ['office', 'telehealth'] })),
      },
      {
        id: 'intake-60',
        name: 'Initial Consultation',
        durationMinutes: 60,
        offeredBy: providers.map((provider) => ({ providerId: provider.id, locationIds: ['office'] })),
      },
    ],
    schedules: providers.flatMap((provider) => [
      { providerId: provider.id, locationId: 'office', weekly: weekly([1, 3, 5]), breaks: [{ start: '12:00', end: '13:00' }] },
      { providerId: provider.id, locationId: 'telehealth', weekly: weekly([2, 4]), breaks: [{ start: '12:00', end: '13:00' }] },
    ]),
    clients: Array.from({ length: sizes.clients }, (_, c) => ({ id: clientId(c), name: `Client ${c}`, email: `client-${c}@example.com` })),
  };
}

/**
 * The seed (configuration and clients, no appointments), the 10,000 appointments as rows, the
 * availability query and its range, and per booking client a queue of free hours to ask for.
 */
export function benchPractice(scheduling, now) {
  const { addDays, fromWallClock, startOfDay, toPlainDate, weekdayOf } = scheduling;
  const next = random(20_261_201);
  const today = toPlainDate(now, timeZone);

  // Every session hour of every therapist from 32 weeks ago to the end of the horizon.
  const hoursOpen = [];
  for (let d = -sizes.pastDays; d < sizes.horizonDays; d++) {
    const date = addDays(today, d);
    const locationId = locationOn[weekdayOf(date)];
    if (!locationId) continue;
    for (const hour of hours) {
      const start = fromWallClock({ ...date, hour, minute: 0 }, timeZone);
      for (let p = 0; p < sizes.providers; p++) hoursOpen.push({ p, locationId, start, end: start + sessionMinutes * MINUTE });
    }
  }
  shuffle(hoursOpen, next);
  const booked = hoursOpen.slice(0, sizes.appointments);
  const free = hoursOpen.slice(sizes.appointments);

  // Each client sees one therapist, so no client's appointments overlap; clients 0…49 only in the past.
  const clientsOf = (p, future) =>
    Array.from({ length: sizes.clients }, (_, c) => c).filter((c) => c % sizes.providers === p && (!future || c >= sizes.bookingClients));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const pastClients = Array.from({ length: sizes.providers }, (_, p) => clientsOf(p, false));
  const futureClients = Array.from({ length: sizes.providers }, (_, p) => clientsOf(p, true));
  const rows = booked
    .sort((a, b) => a.start - b.start || a.p - b.p)
    .map((slot, i) => {
      const past = slot.end <= now;
      const draw = next();
      const status = past
        ? draw < 0.85 ? 'confirmed' : draw < 0.95 ? 'cancelled' : 'declined'
        : draw < 0.65 ? 'confirmed' : draw < 0.9 ? 'unconfirmed' : 'cancelled';
      const created = Math.min(slot.start, now) - Math.floor(next() * 30) * DAY;
      return {
        id: `seeded-${pad(i, 5)}`,
        clientId: clientId(pick((past ? pastClients : futureClients)[slot.p])),
        providerId: providerId(slot.p),
        locationId: slot.locationId,
        serviceId: 'individual-50',
        start: iso(slot.start),
        end: iso(slot.end),
        status,
        createdAt: iso(created),
        updatedAt: iso(status === 'confirmed' || past ? created : Math.min(created + DAY, now)),
      };
    });

  // 28 local days from midnight the day after tomorrow, for the first therapist at the office.
  const range = { start: startOfDay(addDays(today, 2), timeZone), end: startOfDay(addDays(today, 30), timeZone) };
  const query = { provider: providerId(0), location: 'office', service: 'individual-50', start: iso(range.start), end: iso(range.end) };
  const held = (row) => row.status === 'confirmed' || row.status === 'unconfirmed';
  const inRange = rows.filter((row) => row.providerId === query.provider && Date.parse(row.start) < range.end && Date.parse(row.end) > range.start);

  // Free hours well inside the booking window (a day's notice, the horizon), shuffled: the booking
  // client of a therapist asks only for that therapist's hours.
  const earliest = now + 26 * 60 * MINUTE;
  const latest = startOfDay(addDays(today, sizes.horizonDays), timeZone);
  const queues = Array.from({ length: sizes.bookingClients }, () => []);
  const clientsPerProvider = sizes.bookingClients / sizes.providers;
  const turn = Array.from({ length: sizes.providers }, () => 0);
  for (const slot of free) {
    if (slot.start < earliest || slot.end > latest) continue;
    const c = slot.p + sizes.providers * (turn[slot.p]++ % clientsPerProvider);
    queues[c].push({
      clientId: clientId(c),
      body: { providerId: providerId(slot.p), locationId: slot.locationId, serviceId: 'individual-50', start: iso(slot.start), end: iso(slot.end) },
    });
  }

  return {
    seed: seedOf(),
    rows,
    query,
    queues,
    facts: {
      ...sizes,
      hoursOpen: hoursOpen.length,
      share: sizes.appointments / hoursOpen.length,
      future: rows.filter((row) => Date.parse(row.start) >= now).length,
      held: rows.filter(held).length,
      ofQueried: rows.filter((row) => row.providerId === query.provider).length,
      inRange: inRange.length,
      heldInRange: inRange.filter(held).length,
      freeToBook: queues.reduce((sum, queue) => sum + queue.length, 0),
    },
  };
}

/** The rows as INSERT statements of `batch` rows each (every value is generated here, none from outside). */
export function insertStatements(rows, batch = 1_000) {
  const columns = 'id, client_id, provider_id, location_id, service_id, start_at, end_at, status, created_at, updated_at';
  const statements = [];
  for (let i = 0; i < rows.length; i += batch) {
    const values = rows
      .slice(i, i + batch)
      .map((r) => `('${r.id}', '${r.clientId}', '${r.providerId}', '${r.locationId}', '${r.serviceId}', '${r.start}', '${r.end}', '${r.status}', '${r.createdAt}', '${r.updatedAt}')`);
    statements.push(`INSERT INTO appointments (${columns}) VALUES\n${values.join(',\n')}`);
  }
  return statements;
}
