/**
 * Cancelling an appointment for the client, as both tabs do it behind their confirmation: one
 * idempotency key per appointment until it is cancelled (so Try again sends the same intention,
 * and a cancel that did arrive is not made twice), one call at a time, and the error kept for the
 * confirmation to show. A plain class over its host (it needs none of the lifecycle): the host
 * renders `sending` and `error`, and hears of every change through `requestUpdate()`.
 */
import type { ReactiveElement } from 'lit';
import type { BookingAdapter } from '../../adapters/booking-adapter.js';
import { createIdempotencyKey } from '../../adapters/idempotency.js';
import type { Appointment } from '../../model/schemas.js';
import { AppointmentCancelEvent, AppointmentCancelFailEvent } from '../appointment-status/appointment-status.events.js';
import type { AppointmentsWatch } from './appointments-watch.js';
import { type FaultWords, faultWords, messageOf, toBookingError, worthRetrying } from './loadable.js';

export class CancelFlow {
  /** A cancellation is on its way. */
  sending = false;
  /** Why the last cancellation failed, in plain words (see messageOf), and whether Try again is worth offering. */
  error?: { message: string; retryable: boolean };

  /** One key per appointment the client means to cancel, for the adapter they were made with. */
  private keys = new Map<string, string>();
  private keysFor?: BookingAdapter;

  constructor(
    private readonly host: ReactiveElement,
    /** Sends through its adapter, and shows what was cancelled at once in its list. */
    private readonly watch: AppointmentsWatch,
    /** The host's words for faults whose own message is not for people. */
    private readonly faults: () => FaultWords = () => faultWords,
  ) {}

  /** The confirmation opened afresh or closed: its last error goes. */
  reset(): void {
    if (!this.error) return;
    this.error = undefined;
    this.host.requestUpdate();
  }

  /**
   * Cancels `appointment`, and says so with `ss-appointment-cancel`; a call while one is on its
   * way sends nothing. A failure is kept in `error` (and `ss-appointment-cancel-fail`) with its
   * key. Resolves with the cancelled appointment, or undefined when nothing was cancelled.
   */
  async send(appointment: Appointment | undefined): Promise<Appointment | undefined> {
    const adapter = this.watch.adapter;
    if (!appointment || !adapter || this.sending) return undefined;
    if (adapter !== this.keysFor) {
      // Another backend: another intention.
      this.keys = new Map();
      this.keysFor = adapter;
    }
    let idempotencyKey = this.keys.get(appointment.id);
    if (!idempotencyKey) {
      idempotencyKey = createIdempotencyKey();
      this.keys.set(appointment.id, idempotencyKey);
    }
    this.sending = true;
    this.error = undefined;
    this.host.requestUpdate();
    try {
      const cancelled = await adapter.cancelAppointment(appointment.id, { idempotencyKey });
      this.keys.delete(appointment.id);
      this.watch.learn([cancelled]);
      this.host.dispatchEvent(new AppointmentCancelEvent(cancelled));
      return cancelled;
    } catch (caught) {
      const error = toBookingError(caught);
      this.error = { message: messageOf(error, this.faults()), retryable: worthRetrying(error) };
      this.host.dispatchEvent(new AppointmentCancelFailEvent(appointment, error));
      this.watch.needsSignIn(error);
      return undefined;
    } finally {
      this.sending = false;
      this.host.requestUpdate();
    }
  }
}
