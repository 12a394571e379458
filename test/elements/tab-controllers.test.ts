/**
 * The controllers and helpers the Appointments and Calendar tabs are made of, each on a tiny host
 * element (no FullCalendar, no form): the appointments watch, the cancel flow, the narrow layout,
 * and where focus goes when a dialog closes. The tabs' own tests cover them as a person sees them;
 * these say what each promises, fast.
 *
 * The practice is the demo practice on the fixed test clock: Alex has seed-1 (Confirmed, Dr. Chen),
 * seed-2 (Unconfirmed, Jordan Alvarez) and seed-3 (over).
 */
import { expect, fixture, fixtureCleanup, html, nextFrame } from '@open-wc/testing';
import { LitElement, type TemplateResult } from 'lit';
import type { AppointmentWatchEvents, BookingAdapter, CancelOptions } from '../../src/adapters/booking-adapter.js';
import { BookingError } from '../../src/adapters/errors.js';
import { MemoryAdapter } from '../../src/adapters/memory/memory-adapter.js';
import type { AppointmentChangeEvent, AppointmentStatusChangeEvent } from '../../src/elements/appointment-status/appointment-status.events.js';
import { appointmentsViewStrings } from '../../src/elements/shared/appointments-view.strings.js';
import { AppointmentsWatch } from '../../src/elements/shared/appointments-watch.js';
import { CancelFlow } from '../../src/elements/shared/cancel-flow.js';
import { FocusReturn, showModalWhile } from '../../src/elements/shared/dialogs.js';
import { NarrowLayout } from '../../src/elements/shared/narrow-layout.js';
import type { Appointment, Provider } from '../../src/model/schemas.js';
import { alex, networkError } from '../support/element-driver.js';
import { createTestPractice } from '../support/fixtures.js';

/** A MemoryAdapter whose watch the test drives by hand, and whose providers and cancellations it steers. */
class HandAdapter extends MemoryAdapter {
  readonly watches: AppointmentWatchEvents[] = [];
  stopped = 0;
  providers?: () => Promise<Provider[]>;
  readonly cancelKeys: string[] = [];
  cancelFailure?: BookingError;

  override watchAppointments(events: AppointmentWatchEvents): () => void {
    this.watches.push(events);
    return () => {
      this.stopped += 1;
    };
  }

  override listProviders(): Promise<Provider[]> {
    return this.providers?.() ?? super.listProviders();
  }

  override async cancelAppointment(id: string, options: CancelOptions): Promise<Appointment> {
    this.cancelKeys.push(options.idempotencyKey);
    const failure = this.cancelFailure;
    this.cancelFailure = undefined;
    if (failure) throw failure;
    return super.cancelAppointment(id, options);
  }

  /** The last watch's events. */
  get events(): AppointmentWatchEvents {
    return this.watches.at(-1)!;
  }

  /** The last watch delivers `appointments`, all of them news. */
  deliver(appointments: Appointment[]): void {
    this.events.onChange(appointments, appointments);
  }
}

async function alexAdapter(): Promise<{ adapter: HandAdapter; appointments: Appointment[] }> {
  const { practice } = createTestPractice();
  const adapter = new HandAdapter({ practice, clientId: alex });
  const appointments = await new MemoryAdapter({ practice, clientId: alex }).listAppointments();
  return { adapter, appointments };
}

const byId = (appointments: Appointment[], id: string) => appointments.find((appointment) => appointment.id === id)!;
const later = (appointment: Appointment, changes: Partial<Appointment>): Appointment => ({
  ...appointment,
  ...changes,
  updatedAt: new Date(Date.parse(appointment.updatedAt) + 60_000).toISOString(),
});

// ---- a host for the watch and the cancel flow ------------------------------------------------------

class TabHost extends LitElement {
  static override properties = { adapter: { attribute: false } };
  adapter?: BookingAdapter;
  readonly heard: Array<{ hook: string; id?: string }> = [];
  refused = false;

  readonly watch = new AppointmentsWatch(this, {
    adapter: () => this.adapter,
    words: () => appointmentsViewStrings,
    when: (instant) => instant.slice(0, 10),
    signIn: { satisfied: () => false },
    needsSignIn: (error) => {
      this.heard.push({ hook: 'needsSignIn' });
      return this.refused && error instanceof BookingError;
    },
    statusChanged: (appointment) => this.heard.push({ hook: 'statusChanged', id: appointment.id }),
    forget: () => this.heard.push({ hook: 'forget' }),
  });

  readonly cancel = new CancelFlow(this, this.watch);

  override render(): TemplateResult {
    return html`<p>${this.watch.list.state}</p>`;
  }
}
customElements.define('tab-controllers-host', TabHost);

async function mountHost(adapter: BookingAdapter | undefined): Promise<TabHost> {
  const el = await fixture<TabHost>(html`<tab-controllers-host .adapter=${adapter}></tab-controllers-host>`);
  await el.updateComplete;
  return el;
}

const shown = (el: TabHost) => el.shadowRoot!.textContent!.trim();
const ids = (el: TabHost) => el.watch.appointments.map((appointment) => appointment.id).sort();

describe('AppointmentsWatch', () => {
  afterEach(() => fixtureCleanup());

  it('watches from the first update, renders the list it brings, stops when disconnected and watches again, keeping the list, when back', async () => {
    const { adapter, appointments } = await alexAdapter();
    const el = await mountHost(adapter);
    expect(adapter.watches).to.have.length(1);
    expect(shown(el)).to.equal('pending');

    adapter.deliver(appointments);
    await el.updateComplete;
    expect(shown(el)).to.equal('ready');
    expect(ids(el)).to.deep.equal(['seed-1', 'seed-2', 'seed-3']);

    const parent = el.parentElement!;
    el.remove();
    expect(adapter.stopped).to.equal(1);
    parent.append(el);
    await el.updateComplete;
    expect(adapter.watches).to.have.length(2);
    expect(shown(el), 'the same adapter: the list stays meanwhile').to.equal('ready');
  });

  it('starts afresh with another adapter, and ignores what the earlier watch still says', async () => {
    const first = await alexAdapter();
    const el = await mountHost(first.adapter);
    first.adapter.deliver(first.appointments);
    const second = await alexAdapter();
    el.adapter = second.adapter;
    await el.updateComplete;
    expect(shown(el)).to.equal('pending');
    expect(el.heard.filter((h) => h.hook === 'forget')).to.have.length(2);
    expect(first.adapter.stopped).to.equal(1);

    first.adapter.deliver(first.appointments);
    await el.updateComplete;
    expect(shown(el), "the earlier adapter's answer is dropped").to.equal('pending');
  });

  it('announces a status change, tells the host before, and fires ss-status-change', async () => {
    const { adapter, appointments } = await alexAdapter();
    const el = await mountHost(adapter);
    adapter.deliver(appointments);
    const changes: AppointmentStatusChangeEvent[] = [];
    el.addEventListener('ss-status-change', (event) => changes.push(event));

    const confirmed = later(byId(appointments, 'seed-2'), { status: 'confirmed' });
    adapter.deliver(appointments.map((appointment) => (appointment.id === 'seed-2' ? confirmed : appointment)));
    expect(el.watch.notices).to.have.length(1);
    expect(el.watch.notices[0]).to.contain('is now Confirmed');
    expect(el.heard.at(-1)).to.deep.equal({ hook: 'statusChanged', id: 'seed-2' });
    expect(changes.map((event) => [event.appointment.id, event.previousStatus])).to.deep.equal([['seed-2', 'unconfirmed']]);
  });

  it('keeps a version learnt first-hand over an older one from the watch, until the watch catches up', async () => {
    const { adapter, appointments } = await alexAdapter();
    const el = await mountHost(adapter);
    adapter.deliver(appointments);
    const cancelled = later(byId(appointments, 'seed-1'), { status: 'cancelled' });
    el.watch.learn([cancelled]);
    expect(el.watch.find('seed-1')!.status).to.equal('cancelled');

    // A poll sent before the cancellation answers with the old version.
    adapter.deliver(appointments);
    expect(el.watch.find('seed-1')!.status).to.equal('cancelled');
    expect(el.watch.notices.join(' '), 'no flicker back announced').not.to.contain('is now Confirmed');

    // The watch has caught up, and moves on: its own newer version wins from now on.
    const confirmedAgain = later(cancelled, { status: 'confirmed' });
    adapter.deliver(appointments.map((appointment) => (appointment.id === 'seed-1' ? confirmedAgain : appointment)));
    expect(el.watch.find('seed-1')!.status).to.equal('confirmed');
  });

  it('says a request or a change sent through the form in its own words, and fires ss-appointment-change for a change only', async () => {
    const { adapter, appointments } = await alexAdapter();
    const el = await mountHost(adapter);
    adapter.deliver(appointments);
    const moved: AppointmentChangeEvent[] = [];
    el.addEventListener('ss-appointment-change', (event) => moved.push(event));
    const seed2 = byId(appointments, 'seed-2');

    const request = { ...seed2, id: 'new-1' };
    el.watch.submitted(request, undefined);
    expect(el.watch.notices).to.deep.equal([appointmentsViewStrings.requested(seed2.provider.name, seed2.start.slice(0, 10), 'Unconfirmed')]);
    expect(moved).to.have.length(0);

    const change = later(seed2, { start: '2026-12-10T22:00:00.000Z', end: '2026-12-10T22:25:00.000Z' });
    el.watch.submitted(change, seed2);
    expect(el.watch.notices).to.deep.equal([appointmentsViewStrings.changed(seed2.provider.name, '2026-12-10', 'Unconfirmed')]);
    expect(moved.map((event) => [event.appointment.start, event.previous.start])).to.deep.equal([[change.start, seed2.start]]);
  });

  it('keeps a loaded list when a refresh fails, and Try again watches afresh', async () => {
    const { adapter, appointments } = await alexAdapter();
    const el = await mountHost(adapter);
    adapter.events.onError?.(networkError());
    await el.updateComplete;
    expect(shown(el)).to.equal('error');
    expect(el.heard.some((h) => h.hook === 'needsSignIn')).to.equal(true);

    el.watch.retry();
    await el.updateComplete;
    expect(shown(el)).to.equal('pending');
    expect(adapter.watches).to.have.length(2);
    adapter.deliver(appointments);

    adapter.events.onError?.(networkError());
    expect(el.watch.list.state).to.equal('ready');
    expect(el.watch.refreshError).to.be.instanceOf(BookingError);
    adapter.deliver(appointments);
    expect(el.watch.refreshError).to.equal(undefined);
  });

  it('offers New Appointment and Change only where the therapist self-schedules, and asks again who does on Try again after a failure', async () => {
    const { adapter, appointments } = await alexAdapter();
    const failing = Promise.reject(networkError());
    failing.catch(() => undefined);
    adapter.providers = () => failing;
    const el = await mountHost(adapter);
    await el.updateComplete;
    expect(el.watch.bookable.state).to.equal('error');
    expect(el.watch.offersNew).to.equal(false);
    // Not knowing, Change is not withheld.
    expect(el.watch.canChange(byId(appointments, 'seed-1'))).to.equal(true);

    expect(byId(appointments, 'seed-2').manage.canChange, 'changeable but for its therapist').to.equal(true);
    const chen = byId(appointments, 'seed-1').provider;
    adapter.providers = () => Promise.resolve([{ ...chen, selfScheduling: true }]);
    el.watch.retry();
    await new Promise((resolve) => setTimeout(resolve));
    expect(el.watch.offersNew).to.equal(true);
    expect(el.watch.canChange(byId(appointments, 'seed-1'))).to.equal(true);
    expect(el.watch.canChange(byId(appointments, 'seed-2')), "Jordan Alvarez does not take requests online").to.equal(false);
  });
});

describe('CancelFlow', () => {
  afterEach(() => fixtureCleanup());

  it('sends one call at a time, keeps the key for Try again after a failure, and a fresh one for the next intention', async () => {
    const { adapter, appointments } = await alexAdapter();
    const el = await mountHost(adapter);
    adapter.deliver(appointments);
    const seed1 = byId(appointments, 'seed-1');
    const failed: Event[] = [];
    el.addEventListener('ss-appointment-cancel-fail', (event) => failed.push(event));

    adapter.cancelFailure = networkError();
    expect(await el.cancel.send(seed1)).to.equal(undefined);
    expect(el.cancel.error).to.deep.equal({ message: networkError().message, retryable: true });
    expect(failed).to.have.length(1);

    const sending = el.cancel.send(seed1);
    expect(el.cancel.sending).to.equal(true);
    expect(await el.cancel.send(seed1), 'a second press while sending').to.equal(undefined);
    const cancelled = await sending;
    expect(cancelled?.status).to.equal('cancelled');
    expect(el.cancel.sending).to.equal(false);
    expect(el.cancel.error).to.equal(undefined);
    expect(el.watch.find('seed-1')!.status, 'shown at once').to.equal('cancelled');
    expect(adapter.cancelKeys).to.have.length(2);
    expect(adapter.cancelKeys[1], 'Try again sends the same intention').to.equal(adapter.cancelKeys[0]);

    await el.cancel.send(byId(appointments, 'seed-2'));
    expect(adapter.cancelKeys[2]).not.to.equal(adapter.cancelKeys[0]);
  });

  it('makes a new key for another adapter, and reset() clears the error', async () => {
    const first = await alexAdapter();
    const el = await mountHost(first.adapter);
    const seed1 = byId(first.appointments, 'seed-1');
    first.adapter.cancelFailure = networkError();
    await el.cancel.send(seed1);
    el.cancel.reset();
    expect(el.cancel.error).to.equal(undefined);

    const second = await alexAdapter();
    el.adapter = second.adapter;
    await el.cancel.send(seed1);
    expect(second.adapter.cancelKeys[0]).not.to.equal(first.adapter.cancelKeys[0]);
  });
});

// ---- the narrow layout -----------------------------------------------------------------------------

class LayoutHost extends LitElement {
  readonly layout = new NarrowLayout(this, 640);
  renders = 0;
  override render(): TemplateResult {
    this.renders += 1;
    return html`${this.layout.narrow ? 'narrow' : 'wide'}`;
  }
}
customElements.define('narrow-layout-host', LayoutHost);

describe('NarrowLayout', () => {
  afterEach(() => fixtureCleanup());

  it('is measured before the first render, and again in the frame after a window resize', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 400px"><narrow-layout-host style="display: block"></narrow-layout-host></div>`);
    const el = wrapper.querySelector<LayoutHost>('narrow-layout-host')!;
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('narrow');
    expect(el.renders, 'right the first time').to.equal(1);

    wrapper.style.width = '800px';
    window.dispatchEvent(new Event('resize'));
    expect(el.layout.narrow, 'not before the next frame').to.equal(true);
    await nextFrame();
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.equal('wide');
  });

  it('stops listening, and drops a measure not yet made, once disconnected', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 800px"><narrow-layout-host style="display: block"></narrow-layout-host></div>`);
    const el = wrapper.querySelector<LayoutHost>('narrow-layout-host')!;
    await el.updateComplete;

    window.dispatchEvent(new Event('resize'));
    el.remove();
    wrapper.style.width = '400px';
    wrapper.append(el);
    await nextFrame();
    expect(el.layout.narrow, 'the frame asked for before leaving the page').to.equal(false);

    el.remove();
    window.dispatchEvent(new Event('resize'));
    wrapper.append(el);
    await nextFrame();
    expect(el.layout.narrow, 'a resize while away').to.equal(false);

    window.dispatchEvent(new Event('resize'));
    await nextFrame();
    expect(el.layout.narrow, 'back, it hears resizes again').to.equal(true);
  });
});

// ---- dialogs ---------------------------------------------------------------------------------------

describe('showModalWhile and FocusReturn', () => {
  afterEach(() => fixtureCleanup());

  async function page(): Promise<{ root: HTMLElement; dialog: HTMLDialogElement; opener: HTMLButtonElement; find: (id: string) => HTMLElement | null }> {
    const root = await fixture<HTMLDivElement>(html`<div>
      <button id="opener">Open</button>
      <h4 id="appointment-a" tabindex="-1">A</h4>
      <h4 id="appointment-b" tabindex="-1">B</h4>
      <dialog><button>Inside</button></dialog>
    </div>`);
    const find = (id: string) => root.querySelector<HTMLElement>(`#appointment-${id}`);
    return { root, dialog: root.querySelector('dialog')!, opener: root.querySelector<HTMLButtonElement>('#opener')!, find };
  }

  it('opens a dialog as a modal and closes it, doing nothing when it already is as asked', async () => {
    const { dialog } = await page();
    showModalWhile(dialog, true);
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    showModalWhile(dialog, true);
    showModalWhile(dialog, false);
    expect(dialog.open).to.equal(false);
    showModalWhile(undefined, true);
  });

  it('focuses the appointment the dialog ended on, else the opener, else the fallback', async () => {
    const { opener, find } = await page();
    const focus = new FocusReturn(find);

    focus.openedFrom(opener);
    focus.endOn('a');
    focus.restore();
    expect(document.activeElement).to.equal(find('a'));

    focus.openedFrom(opener);
    focus.restore('b');
    expect(document.activeElement, 'the opener, still there').to.equal(opener);

    focus.openedFrom(opener);
    opener.remove();
    focus.restore('b');
    expect(document.activeElement, 'the opener gone: the fallback').to.equal(find('b'));
  });

  it('brings the target into view even where it has focus already (a dialog hands focus back without scrolling)', async () => {
    const { root, find } = await page();
    root.prepend(Object.assign(document.createElement('div'), { style: 'height: 3000px' }));
    const target = find('a')!;
    target.focus({ preventScroll: true });
    expect(target.getBoundingClientRect().top, 'out of view').to.be.greaterThan(window.innerHeight);
    const focus = new FocusReturn(find);
    focus.endOn('a');
    focus.restore();
    const { top, bottom } = target.getBoundingClientRect();
    // Brought to the nearest edge, give or take a sub-pixel.
    expect(top >= 0 && bottom <= window.innerHeight + 1, 'in view').to.equal(true);
  });

  it('works the target out once `settled` resolves, and forget() leaves focus alone', async () => {
    const { opener, find } = await page();
    const focus = new FocusReturn(find);
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    focus.openedFrom(opener);
    focus.endOn('c');
    focus.restore(undefined, settled);
    // The element of 'c' arrives with the update.
    const c = Object.assign(document.createElement('h4'), { id: 'appointment-c', tabIndex: -1 });
    opener.after(c);
    settle();
    await settled;
    expect(document.activeElement).to.equal(c);

    focus.openedFrom(opener);
    focus.forget();
    focus.restore();
    expect(document.activeElement, 'nothing to go back to').to.equal(c);
  });
});
