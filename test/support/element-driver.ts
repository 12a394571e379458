/**
 * What every element's test driver builds on: reading text and finding buttons as a person
 * would, focus through shadow roots, a client adapter that records and fails on demand, and the
 * `<self-schedule-form>` that the Appointments and Calendar tabs open inside themselves.
 */
import { waitUntil } from '@open-wc/testing';
import type {
  AppointmentQuery,
  AppointmentWatchEvents,
  AvailabilityQuery,
  CallOptions,
  CancelOptions,
  WriteOptions,
} from '../../src/adapters/booking-adapter.js';
import { BookingError } from '../../src/adapters/errors.js';
import { MemoryAdapter } from '../../src/adapters/memory/memory-adapter.js';
import type { Practice } from '../../src/adapters/memory/practice.js';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import type {
  Appointment,
  AppointmentRequest,
  Availability,
  Location,
  Provider,
  Service,
  ValidationResult,
} from '../../src/model/schemas.js';
import { createTestPractice } from './fixtures.js';

export const zone = 'America/New_York';
export const alex = 'client-alex';

/** Text as read: white space folded. */
export const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
export const rootOf = (el: HTMLElement) => el.shadowRoot!;

/** A button in `root` by its visible text. */
export function buttonIn(root: ParentNode | null | undefined, name: string): HTMLButtonElement | undefined {
  return [...(root?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find((button) => text(button) === name);
}

/** The focused element, looking into shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

// ---- a client adapter the tests can steer ---------------------------------------------------------

export const networkError = () => new BookingError('network', 'We could not reach the practice. Please check your connection.');

/** The adapter calls a test steers by name. */
export type AdapterMethod =
  | 'listProviders'
  | 'listLocations'
  | 'listServices'
  | 'getAvailability'
  | 'listAppointments'
  | 'requestAppointment'
  | 'validateRequest';


/**
 * A MemoryAdapter that records its calls, cancellations and watches, can fail the next call to a
 * method (or the next cancellations and watches), and can answer validation itself.
 */
export class TestAdapter extends MemoryAdapter {
  readonly calls: Array<{ method: AdapterMethod; args: unknown[] }> = [];
  /** What validateRequest answers instead of the practice, when set. */
  validation?: ValidationResult;
  private readonly failures = new Map<AdapterMethod, Array<{ error: BookingError; afterActing: boolean }>>();
  readonly cancels: Array<{ id: string; options: CancelOptions }> = [];
  watches = 0;
  stopped = 0;
  /** How the next cancellations fail: before acting, or after (an answer lost on the way back). */
  readonly cancelFailures: Array<{ error: BookingError; afterActing: boolean }> = [];
  /** How many of the next watches report a failure instead of the list. */
  failingWatches = 0;

  /** Makes the next call to `method` reject with `error`; with `afterActing`, only after the practice has acted (a lost answer). */
  failNext(method: AdapterMethod, error: BookingError = networkError(), afterActing = false): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), { error, afterActing }]);
  }

  callsTo(method: AdapterMethod): unknown[][] {
    return this.calls.filter((call) => call.method === method).map((call) => call.args);
  }

  private async run<T>(method: AdapterMethod, args: unknown[], act: () => Promise<T>): Promise<T> {
    this.calls.push({ method, args });
    const failure = this.failures.get(method)?.shift();
    if (!failure) return act();
    if (failure.afterActing) await act();
    throw failure.error;
  }

  override listProviders(options?: CallOptions): Promise<Provider[]> {
    return this.run('listProviders', [options], () => super.listProviders(options));
  }

  override listLocations(providerId: string, options?: CallOptions): Promise<Location[]> {
    return this.run('listLocations', [providerId, options], () => super.listLocations(providerId, options));
  }

  override listServices(providerId: string, locationId: string, options?: CallOptions): Promise<Service[]> {
    return this.run('listServices', [providerId, locationId, options], () => super.listServices(providerId, locationId, options));
  }

  override getAvailability(query: AvailabilityQuery, options?: CallOptions): Promise<Availability> {
    return this.run('getAvailability', [query, options], () => super.getAvailability(query, options));
  }

  override listAppointments(query?: AppointmentQuery, options?: CallOptions): Promise<Appointment[]> {
    return this.run('listAppointments', [query, options], () => super.listAppointments(query, options));
  }

  override requestAppointment(request: AppointmentRequest, options: WriteOptions): Promise<Appointment> {
    return this.run('requestAppointment', [request, options], () => super.requestAppointment(request, options));
  }

  override validateRequest(request: AppointmentRequest, options?: CallOptions): Promise<ValidationResult> {
    return this.run('validateRequest', [request, options], () =>
      this.validation ? Promise.resolve(structuredClone(this.validation)) : super.validateRequest(request, options),
    );
  }

  override async cancelAppointment(id: string, options: CancelOptions): Promise<Appointment> {
    this.cancels.push({ id, options });
    const failure = this.cancelFailures.shift();
    if (!failure) return super.cancelAppointment(id, options);
    if (failure.afterActing) await super.cancelAppointment(id, options);
    throw failure.error;
  }

  override watchAppointments(events: AppointmentWatchEvents): () => void {
    this.watches += 1;
    if (this.failingWatches > 0) {
      this.failingWatches -= 1;
      queueMicrotask(() => events.onError?.(networkError()));
      return () => {
        this.stopped += 1;
      };
    }
    const stop = super.watchAppointments(events);
    return () => {
      this.stopped += 1;
      stop();
    };
  }
}

/** The demo practice on the test clock (which a test may move), and a TestAdapter for Alex. */
export function alexOnPractice(latency?: number): { practice: Practice; clock: { now: number }; adapter: TestAdapter } {
  const { practice, clock } = createTestPractice();
  return { practice, clock, adapter: new TestAdapter({ practice, clientId: alex, latency }) };
}

/** Alex on a practice where no therapist self-schedules; `providersAnswered()` settles once the element has heard who does. */
export function alexWithoutSelfScheduling() {
  const { practice, adapter } = alexOnPractice();
  practice.setSelfScheduling('dr-chen', false);
  practice.setSelfScheduling('jordan-alvarez', false);
  let answered: Promise<unknown> | undefined;
  const listProviders = adapter.listProviders.bind(adapter);
  adapter.listProviders = (options) => (answered = listProviders(options));
  return { practice, adapter, providersAnswered: () => answered };
}

// ---- the form a tab opens inside itself ----------------------------------------------------------

export const newAppointmentButton = (el: HTMLElement) => rootOf(el).querySelector<HTMLButtonElement>('[part~="new-appointment"]');

export const nestedForm = (el: HTMLElement) => rootOf(el).querySelector<SelfScheduleForm>('self-schedule-form');
export const nestedFormOpen = (el: HTMLElement) => nestedForm(el)?.shadowRoot?.querySelector('dialog')?.open;

/** Waits until the form inside `el` has its dialog open. */
export async function openedForm(el: HTMLElement): Promise<SelfScheduleForm> {
  await waitUntil(() => nestedFormOpen(el), 'the form dialog open', { timeout: 3000 });
  return nestedForm(el)!;
}

export const formHeading = (form: SelfScheduleForm) => text(form.shadowRoot!.querySelector('[data-step-heading], h3'));

export async function formStep(form: SelfScheduleForm, heading: string): Promise<void> {
  await waitUntil(() => formHeading(form) === heading, `the form at "${heading}" (now "${formHeading(form)}")`, { timeout: 5000 });
}

/** The form's start-time button for a New York time in December 2026 ('9:00 AM'). */
export function formSlot(form: SelfScheduleForm, day: number, time: string): HTMLButtonElement | undefined {
  return [...form.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="slot"]')].find((slot) =>
    (slot.getAttribute('aria-label') ?? '').replace(/\s+/g, ' ').includes(`December ${day}, 2026 at ${time}`),
  );
}
