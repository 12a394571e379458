/**
 * How the therapist's desk shows its data: templates of plain data and callbacks, rendered with
 * lit-html into the page's sections (light DOM, so the page's own styles apply).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { AppointmentStatus, Location, Provider, Service } from '../../src/model/schemas.js';
import type { DeskAppointment, DeskEmail } from './practice-desk.js';

const statusWords: Record<AppointmentStatus, string> = {
  unconfirmed: 'Unconfirmed',
  confirmed: 'Confirmed',
  declined: 'Declined',
  cancelled: 'Cancelled',
};

import { nameWithCredentials as providerName } from '../../src/elements/shared/format.js';

export { providerName };

/** "Mon, Dec 7, 10:00 – 10:50 AM EST", in the location's zone: where the session happens. */
export function when(appointment: DeskAppointment): string {
  return new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: appointment.location.timeZone,
    timeZoneName: 'short',
  }).formatRange(Date.parse(appointment.start), Date.parse(appointment.end));
}

const sentAt = (instant: string) =>
  new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(Date.parse(instant));

export function renderAllAppointments(appointments: DeskAppointment[]): TemplateResult {
  if (!appointments.length) return html`<p>No appointments yet.</p>`;
  return html`<div class="table-scroll" role="region" aria-label="Table of all appointments (scrolls sideways)" tabindex="0">
    <table>
      <thead>
        <tr>
          <th scope="col">Date and time</th>
          <th scope="col">Client</th>
          <th scope="col">Therapist</th>
          <th scope="col">Service</th>
          <th scope="col">Location</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        ${repeat(
          appointments,
          (appointment) => appointment.id,
          (appointment) => html`<tr data-id=${appointment.id}>
            <td>${when(appointment)}</td>
            <td>${appointment.client.name}</td>
            <td>${providerName(appointment.provider)}</td>
            <td>${appointment.service.name}</td>
            <td>${appointment.location.name}</td>
            <td class="status status-${appointment.status}">${statusWords[appointment.status]}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

export function renderOutbox(emails: DeskEmail[]): TemplateResult {
  if (!emails.length) {
    return html`<p>No e-mails yet. Each request, confirmation, decline and cancellation sends one.</p>`;
  }
  const newestFirst = [...emails].reverse();
  return html`<ul class="plain">
    ${repeat(
      newestFirst,
      (email) => email.id,
      (email) => html`<li class="email">
        <h3>${email.subject}</h3>
        <p class="meta">To ${email.to} · ${sentAt(email.sentAt)}</p>
        <p>${email.body}</p>
      </li>`,
    )}
  </ul>`;
}

export interface SwitchesView {
  providers: Provider[];
  busy: ReadonlySet<string>;
}

export function renderSwitches(view: SwitchesView, toggle: (provider: Provider, on: boolean) => Promise<void>): TemplateResult {
  return html`<ul class="plain">
    ${view.providers.map((provider) => {
      const id = `self-scheduling-${provider.id}`;
      return html`<li class="switch">
        <button
          type="button"
          role="switch"
          id=${id}
          aria-checked=${provider.selfScheduling ? 'true' : 'false'}
          aria-describedby="${id}-state"
          ?disabled=${view.busy.has(provider.id)}
          @click=${() => void toggle(provider, !provider.selfScheduling)}
        >
          <span class="track" aria-hidden="true"></span>
          ${providerName(provider)}
        </button>
        <span class="state" id="${id}-state">
          ${provider.selfScheduling ? 'On: clients can request appointments online.' : 'Off: clients are asked to contact the practice.'}
        </span>
      </li>`;
    })}
  </ul>`;
}

export interface LinkBuilderView {
  providers: Provider[];
  locations: Location[];
  services: Service[];
  provider?: string;
  location?: string;
  service?: string;
  link?: string;
}

/** Like the switches' toggle, each handler reports its own failures: the views do not wait for them. */
export interface LinkBuilderHandlers {
  choose(field: 'provider' | 'location' | 'service', id: string): Promise<void>;
  copy(link: string): Promise<void>;
}

export function renderLinkBuilder(view: LinkBuilderView, on: LinkBuilderHandlers): TemplateResult {
  const select = (
    field: 'provider' | 'location' | 'service',
    label: string,
    options: Array<{ id: string; name: string; credentials?: string }>,
    value: string | undefined,
    disabled: boolean,
  ) => html`<div class="field">
    <label for="link-${field}">${label}</label>
    <select id="link-${field}" ?disabled=${disabled} @change=${(event: Event) => void on.choose(field, (event.currentTarget as HTMLSelectElement).value)}>
      <option value="" ?selected=${!value}>Choose…</option>
      ${options.map((option) => html`<option value=${option.id} ?selected=${option.id === value}>${providerName(option)}</option>`)}
    </select>
  </div>`;
  const chosen = view.providers.find((provider) => provider.id === view.provider);
  return html`
    <p class="meta">Choose what the link fills in. With all three, the client's form opens at Availability.</p>
    ${select('provider', 'Provider', view.providers, view.provider, false)}
    ${select('location', 'Location', view.locations, view.location, !view.provider)}
    ${select('service', 'Service', view.services, view.service, !view.location)}
    ${chosen && !chosen.selfScheduling
      ? html`<p class="meta">${providerName(chosen)} has self-scheduling off, so the link will ask the client to choose another therapist.</p>`
      : nothing}
    ${view.link
      ? html`<div class="link-output">
          <label for="link-url">Link for the client</label>
          <input id="link-url" type="url" readonly .value=${live(view.link)} @focus=${(event: Event) => (event.currentTarget as HTMLInputElement).select()} />
          <div class="actions">
            <button type="button" class="primary" @click=${() => void on.copy(view.link!)}>Copy link</button>
            <a href=${view.link} target="_blank" rel="noopener">Open link<span class="visually-hidden"> (opens in a new tab)</span></a>
          </div>
        </div>`
      : html`<p>Choose a provider to make a link.</p>`}
  `;
}
