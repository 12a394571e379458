/**
 * Watching the client's appointments for the Appointments and Calendar tabs: the list from the
 * page's AppointmentStore for the adapter (one watch per backend on the page, shared with every
 * element using it), whether any therapist self-schedules, and the announcements of status
 * changes. A ReactiveController (as Shoelace's FormControlController): the element holds one and
 * renders its state.
 */
import type { ReactiveController, ReactiveElement } from 'lit';
import type { BookingAdapter } from '../../adapters/booking-adapter.js';
import { bookableProviders } from '../../booking/choices.js';
import type { Appointment, AppointmentStatus, Provider } from '../../model/schemas.js';
import { AppointmentStore } from './appointment-store.js';
import { LongWait } from './long-wait.js';
import { untimed } from './timed-adapter.js';
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
  when(instant: string, appointment?: Appointment): string;
  /** Told when a list came through: whatever was refused before, the client is signed in. */
  signIn: Pick<SignInController, 'satisfied'>;
  /** Whether `error` asks who the client is (then the host prompts, and offers no Try again). */
  needsSignIn(error: unknown): boolean;
  /** Hears each status change before it is announced (to close a panel, say). */
  statusChanged?(appointment: Appointment, before: AppointmentStatus): void;
  /** The list now comes from another adapter: the host forgets what it kept about the old one. */
  forget?(): void;
  /** How often the host wants the list asked again where the backend cannot push (`refresh-interval`). */
  pollIntervalMs?(): number | undefined;
  /** Whether the host can be heard now: a hidden element leaves announcing to one that is shown. */
  audible?(): boolean;
  /** A refresh failed: for the host's `ss-error`. */
  failed?(error: unknown): void;
  /** Milliseconds after which the first list is said to be slow in coming (5 s unless told). */
  slowAfterMs?(): number;
}

/** What any element of the library gives its watch (BookingElement.watchHooks): the rest is the element's own. */
export type AppointmentsWatchHooks = Pick<
  AppointmentsWatchOptions,
  'adapter' | 'signIn' | 'needsSignIn' | 'pollIntervalMs' | 'audible' | 'failed' | 'slowAfterMs'
>;

interface Watching {
  adapter: BookingAdapter;
  store: AppointmentStore;
  pollIntervalMs?: number;
  stop?: () => void;
}

/** The key under which an appointment's new status is announced once per page (see AppointmentStore.claim). */
const announcementOf = (appointment: Appointment) => `${appointment.id}\n${appointment.status}\n${appointment.updatedAt}`;

export class AppointmentsWatch implements ReactiveController {
  list: Loadable<Appointment[]> = idle;
  /** A refresh that failed after the list had loaded: the list stays, with a word that it may be stale. */
  refreshError?: unknown;
  /** Therapists who self-schedule: New Appointment is offered only when there is one. */
  bookable: Loadable<Provider[]> = idle;
  /** What was last announced in the host's status region. */
  notices: string[] = [];
  /** The first list is slow in coming: the host says it is still waiting. */
  private readonly wait: LongWait;

  /** The watch in progress; callbacks of an earlier one are ignored. */
  private watching?: Watching;
  /** The adapter the list came from: reconnecting to the same one keeps the list meanwhile. */
  private listFrom?: BookingAdapter;
  /** Status of each appointment as last shown, to tell what changed. */
  private readonly statuses = new Map<string, AppointmentStatus>();
  /** The host's own words for a request or change it sent, said when the store delivers it. */
  private own?: { id: string; message: string };

  constructor(
    private readonly host: ReactiveElement,
    private readonly options: AppointmentsWatchOptions,
  ) {
    host.addController(this);
    this.wait = new LongWait(host, () => options.slowAfterMs?.() ?? 5000);
  }

  /** Whether the list has been loading for longer than the host's threshold. */
  get waitingLong(): boolean {
    return this.wait.long;
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
    const paceChanged = this.options.pollIntervalMs?.() !== this.watching?.pollIntervalMs;
    if (this.host.isConnected && (adapter !== this.watching?.adapter || (adapter && paceChanged))) this.start(adapter);
    if (this.list.state === 'pending') this.wait.start();
    else this.wait.stop();
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
    if (this.watching?.adapter !== adapter) return this.start(adapter);
    this.refreshError = undefined;
    this.host.requestUpdate();
    // The one watch of the page's store, asked again: every element on the page hears the answer.
    this.watching.store.refresh();
  };

  /**
   * Appointments learnt first-hand (a cancellation, say): shown at once here and in every element
   * on the page using the same backend, and their status changes announced.
   */
  learn(appointments: Appointment[]): void {
    this.watching?.store.learn(appointments);
  }

  /**
   * A request or a change sent through the host's form: shown and announced at once, so a REST
   * poll need not catch up first (the watch brings the same later).
   */
  submitted(appointment: Appointment, changing: Appointment | undefined): void {
    const previous = changing?.id === appointment.id ? changing : undefined;
    const words = this.options.words();
    const say = previous ? words.changed : words.requested;
    const message = say(appointment.provider.name, this.options.when(appointment.start, appointment), words[appointment.status]);
    this.own = { id: appointment.id, message };
    try {
      // Claimed: the other elements on the page stay quiet about it, this one says it in its own words.
      this.watching?.store.learn([appointment], [announcementOf(appointment)]);
    } finally {
      this.own = undefined;
    }
    if (previous) this.host.dispatchEvent(new AppointmentChangeEvent(appointment, previous));
  }

  private start(adapter: BookingAdapter | undefined): void {
    this.stop();
    if (adapter !== this.listFrom) {
      this.listFrom = adapter;
      this.list = adapter ? pending : idle;
      this.statuses.clear();
      this.notices = [];
      this.bookable = idle;
      this.options.forget?.();
      if (adapter) void this.loadBookable(adapter);
    }
    this.refreshError = undefined;
    this.host.requestUpdate();
    if (!adapter) return;
    const pollIntervalMs = this.options.pollIntervalMs?.();
    const watching: Watching = { adapter, store: AppointmentStore.of(untimed(adapter)), pollIntervalMs };
    this.watching = watching;
    // The store may call back before subscribe returns; `watching` tells stale callbacks apart.
    const stop = watching.store.subscribe(
      {
        onList: (appointments, fromWatch) => {
          if (this.watching !== watching) return;
          const wasRefused = fromWatch && this.options.signIn.satisfied();
          this.absorb(appointments, fromWatch, watching.store);
          if (wasRefused && this.bookable.state === 'error') void this.loadBookable(adapter);
        },
        onError: (error) => {
          if (this.watching !== watching) return;
          if (this.list.state === 'ready') this.refreshError = error;
          else this.list = { state: 'error', error };
          this.host.requestUpdate();
          this.options.failed?.(error);
          this.options.needsSignIn(error);
        },
      },
      { pollIntervalMs },
    );
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
   * Takes in the page's list (from the store): announces status changes, once per page and only
   * where the host can be heard, except the host's own request or change, which it words itself.
   */
  private absorb(appointments: Appointment[], fromWatch: boolean, store: AppointmentStore): void {
    const words = this.options.words();
    const audible = this.options.audible?.() ?? true;
    const messages: string[] = [];
    for (const appointment of appointments) {
      const before = this.statuses.get(appointment.id);
      this.statuses.set(appointment.id, appointment.status);
      if (before === undefined || before === appointment.status) continue;
      this.options.statusChanged?.(appointment, before);
      if (appointment.id !== this.own?.id && audible && store.claim(announcementOf(appointment))) {
        messages.push(words.statusChanged(appointment.provider.name, this.options.when(appointment.start, appointment), words[appointment.status]));
      }
      this.host.dispatchEvent(new AppointmentStatusChangeEvent(appointment, before));
    }
    if (this.own && appointments.some((appointment) => appointment.id === this.own?.id)) messages.push(this.own.message);
    this.list = { state: 'ready', value: appointments };
    if (fromWatch) this.refreshError = undefined;
    if (messages.length) this.notices = messages;
    this.host.requestUpdate();
  }
}
