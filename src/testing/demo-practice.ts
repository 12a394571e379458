/**
 * A small therapy practice whose dates are laid relative to `now`, so the demo and the tests
 * never go stale: three therapists (one who does not self-schedule), an office and telehealth,
 * services of different lengths, weekly hours with breaks, a day off, and existing bookings.
 * The conformance suite's expectations are about this practice: a server under test loads it.
 */
import type { PracticeData, StoredAppointment } from '../adapters/memory/practice-data.js';
import {
  type IsoWeekday,
  type PlainDate,
  addDays,
  fromWallClock,
  startOfWeek,
  toPlainDate,
  formatPlainDate,
} from '../scheduling/time-zone.js';

export const demoTimeZone = 'America/New_York';

/** The client the demo signs in as (bearer token `client-alex`). */
export const demoClientId = 'client-alex';

/** The demo's staff password (the Therapist page shows it): a demo only. */
export const demoStaffPassword = 'riverside-demo';

/** Who may sign in to the demo's practice API: the front desk, and two therapists (each sees only their own). */
export const demoStaff = [
  { id: 'front-desk', name: 'Front desk', email: 'frontdesk@riverside-counseling.example' },
  { id: 'maya-chen', name: 'Dr. Maya Chen', email: 'maya.chen@riverside-counseling.example', providerId: 'dr-chen' },
  { id: 'jordan-alvarez', name: 'Jordan Alvarez', email: 'jordan.alvarez@riverside-counseling.example', providerId: 'jordan-alvarez' },
];

export function createDemoPractice(now: number = Date.now()): PracticeData {
  const today = toPlainDate(now, demoTimeZone);
  // Monday of the week after this one: far enough ahead to clear the minimum notice.
  const nextMonday = addDays(startOfWeek(today, 1), 7);
  const day = (weekday: IsoWeekday, weeksAhead = 0): PlainDate => addDays(nextMonday, weekday - 1 + weeksAhead * 7);
  const at = (date: PlainDate, time: string) => {
    const [hour, minute] = time.split(':').map(Number);
    return new Date(fromWallClock({ ...date, hour, minute }, demoTimeZone)).toISOString();
  };
  const created = new Date(now - 3 * 24 * 3600_000).toISOString();
  const booking = (
    id: string,
    clientId: string,
    providerId: string,
    locationId: string,
    serviceId: string,
    date: PlainDate,
    start: string,
    end: string,
    status: StoredAppointment['status'],
  ): StoredAppointment => ({
    id,
    clientId,
    providerId,
    locationId,
    serviceId,
    start: at(date, start),
    end: at(date, end),
    status,
    createdAt: created,
    updatedAt: created,
  });

  return {
    name: 'Riverside Counseling',
    email: 'frontdesk@riverside-counseling.example',
    providers: [
      { id: 'dr-chen', name: 'Dr. Maya Chen', credentials: 'PsyD', selfScheduling: true },
      { id: 'jordan-alvarez', name: 'Jordan Alvarez', credentials: 'LCSW', selfScheduling: true },
      { id: 'sam-okafor', name: 'Sam Okafor', credentials: 'LMFT', selfScheduling: false },
    ],
    locations: [
      {
        id: 'riverside',
        kind: 'in-person',
        name: 'Riverside Office',
        address: '1200 River Road, Suite 300\nHudson, NY 12534',
        timeZone: demoTimeZone,
      },
      { id: 'telehealth', kind: 'telehealth', name: 'Telehealth (video)', timeZone: demoTimeZone },
    ],
    services: [
      {
        id: 'individual-50',
        name: 'Individual Therapy',
        durationMinutes: 50,
        description: 'A 50-minute session with your therapist.',
        offeredBy: [
          { providerId: 'dr-chen', locationIds: ['riverside', 'telehealth'] },
          { providerId: 'jordan-alvarez', locationIds: ['riverside', 'telehealth'] },
          { providerId: 'sam-okafor', locationIds: ['riverside'] },
        ],
      },
      {
        id: 'intake-60',
        name: 'Initial Consultation',
        durationMinutes: 60,
        description: 'A first meeting to talk about what brings you in.',
        offeredBy: [{ providerId: 'dr-chen', locationIds: ['riverside'] }],
      },
      {
        id: 'couples-80',
        name: 'Couples Therapy',
        durationMinutes: 80,
        offeredBy: [{ providerId: 'jordan-alvarez', locationIds: ['riverside'] }],
      },
      {
        id: 'check-in-25',
        name: 'Brief Check-in',
        durationMinutes: 25,
        offeredBy: [
          { providerId: 'dr-chen', locationIds: ['telehealth'] },
          { providerId: 'jordan-alvarez', locationIds: ['telehealth'] },
        ],
      },
    ],
    schedules: [
      {
        providerId: 'dr-chen',
        locationId: 'riverside',
        weekly: [1, 3, 5].map((weekday) => ({ weekday: weekday as IsoWeekday, start: '09:00', end: '17:00' })),
        breaks: [{ start: '12:00', end: '13:00' }],
        daysOff: [formatPlainDate(day(5, 1))],
      },
      {
        providerId: 'dr-chen',
        locationId: 'telehealth',
        weekly: [2, 4].map((weekday) => ({ weekday: weekday as IsoWeekday, start: '10:00', end: '18:00' })),
        breaks: [{ start: '13:00', end: '14:00' }],
      },
      {
        providerId: 'jordan-alvarez',
        locationId: 'riverside',
        weekly: [2, 4].map((weekday) => ({ weekday: weekday as IsoWeekday, start: '08:00', end: '16:00' })),
        breaks: [{ start: '12:00', end: '12:30' }],
      },
      {
        providerId: 'jordan-alvarez',
        locationId: 'telehealth',
        weekly: [1, 3].map((weekday) => ({ weekday: weekday as IsoWeekday, start: '12:00', end: '20:00' })),
        breaks: [{ start: '16:00', end: '16:30' }],
      },
      {
        providerId: 'sam-okafor',
        locationId: 'riverside',
        weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday: weekday as IsoWeekday, start: '09:00', end: '17:00' })),
      },
    ],
    clients: [
      { id: demoClientId, name: 'Alex Rivera', email: 'alex.rivera@example.com' },
      { id: 'client-taylor', name: 'Taylor Brooks', email: 'taylor.brooks@example.com' },
    ],
    appointments: [
      booking('seed-1', demoClientId, 'dr-chen', 'riverside', 'individual-50', day(1), '10:00', '10:50', 'confirmed'),
      booking('seed-2', demoClientId, 'jordan-alvarez', 'telehealth', 'check-in-25', day(3), '17:00', '17:25', 'unconfirmed'),
      booking('seed-3', demoClientId, 'dr-chen', 'riverside', 'individual-50', addDays(today, -14), '09:00', '09:50', 'confirmed'),
      booking('seed-4', 'client-taylor', 'dr-chen', 'riverside', 'individual-50', day(1), '14:00', '14:50', 'confirmed'),
      booking('seed-5', 'client-taylor', 'dr-chen', 'telehealth', 'individual-50', day(2), '10:00', '10:50', 'unconfirmed'),
      booking('seed-6', 'client-taylor', 'jordan-alvarez', 'riverside', 'couples-80', day(4), '09:00', '10:20', 'confirmed'),
    ],
    policy: {
      minimumNoticeMinutes: 24 * 60,
      horizonDays: 60,
      slotStepMinutes: 15,
      manageCutoffHours: 24,
      cancellationPolicy:
        'Appointments cancelled less than 24 hours before they start may be charged the full session fee.',
    },
    outbox: [],
    staff: demoStaff.map((member) => ({ ...member, password: demoStaffPassword })),
  };
}
