/**
 * pollAppointments with a fake `load`: what it reports, how it backs off after failures, how it
 * stops, and how it rests while the page is hidden.
 */
import { expect } from '@open-wc/testing';
import type { Unsubscribe } from '../../src/adapters/booking-adapter.js';
import { type PollingOptions, pollAppointments, pollingFor } from '../../src/adapters/polling.js';
import { AppointmentList, watchLive } from '../../src/adapters/live-watch.js';
import type { EventStreamHandlers } from '../../src/adapters/rest/event-stream.js';
import type { Appointment } from '../../src/model/schemas.js';
import { demoClientId } from '../../mock-api/demo-practice.js';
import { createTestPractice } from '../support/fixtures.js';
import { recordWaits, sleep, until } from '../support/async.js';

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

describe('pollingFor', () => {
  const adapterPace: PollingOptions = { intervalMs: 30_000, maxIntervalMs: 300_000 };

  it('takes a watch’s own interval, and the adapter’s without one', () => {
    expect(pollingFor(adapterPace, { pollIntervalMs: 5000 })).to.deep.equal({ intervalMs: 5000, maxIntervalMs: 300_000 });
    expect(pollingFor(adapterPace, {})).to.deep.equal(adapterPace);
    expect(pollingFor(adapterPace)).to.deep.equal(adapterPace);
  });

  it('never backs off to less than the watch’s interval', () => {
    expect(pollingFor(adapterPace, { pollIntervalMs: 600_000 })).to.deep.equal({ intervalMs: 600_000, maxIntervalMs: 600_000 });
  });

  it('ignores an interval that would spin or never fire (0, negative, NaN, Infinity)', () => {
    for (const pollIntervalMs of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(pollingFor(adapterPace, { pollIntervalMs }), String(pollIntervalMs)).to.deep.equal(adapterPace);
    }
  });
});

describe('watchLive', () => {
  /** A stream the test drives by hand: the handlers watchLive gave it, and whether it was stopped. */
  function handStream() {
    const stream: { handlers?: EventStreamHandlers; stopped: boolean } = { stopped: false };
    const follow = (handlers: EventStreamHandlers) => {
      stream.handlers = handlers;
      return () => void (stream.stopped = true);
    };
    return { stream, follow };
  }
  const ready = { type: 'ready', data: '{}', lastEventId: '' };

  it('polls only once the stream turns out not to be offered, and stops the poller with the watch', () => {
    const { stream, follow } = handStream();
    let polls = 0;
    let pollerStopped = false;
    const stop = watchLive({
      follow,
      load: async () => [],
      onList: () => {},
      onError: () => {},
      poll: () => {
        polls++;
        return () => void (pollerStopped = true);
      },
      retry: { intervalMs: 10, maxIntervalMs: 40 },
    });
    expect(polls).to.equal(0);
    stream.handlers!.onNotOffered(404);
    stream.handlers!.onNotOffered(404);
    expect(polls).to.equal(1);
    stop();
    expect([pollerStopped, stream.stopped]).to.deep.equal([true, true]);
  });

  it('polls while the stream is not live: from pollAfterMs without ready, until ready, and again after it closes', async () => {
    const { stream, follow } = handStream();
    const pollers: Array<{ stopped: boolean }> = [];
    let loads = 0;
    const stop = watchLive({
      follow,
      load: async () => {
        loads++;
        return [];
      },
      onList: () => {},
      onError: () => {},
      poll: () => {
        const poller = { stopped: false };
        pollers.push(poller);
        return () => void (poller.stopped = true);
      },
      retry: { intervalMs: 10, maxIntervalMs: 40 },
      pollAfterMs: 40,
    });
    try {
      await sleep(15);
      expect(pollers, 'not yet: the stream may still say ready').to.have.length(0);
      await until(() => pollers.length === 1, 500);
      stream.handlers!.onEvent(ready);
      expect(pollers[0].stopped, 'live: polling stops').to.equal(true);
      expect(loads, 'the list is loaded after ready').to.equal(1);
      stream.handlers!.onClosed!();
      stream.handlers!.onError(new Error('refused'));
      await until(() => pollers.length === 2, 500);
      await sleep(60);
      expect(pollers, 'one poller at a time').to.have.length(2);
    } finally {
      stop();
    }
    expect(pollers[1].stopped).to.equal(true);
  });

  it('does not poll when ready comes within pollAfterMs', async () => {
    const { stream, follow } = handStream();
    let polls = 0;
    const stop = watchLive({
      follow,
      load: async () => [],
      onList: () => {},
      onError: () => {},
      poll: () => {
        polls++;
        return () => {};
      },
      retry: { intervalMs: 10, maxIntervalMs: 40 },
      pollAfterMs: 40,
    });
    stream.handlers!.onEvent(ready);
    await sleep(80);
    stop();
    expect(polls).to.equal(0);
  });

  it('reports a failed list and loads it again after the retry interval', async () => {
    const { stream, follow } = handStream();
    const errors: unknown[] = [];
    const lists: string[][] = [];
    let loads = 0;
    const stop = watchLive({
      follow,
      load: async () => {
        loads++;
        if (loads === 1) throw new Error('down');
        return ['a'];
      },
      onList: (list) => lists.push(list),
      onError: (error) => errors.push(error),
      poll: () => () => {},
      retry: { intervalMs: 20, maxIntervalMs: 40 },
    });
    try {
      stream.handlers!.onEvent(ready);
      await until(() => lists.length === 1, 500);
      expect(errors).to.have.length(1);
      expect(loads).to.equal(2);
    } finally {
      stop();
    }
  });

  it('reports what an event handler throws, and takes the next event', () => {
    const { stream, follow } = handStream();
    const errors: unknown[] = [];
    const taken: string[] = [];
    const stop = watchLive({
      follow,
      load: async () => [],
      onList: () => {},
      onAppointment: (data) => {
        if (data === 'bad') throw new Error('malformed');
        taken.push(data);
      },
      onError: (error) => errors.push(error),
      poll: () => () => {},
      retry: { intervalMs: 20, maxIntervalMs: 40 },
    });
    stream.handlers!.onEvent({ type: 'appointment', data: 'bad', lastEventId: '1' });
    stream.handlers!.onEvent({ type: 'appointment', data: 'good', lastEventId: '2' });
    stream.handlers!.onEvent({ type: 'something-else', data: 'ignored', lastEventId: '3' });
    stop();
    expect(taken).to.deep.equal(['good']);
    expect(errors).to.have.length(1);
  });
});

describe('AppointmentList', () => {
  const [first, second] = alexAppointments;
  const later = (appointment: Appointment, minutes: number): Appointment => ({
    ...appointment,
    status: 'confirmed',
    updatedAt: new Date(Date.parse(appointment.updatedAt) + minutes * 60_000).toISOString(),
  });

  it('holds an event that comes before the first list, and reports it with that list only if newer', () => {
    const list = new AppointmentList();
    expect(list.merge(later(second, 5))).to.equal(undefined);
    const report = list.replace(structuredClone(alexAppointments));
    expect(report?.appointments.find((a) => a.id === second.id)?.status).to.equal('confirmed');
  });

  it('lets a list loaded after an event stand (the list knows it)', () => {
    const list = new AppointmentList();
    list.replace(structuredClone(alexAppointments));
    list.merge(later(second, 5));
    list.loadStarted();
    const report = list.replace(structuredClone(alexAppointments).filter((a) => a.id !== second.id));
    expect(report?.appointments.map((a) => a.id)).not.to.include(second.id);
  });

  it('ignores an event older than the version it has, or the same as it', () => {
    const list = new AppointmentList();
    list.replace(structuredClone(alexAppointments));
    expect(list.merge(later({ ...first, status: 'cancelled' }, -1)), 'a millisecond older').to.equal(undefined);
    expect(list.merge(structuredClone(first)), 'the same').to.equal(undefined);
  });

  it('takes an event with the same updatedAt but other content: events come in the order of the changes', () => {
    const list = new AppointmentList();
    list.replace(structuredClone(alexAppointments));
    const report = list.merge({ ...first, status: 'cancelled' });
    expect(report?.changed.map((appointment) => appointment.status)).to.deep.equal(['cancelled']);
    // And a load that began before it, answering the version before, does not undo it.
    list.loadStarted();
    list.merge({ ...first, status: 'declined' });
    expect(list.replace(structuredClone(alexAppointments)), 'the older answer changes nothing: declined stands').to.equal(undefined);
    const next = list.merge(later({ ...first, status: 'confirmed' }, 1));
    expect(next?.appointments.filter((appointment) => appointment.id === first.id).map((appointment) => appointment.status)).to.deep.equal(['confirmed']);
  });
});
