/**
 * Watching the client's appointments for the Appointments and Calendar tabs: the list pushed or
 * polled by the adapter, the versions learnt first-hand kept until the watch catches up, whether
 * any therapist self-schedules, and the announcements of status changes. A ReactiveController
 * (as Shoelace's FormControlController): the element holds one and renders its state.
 */
import type { ReactiveController, ReactiveElement } from 'lit';
import type { BookingAdapter } from '../../adapters/booking-adapter.js';
import { bookableProviders } from '../../booking/choices.js';
import type { Appointment, AppointmentStatus, Provider } from '../../model/schemas.js';
import { AppointmentChangeEvent, AppointmentStatusChangeEvent } from '../appointment-status/appointment-status.events.js';
import type { AppointmentsViewStrings } from './appointments-view.strings.js';
import { type Loadable, idle, pending } from './loadable.js';
import type { SignInController } from './sign-in-controller.js';

/** Soonest first. */
export const byStart = (a: Appointment, b: Appointment) => Date.parse(a.start) - Date.parse(b.start);

export interface AppointmentsWatchOptions {
  /** The adapter in use; a change of it starts a new watch at the host's next update. */
  adapter(): BookingAdapter | undefined;
  words(): AppointmentsViewStrings;
  /** An instant in the host's words and zone, for announcements. */
  when(instant: string): string;
  /** Told when a list came through: whatever was refused before, the client is signed in. */
  signIn: Pick<SignInController, 'satisfied'>;
  /** Whether `error` asks who the client is (then the host prompts, and offers no Try again). */
  needsSignIn(error: unknown): boolean;
  /** Hears each status change before it is announced (to close a panel, say). */
  statusChanged?(appointment: Appointment, before: AppointmentStatus): void;
  /** The list now comes from another adapter: the host forgets what it kept about the old one. */
  forget?(): void;
}

interface Watching {
  adapter: BookingAdapter;
  stop?: () => void;
}

export class AppointmentsWatch implements ReactiveController {
  list: Loadable<Appointment[]> = idle;
  /** A refresh that failed after the list had loaded: the list stays, with a word that it may be stale. */
  refreshError?: unknown;
  /** Therapists who self-schedule: New Appointment is offered only when there is one. */
  bookable: Loadable<Provider[]> = idle;
  /** What was last announced in the host's status region. */
  notices: string[] = [];

  /** The watch in progress; callbacks of an earlier one are ignored. */
  private watching?: Watching;
  /** The adapter the list came from: reconnecting to the same one keeps the list meanwhile. */
  private listFrom?: BookingAdapter;
  /** Status of each appointment as last shown, to tell what changed. */
  private readonly statuses = new Map<string, AppointmentStatus>();
  /** Versions learnt first-hand (a request, a change, a cancellation), newer than the watch's. */
  private readonly local = new Map<string, Appointment>();

  constructor(
    private readonly host: ReactiveElement,
    private readonly options: AppointmentsWatchOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Back in the page: the next update starts watching again.
    if (this.host.hasUpdated) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.stop();
  }

  hostUpdate(): void {
    const adapter = this.options.adapter();
    if (this.host.isConnected && adapter !== this.watching?.adapter) this.start(adapter);
  }

  /** The adapter in use (the host's), for what the host's other controllers send through it. */
  get adapter(): BookingAdapter | undefined {
    return this.options.adapter();
  }

  /** Whether `error` asks who the client is: see the options. */
  needsSignIn(error: unknown): boolean {
    return this.options.needsSignIn(error);
  }

  /** The appointments shown, or none before the first list. */
  get appointments(): Appointment[] {
    return this.list.state === 'ready' ? this.list.value : [];
  }

  find(id: string | undefined): Appointment | undefined {
    return id === undefined ? undefined : this.appointments.find((appointment) => appointment.id === id);
  }

  /** Whether New Appointment is offered: some therapist self-schedules. */
  get offersNew(): boolean {
    return this.bookable.state === 'ready' && this.bookable.value.length > 0;
  }

  /** Change appointment needs the therapist to still take requests online (when we know). */
  canChange(appointment: Appointment): boolean {
    if (!appointment.manage.canChange) return false;
    if (this.bookable.state !== 'ready') return true;
    return this.bookable.value.some((provider) => provider.id === appointment.provider.id);
  }

  /** Watches afresh after an error (or back online), keeping a list already shown; asks again who self-schedules if that failed. */
  retry = (): void => {
    const adapter = this.options.adapter();
    if (!adapter) return;
    if (this.list.state === 'error') this.list = pending;
    if (adapter === this.listFrom && this.bookable.state === 'error') void this.loadBookable(adapter);
    this.start(adapter);
  };

  /** Appointments learnt first-hand (a cancellation, say): shown at once, and their status changes announced. */
  learn(appointments: Appointment[]): void {
    this.absorb(appointments, false);
  }

  /**
   * A request or a change sent through the host's form: shown and announced at once, so a REST
   * poll need not catch up first (the watch brings the same later).
   */
  submitted(appointment: Appointment, changing: Appointment | undefined): void {
    const previous = changing?.id === appointment.id ? changing : undefined;
    const words = this.options.words();
    const say = previous ? words.changed : words.requested;
    const message = say(appointment.provider.name, this.options.when(appointment.start), words[appointment.status]);
    this.absorb([appointment], false, { id: appointment.id, message });
    if (previous) this.host.dispatchEvent(new AppointmentChangeEvent(appointment, previous));
  }

  private start(adapter: BookingAdapter | undefined): void {
    this.stop();
    if (adapter !== this.listFrom) {
      this.listFrom = adapter;
      this.list = adapter ? pending : idle;
      this.statuses.clear();
      this.local.clear();
      this.notices = [];
      this.bookable = idle;
      this.options.forget?.();
      if (adapter) void this.loadBookable(adapter);
    }
    this.refreshError = undefined;
    this.host.requestUpdate();
    if (!adapter) return;
    const watching: Watching = { adapter };
    this.watching = watching;
    // The adapter may call back before watchAppointments returns; `watching` tells stale callbacks apart.
    const stop = adapter.watchAppointments({
      onChange: (appointments) => {
        if (this.watching !== watching) return;
        const wasRefused = this.options.signIn.satisfied();
        this.absorb(appointments, true);
        if (wasRefused && this.bookable.state === 'error') void this.loadBookable(adapter);
      },
      onError: (error) => {
        if (this.watching !== watching) return;
        if (this.list.state === 'ready') this.refreshError = error;
        else this.list = { state: 'error', error };
        this.host.requestUpdate();
        this.options.needsSignIn(error);
      },
    });
    if (this.watching === watching) watching.stop = stop;
    else stop();
  }

  private stop(): void {
    this.watching?.stop?.();
    this.watching = undefined;
  }

  private async loadBookable(adapter: BookingAdapter): Promise<void> {
    this.bookable = pending;
    this.host.requestUpdate();
    try {
      const providers = bookableProviders(await adapter.listProviders());
      if (adapter === this.listFrom) this.bookable = { state: 'ready', value: providers };
    } catch (error) {
      // Not knowing, New Appointment stays hidden: it would open onto an error.
      if (adapter === this.listFrom) {
        this.bookable = { state: 'error', error };
        this.options.needsSignIn(error);
      }
    }
    this.host.requestUpdate();
  }

  /**
   * Takes in appointments: the whole list from the watch, or single ones learnt first-hand.
   * Announces status changes (except `own`, which its caller words itself).
   */
  private absorb(incoming: Appointment[], fromWatch: boolean, own?: { id: string; message: string }): void {
    let merged: Map<string, Appointment>;
    if (fromWatch) {
      merged = new Map(incoming.map((appointment) => [appointment.id, appointment]));
      // A poll sent before our own change answers with the old version: the newer one wins.
      for (const [id, mine] of this.local) {
        const theirs = merged.get(id);
        if (!theirs || Date.parse(mine.updatedAt) > Date.parse(theirs.updatedAt)) merged.set(id, mine);
        else this.local.delete(id);
      }
    } else {
      for (const appointment of incoming) this.local.set(appointment.id, appointment);
      // Before the first list there is nothing to add to; the watch's list will bring these.
      if (this.list.state !== 'ready') return;
      merged = new Map(this.list.value.map((appointment) => [appointment.id, appointment]));
      for (const appointment of incoming) merged.set(appointment.id, appointment);
    }

    const words = this.options.words();
    const messages: string[] = [];
    for (const appointment of merged.values()) {
      const before = this.statuses.get(appointment.id);
      this.statuses.set(appointment.id, appointment.status);
      if (before === undefined || before === appointment.status) continue;
      this.options.statusChanged?.(appointment, before);
      if (appointment.id !== own?.id) {
        messages.push(words.statusChanged(appointment.provider.name, this.options.when(appointment.start), words[appointment.status]));
      }
      this.host.dispatchEvent(new AppointmentStatusChangeEvent(appointment, before));
    }
    if (own) messages.push(own.message);
    this.list = { state: 'ready', value: [...merged.values()] };
    if (fromWatch) this.refreshError = undefined;
    if (messages.length) this.notices = messages;
    this.host.requestUpdate();
  }
}
