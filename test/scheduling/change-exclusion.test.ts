import { expect } from '@open-wc/testing';
import type { AppointmentRequest, Location, Service } from '../../src/model/schemas.js';
import {
  type PracticePolicy,
  type Schedule,
  busyLeavingOut,
  changeExclusion,
  requestProblems,
} from '../../src/scheduling/practice-rules.js';

/** An ISO instant on Tuesday 2026-03-10, by its UTC time of day. */
const tue = (time: string) => `2026-03-10T${time}:00.000Z`;

const office: Location = { id: 'office', name: 'Office', kind: 'in-person', address: '1 Main St', timeZone: 'UTC' };
const session: Service = {
  id: 'session-50',
  name: 'Session',
  durationMinutes: 50,
  offeredBy: [{ providerId: 'dr-a', locationIds: ['office'] }],
};
const schedule: Schedule = { providerId: 'dr-a', locationId: 'office', weekly: [{ weekday: 2, start: '09:00', end: '17:00' }] };
/** A one-minute step, so a change may overlap its old time by a single minute. */
const policy: PracticePolicy = { minimumNoticeMinutes: 60, horizonDays: 30, slotStepMinutes: 1, manageCutoffHours: 24 };
const now = Date.parse('2026-03-09T08:00:00Z');

/** The client's appointment being changed, 10:00–10:50 with the same therapist, and another client's at 14:00. */
const changing = { id: 'apt-mine', clientId: 'client-a', start: tue('10:00'), end: tue('10:50') };
const othersAppointment = { id: 'apt-theirs', clientId: 'client-b', start: tue('14:00'), end: tue('14:50') };

function request(start: string): AppointmentRequest {
  return {
    providerId: 'dr-a',
    locationId: 'office',
    serviceId: 'session-50',
    start: tue(start),
    end: new Date(Date.parse(tue(start)) + 50 * 60_000).toISOString(),
  };
}

/** The problems with `start` as the store would check them, leaving out `leftOutId`. */
function problemsAt(start: string, leftOutId?: string) {
  return requestProblems({
    request: request(start),
    providerSelfSchedules: true,
    service: session,
    location: office,
    schedule,
    providerBusy: busyLeavingOut([changing, othersAppointment], leftOutId),
    ownBusy: busyLeavingOut([changing], leftOutId),
    policy,
    now,
  }).map((problem) => problem.code);
}

describe('changeExclusion', () => {
  it('leaves nothing out when no change is named', () => {
    expect(changeExclusion(undefined, 'client-a', undefined)).to.deep.equal({ ok: true });
  });

  it("leaves out the client's own appointment", () => {
    expect(changeExclusion('apt-mine', 'client-a', changing)).to.deep.equal({ ok: true, leftOutId: 'apt-mine' });
  });

  it("refuses another client's appointment exactly as an unknown one, in the words a change is refused with", () => {
    const theirs = changeExclusion('apt-theirs', 'client-a', othersAppointment);
    const unknown = changeExclusion('apt-nobody', 'client-a', undefined);
    expect(theirs).to.deep.equal({ ok: false, code: 'not-found', message: 'That appointment was not found.' });
    expect(unknown).to.deep.equal(theirs);
  });

  it('refuses when no one is signed in, who owns nothing', () => {
    expect(changeExclusion('apt-mine', undefined, changing)).to.include({ ok: false, code: 'not-found' });
  });

  it('refuses an appointment found under another id than the one named', () => {
    expect(changeExclusion('apt-other', 'client-a', changing)).to.include({ ok: false, code: 'not-found' });
  });

  it('refuses an empty id as a bad request', () => {
    expect(changeExclusion('', 'client-a', undefined)).to.include({ ok: false, code: 'bad-request' });
  });
});

describe('busyLeavingOut', () => {
  it('keeps every held time when nothing is left out', () => {
    expect(busyLeavingOut([changing, othersAppointment], undefined)).to.deep.equal([
      { start: Date.parse(tue('10:00')), end: Date.parse(tue('10:50')) },
      { start: Date.parse(tue('14:00')), end: Date.parse(tue('14:50')) },
    ]);
  });

  it('leaves out only the appointment named', () => {
    expect(busyLeavingOut([changing, othersAppointment], 'apt-mine')).to.deep.equal([
      { start: Date.parse(tue('14:00')), end: Date.parse(tue('14:50')) },
    ]);
  });
});

describe('a change over its own old time (requestProblems with the changed appointment left out)', () => {
  it('accepts a one-minute overlap at either end of the old time', () => {
    expect(problemsAt('09:11', 'apt-mine')).to.deep.equal([]);
    expect(problemsAt('10:49', 'apt-mine')).to.deep.equal([]);
  });

  it('reports the same one-minute overlaps as a new request', () => {
    expect(problemsAt('09:11')).to.include('overlaps-own-appointment');
    expect(problemsAt('10:49')).to.include('overlaps-own-appointment');
  });

  it('takes the times ending or starting right at the old time either way', () => {
    expect(problemsAt('09:10')).to.deep.equal([]);
    expect(problemsAt('10:50')).to.deep.equal([]);
  });

  it("still refuses another client's time", () => {
    expect(problemsAt('13:15', 'apt-mine')).to.deep.equal(['too-short-for-service']);
  });
});
