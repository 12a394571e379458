/**
 * pollAppointments with a fake `load`: what it reports, how it backs off after failures, how it
 * stops, and how it rests while the page is hidden.
 */
import { expect } from '@open-wc/testing';
import type { Unsubscribe } from '../../src/adapters/booking-adapter.js';
import { type PollingOptions, pollAppointments } from '../../src/adapters/polling.js';
import type { Appointment } from '../../src/model/schemas.js';
import { demoClientId } from '../../mock-api/demo-practice.js';
import { createTestPractice } from '../support/fixtures.js';
import { sleep, until } from '../support/async.js';

/** Alex's appointments as the server lists them: seed-3, seed-1, seed-2. */
const alexAppointments = createTestPractice().practice.appointmentsOf(demoClientId);
const fresh = (): Appointment[] => structuredClone(alexAppointments);
const ids = (appointments: Appointment[]) => appointments.map((a) => a.id);

interface Report {
  appointments: Appointment[];
  changed: Appointment[];
}

/**
 * A fake load that answers with `answer(call)` and remembers each call's signal; `reached(n)`
 * resolves at its `n`th call (a wait that starts no timer of its own, for `recordWaits`).
 */
function fakeLoad(answer: (call: number, signal: AbortSignal) => Appointment[] | Promise<Appointment[]>) {
  const calls: Array<{ signal: AbortSignal }> = [];
  const waiting: Array<{ count: number; resolve: () => void }> = [];
  const load = async (signal: AbortSignal) => {
    calls.push({ signal });
    for (const waiter of waiting.filter((entry) => entry.count === calls.length)) waiter.resolve();
    return answer(calls.length, signal);
  };
  const reached = (count: number) =>
    calls.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ count, resolve }));
  return { load, calls, reached };
}

/**
 * The waits (in ms) given to setTimeout from now until `stop()`, the timers still running as
 * asked. The poller's pace is checked by what it asks for, not by clock readings on a machine
 * that may be busy; how late timers really fire is BENCHMARKS.md's ("Adapters").
 */
function recordWaits(): { waits: number[]; stop: () => void } {
  const waits: number[] = [];
  const real = window.setTimeout;
  window.setTimeout = ((handler: TimerHandler, timeout?: number, ...rest: unknown[]) => {
    waits.push(timeout ?? 0);
    return real(handler, timeout, ...rest);
  }) as typeof window.setTimeout;
  return { waits, stop: () => (window.setTimeout = real) };
}

describe('pollAppointments', () => {
  let stop: Unsubscribe | undefined;
  let reports: Report[];
  let errors: unknown[];

  const events = {
    onChange: (appointments: Appointment[], changed: Appointment[]) => reports.push({ appointments, changed }),
    onError: (error: unknown) => errors.push(error),
  };

  /** Polls `fake.load` with `options` and gives the waits it asks for (recordWaits) until the `calls`th load. */
  async function waitsUntilCall(
    fake: Pick<ReturnType<typeof fakeLoad>, 'load' | 'reached'>,
    options: PollingOptions,
    calls: number,
  ): Promise<number[]> {
    const timers = recordWaits();
    try {
      stop = pollAppointments(fake.load, events, options);
      await fake.reached(calls);
    } finally {
      timers.stop();
    }
    return timers.waits;
  }

  /** What document.visibilityState says: visible unless a test hides the page. */
  let visibility: DocumentVisibilityState;

  const setVisibility = (next: DocumentVisibilityState) => {
    visibility = next;
    document.dispatchEvent(new Event('visibilitychange'));
  };

  beforeEach(() => {
    reports = [];
    errors = [];
    // Independent of whether the test runner's tab happens to be in front.
    visibility = 'visible';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  });

  afterEach(() => {
    stop?.();
    stop = undefined;
    delete (document as { visibilityState?: DocumentVisibilityState }).visibilityState;
  });

  describe('what it reports', () => {
    it('reports the first result, with every appointment as changed', async () => {
      const { load } = fakeLoad(() => fresh());
      stop = pollAppointments(load, events, { intervalMs: 1000, maxIntervalMs: 4000 });
      await until(() => reports.length === 1);
      expect(ids(reports[0].appointments)).to.deep.equal(['seed-3', 'seed-1', 'seed-2']);
      expect(ids(reports[0].changed)).to.deep.equal(['seed-3', 'seed-1', 'seed-2']);
    });

    it('reports the first result even when it is empty', async () => {
      const { load } = fakeLoad(() => []);
      stop = pollAppointments(load, events, { intervalMs: 1000, maxIntervalMs: 4000 });
      await until(() => reports.length === 1);
      expect(reports[0]).to.deep.equal({ appointments: [], changed: [] });
    });

    it('reports the first successful result after failures', async () => {
      const { load, calls } = fakeLoad((call) => {
        if (call < 3) throw new Error('offline');
        return fresh();
      });
      stop = pollAppointments(load, events, { intervalMs: 10, maxIntervalMs: 20 });
      await until(() => reports.length === 1);
      expect(calls).to.have.length(3);
      expect(errors).to.have.length(2);
      expect(ids(reports[0].changed)).to.deep.equal(['seed-3', 'seed-1', 'seed-2']);
    });

    it('does not report an unchanged list again', async () => {
      const { load, calls } = fakeLoad(() => fresh());
      stop = pollAppointments(load, events, { intervalMs: 10, maxIntervalMs: 40 });
      await until(() => calls.length >= 6);
      expect(reports).to.have.length(1);
      expect(errors).to.deep.equal([]);
    });

    it('does not report the same appointments in another order', async () => {
      const { load, calls } = fakeLoad((call) => (call === 1 ? fresh() : fresh().reverse()));
      stop = pollAppointments(load, events, { intervalMs: 10, maxIntervalMs: 40 });
      await until(() => calls.length >= 4);
      expect(reports).to.have.length(1);
    });

    it('reports a changed status with just that appointment as changed', async () => {
      const { load, calls } = fakeLoad((call) => {
        const list = fresh();
        if (call >= 3) list[2].status = 'confirmed';
        return list;
      });
      stop = pollAppointments(load, events, { intervalMs: 10, maxIntervalMs: 40 });
      await until(() => calls.length >= 6);
      expect(reports).to.have.length(2);
      expect(reports[1].changed).to.deep.equal([{ ...alexAppointments[2], status: 'confirmed' }]);
      expect(ids(reports[1].appointments)).to.deep.equal(['seed-3', 'seed-1', 'seed-2']);
      expect(reports[1].appointments[2].status).to.equal('confirmed');
    });

    it('reports a changed updatedAt with just that appointment as changed', async () => {
      const later = new Date(Date.parse(alexAppointments[1].updatedAt) + 60_000).toISOString();
      const { load, calls } = fakeLoad((call) => {
        const list = fresh();
        if (call >= 2) list[1].updatedAt = later;
        return list;
      });
      stop = pollAppointments(load, events, { intervalMs: 10, maxIntervalMs: 40 });
      await until(() => calls.length >= 5);
      expect(reports).to.have.length(2);
      expect(ids(reports[1].changed)).to.deep.equal(['seed-1']);
      expect(reports[1].changed[0].updatedAt).to.equal(later);
    });

    it('reports a new appointment as changed', async () => {
      const added: Appointment = { ...alexAppointments[1], id: 'apt-new', status: 'unconfirmed' };
      const { load, calls } = fakeLoad((call) => (call >= 2 ? [...fresh(), structuredClone(added)] : fresh()));
      stop = pollAppointments(load, events, { intervalMs: 10, maxIntervalMs: 40 });
      await until(() => calls.length >= 4);
      expect(reports).to.have.length(2);
      expect(ids(reports[1].changed)).to.deep.equal(['apt-new']);
      expect(reports[1].appointments).to.have.length(4);
    });

    it('reports a removed appointment, with nothing changed', async () => {
      const { load, calls } = fakeLoad((call) => (call >= 2 ? fresh().filter((a) => a.id !== 'seed-1') : fresh()));
      stop = pollAppointments(load, events, { intervalMs: 10, maxIntervalMs: 40 });
      await until(() => calls.length >= 4);
      expect(reports).to.have.length(2);
      expect(ids(reports[1].appointments)).to.deep.equal(['seed-3', 'seed-2']);
      expect(reports[1].changed).to.deep.equal([]);
    });

    it('reports a list that became empty', async () => {
      const { load, calls } = fakeLoad((call) => (call >= 2 ? [] : fresh()));
      stop = pollAppointments(load, events, { intervalMs: 10, maxIntervalMs: 40 });
      await until(() => calls.length >= 4);
      expect(reports).to.have.length(2);
      expect(reports[1]).to.deep.equal({ appointments: [], changed: [] });
    });

    it('does not report again after a failure when nothing changed', async () => {
      const { load, calls } = fakeLoad((call) => {
        if (call === 2) throw new Error('blip');
        return fresh();
      });
      stop = pollAppointments(load, events, { intervalMs: 10, maxIntervalMs: 20 });
      await until(() => calls.length >= 5);
      expect(reports).to.have.length(1);
      expect(errors).to.have.length(1);
    });
  });

  describe('failures', () => {
    it('tells onError about each failure and keeps polling', async () => {
      const failures = [new Error('one'), new Error('two')];
      const { load, calls } = fakeLoad((call) => {
        if (call <= 2) throw failures[call - 1];
        return fresh();
      });
      stop = pollAppointments(load, events, { intervalMs: 10, maxIntervalMs: 40 });
      await until(() => calls.length >= 4);
      expect(errors).to.deep.equal(failures);
      expect(reports).to.have.length(1);
    });

    it('keeps polling without onError', async () => {
      const { load, calls } = fakeLoad((call) => {
        if (call === 1) throw new Error('offline');
        return fresh();
      });
      stop = pollAppointments(load, { onChange: events.onChange }, { intervalMs: 10, maxIntervalMs: 20 });
      await until(() => reports.length === 1);
      expect(calls.length).to.be.at.least(2);
    });

    it('doubles the wait after each failure, up to maxIntervalMs', async () => {
      const { load, reached } = fakeLoad(() => {
        throw new Error('down');
      });
      const waits = await waitsUntilCall({ load, reached }, { intervalMs: 25, maxIntervalMs: 100 }, 6);
      await until(() => errors.length === 6);
      // Uncapped they would be 50, 100, 200, 400, 800.
      expect(waits.slice(0, 5)).to.deep.equal([50, 100, 100, 100, 100]);
      expect(errors).to.have.length(6);
    });

    it('goes back to intervalMs after a success', async () => {
      const { load, reached } = fakeLoad((call) => {
        if (call <= 3) throw new Error('down');
        return fresh();
      });
      const waits = await waitsUntilCall({ load, reached }, { intervalMs: 25, maxIntervalMs: 100 }, 6);
      // 50, 100, 100 after the three failures, then 25 after each success.
      expect(waits.slice(0, 5)).to.deep.equal([50, 100, 100, 25, 25]);
    });

    it('never waits less than intervalMs between polls', async () => {
      const { load, reached } = fakeLoad(() => fresh());
      const waits = await waitsUntilCall({ load, reached }, { intervalMs: 30, maxIntervalMs: 120 }, 4);
      // Each poll after the first comes from a timer, and every timer asked is the interval.
      expect(waits.slice(0, 3)).to.deep.equal([30, 30, 30]);
    });

    it('makes one load at a time', async () => {
      let inFlight = 0;
      let most = 0;
      const { load, calls } = fakeLoad(async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await sleep(40);
        inFlight -= 1;
        return fresh();
      });
      stop = pollAppointments(load, events, { intervalMs: 5, maxIntervalMs: 20 });
      await until(() => calls.length >= 3);
      expect(most).to.equal(1);
    });
  });

  describe('stopping', () => {
    it('makes no more loads once unsubscribed', async () => {
      const { load, calls } = fakeLoad(() => fresh());
      stop = pollAppointments(load, events, { intervalMs: 10, maxIntervalMs: 40 });
      await until(() => reports.length === 1);
      stop();
      const before = calls.length;
      await sleep(80);
      expect(calls.length).to.equal(before);
      expect(reports).to.have.length(1);
    });

    it('aborts a load in flight and reports neither its result nor its failure', async () => {
      const { load, calls } = fakeLoad(
        (_call, signal) =>
          new Promise<Appointment[]>((_resolve, reject) => {
            signal.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
          }),
      );
      stop = pollAppointments(load, events, { intervalMs: 10, maxIntervalMs: 40 });
      await until(() => calls.length === 1);
      expect(calls[0].signal.aborted).to.equal(false);
      stop();
      expect(calls[0].signal.aborted).to.equal(true);
      await sleep(60);
      expect(calls).to.have.length(1);
      expect(reports).to.deep.equal([]);
      expect(errors).to.deep.equal([]);
    });

    it('ignores a load that finishes after unsubscribing', async () => {
      const { load, calls } = fakeLoad(async () => {
        await sleep(40);
        return fresh();
      });
      stop = pollAppointments(load, events, { intervalMs: 10, maxIntervalMs: 40 });
      await until(() => calls.length === 1);
      stop();
      await sleep(100);
      expect(reports).to.deep.equal([]);
      expect(calls).to.have.length(1);
    });

    it('stops during a back-off wait', async () => {
      const { load, calls } = fakeLoad(() => {
        throw new Error('down');
      });
      stop = pollAppointments(load, events, { intervalMs: 10, maxIntervalMs: 40 });
      await until(() => calls.length === 2);
      stop();
      await sleep(100);
      expect(calls).to.have.length(2);
      expect(errors).to.have.length(2);
    });

    it('may be called twice', async () => {
      const { load } = fakeLoad(() => fresh());
      const unsubscribe = pollAppointments(load, events, { intervalMs: 10, maxIntervalMs: 40 });
      unsubscribe();
      unsubscribe();
    });
  });

  describe('page visibility', () => {
    it('does not poll while the page is hidden', async () => {
      const { load, calls } = fakeLoad(() => fresh());
      stop = pollAppointments(load, events, { intervalMs: 10, maxIntervalMs: 40 });
      await until(() => calls.length >= 2);
      setVisibility('hidden');
      await sleep(10); // a load already under way may finish
      const hiddenAt = calls.length;
      await sleep(120);
      expect(calls.length).to.equal(hiddenAt);
    });

    it('polls at once when the page is visible again, then at the usual pace', async () => {
      const { load, calls, reached } = fakeLoad(() => fresh());
      stop = pollAppointments(load, events, { intervalMs: 300, maxIntervalMs: 1200 });
      await until(() => calls.length === 1);
      setVisibility('hidden');
      await sleep(20);
      const timers = recordWaits();
      try {
        setVisibility('visible');
        expect(calls, 'asked within the visibilitychange event itself').to.have.length(2);
        await reached(3);
      } finally {
        timers.stop();
      }
      expect(timers.waits, 'the usual interval after it').to.deep.equal([300]);
    });

    it('reports what changed while the page was hidden as soon as it is visible', async () => {
      let status: Appointment['status'] = 'unconfirmed';
      const { load } = fakeLoad(() => {
        const list = fresh();
        list[2].status = status;
        return list;
      });
      stop = pollAppointments(load, events, { intervalMs: 5000, maxIntervalMs: 5000 });
      await until(() => reports.length === 1);
      setVisibility('hidden');
      status = 'confirmed';
      setVisibility('visible');
      await until(() => reports.length === 2, 500);
      expect(ids(reports[1].changed)).to.deep.equal(['seed-2']);
    });

    it('does not schedule another poll when a load finishes while hidden', async () => {
      let release: () => void = () => {};
      const { load, calls } = fakeLoad(
        (call) =>
          new Promise<Appointment[]>((resolve) => {
            if (call === 1) release = () => resolve(fresh());
            else resolve(fresh());
          }),
      );
      stop = pollAppointments(load, events, { intervalMs: 10, maxIntervalMs: 40 });
      await until(() => calls.length === 1);
      setVisibility('hidden');
      release();
      await until(() => reports.length === 1);
      await sleep(100);
      expect(calls).to.have.length(1);
      setVisibility('visible');
      await until(() => calls.length === 2, 200);
    });

    it('stops listening for visibility once unsubscribed', async () => {
      const { load, calls } = fakeLoad(() => fresh());
      stop = pollAppointments(load, events, { intervalMs: 10, maxIntervalMs: 40 });
      await until(() => calls.length === 1);
      stop();
      setVisibility('hidden');
      setVisibility('visible');
      await sleep(60);
      expect(calls).to.have.length(1);
    });
  });
});
