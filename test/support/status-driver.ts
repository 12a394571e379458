/**
 * Driving `<appointment-status>` in tests: mounting it on the fixed test clock, and finding what
 * a person sees in it (the lists, an appointment, its status, the live regions, the cancel
 * confirmation) by part, role and visible text.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../src/elements/appointment-status/appointment-status.js';
import type { AppointmentStatusElement } from '../../src/elements/appointment-status/appointment-status.js';
import type { StatusStrings } from '../../src/elements/appointment-status/appointment-status.strings.js';
import type { BookingAdapter } from '../../src/adapters/booking-adapter.js';
import { buttonIn, rootOf, text, zone } from './element-driver.js';
import { NOW } from './fixtures.js';

export interface StatusMountOptions {
  now?: () => number;
  strings?: Partial<StatusStrings>;
  timeZone?: string;
  lang?: string;
}

export async function mountStatus(adapter: BookingAdapter | undefined, options: StatusMountOptions = {}): Promise<AppointmentStatusElement> {
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${options.lang ?? nothing}>
    <appointment-status
      time-zone=${options.timeZone ?? zone}
      .now=${options.now ?? (() => NOW)}
      .adapter=${adapter}
      .strings=${options.strings ?? {}}
    ></appointment-status>
  </div>`);
  return wrapper.querySelector('appointment-status')!;
}

/** Mounts and waits for the first list (or the word that it is empty). */
export async function mountStatusLoaded(adapter: BookingAdapter, options: StatusMountOptions = {}): Promise<AppointmentStatusElement> {
  const el = await mountStatus(adapter, options);
  await waitUntil(() => upcomingIds(el).length > 0 || emptyShown(el), 'the list', { timeout: 3000 });
  return el;
}

type El = AppointmentStatusElement;

const idsIn = (list: HTMLElement | null) => [...(list?.querySelectorAll<HTMLElement>('[part~="appointment"]') ?? [])].map((item) => item.dataset.id);
export const upcomingList = (el: El) => rootOf(el).querySelector<HTMLElement>('[part~="list"][aria-labelledby="upcoming-heading"]');
export const pastList = (el: El) => rootOf(el).querySelector<HTMLElement>('[part~="list"][aria-labelledby="past-heading"]');
export const upcomingIds = (el: El) => idsIn(upcomingList(el));
export const pastIds = (el: El) => idsIn(pastList(el));
export const statusItem = (el: El, id: string) => rootOf(el).querySelector<HTMLElement>(`[part~="appointment"][data-id="${CSS.escape(id)}"]`);
export const statusOf = (el: El, id: string) => text(statusItem(el, id)?.querySelector('[part~="status"]'));
export const emptyShown = (el: El) => text(rootOf(el)).includes('No upcoming appointments');
export const statusNotice = (el: El) => rootOf(el).querySelector<HTMLElement>('[part~="notice"][role="status"]')!;
export const statusAlert = (el: El) => rootOf(el).querySelector<HTMLElement>('section > [part~="error"][role="alert"]')!;
export const pastToggle = (el: El) => buttonIn(rootOf(el), 'Show past appointments')!;
export const cancelDialog = (el: El) => rootOf(el).querySelector<HTMLDialogElement>('dialog[part~="dialog"]')!;
export const manageButton = (el: El, id: string) => buttonIn(statusItem(el, id), 'Manage Appointment');

/** Opens the Manage Appointment panel of `id`. */
export async function openManage(el: El, id: string): Promise<void> {
  const button = manageButton(el, id);
  if (!button) throw new Error(`no Manage Appointment on ${id}`);
  button.click();
  await el.updateComplete;
}

/** Opens the cancel confirmation of `id`. */
export async function askToCancel(el: El, id: string): Promise<HTMLDialogElement> {
  await openManage(el, id);
  buttonIn(statusItem(el, id), 'Cancel appointment')!.click();
  await el.updateComplete;
  await waitUntil(() => cancelDialog(el).open, 'the cancel confirmation', { timeout: 2000 });
  return cancelDialog(el);
}
