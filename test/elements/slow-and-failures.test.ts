/**
 * Slow is not failed, and failures are told twice: a long wait is said and waited out; a call
 * fails at the host's `request-timeout`, whatever adapter is in use; the person reads plain words
 * while the host hears everything in `ss-error`.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/elements/appointment-status/appointment-status.js';
import '../../src/elements/self-schedule-form/self-schedule-form.js';
import type { AppointmentWatchEvents, AvailabilityQuery, CallOptions, Unsubscribe } from '../../src/adapters/booking-adapter.js';
import { BookingError } from '../../src/adapters/errors.js';
import { MemoryAdapter } from '../../src/adapters/memory/memory-adapter.js';
import type { AppointmentStatusElement } from '../../src/elements/appointment-status/appointment-status.js';
import type { BookingFailureEvent } from '../../src/elements/shared/failure.events.js';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import type { Availability, Provider } from '../../src/model/schemas.js';
import { alex, buttonIn, rootOf, text, zone } from '../support/element-driver.js';
import { NOW, createTestPractice } from '../support/fixtures.js';
import { upcomingIds } from '../support/status-driver.js';

/** A MemoryAdapter whose watch brings the list only when the test says. */
class HeldWatch extends MemoryAdapter {
  release?: () => void;
  override watchAppointments(events: AppointmentWatchEvents): Unsubscribe {
    let stop: Unsubscribe | undefined;
    this.release = () => (stop = super.watchAppointments(events));
    return () => stop?.();
  }
}

/** A MemoryAdapter that never answers for the providers (a backend that hangs). */
class HangingProviders extends MemoryAdapter {
  calls = 0;
  override listProviders(_options?: CallOptions): Promise<Provider[]> {
    this.calls += 1;
    return new Promise(() => undefined);
  }
}

const statusRegionText = (el: HTMLElement) => [...rootOf(el).querySelectorAll('[role="status"]')].map(text).join(' ');

describe('a long wait', () => {
  it('is said, then waited out: <appointment-status> keeps waiting for its list and shows it when it comes', async () => {
    const adapter = new HeldWatch({ practice: createTestPractice().practice, clientId: alex });
    const el = await fixture<AppointmentStatusElement>(
      html`<appointment-status time-zone=${zone} .now=${() => NOW} .slowAfterMs=${150} .adapter=${adapter}></appointment-status>`,
    );
    expect(statusRegionText(el)).to.contain('Loading your appointments…');
    await new Promise((resolve) => setTimeout(resolve, 60));
    await el.updateComplete;
    expect(statusRegionText(el), 'not yet long').not.to.contain('taking longer than usual');
    await waitUntil(() => statusRegionText(el).includes('This is taking longer than usual. Still waiting'), 'the long wait said', { timeout: 2000 });
    expect(rootOf(el).querySelector('[role="alert"]')?.textContent?.trim() ?? '', 'no failure').to.equal('');

    adapter.release!();
    await waitUntil(() => upcomingIds(el).length > 0, 'the list, when it comes', { timeout: 3000 });
    expect(statusRegionText(el)).not.to.contain('taking longer than usual');
  });
});

/** A MemoryAdapter whose availability arrives when the test says. */
class HeldAvailability extends MemoryAdapter {
  held: Array<() => void> = [];
  override getAvailability(query: AvailabilityQuery, options?: CallOptions): Promise<Availability> {
    return new Promise((resolve, reject) => {
      this.held.push(() => void super.getAvailability(query, options).then(resolve, reject));
    });
  }
}

describe('a slow availability answer', () => {
  it('is said to be slow in the form and waited for: the times show when it comes', async () => {
    const adapter = new HeldAvailability({ practice: createTestPractice().practice, clientId: alex });
    const el = await fixture<SelfScheduleForm>(html`<self-schedule-form
      time-zone=${zone}
      .now=${() => NOW}
      .slowAfterMs=${150}
      provider="dr-chen"
      location="riverside"
      service="individual-50"
      .adapter=${adapter}
    ></self-schedule-form>`);
    await waitUntil(() => adapter.held.length > 0, 'availability asked for', { timeout: 5000 });
    expect(statusRegionText(el)).to.contain('Loading available times…');
    await waitUntil(() => statusRegionText(el).includes('This is taking longer than usual'), 'the long wait said', { timeout: 2000 });
    expect(buttonIn(rootOf(el), 'Try again'), 'no failure offered').to.equal(undefined);
    for (const release of adapter.held.splice(0)) release();
    await waitUntil(() => rootOf(el).querySelectorAll('[part~="slot"]').length > 0 || adapter.held.length > 0, 'times, or the next week asked', { timeout: 5000 });
    for (const release of adapter.held.splice(0)) release();
    await waitUntil(() => rootOf(el).querySelectorAll('[part~="slot"]').length > 0, 'the times', { timeout: 5000 });
    expect(statusRegionText(el)).not.to.contain('taking longer than usual');
  });
});

describe('request-timeout', () => {
  it('fails a call the backend never answers at the host’s limit, in plain words with Try again, and tells the host in ss-error', async () => {
    const adapter = new HangingProviders({ practice: createTestPractice().practice, clientId: alex });
    const failed = new Promise<BookingFailureEvent>((resolve) => document.addEventListener('ss-error', resolve, { once: true }));
    const el = await fixture<SelfScheduleForm>(
      html`<self-schedule-form time-zone=${zone} .now=${() => NOW} request-timeout="0.3" .adapter=${adapter}></self-schedule-form>`,
    );
    const started = performance.now();
    const event = await failed;
    const took = performance.now() - started;
    expect(took, `failed after ${Math.round(took)} ms`).to.be.within(200, 2000);
    expect(event.operation).to.equal('listProviders');
    expect(event.error).to.be.instanceOf(BookingError);
    expect((event.error as BookingError).code).to.equal('timeout');

    await waitUntil(() => buttonIn(rootOf(el), 'Try again'), 'Try again offered', { timeout: 2000 });
    expect(text(rootOf(el))).to.match(/too long to answer/);
    buttonIn(rootOf(el), 'Try again')!.click();
    await waitUntil(() => adapter.calls === 2, 'asked again', { timeout: 2000 });
  });

  it('leaves a slow answer to the adapter’s own limit when not set: a 1 s answer arrives', async () => {
    const practice = createTestPractice().practice;
    const adapter = new MemoryAdapter({ practice, clientId: alex, latency: 1000 });
    const el = await fixture<SelfScheduleForm>(html`<self-schedule-form time-zone=${zone} .now=${() => NOW} .adapter=${adapter}></self-schedule-form>`);
    await waitUntil(() => rootOf(el).querySelectorAll('#provider-select option[value="dr-chen"]').length === 1, 'the providers, late', { timeout: 5000 });
  });
});

describe('ss-error', () => {
  it('gives the host the whole error of a failed list, while the person reads plain words', async () => {
    const practice = createTestPractice().practice;
    const serverWords = 'TypeError: Cannot read properties of undefined (reading "rows") at /srv/app/db.js:42';
    class FailingWatch extends MemoryAdapter {
      override watchAppointments(events: AppointmentWatchEvents): Unsubscribe {
        queueMicrotask(() => events.onError?.(new BookingError('server', serverWords, { status: 500, detail: serverWords })));
        return () => undefined;
      }
    }
    const adapter = new FailingWatch({ practice, clientId: alex });
    const el = document.createElement('appointment-status');
    el.now = () => NOW;
    el.adapter = adapter;
    const heard = oneEvent(el, 'ss-error') as Promise<BookingFailureEvent>;
    await fixture(html`<div>${el}</div>`);
    const event = await heard;
    expect(event.operation).to.equal('watchAppointments');
    expect((event.error as BookingError).detail).to.equal(serverWords);
    await waitUntil(() => rootOf(el).querySelector('[role="alert"] p'), 'the failure shown', { timeout: 2000 });
    expect(text(rootOf(el))).not.to.contain('TypeError');
    expect(text(rootOf(el))).not.to.contain('/srv/app');
  });
});
