/**
 * The form's steps as plain template functions over its BookingFlow: what each step shows, and
 * which of the element's handlers each control calls. The element keeps the dialog, focus and
 * the grid; these keep the markup.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { browserTimeZone, formatPlainDate, toPlainDate } from '../../scheduling/time-zone.js';
import { currentZoneName, formatDateTime, formatDay, formatRange, formatTime, nameWithCredentials, zoneName } from '../shared/format.js';
import { type Loadable, messageOf, retryHelps } from '../shared/loadable.js';
import { webHref } from '../shared/safe-url.js';
import type { BookingFlow, ChoiceField, Chosen } from './booking-flow.js';
import type { FormStrings } from './self-schedule-form.strings.js';

export interface StepHandlers {
  select(field: ChoiceField, event: Event): void;
  retryList(field: ChoiceField): void;
  continue(): void;
  back(): void;
  zone(event: Event): void;
  move(direction: -1 | 1): void;
  retryTimes(): void;
  nextOpen(): void;
  choose(start: number): void;
  /** The start time at `index` takes the list's one tab stop. */
  focusSlot(index: number): void;
  save(): void;
  submit(): void;
  viewAppointments(): void;
}

/** What every step reads. */
export interface StepView {
  flow: BookingFlow;
  text: FormStrings;
  locale: string;
  /** The element's clock, for the zones' names (standard or daylight time). */
  now: number;
  /** Which start time holds the list's one tab stop. */
  focusedSlot: number;
  /** Whether the grid is laid out but not yet on screen. */
  gridDrawing: boolean;
  /** A call to the practice has been waiting longer than usual (and is still waited for). */
  slow: boolean;
  /** A phone, a narrow column or a touch screen: one tap chooses a time. */
  touch: boolean;
  appointmentsHref?: string;
  on: StepHandlers;
}

function renderSelect(view: StepView, field: ChoiceField, hint: string): TemplateResult {
  const { text, flow, on } = view;
  const loadable: Loadable<Array<{ id: string; name: string; credentials?: string }>> = flow.options[field];
  const value = flow.choice[field];
  const id = `${field}-select`;
  const options = loadable.state === 'ready' ? loadable.value : [];
  return html`
    <div part="field">
      <label for=${id}>${text[field]}</label>
      <span class="hint" id="${id}-hint">${hint}</span>
      <select
        id=${id}
        aria-describedby="${id}-hint"
        ?disabled=${loadable.state !== 'ready'}
        aria-busy=${loadable.state === 'pending' ? 'true' : 'false'}
        @change=${(event: Event) => on.select(field, event)}
      >
        <option value="" ?selected=${!value}>${loadable.state === 'pending' ? text.loading : text.choose}</option>
        ${options.map((option) => html`<option value=${option.id} ?selected=${option.id === value}>${nameWithCredentials(option)}</option>`)}
      </select>
      ${loadable.state === 'pending' && view.slow ? html`<p part="notice" role="status">${text.slow}</p>` : nothing}
      ${loadable.state === 'error'
        ? html`<p part="error" role="alert">
            ${messageOf(loadable.error)}
            ${retryHelps(loadable.error) ? html`<button type="button" @click=${() => on.retryList(field)}>${text.retry}</button>` : nothing}
          </p>`
        : nothing}
    </div>
  `;
}

/** Provider, Location and Service, each shown once the one before it is chosen. */
export function renderChoices(view: StepView, withContinue: boolean): TemplateResult {
  const { text, flow } = view;
  const { provider, location, service } = flow.options;
  if (provider.state === 'ready' && provider.value.length === 0) return html`<p part="notice">${text.noSelfScheduling}</p>`;
  const start = flow.startToCheck;
  return html`
    ${start === undefined ? nothing : html`<p>${text.chosenStart(formatDateTime(start, view.locale, flow.window.zone))}</p>`}
    <div class="choices">
      ${renderSelect(view, 'provider', text.providerHint)}
      ${flow.choice.provider ? renderSelect(view, 'location', text.locationHint) : nothing}
      ${flow.choice.provider && flow.choice.location ? renderSelect(view, 'service', text.serviceHint) : nothing}
    </div>
    ${location.state === 'ready' && location.value.length === 0 ? html`<p>${text.noLocations}</p>` : nothing}
    ${service.state === 'ready' && service.value.length === 0 ? html`<p>${text.noServices}</p>` : nothing}
    ${withContinue
      ? html`<div class="actions">
          <button class="primary" ?disabled=${!flow.chosen} @click=${view.on.continue}>${text.continue}</button>
        </div>`
      : nothing}
  `;
}

function renderChoiceSummary(text: FormStrings, { provider, location, service }: Chosen): TemplateResult {
  return html`<p class="choice-summary">${provider.name} · ${location.name} · ${service.name} (${text.minutes(service.durationMinutes)})</p>`;
}

function renderZonePicker({ flow, text, locale, now, on }: StepView): TemplateResult {
  const shown = flow.window.zone;
  const availability = flow.window.availability;
  // In a fixed order, the chosen zone last, so the list does not reorder under the choice.
  const zones = new Set([currentZoneName(browserTimeZone())]);
  if (availability.state === 'ready') zones.add(availability.value.timeZone);
  zones.add(shown);
  const all = ((Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [])
    .map(currentZoneName)
    .sort();
  return html`
    <div class="zone">
      <label for="zone-select">${text.timeZone}</label>
      <select id="zone-select" @change=${on.zone}>
        ${[...zones].map((zone) => html`<option value=${zone} ?selected=${zone === shown}>${zoneName(zone, locale, now)} (${zone})</option>`)}
        <optgroup label=${text.allTimeZones}>
          ${all.filter((zone) => !zones.has(zone)).map((zone) => html`<option value=${zone}>${zone}</option>`)}
        </optgroup>
      </select>
    </div>
  `;
}

const slotMoves: Record<string, (index: number, last: number) => number> = {
  ArrowDown: (index, last) => Math.min(last, index + 1),
  ArrowRight: (index, last) => Math.min(last, index + 1),
  ArrowUp: (index) => Math.max(0, index - 1),
  ArrowLeft: (index) => Math.max(0, index - 1),
  Home: () => 0,
  End: (_index, last) => last,
};

/** Arrow keys, Home and End move between start times; Tab leaves the list. */
function onSlotKeydown(event: KeyboardEvent, focusSlot: (index: number) => void): void {
  const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('[part~="slot"]')];
  const index = buttons.indexOf(event.target as HTMLButtonElement);
  const move = slotMoves[event.key];
  if (index < 0 || !move) return;
  event.preventDefault();
  const next = move(index, buttons.length - 1);
  focusSlot(next);
  buttons[next].focus();
}

function renderStartTimes(view: StepView, starts: number[]): TemplateResult {
  const { text, locale, flow, on, now } = view;
  const zone = flow.window.zone;
  const chosen = flow.state.step === 'availability' ? flow.state.selection?.start : undefined;
  const byDay = new Map<string, number[]>();
  for (const start of starts) {
    const day = formatPlainDate(toPlainDate(start, zone));
    byDay.set(day, [...(byDay.get(day) ?? []), start]);
  }
  const focusIndex = view.focusedSlot < starts.length ? view.focusedSlot : 0;
  let index = 0;
  return html`
    <section part="slots" aria-labelledby="slots-heading" @keydown=${(event: KeyboardEvent) => onSlotKeydown(event, on.focusSlot)}>
      <h3 id="slots-heading">${text.startTimes}</h3>
      <p class="hint">${text.timesIn(zoneName(zone, locale, starts[0] ?? now))}</p>
      ${[...byDay.values()].map(
        (dayStarts) => html`
          <h4>${formatDay(dayStarts[0], locale, zone)}</h4>
          <ul>
            ${dayStarts.map((start) => {
              const position = index++;
              return html`<li>
                <button
                  part="slot"
                  type="button"
                  tabindex=${position === focusIndex ? 0 : -1}
                  aria-pressed=${chosen === start ? 'true' : 'false'}
                  aria-label=${text.startTimeLabel(formatDateTime(start, locale, zone))}
                  @click=${() => on.choose(start)}
                >
                  ${formatTime(start, locale, zone)}
                </button>
              </li>`;
            })}
          </ul>
        `,
      )}
    </section>
  `;
}

/** The times: the grid, the list of start times beside it, and Save. */
export function renderAvailability(view: StepView, withBack: boolean): TemplateResult | typeof nothing {
  const { text, locale, flow, on } = view;
  const state = flow.state;
  if (state.step !== 'availability') return nothing;
  const window = flow.window;
  const range = window.visibleRange;
  const zone = window.zone;
  const availability = window.availability;
  const starts = window.startTimes;
  const day = window.view === 'day';
  return html`
    ${withBack ? renderChoiceSummary(text, state.chosen) : nothing}
    <h3 data-step-heading tabindex="-1">${text.availability}</h3>
    <p class="hint">${view.touch ? text.availabilityHintTouch : text.availabilityHint}</p>
    <div class="toolbar">
      <button type="button" @click=${() => on.move(-1)}>${day ? text.previousDay : text.previousWeek}</button>
      <span class="range" aria-live="polite">${formatRange(range.start, range.end - 1, locale, zone)}</span>
      <button type="button" @click=${() => on.move(1)}>${day ? text.nextDay : text.nextWeek}</button>
    </div>
    ${renderZonePicker(view)}
    <div class="availability" aria-busy=${window.loading || flow.movingToOpenTime || view.gridDrawing ? 'true' : 'false'}>
      <div part="calendar" id="grid"></div>
      <div>
        ${availability.state === 'error'
          ? html`<p part="error" role="alert">
              ${messageOf(availability.error)}
              ${retryHelps(availability.error) ? html`<button type="button" @click=${on.retryTimes}>${text.retry}</button>` : nothing}
            </p>`
          : window.loading || flow.movingToOpenTime
            ? html`<p role="status">${view.slow ? text.slow : window.loading ? text.loadingTimes : text.findingOpenTime}</p>`
            : starts.length
              ? renderStartTimes(view, starts)
              : html`<p>${day ? text.noOpenTimesDay : text.noOpenTimes}</p>
                  <button type="button" ?disabled=${window.lookingAhead} @click=${on.nextOpen}>${text.jumpToNextOpen}</button>`}
      </div>
    </div>
    <div class="save-bar">
      <p>
        <strong>${text.selectedTime}:</strong>
        ${state.selection ? formatDateTime(state.selection.start, locale, zone) : text.noTimeSelected}
      </p>
      <div class="actions">
        ${withBack ? html`<button type="button" @click=${on.back}>${text.back}</button>` : nothing}
        <button
          type="button"
          part="submit"
          class="primary"
          ?disabled=${!state.selection}
          aria-disabled=${state.saving ? 'true' : 'false'}
          @click=${on.save}
        >
          ${state.saving ? text.saving : text.save}
        </button>
      </div>
    </div>
  `;
}

/** What will be requested, with Submit. */
export function renderReview({ text, locale, flow, on }: StepView): TemplateResult | typeof nothing {
  const state = flow.state;
  if (state.step !== 'review' && state.step !== 'submitting') return nothing;
  const { provider, location, service } = state.chosen;
  const submitting = state.step === 'submitting';
  return html`
    <h3 data-step-heading tabindex="-1">${text.review}</h3>
    <dl>
      <dt>${text.provider}</dt>
      <dd>${nameWithCredentials(provider)}</dd>
      <dt>${text.location}</dt>
      <dd>${location.kind === 'in-person' ? `${location.name}\n${location.address}` : `${location.name} · ${text.telehealth}`}</dd>
      <dt>${text.service}</dt>
      <dd>${service.name}</dd>
      <dt>${text.length}</dt>
      <dd>${text.minutes(service.durationMinutes)}</dd>
      <dt>${text.when}</dt>
      <dd>${formatDateTime(state.selection.start, locale, flow.window.zone)} (${flow.window.zone})</dd>
    </dl>
    <div class="actions">
      <button type="button" ?disabled=${submitting} @click=${on.back}>${text.back}</button>
      <button type="button" part="submit" class="primary" aria-disabled=${submitting ? 'true' : 'false'} @click=${on.submit}>
        ${submitting ? text.submitting : flow.changing ? text.submitChange : text.submit}
      </button>
    </div>
  `;
}

/** The request is sent: it waits for the therapist. */
export function renderDone({ text, locale, flow, on, appointmentsHref }: StepView): TemplateResult {
  const href = webHref(appointmentsHref);
  const state = flow.state;
  return html`
    <h3 data-step-heading tabindex="-1">${flow.changing ? text.changeDoneHeading : text.doneHeading}</h3>
    ${state.step === 'done'
      ? html`<p><strong>${text.requestedTime}:</strong> ${formatDateTime(Date.parse(state.appointment.start), locale, flow.window.zone)}</p>`
      : nothing}
    <p>${text.doneMessage}</p>
    <div class="actions">
      ${href
        ? html`<a part="submit" class="button primary" href=${href} @click=${on.viewAppointments}>${text.viewAppointments}</a>`
        : html`<button type="button" part="submit" class="primary" @click=${on.viewAppointments}>${text.viewAppointments}</button>`}
    </div>
  `;
}
