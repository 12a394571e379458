/**
 * Driving `<appointment-requests>` in tests: the demo practice's inbox on the fixed test clock
 * (two requests wait: seed-5, Taylor Brooks with Dr. Chen, Tuesday 8 December 10:00; seed-2, Alex
 * Rivera with Jordan Alvarez, Wednesday 9 December 17:00) with requests a test adds, an adapter
 * whose decisions and watches can be held back or failed, mounting, and finding what a therapist
 * sees.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../src/elements/appointment-requests/appointment-requests.js';
import type { AppointmentRequestsElement } from '../../src/elements/appointment-requests/appointment-requests.js';
import type { RequestsStrings } from '../../src/elements/appointment-requests/appointment-requests.strings.js';
import type { CallOptions } from '../../src/adapters/booking-adapter.js';
import { BookingError } from '../../src/adapters/errors.js';
import { MemoryPracticeAdapter } from '../../src/adapters/memory/memory-practice-adapter.js';
import { Practice } from '../../src/adapters/memory/practice.js';
import type { StoredAppointment } from '../../src/adapters/memory/practice-data.js';
import type { PracticeAdapter, PracticeWatchEvents } from '../../src/adapters/practice-adapter.js';
import type { PracticeAppointment } from '../../src/model/practice-api-schemas.js';
import { createDemoPractice } from '../../mock-api/demo-practice.js';
import { rootOf, text } from './element-driver.js';
import { NOW, nyTime } from './fixtures.js';

const daysAgo = (days: number) => new Date(NOW - days * 24 * 3600_000).toISOString();

/** A waiting request stored straight into the practice's data (so it may clash with anything). */
export function waiting(id: string, clientId: string, day: number, time: string, minutes: number, createdDaysAgo: number, month = 12): StoredAppointment {
  const start = nyTime(day, time, month);
  return {
    id,
    clientId,
    providerId: 'dr-chen',
    locationId: 'riverside',
    serviceId: 'individual-50',
    start,
    end: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
    status: 'unconfirmed',
    createdAt: daysAgo(createdDaysAgo),
    updatedAt: daysAgo(createdDaysAgo),
  };
}

/** Overlaps seed-1 (Alex with Dr. Chen, Monday 7 December 10:00–10:50, confirmed); the oldest request. */
export const overlapping = () => waiting('req-overlap', 'client-taylor', 7, '10:00', 50, 5);
/** Yesterday: its time has passed. */
export const past = () => waiting('req-past', 'client-alex', 30, '09:00', 50, 4, 11);

export const serverUnreachable = () => new BookingError('network', 'Could not reach the server. Check your connection and try again.');

/** A MemoryPracticeAdapter that records decisions and watches, and can hold back or fail the next ones. */
export class InboxAdapter extends MemoryPracticeAdapter {
  readonly confirms: string[] = [];
  readonly declines: Array<{ id: string; note?: string }> = [];
  /** How the next decisions fail. */
  readonly failures: BookingError[] = [];
  /** Decisions held until released. */
  hold?: Promise<void>;
  watches = 0;
  failingWatches: BookingError[] = [];

  private async gate(): Promise<void> {
    await this.hold;
    const failure = this.failures.shift();
    if (failure) throw failure;
  }

  override async confirm(id: string, options?: CallOptions): Promise<PracticeAppointment> {
    this.confirms.push(id);
    await this.gate();
    return super.confirm(id, options);
  }

  override async decline(id: string, note?: string, options?: CallOptions): Promise<PracticeAppointment> {
    this.declines.push({ id, note });
    await this.gate();
    return super.decline(id, note, options);
  }

  override watchAppointments(query: Parameters<PracticeAdapter['watchAppointments']>[0], events: PracticeWatchEvents): () => void {
    this.watches += 1;
    const failure = this.failingWatches.shift();
    if (failure) {
      queueMicrotask(() => events.onError?.(failure));
      return () => {};
    }
    return super.watchAppointments(query, events);
  }
}

/** The demo practice with `extra` requests added, on `clock` (which a test may move). */
export function practiceWith(extra: StoredAppointment[] = [], clock = { now: NOW }): Practice {
  const data = createDemoPractice(NOW);
  data.appointments.push(...extra);
  return new Practice(data, { now: () => clock.now });
}

/** The inbox with `extra` requests, and an InboxAdapter on it. */
export function inbox(extra: StoredAppointment[] = [], options: { providerId?: string; latency?: number } = {}) {
  const clock = { now: NOW };
  const practice = practiceWith(extra, clock);
  return { practice, clock, adapter: new InboxAdapter({ practice, ...options }) };
}

export interface RequestsMountOptions {
  strings?: Partial<RequestsStrings>;
  provider?: string;
  lang?: string;
}

export async function mountRequests(adapter: PracticeAdapter | undefined, options: RequestsMountOptions = {}): Promise<AppointmentRequestsElement> {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${options.lang ?? 'en-US'}>
    <appointment-requests .adapter=${adapter} provider=${options.provider ?? nothing} .strings=${options.strings ?? {}}></appointment-requests>
  </div>`);
  return wrapper.querySelector('appointment-requests')!;
}

/** Mounts and waits for the first list (or the word that none wait). */
export async function mountRequestsLoaded(adapter: PracticeAdapter, options: RequestsMountOptions = {}): Promise<AppointmentRequestsElement> {
  const el = await mountRequests(adapter, options);
  await waitUntil(() => requestIds(el).length > 0 || text(rootOf(el)).includes('No requests are waiting'), 'the list', { timeout: 3000 });
  return el;
}

type El = AppointmentRequestsElement;

export const requestRows = (el: El) => [...rootOf(el).querySelectorAll<HTMLElement>('[part~="request"]')];
export const requestIds = (el: El) => requestRows(el).map((row) => row.dataset.id);
export const requestRow = (el: El, id: string) => rootOf(el).querySelector<HTMLElement>(`[part~="request"][data-id="${CSS.escape(id)}"]`);
export const requestsNotice = (el: El) => rootOf(el).querySelector<HTMLElement>('[part~="notice"][role="status"]')!;
export const requestsAlert = (el: El) => rootOf(el).querySelector<HTMLElement>('[part~="error"][role="alert"]')!;
export const confirmButton = (el: El, id: string) => requestRow(el, id)?.querySelector<HTMLButtonElement>('[part~="confirm"]') ?? null;
export const declineButton = (el: El, id: string) => requestRow(el, id)?.querySelector<HTMLButtonElement>('[part~="decline-button"]') ?? null;
export const noteField = (el: El, id: string) => requestRow(el, id)?.querySelector<HTMLTextAreaElement>('textarea') ?? null;

export async function typeNote(el: El, id: string, note: string): Promise<void> {
  const field = noteField(el, id)!;
  field.value = note;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
}
