/**
 * The New Appointment / Change form that each tab opens in a dialog inside its shadow root, with
 * the tab's adapter, clock, zone, `api-base` and `access-token`. Its code is imported on first use,
 * so a visit that only reads the list never downloads it. A plain class over its host: the host renders
 * `render()` and says `loadFailed` in its alert region.
 */
import { html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import type { Appointment } from '../../model/schemas.js';
import type { RequestSubmitEvent, ViewAppointmentsEvent } from '../self-schedule-form/self-schedule-form.events.js';
import type { SelfScheduleForm } from '../self-schedule-form/self-schedule-form.js';
import type { AppointmentsWatch } from './appointments-watch.js';
import { untimed } from './timed-adapter.js';

export interface NestedFormHost extends ReactiveElement {
  readonly timeZone?: string;
  readonly apiBase?: string;
  readonly accessToken?: string;
  readonly now: () => number;
}

export interface NestedFormOptions {
  /** View My Appointments, pressed in the form. */
  viewAppointments(event: ViewAppointmentsEvent): void;
  /** The form's dialog closed. */
  closed(): void;
}

export class NestedForm {
  /** The form's code could not be downloaded (offline, a CDN hiccup); the next open tries again. */
  loadFailed = false;
  /** Rendered once first asked for, so a visit that books nothing loads nothing for it. */
  private wanted = false;
  /** The appointment the form is changing, to tell a change from a new request. */
  private changing?: Appointment;

  constructor(
    private readonly host: NestedFormHost,
    /** Gives the form its adapter, and shows what it sends at once. */
    private readonly watch: AppointmentsWatch,
    private readonly options: NestedFormOptions,
  ) {}

  /**
   * The form, rendered and ready to `show()`: for a new request, or to change `changing`.
   * Undefined when its code could not be downloaded (`loadFailed` says so).
   */
  async open(changing?: Appointment): Promise<SelfScheduleForm | undefined> {
    try {
      await import('../self-schedule-form/self-schedule-form.js');
    } catch {
      this.loadFailed = true;
      this.host.requestUpdate();
      return undefined;
    }
    this.loadFailed = false;
    this.wanted = true;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const form = this.form;
    this.changing = changing;
    if (form) form.changing = changing;
    return form;
  }

  /** Closes the form, where it is open. */
  close(): void {
    this.form?.close();
  }

  private get form(): SelfScheduleForm | undefined {
    return this.host.renderRoot.querySelector('self-schedule-form') ?? undefined;
  }

  private onSubmit = (event: RequestSubmitEvent): void => {
    this.watch.submitted(event.appointment, this.changing);
  };

  private onViewAppointments = (event: ViewAppointmentsEvent): void => {
    this.options.viewAppointments(event);
  };

  private onClose = (): void => {
    this.changing = undefined;
    this.options.closed();
  };

  render(): TemplateResult | typeof nothing {
    if (!this.wanted) return nothing;
    const host = this.host;
    // api-base and access-token too: the form's own sign-in prompt offers what the host's would.
    return html`<self-schedule-form
      modal
      time-zone=${host.timeZone ?? nothing}
      api-base=${host.apiBase ?? nothing}
      access-token=${host.accessToken ?? nothing}
      .adapter=${untimed(this.watch.adapter)}
      .now=${host.now}
      @ss-request-submit=${this.onSubmit}
      @ss-view-appointments=${this.onViewAppointments}
      @ss-close=${this.onClose}
    ></self-schedule-form>`;
  }
}
