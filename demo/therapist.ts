/**
 * The therapist's desk: requests waiting (Confirm, Decline with a note), every appointment with its
 * status, the e-mail outbox, self-scheduling per therapist, and a builder of direct links. It stays
 * live: a client's request made elsewhere appears by itself (on the server the desk polls; on the
 * mock, another tab's change arrives through the practice the tabs share in storage).
 */
import { render } from 'lit';
import { RestAdapter } from '../src/adapters/rest/rest-adapter.js';
import { buildTherapistLink } from '../src/booking/therapist-link.js';
import type { Provider } from '../src/model/schemas.js';
import { startDemoPage } from './shared/start-demo.js';
import {
  type LinkBuilderView,
  providerName,
  renderAllAppointments,
  renderLinkBuilder,
  renderOutbox,
  renderRequests,
  renderSwitches,
  when,
} from './therapist/desk-views.js';
import { type DeskAppointment, type DeskEmail, PracticeDesk } from './therapist/practice-desk.js';

const desk = new PracticeDesk();
// The link builder asks what the client's form would be offered, through the same REST contract.
const booking = new RestAdapter({ baseUrl: '/api' });

const sections = {
  requests: document.querySelector<HTMLElement>('#requests')!,
  switches: document.querySelector<HTMLElement>('#switches')!,
  link: document.querySelector<HTMLElement>('#link-builder')!,
  all: document.querySelector<HTMLElement>('#all-appointments')!,
  outbox: document.querySelector<HTMLElement>('#outbox')!,
};
const statusRegion = document.querySelector<HTMLElement>('#desk-status')!;
const alertRegion = document.querySelector<HTMLElement>('#desk-alert')!;

let appointments: DeskAppointment[] = [];
let emails: DeskEmail[] = [];
let providers: Provider[] = [];
let decliningId: string | undefined;
const busy = new Set<string>();
const link: LinkBuilderView = { providers: [], locations: [], services: [] };

const say = (message: string) => {
  alertRegion.textContent = '';
  statusRegion.textContent = message;
};
const complain = (message: string) => {
  alertRegion.textContent = message;
};
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

let drawn = false;

function draw(): void {
  if (!drawn) {
    // The page's "Loading…" placeholders give way to the first real content.
    for (const section of Object.values(sections)) section.replaceChildren();
    drawn = true;
  }
  const requests = appointments.filter((appointment) => appointment.status === 'unconfirmed');
  render(renderRequests({ requests, decliningId, busy }, { confirm: confirmRequest, startDecline, decline: declineRequest, keep }), sections.requests);
  render(renderSwitches({ providers, busy }, toggleSelfScheduling), sections.switches);
  render(renderLinkBuilder({ ...link, providers }, { choose, copy }), sections.link);
  render(renderAllAppointments(appointments), sections.all);
  render(renderOutbox(emails), sections.outbox);
}

// ---- keeping up to date ------------------------------------------------------------------------

let refreshing: Promise<void> | undefined;
let refreshAgain = false;

/** Loads everything again; a refresh asked for while one runs happens once more after it. */
async function refresh(): Promise<void> {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      refreshAgain = false;
      try {
        [appointments, emails, providers] = await Promise.all([desk.appointments(), desk.outbox(), booking.listProviders()]);
        if (decliningId && !appointments.some((a) => a.id === decliningId && a.status === 'unconfirmed')) decliningId = undefined;
      } catch (error) {
        complain(`The desk could not be brought up to date: ${messageOf(error)}`);
      }
      draw();
    } while (refreshAgain);
  })().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

// ---- requests --------------------------------------------------------------------------------

/** After a decision the request leaves the list: focus goes to the next one, or to the heading. */
function focusAfterDecision(index: number): void {
  const buttons = sections.requests.querySelectorAll<HTMLButtonElement>('button.confirm');
  (buttons[Math.min(index, buttons.length - 1)] ?? document.querySelector<HTMLElement>('#requests-heading'))?.focus();
}

async function decide(appointment: DeskAppointment, act: () => Promise<void>, done: string): Promise<void> {
  const index = appointments.filter((a) => a.status === 'unconfirmed').findIndex((a) => a.id === appointment.id);
  busy.add(appointment.id);
  draw();
  try {
    await act();
    decliningId = undefined;
    say(done);
  } catch (error) {
    // Most likely decided or cancelled meanwhile, elsewhere: the refresh shows how it stands.
    complain(messageOf(error));
  } finally {
    busy.delete(appointment.id);
  }
  await refresh();
  focusAfterDecision(index);
}

const describeRequest = (appointment: DeskAppointment) =>
  `${appointment.client.name}'s ${appointment.service.name} on ${when(appointment)}`;

function confirmRequest(appointment: DeskAppointment): void {
  void decide(appointment, () => desk.confirm(appointment.id), `Confirmed ${describeRequest(appointment)}. The client was e-mailed.`);
}

function startDecline(appointment: DeskAppointment): void {
  decliningId = appointment.id;
  draw();
  document.querySelector<HTMLElement>(`#note-${CSS.escape(appointment.id)}`)?.focus();
}

function keep(appointment: DeskAppointment): void {
  decliningId = undefined;
  draw();
  sections.requests.querySelector<HTMLElement>(`[data-id="${CSS.escape(appointment.id)}"] button.confirm`)?.focus();
}

function declineRequest(appointment: DeskAppointment, note: string): void {
  void decide(
    appointment,
    () => desk.decline(appointment.id, note || undefined),
    `Declined ${describeRequest(appointment)}. The client was e-mailed${note ? ' with your note' : ''}.`,
  );
}

// ---- self-scheduling ---------------------------------------------------------------------------

async function toggleSelfScheduling(provider: Provider, on: boolean): Promise<void> {
  busy.add(provider.id);
  draw();
  let changed = false;
  try {
    await desk.setSelfScheduling(provider.id, on);
    changed = true;
  } catch (error) {
    complain(`Self-scheduling could not be changed for ${providerName(provider)}: ${messageOf(error)}`);
  } finally {
    busy.delete(provider.id);
  }
  // Either way the switch shows what the practice now holds, before the change is announced.
  await refresh();
  if (changed) say(`Self-scheduling is now ${on ? 'on' : 'off'} for ${providerName(provider)}.`);
}

// ---- the link builder --------------------------------------------------------------------------

function updateLink(): void {
  link.link = link.provider
    ? buildTherapistLink('book.html', { provider: link.provider, location: link.location, service: link.service })
    : undefined;
}

async function choose(field: 'provider' | 'location' | 'service', id: string): Promise<void> {
  const value = id || undefined;
  try {
    if (field === 'provider') {
      Object.assign(link, { provider: value, location: undefined, service: undefined, locations: [], services: [] });
      updateLink();
      draw();
      const locations = value ? await booking.listLocations(value) : [];
      // A later choice wins over an answer that arrives late.
      if (link.provider === value) link.locations = locations;
    } else if (field === 'location') {
      Object.assign(link, { location: value, service: undefined, services: [] });
      updateLink();
      draw();
      const provider = link.provider;
      const services = value && provider ? await booking.listServices(provider, value) : [];
      if (link.provider === provider && link.location === value) link.services = services;
    } else {
      link.service = value;
    }
  } catch (error) {
    complain(`The choices for the link could not be loaded: ${messageOf(error)}`);
  }
  updateLink();
  draw();
}

async function copy(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    say('Link copied. Paste it into a message to your client.');
  } catch {
    // No clipboard access (an insecure page, or permission refused): leave the link ready to copy by hand.
    const field = document.querySelector<HTMLInputElement>('#link-url');
    field?.focus();
    field?.select();
    say('The link could not be copied automatically. It is selected: press Ctrl+C (or Command+C) to copy it.');
  }
}

// ---- start ---------------------------------------------------------------------------------------

void startDemoPage(async ({ followChanges }) => {
  followChanges(() => void refresh());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void refresh();
  });
  await refresh();
});
