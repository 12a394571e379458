/**
 * Mounting the three elements for the accessibility tests, on the demo practice and the fixed test
 * clock (Tuesday 1 December 2026, 10:00 in New York: Alex has seed-1, Confirmed, Monday 7 December
 * 10:00 with Dr. Chen at Riverside; seed-2, Unconfirmed, Wednesday 9 December 17:00 with Jordan
 * Alvarez by telehealth; seed-3, over), through an adapter whose calls a test can hold back or
 * fail, to reach every state a person can see. The tabs' mounting and queries are their test
 * drivers' (test/support/status-driver.ts, calendar-driver.ts), re-exported here.
 */
import { fixture, html } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../src/elements/self-schedule-form/self-schedule-form.js';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import type {
  AppointmentQuery,
  AppointmentWatchEvents,
  AvailabilityQuery,
  BookingAdapter,
  CallOptions,
  CancelOptions,
  Unsubscribe,
  WriteOptions,
} from '../../src/adapters/booking-adapter.js';
import type { BookingError } from '../../src/adapters/errors.js';
import { until } from './support.js';
import { MemoryAdapter } from '../../src/adapters/memory/memory-adapter.js';
import type { Practice } from '../../src/adapters/memory/practice.js';
import type { PracticeData } from '../../src/adapters/memory/practice-data.js';
import type { AppointmentRequest } from '../../src/model/schemas.js';
import { type AdapterMethod, alex, buttonIn, networkError, text, zone } from '../support/element-driver.js';
import { NOW } from '../support/fixtures.js';
import { deferred, makePractice } from '../support/grid-helpers.js';
import { field, slotAt, slots } from '../support/form-driver.js';

export { alex, buttonIn, networkError, text, zone };

type Method =
  | AdapterMethod
  | 'changeAppointment'
  | 'cancelAppointment'
  /** A list delivered by watchAppointments. */
  | 'watch';

/**
 * Wraps an adapter so that a test can hold the next call to a method until it lets it go (to see
 * a loading or sending state), or fail it (to see an error state).
 */
export class ControlledAdapter implements BookingAdapter {
  private readonly holds = new Map<Method, Array<Promise<void>>>();
  private readonly failures = new Map<Method, BookingError[]>();
  readonly calls: Method[] = [];

  constructor(readonly inner: MemoryAdapter) {}

  /** The next call to `method` waits until the returned function is called. */
  holdNext(method: Method): () => void {
    const gate = deferred<void>();
    this.holds.set(method, [...(this.holds.get(method) ?? []), gate.promise]);
    return () => gate.resolve();
  }

  /** The next call to `method` rejects with `error`. */
  failNext(method: Method, error: BookingError = networkError()): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
  }

  private async gate<T>(method: Method, act: () => Promise<T>): Promise<T> {
    this.calls.push(method);
    const hold = this.holds.get(method)?.shift();
    if (hold) await hold;
    const failure = this.failures.get(method)?.shift();
    if (failure) throw failure;
    return act();
  }

  listProviders(options?: CallOptions) {
    return this.gate('listProviders', () => this.inner.listProviders(options));
  }

  listLocations(providerId: string, options?: CallOptions) {
    return this.gate('listLocations', () => this.inner.listLocations(providerId, options));
  }

  listServices(providerId: string, locationId: string, options?: CallOptions) {
    return this.gate('listServices', () => this.inner.listServices(providerId, locationId, options));
  }

  getAvailability(query: AvailabilityQuery, options?: CallOptions) {
    return this.gate('getAvailability', () => this.inner.getAvailability(query, options));
  }

  listAppointments(query?: AppointmentQuery, options?: CallOptions) {
    return this.gate('listAppointments', () => this.inner.listAppointments(query, options));
  }

  requestAppointment(request: AppointmentRequest, options: WriteOptions) {
    return this.gate('requestAppointment', () => this.inner.requestAppointment(request, options));
  }

  changeAppointment(id: string, request: AppointmentRequest, options: WriteOptions) {
    return this.gate('changeAppointment', () => this.inner.changeAppointment(id, request, options));
  }

  cancelAppointment(id: string, options: CancelOptions) {
    return this.gate('cancelAppointment', () => this.inner.cancelAppointment(id, options));
  }

  validateRequest(request: AppointmentRequest, options?: CallOptions) {
    return this.gate('validateRequest', () => this.inner.validateRequest(request, options));
  }

  /** The inner watch, each list it delivers passing the 'watch' gate (held, or failed into onError). */
  watchAppointments(events: AppointmentWatchEvents): Unsubscribe {
    let active = true;
    const stop = this.inner.watchAppointments({
      onChange: (appointments, changed) => {
        this.gate('watch', async () => appointments).then(
          (list) => active && events.onChange(list, changed),
          (error: unknown) => active && events.onError?.(error),
        );
      },
      onError: (error) => active && events.onError?.(error),
    });
    return () => {
      active = false;
      stop();
    };
  }
}

/** The demo practice on the test clock (optionally edited), and a controllable adapter for Alex. */
export function alexOn(edit?: (data: PracticeData) => void): { practice: Practice; adapter: ControlledAdapter } {
  const practice = makePractice(edit);
  return { practice, adapter: new ControlledAdapter(new MemoryAdapter({ practice, clientId: alex })) };
}

// ---- <self-schedule-form> -----------------------------------------------------------------------

export interface FormOptions {
  provider?: string;
  location?: string;
  service?: string;
  start?: string;
  modal?: boolean;
  appointmentsHref?: string;
}

export async function mountForm(adapter: BookingAdapter | undefined, options: FormOptions = {}): Promise<SelfScheduleForm> {
  const wrapper = await fixture<HTMLDivElement>(html`<div>
    <self-schedule-form
      .now=${() => NOW}
      time-zone=${zone}
      ?modal=${options.modal ?? false}
      provider=${options.provider ?? nothing}
      location=${options.location ?? nothing}
      service=${options.service ?? nothing}
      start=${options.start ?? nothing}
      appointments-href=${options.appointmentsHref ?? nothing}
      .adapter=${adapter}
    ></self-schedule-form>
  </div>`);
  return wrapper.querySelector('self-schedule-form')!;
}

/** Dr. Chen, Riverside, Individual Therapy, opening at the week of Monday 7 December. */
export const chenAtDec7 = { provider: 'dr-chen', location: 'riverside', service: 'individual-50', start: '2026-12-07T12:00:00Z' };

export const formRoot = (form: SelfScheduleForm) => form.shadowRoot!;
export const formHeading = (form: SelfScheduleForm) => text(formRoot(form).querySelector('[data-step-heading], h3'));
export const formAlert = (form: SelfScheduleForm) => formRoot(form).querySelector<HTMLElement>('[part~="error"][role="alert"]')!;
export const formNotice = (form: SelfScheduleForm) => formRoot(form).querySelector<HTMLElement>('[part~="notice"][role="status"]')!;
export const gridDrawn = (form: SelfScheduleForm) =>
  formRoot(form).querySelector('.availability[aria-busy="false"]') && formRoot(form).querySelector('[part~="calendar"] [role="grid"] .unavailable');

// The form's driver's queries, by the names these tests use.
export { field as formField, slotAt, slots };

/**
 * The form (`options` over Dr. Chen's week of 7 December) at Review, with Monday 7 December at
 * 9:00 AM chosen from the start-time list and saved.
 */
export async function formAtReview(adapter: BookingAdapter, options: FormOptions = {}): Promise<SelfScheduleForm> {
  const form = await mountForm(adapter, { ...chenAtDec7, ...options });
  await until(() => gridDrawn(form) && slotAt(form, 7, '9:00 AM'), 'the list');
  slotAt(form, 7, '9:00 AM')!.click();
  await form.updateComplete;
  buttonIn(formRoot(form), 'Save')!.click();
  await until(() => formHeading(form).startsWith('Review'), 'the review');
  return form;
}

// ---- <appointment-status> and <appointment-calendar>: their drivers' ---------------------------------

export { mountStatus, statusItem } from '../support/status-driver.js';
export {
  agendaButton,
  calendarEvent,
  calendarEventButton,
  calendarPart,
  calendarReady,
  detailsDialog,
  mountCalendar,
} from '../support/calendar-driver.js';
export { nestedForm, nestedFormOpen, rootOf } from '../support/element-driver.js';
