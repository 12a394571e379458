/**
 * LazyAdapter: what an element with `api-base` uses, so RestAdapter's code downloads on the first
 * call instead of with the element.
 */
import { expect } from '@open-wc/testing';
import type { Appointment } from '../../src/model/schemas.js';
import { BookingError } from '../../src/adapters/errors.js';
import { LazyAdapter, type LoadedAdapter } from '../../src/adapters/lazy-adapter.js';
import { MemoryAdapter, createTestPractice, demoClientId } from '../../src/testing/index.js';
import { rejection, until } from '../support/async.js';

/** A LazyAdapter over a MemoryAdapter, counting its loads; `fail` makes the next loads fail. */
function counted() {
  const { practice } = createTestPractice();
  const real: LoadedAdapter = new MemoryAdapter({ practice, clientId: demoClientId });
  const counts = { loads: 0, fail: false };
  const lazy = new LazyAdapter(async () => {
    counts.loads++;
    if (counts.fail) throw new TypeError('Failed to fetch dynamically imported module');
    return real;
  });
  return { lazy, real, practice, counts };
}

describe('LazyAdapter', () => {
  it('loads nothing until it is first called, then once for every call', async () => {
    const { lazy, real, counts } = counted();
    expect(counts.loads).to.equal(0);
    const [providers, locations] = await Promise.all([lazy.listProviders(), lazy.listLocations('dr-chen')]);
    await lazy.listServices('dr-chen', 'riverside');
    expect(counts.loads).to.equal(1);
    expect(providers).to.deep.equal(await real.listProviders());
    expect(locations).to.deep.equal(await real.listLocations('dr-chen'));
  });

  it('answers a failed download with a network error, and downloads again on the next call', async () => {
    const { lazy, counts } = counted();
    counts.fail = true;
    const error = await rejection(lazy.listProviders());
    expect(error).to.be.instanceOf(BookingError);
    expect(error.code).to.equal('network');
    expect(error.retryable).to.equal(true);
    counts.fail = false;
    expect(await lazy.listProviders()).to.have.length(3);
    expect(counts.loads).to.equal(2);
  });

  it('watches through the loaded adapter once it is there', async () => {
    const { lazy } = counted();
    const seen: Appointment[][] = [];
    const stop = lazy.watchAppointments({ onChange: (appointments) => seen.push(appointments) });
    try {
      await until(() => seen.length > 0);
      expect(seen[0].map((appointment) => appointment.id)).to.deep.equal(['seed-3', 'seed-1', 'seed-2']);
    } finally {
      stop();
    }
  });

  it('never starts a watch stopped before the download ends', async () => {
    const { lazy, practice, counts } = counted();
    let changes = 0;
    const stop = lazy.watchAppointments({ onChange: () => changes++ });
    stop();
    await lazy.listProviders();
    practice.confirm('seed-2');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(changes).to.equal(0);
    expect(counts.loads).to.equal(1);
  });

  it('tells a watcher when the download fails', async () => {
    const { lazy, counts } = counted();
    counts.fail = true;
    const errors: unknown[] = [];
    const stop = lazy.watchAppointments({ onChange: () => undefined, onError: (error) => errors.push(error) });
    await until(() => errors.length > 0);
    stop();
    expect((errors[0] as BookingError).code).to.equal('network');
  });
});
