/**
 * The demo's practice kept in localStorage: two StoredPractice instances on one storage stand for
 * two tabs of the demo (each tab has its own msw client and its own in-memory practice), so what
 * one tab changes the other must see, idempotency included; Reset demo data reseeds both; stored
 * data that cannot be used, or storage that refuses, never stops the demo.
 */
import { expect } from '@open-wc/testing';
import { BookingError } from '../../src/adapters/errors.js';
import type { PracticeData } from '../../src/adapters/memory/practice-data.js';
import type { Appointment } from '../../src/model/schemas.js';
import { createDemoPractice, demoClientId } from '../../mock-api/demo-practice.js';
import { StoredPractice, type StoredPracticeChange, storageFormat } from '../../mock-api/stored-practice.js';
import { DAY } from '../../src/scheduling/time-zone.js';
import { until } from '../support/async.js';
import { NOW, chenRequest, nyTime } from '../support/fixtures.js';
import { serveMockApi } from '../support/mock-worker.js';

/** A Storage of its own per test, with a switch to make writes fail as a full or refusing one does. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  refuseWrites = false;
  writes = 0;
  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.refuseWrites) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.writes += 1;
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
}

const key = 'test:demo-practice';
const clock = { now: NOW };

/** One "tab" of the demo on `storage`. */
const openTab = (storage: Storage | null, options: { maxAgeDays?: number } = {}) =>
  new StoredPractice({ storage, key, now: () => clock.now, ...options });

const statusOf = (tab: StoredPractice, id: string) =>
  tab.practice.appointmentsOf(demoClientId).find((appointment) => appointment.id === id)?.status;

/** What the storage holds, parsed. */
const stored = (storage: Storage) =>
  JSON.parse(storage.getItem(key)!) as { format: number; generation: string; seededAt: number; data: PracticeData };

function thrown(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('StoredPractice (the demo practice shared by every tab)', () => {
  let storage: MemoryStorage;

  beforeEach(() => {
    clock.now = NOW;
    storage = new MemoryStorage();
  });

  describe('seeding', () => {
    it('seeds the demo practice around now on a first visit, and stores it', () => {
      const tab = openTab(storage);
      expect(tab.practice.toJSON()).to.deep.equal({ ...createDemoPractice(NOW), idempotencyReplies: {} });
      expect(stored(storage).format).to.equal(storageFormat);
      expect(stored(storage).seededAt).to.equal(NOW);
      expect(tab.notices).to.deep.equal([]);
    });

    it('loads what is stored instead of seeding again', () => {
      const first = openTab(storage);
      first.practice.confirm('seed-2');
      clock.now = NOW + DAY;
      const later = openTab(storage);
      expect(statusOf(later, 'seed-2')).to.equal('confirmed');
      expect(stored(storage).seededAt).to.equal(NOW);
    });
  });

  describe('two tabs on one storage', () => {
    it('shows a request made in one tab in the other', () => {
      const portal = openTab(storage);
      const therapist = openTab(storage);
      const requested = portal.practice.request(demoClientId, chenRequest(), 'key-1');
      const inbox = therapist.practice.allAppointments();
      expect(inbox.find((appointment) => appointment.id === requested.id)?.status).to.equal('unconfirmed');
    });

    it('shows a confirmation made in one tab back in the other, with its e-mail', () => {
      const portal = openTab(storage);
      const therapist = openTab(storage);
      const requested = portal.practice.request(demoClientId, chenRequest(), 'key-1');
      therapist.practice.confirm(requested.id);
      expect(statusOf(portal, requested.id)).to.equal('confirmed');
      const mails = portal.practice.outbox().filter((mail) => mail.appointmentId === requested.id);
      expect(mails.map((mail) => mail.kind)).to.have.members(['request-received', 'new-request', 'confirmed']);
    });

    it('keeps both tabs\' changes when they take turns (neither overwrites the other)', () => {
      const a = openTab(storage);
      const b = openTab(storage);
      a.practice.confirm('seed-2');
      b.practice.decline('seed-5', 'Away that week.');
      a.practice.setSelfScheduling('sam-okafor', true);
      const c = openTab(storage);
      expect(statusOf(c, 'seed-2')).to.equal('confirmed');
      expect(c.practice.allAppointments().find((appointment) => appointment.id === 'seed-5')?.status).to.equal('declined');
      expect(c.practice.providers().find((provider) => provider.id === 'sam-okafor')?.selfScheduling).to.equal(true);
    });

    it('answers a write repeated in another tab with the same key with the first appointment, once', () => {
      const a = openTab(storage);
      const b = openTab(storage);
      const first = a.practice.request(demoClientId, chenRequest(), 'retried-key');
      const again = b.practice.request(demoClientId, chenRequest(), 'retried-key');
      expect(again.id).to.equal(first.id);
      // A third tab sees one appointment and one e-mail: the repeat was answered, not made again.
      const c = openTab(storage);
      const mine = c.practice.appointmentsOf(demoClientId).filter((appointment) => appointment.start === chenRequest().start);
      expect(mine.map((appointment) => appointment.id)).to.deep.equal([first.id]);
      expect(c.practice.outbox().filter((mail) => mail.kind === 'request-received')).to.have.length(1);
      const error = thrown(() => b.practice.request(demoClientId, chenRequest(9, '10:00'), 'retried-key'));
      expect(error).to.be.instanceOf(BookingError);
      expect((error as BookingError).code).to.equal('bad-request');
    });

    it('writes the storage only when something changed', () => {
      const tab = openTab(storage);
      const writes = storage.writes;
      tab.practice.providers();
      tab.practice.appointmentsOf(demoClientId);
      tab.practice.availability({
        providerId: 'dr-chen',
        locationId: 'riverside',
        serviceId: 'individual-50',
        start: nyTime(7, '00:00'),
        end: nyTime(14, '00:00'),
      });
      expect(storage.writes).to.equal(writes);
      tab.practice.confirm('seed-2');
      expect(storage.writes).to.equal(writes + 1);
    });

    it('stores nothing for a refused write', () => {
      const tab = openTab(storage);
      const before = storage.getItem(key);
      const error = thrown(() => tab.practice.confirm('seed-1'));
      expect((error as BookingError).code).to.equal('conflict');
      expect(storage.getItem(key)).to.equal(before);
    });

    it('refuses to subscribe, since changes of other tabs are heard with watch', () => {
      const tab = openTab(storage);
      expect(() => tab.practice.subscribe(() => {})).to.throw(/watch/);
    });
  });

  describe('Reset demo data', () => {
    it('reseeds around now, in this tab and in the other', () => {
      const a = openTab(storage);
      const b = openTab(storage);
      a.practice.confirm('seed-2');
      const requested = a.practice.request(demoClientId, chenRequest(), 'key-1');
      const generation = stored(storage).generation;
      clock.now = NOW + 2 * DAY;
      b.reset();
      expect(stored(storage).generation).not.to.equal(generation);
      expect(stored(storage).seededAt).to.equal(NOW + 2 * DAY);
      for (const tab of [a, b]) {
        expect(statusOf(tab, 'seed-2')).to.equal('unconfirmed');
        expect(statusOf(tab, requested.id)).to.equal(undefined);
        expect(tab.practice.outbox()).to.deep.equal([]);
      }
    });

    it('forgets idempotency keys: a key used before may then stand for another request', () => {
      const tab = openTab(storage);
      tab.practice.request(demoClientId, chenRequest(), 'key-1');
      expect((thrown(() => tab.practice.request(demoClientId, chenRequest(9, '10:00'), 'key-1')) as BookingError).code).to.equal(
        'bad-request',
      );
      tab.reset();
      const again = tab.practice.request(demoClientId, chenRequest(9, '10:00'), 'key-1');
      expect(again.start).to.equal(chenRequest(9, '10:00').start);
      expect(tab.practice.appointmentsOf(demoClientId).filter((a) => a.status === 'unconfirmed')).to.have.length(2);
    });
  });

  describe('stored data that cannot be used', () => {
    const cases: Array<[string, (data: PracticeData) => unknown, RegExp]> = [
      ['text that is not JSON', () => '{"format": 1, "data": {', /could not be read/],
      ['another version of the demo', (data) => ({ format: storageFormat + 1, generation: 'g', seededAt: NOW, data }), /another version/],
      ['an older shape without a format', (data) => data, /another version/],
      [
        'a damaged appointment',
        (data) => ({ format: storageFormat, generation: 'g', seededAt: NOW, data: { ...data, appointments: [{ id: 'x' }] } }),
        /damaged \(at data\.appointments\.0\./,
      ],
      [
        'an appointment with a provider the practice does not have',
        (data) => ({
          format: storageFormat,
          generation: 'g',
          seededAt: NOW,
          data: { ...data, appointments: [{ ...data.appointments[0], providerId: 'dr-gone' }] },
        }),
        /provider "dr-gone"/,
      ],
      ['null', () => null, /another version/],
    ];
    for (const [name, make, message] of cases) {
      it(`starts afresh, and says so, from ${name}`, () => {
        const value = make(createDemoPractice(NOW));
        storage.setItem(key, typeof value === 'string' ? value : JSON.stringify(value));
        const tab = openTab(storage);
        expect(tab.notices).to.have.length(1);
        expect(tab.notices[0]).to.match(message).and.to.match(/started again with a fresh practice/);
        expect(statusOf(tab, 'seed-1')).to.equal('confirmed');
        expect(stored(storage).format).to.equal(storageFormat);
      });
    }

    it('starts afresh from data seeded more than a week ago, so its dates stay near today', () => {
      openTab(storage).practice.confirm('seed-2');
      clock.now = NOW + 8 * DAY;
      const tab = openTab(storage);
      expect(tab.notices[0]).to.match(/more than 7 days old/);
      expect(stored(storage).seededAt).to.equal(NOW + 8 * DAY);
      expect(tab.practice.toJSON().appointments).to.deep.equal(createDemoPractice(NOW + 8 * DAY).appointments);
    });

    it('starts afresh when another tab leaves damaged data, on the next call', () => {
      const tab = openTab(storage);
      const heard: StoredPracticeChange[] = [];
      tab.watch((change) => heard.push(change));
      storage.setItem(key, 'not json');
      expect(statusOf(tab, 'seed-2')).to.equal('unconfirmed');
      expect(heard).to.deep.equal([
        { kind: 'notice', message: 'The saved demo data could not be read, so the demo started again with a fresh practice.' },
      ]);
      expect(stored(storage).format).to.equal(storageFormat);
    });
  });

  describe('a browser that will not keep the data', () => {
    it('keeps working in memory when the storage is full, and says other pages will not see it', () => {
      const tab = openTab(storage);
      const heard: StoredPracticeChange[] = [];
      tab.watch((change) => heard.push(change));
      storage.refuseWrites = true;
      const requested = tab.practice.request(demoClientId, chenRequest(), 'key-1');
      expect(statusOf(tab, requested.id)).to.equal('unconfirmed');
      tab.practice.confirm(requested.id);
      expect(statusOf(tab, requested.id)).to.equal('confirmed');
      expect(heard.map((change) => change.kind)).to.deep.equal(['notice']);
      expect(tab.notices[0]).to.match(/could not save/);
    });

    it('runs in memory when there is no storage at all', () => {
      const tab = openTab(null);
      tab.practice.confirm('seed-2');
      expect(statusOf(tab, 'seed-2')).to.equal('confirmed');
      tab.reset();
      expect(statusOf(tab, 'seed-2')).to.equal('unconfirmed');
    });
  });

  describe('hearing other tabs', () => {
    // The page's real localStorage and a same-origin frame as the other tab: the browser sends
    // the storage event to every other document on the origin, never to the one that wrote.
    const sharedKey = `test:demo-practice:${Math.random().toString(36).slice(2)}`;
    let frame: HTMLIFrameElement;
    let stop: (() => void) | undefined;

    beforeEach(() => {
      localStorage.removeItem(sharedKey);
      frame = document.createElement('iframe');
      document.body.append(frame);
    });

    afterEach(() => {
      stop?.();
      frame.remove();
      localStorage.removeItem(sharedKey);
    });

    it('tells an ordinary change from a reset', async () => {
      const here = new StoredPractice({ storage: localStorage, key: sharedKey, now: () => clock.now });
      const heard: StoredPracticeChange[] = [];
      stop = here.watch((change) => heard.push(change));
      const otherTab = new StoredPractice({ storage: frame.contentWindow!.localStorage, key: sharedKey, now: () => clock.now });
      otherTab.practice.confirm('seed-2');
      await until(() => heard.length === 1);
      expect(heard[0]).to.deep.equal({ kind: 'changed' });
      expect(statusOf(here, 'seed-2')).to.equal('confirmed');
      otherTab.reset();
      await until(() => heard.length === 2);
      expect(heard[1]).to.deep.equal({ kind: 'reset' });
      expect(statusOf(here, 'seed-2')).to.equal('unconfirmed');
    });

    it('stops hearing once stopped', async () => {
      const here = new StoredPractice({ storage: localStorage, key: sharedKey, now: () => clock.now });
      const heard: StoredPracticeChange[] = [];
      here.watch((change) => heard.push(change))();
      let sentinel = 0;
      const onStorage = () => (sentinel += 1);
      window.addEventListener('storage', onStorage);
      const otherTab = new StoredPractice({ storage: frame.contentWindow!.localStorage, key: sharedKey, now: () => clock.now });
      otherTab.practice.confirm('seed-2');
      await until(() => sentinel > 0);
      window.removeEventListener('storage', onStorage);
      expect(heard).to.deep.equal([]);
    });
  });

  describe('served by the mock API', () => {
    it('saves what a request over HTTP changes, for the other tabs to see', async () => {
      const portal = openTab(storage);
      await serveMockApi(portal.practice);
      const response = await fetch('/api/appointments', {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${demoClientId}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': 'http-key',
        },
        body: JSON.stringify(chenRequest()),
      });
      expect(response.status).to.equal(201);
      const { id } = (await response.json()) as Appointment;
      const therapist = openTab(storage);
      expect(therapist.practice.allAppointments().find((appointment) => appointment.id === id)?.status).to.equal('unconfirmed');
    });
  });
});
