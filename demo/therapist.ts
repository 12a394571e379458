/**
 * The therapist's desk, on the practice API as a signed-in member of staff: the requests waiting
 * (`<appointment-requests>`: Confirm, Decline with a note), every appointment with its status, the
 * e-mail outbox, self-scheduling per therapist, and a builder of direct links. It stays live: a
 * client's request made elsewhere appears by itself (on the server the element polls and the page
 * follows; on the mock, another tab's change arrives through the practice the tabs share).
 */
import { html, render } from 'lit';
import { RestAdapter } from '../src/adapters/rest/rest-adapter.js';
import { signOutStaff, staffSession } from '../src/adapters/rest/staff-sign-in.js';
import { buildTherapistLink } from '../src/booking/therapist-link.js';
import type { StaffMember } from '../src/model/practice-api-schemas.js';
import type { Provider } from '../src/model/schemas.js';
import { startDemoPage } from './shared/start-demo.js';
import {
  type LinkBuilderView,
  providerName,
  renderAllAppointments,
  renderLinkBuilder,
  renderOutbox,
  renderSwitches,
} from './therapist/desk-views.js';
import { type DeskAppointment, type DeskEmail, PracticeDesk } from './therapist/practice-desk.js';

const apiBase = '/api';
const desk = new PracticeDesk(apiBase);
// The link builder asks what the client's form would be offered, through the same REST contract.
const booking = new RestAdapter({ baseUrl: apiBase });

const sections = {
  switches: document.querySelector<HTMLElement>('#switches')!,
  link: document.querySelector<HTMLElement>('#link-builder')!,
  all: document.querySelector<HTMLElement>('#all-appointments')!,
  outbox: document.querySelector<HTMLElement>('#outbox')!,
};
const signedInAs = document.querySelector<HTMLElement>('#signed-in-as')!;
const statusRegion = document.querySelector<HTMLElement>('#desk-status')!;
const alertRegion = document.querySelector<HTMLElement>('#desk-alert')!;

/** Who is signed in; undefined until someone signs in (in Appointment requests). */
let staff: StaffMember | undefined;
let appointments: DeskAppointment[] = [];
let emails: DeskEmail[] = [];
let providers: Provider[] = [];
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
  render(
    staff
      ? html`Signed in as ${staff.name}. <button type="button" @click=${signOut}>Sign out</button>`
      : html`Not signed in: sign in under Appointment requests.`,
    signedInAs,
  );
  if (!staff) {
    for (const section of Object.values(sections)) render(html`<p>Sign in to see this.</p>`, section);
    return;
  }
  render(renderSwitches({ providers, busy }, toggleSelfScheduling), sections.switches);
  render(renderLinkBuilder({ ...link, providers }, { choose, copy }), sections.link);
  render(renderAllAppointments(appointments), sections.all);
  render(renderOutbox(emails), sections.outbox);
}

// ---- keeping up to date ------------------------------------------------------------------------

let refreshing: Promise<void> | undefined;
let refreshAgain = false;
const refreshFailed = 'The desk could not be brought up to date:';

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
        staff = await staffSession(apiBase);
        if (staff) {
          const [all, outbox, settings] = await Promise.all([desk.appointments(), desk.outbox(), desk.settings()]);
          [appointments, emails, providers] = [all, outbox, settings.providers.map((entry) => entry.provider)];
        }
        // Up to date again: an earlier failure to refresh no longer stands.
        if (alertRegion.textContent?.startsWith(refreshFailed)) alertRegion.textContent = '';
      } catch (error) {
        complain(`${refreshFailed} ${messageOf(error)}`);
      }
      draw();
    } while (refreshAgain);
  })().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

// ---- signing in and out ------------------------------------------------------------------------

async function signOut(): Promise<void> {
  try {
    await signOutStaff(apiBase);
  } catch (error) {
    complain(`Signing out failed: ${messageOf(error)}`);
    return;
  }
  // The requests element holds the old session's list: a fresh page starts signed out everywhere.
  location.reload();
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
  // Defined once the demo's backend answers, so its first request is not lost to a mock still starting.
  await import('../src/elements/appointment-requests/appointment-requests.js');
  const requests = document.querySelector('appointment-requests')!;
  // A decision in the requests panel, or a sign-in there, changes what the rest of the desk shows.
  for (const type of ['ss-request-confirmed', 'ss-request-declined', 'ss-staff-signed-in']) {
    requests.addEventListener(type, () => void refresh());
  }
  followChanges(() => {
    requests.refresh();
    void refresh();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void refresh();
  });
  await refresh();
});
