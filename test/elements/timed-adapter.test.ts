/**
 * An element's timing of its calls (timed-adapter.ts): a long wait is said and waited out, the
 * host's time limit holds whatever the adapter does, and every failure is reported in full.
 */
import { expect } from '@open-wc/testing';
import type { CallOptions } from '../../src/adapters/booking-adapter.js';
import { BookingError } from '../../src/adapters/errors.js';
import { MemoryAdapter } from '../../src/adapters/memory/memory-adapter.js';
import type { Provider } from '../../src/model/schemas.js';
import { type AdapterOperation, TimedAdapter, untimed } from '../../src/elements/shared/timed-adapter.js';
import { alex } from '../support/element-driver.js';
import { createTestPractice } from '../support/fixtures.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A MemoryAdapter whose providers arrive when the test says, seeing the options each call got. */
class HeldProviders extends MemoryAdapter {
  release?: () => void;
  seen?: CallOptions;
  override listProviders(options?: CallOptions): Promise<Provider[]> {
    this.seen = options;
    return new Promise((resolve) => (this.release = () => resolve(super.listProviders())));
  }
}

function timed(inner: MemoryAdapter, { slowAfterMs = 100, timeoutMs }: { slowAfterMs?: number; timeoutMs?: number } = {}) {
  const slowChanges: boolean[] = [];
  const failures: Array<{ error: unknown; operation: AdapterOperation }> = [];
  const adapter = new TimedAdapter(inner, {
    slowAfterMs: () => slowAfterMs,
    timeoutMs: () => timeoutMs,
    slowChanged: (slow) => slowChanges.push(slow),
    failed: (error, operation) => failures.push({ error, operation }),
  });
  return { adapter, slowChanges, failures };
}

const practiceAdapter = () => new HeldProviders({ practice: createTestPractice().practice, clientId: alex });

describe('TimedAdapter', () => {
  it('says a call is slow only once it has waited longer than slowAfterMs, and waits on for the answer', async () => {
    const inner = practiceAdapter();
    const { adapter, slowChanges, failures } = timed(inner, { slowAfterMs: 100 });
    const answer = adapter.listProviders();
    await sleep(50);
    expect(slowChanges, 'not slow at half the time').to.deep.equal([]);
    await sleep(110);
    expect(slowChanges, 'slow after it').to.deep.equal([true]);
    inner.release!();
    expect((await answer).map((provider) => provider.id)).to.include('dr-chen');
    expect(slowChanges, 'no longer slow once answered').to.deep.equal([true, false]);
    expect(failures).to.deep.equal([]);
  });

  it('fails a call as a timeout at the host’s limit even when the adapter never answers, and reports it', async () => {
    const inner = practiceAdapter();
    const { adapter, failures } = timed(inner, { timeoutMs: 150 });
    let settled = false;
    const answer = adapter.listProviders().finally(() => (settled = true));
    answer.catch(() => undefined);
    await sleep(100);
    expect(settled, 'still waiting before the limit').to.equal(false);
    expect(inner.seen?.timeoutMs, 'the limit is passed on to the adapter').to.equal(150);
    const error = await answer.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).to.be.instanceOf(BookingError);
    expect((error as BookingError).code).to.equal('timeout');
    expect(inner.seen?.signal?.aborted, 'the adapter’s call is aborted').to.equal(true);
    expect(failures.map((failure) => failure.operation)).to.deep.equal(['listProviders']);
  });

  it('reports a failure with the adapter’s own error, but not a call its caller aborted', async () => {
    const inner = practiceAdapter();
    const refused = new BookingError('server', 'The practice’s booking system had a problem.', { status: 500 });
    inner.listLocations = () => Promise.reject(refused);
    const { adapter, failures } = timed(inner);
    await adapter.listLocations('dr-chen').catch(() => undefined);
    expect(failures).to.deep.equal([{ error: refused, operation: 'listLocations' }]);

    const controller = new AbortController();
    const aborted = adapter.listProviders({ signal: controller.signal });
    controller.abort();
    const error = await aborted.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect((error as BookingError).code).to.equal('aborted');
    expect(failures, 'an abort is no failure').to.have.length(1);
  });

  it('offers the dry run only when the adapter does, and knows the adapter it times', () => {
    const inner = practiceAdapter();
    expect(typeof timed(inner).adapter.validateRequest).to.equal('function');
    const withoutDryRun = practiceAdapter();
    Object.defineProperty(withoutDryRun, 'validateRequest', { value: undefined });
    const { adapter } = timed(withoutDryRun);
    expect(adapter.validateRequest).to.equal(undefined);
    expect(untimed(adapter)).to.equal(withoutDryRun);
    expect(untimed(inner)).to.equal(inner);
  });
});
