/**
 * Appointment ids are opaque text (contract question 14): the elements build element ids from
 * them for aria-labelledby, aria-describedby, aria-controls and label `for`. With ids holding
 * spaces, quotes, `<`, non-ASCII letters, a tab, and one id that is a prefix of another, every
 * reference in each element names exactly one element, no two elements share an id, and every
 * appointment keeps its accessible name (as axe-core computes it, across the shadow root).
 */
import { expect, fixtureCleanup, oneEvent, waitUntil } from '@open-wc/testing';
import { MemoryAdapter, Practice, createDemoPractice } from '../../src/testing/index.js';
import type { PracticeData, StoredAppointment } from '../../src/testing/index.js';
import { domId } from '../../src/elements/shared/dom-id.js';
import { formatDateTime } from '../../src/elements/shared/format.js';
import { rootOf, text } from '../support/element-driver.js';
import { NOW, nyTime } from '../support/fixtures.js';
import { mountStatusLoaded, pastToggle } from '../support/status-driver.js';
import { agendaIds, detailsDialog, mountCalendar } from '../support/calendar-driver.js';
import { declineButton, inbox, mountRequestsLoaded, requestIds, typeNote, waiting } from '../support/requests-driver.js';

/** `appt` is a prefix of `appt 1`; `appt 1` and `appt\t1` differ only by a character that is escaped. */
const oddIds = ['appt 1', 'appt\t1', `it's "7"`, '<b>&amp;</b>', 'é 日本', 'appt'];

/** Alex's appointments, all in the week of Monday 7 December, under the odd ids; one of them past. */
function alexWithOddIds(): { adapter: MemoryAdapter; data: PracticeData } {
  const data = createDemoPractice(NOW);
  const seed1 = data.appointments.find((a) => a.id === 'seed-1')!;
  const seed2 = data.appointments.find((a) => a.id === 'seed-2')!;
  const seed3 = data.appointments.find((a) => a.id === 'seed-3')!;
  const at = (template: StoredAppointment, id: string, day: number, time: string, status: StoredAppointment['status']): StoredAppointment => {
    const start = nyTime(day, time);
    const length = Date.parse(template.end) - Date.parse(template.start);
    return { ...template, id, start, end: new Date(Date.parse(start) + length).toISOString(), status };
  };
  data.appointments = [
    ...data.appointments.filter((a) => a.clientId !== 'client-alex'),
    at(seed1, oddIds[0], 7, '10:00', 'confirmed'),
    at(seed1, oddIds[1], 8, '11:00', 'unconfirmed'),
    at(seed2, oddIds[2], 9, '17:00', 'unconfirmed'),
    at(seed1, oddIds[3], 10, '13:00', 'confirmed'),
    at(seed2, oddIds[5], 11, '15:00', 'confirmed'),
    // Past: behind "Show past appointments".
    { ...seed3, id: oddIds[4] },
  ];
  return { adapter: new MemoryAdapter({ practice: new Practice(data, { now: () => NOW }), clientId: 'client-alex' }), data };
}

const referenceAttributes = ['aria-labelledby', 'aria-describedby', 'aria-controls'];

const describeElement = (element: Element) =>
  `<${element.localName}${element.id ? ` id="${element.id}"` : ''}> "${text(element).slice(0, 40)}"`;

/**
 * What is wrong with the element references in `root`: an IDREF (or label `for`) naming no
 * element or several, and ids held by more than one element. As axe judges them: a closed dialog
 * is not there for assistive technology, and a collapsed control's aria-controls may name a
 * panel that is only drawn when it expands.
 */
function referenceProblems(root: ShadowRoot): string[] {
  const problems: string[] = [];
  const holders = (id: string) => root.querySelectorAll(`[id="${CSS.escape(id)}"]`).length;
  for (const element of root.querySelectorAll('*')) {
    const inClosedDialog = element.closest('dialog:not([open])') !== null;
    for (const attribute of referenceAttributes) {
      const value = element.getAttribute(attribute);
      if (value === null || inClosedDialog) continue;
      const collapsed = attribute === 'aria-controls' && element.getAttribute('aria-expanded') === 'false';
      for (const token of value.split(/\s+/).filter(Boolean)) {
        const count = holders(token);
        if (count > 1 || (count === 0 && !collapsed)) problems.push(`${describeElement(element)} ${attribute} "${token}" names ${count} elements`);
      }
    }
    if (element instanceof HTMLLabelElement && element.htmlFor && holders(element.htmlFor) !== 1) {
      problems.push(`${describeElement(element)} for="${element.htmlFor}" names ${holders(element.htmlFor)} elements`);
    }
    if (element.id && holders(element.id) !== 1) problems.push(`id "${element.id}" is held by ${holders(element.id)} elements`);
  }
  return [...new Set(problems)];
}

/** The element's name from its aria-labelledby, as the references resolve in its root. */
function labelledName(element: Element): string {
  const root = element.getRootNode() as ShadowRoot;
  const ids = (element.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => text(root.getElementById(id))).filter(Boolean).join(' ');
}

interface AxeNames {
  setup(node: Document): unknown;
  teardown(): void;
  utils: { getNodeFromTree(node: Node): unknown };
  commons: { text: { accessibleTextVirtual(virtualNode: unknown): string } };
}

/** The accessible names of `elements`, computed by axe-core (the accname algorithm, through shadow roots). */
async function accessibleNames(elements: Element[]): Promise<string[]> {
  // The UMD build registers window.axe, as test/a11y/support.ts loads it.
  await import('axe-core/axe.min.js');
  const axe = (window as unknown as { axe: AxeNames }).axe;
  axe.setup(document);
  try {
    return elements.map((element) => axe.commons.text.accessibleTextVirtual(axe.utils.getNodeFromTree(element)).replace(/\s+/g, ' ').trim());
  } finally {
    axe.teardown();
  }
}

describe('element ids made from appointment ids', function () {
  this.timeout(60_000);
  afterEach(() => fixtureCleanup());

  it('<appointment-status>: every reference names one element, and every appointment is named by its time', async () => {
    const { adapter, data } = alexWithOddIds();
    const el = await mountStatusLoaded(adapter);
    pastToggle(el).click();
    await el.updateComplete;
    const root = rootOf(el);
    // Every Manage Appointment panel open, so the references into them count too.
    for (const button of root.querySelectorAll<HTMLButtonElement>('[part~="manage"] > button')) button.click();
    await el.updateComplete;

    const items = [...root.querySelectorAll<HTMLElement>('[part~="appointment"]')];
    expect(items.map((item) => item.dataset.id).sort()).to.deep.equal([...oddIds].sort());
    expect(referenceProblems(root)).to.deep.equal([]);

    const expectedNames: string[] = [];
    for (const item of items) {
      const stored = data.appointments.find((a) => a.id === item.dataset.id)!;
      const expected = formatDateTime(Date.parse(stored.start), 'en-US', 'America/New_York');
      expectedNames.push(expected);
      const article = item.querySelector('article')!;
      expect(labelledName(article), JSON.stringify(item.dataset.id)).to.equal(expected);
      // Manage Appointment says which appointment it manages: its own, not one sharing a prefix.
      const manage = item.querySelector<HTMLButtonElement>('[part~="manage"] > button');
      if (manage) {
        expect(text(root.getElementById(manage.getAttribute('aria-describedby')!)), `${JSON.stringify(item.dataset.id)}: described by`).to.equal(expected);
        expect(item.contains(root.getElementById(manage.getAttribute('aria-controls')!)), `${JSON.stringify(item.dataset.id)}: controls its own panel`).to.equal(true);
      }
    }
    expect(await accessibleNames(items.map((item) => item.querySelector('article')!))).to.deep.equal(expectedNames);
  });

  it('<appointment-requests>: every reference names one element, with each note open, and every request is named by its client', async () => {
    const requests = oddIds.map((id, index) => waiting(id, 'client-taylor', 14 + index, '09:00', 50, 6 - index));
    // Overlaps seed-1: a request with conflicts, described by them.
    requests.push(waiting('clash "1"', 'client-taylor', 7, '10:00', 50, 9));
    const { adapter } = inbox(requests);
    const el = await mountRequestsLoaded(adapter);
    const root = rootOf(el);
    const ids = [...oddIds, 'clash "1"'];
    expect([...requestIds(el)].sort()).to.include.members(ids);
    expect(referenceProblems(root)).to.deep.equal([]);

    const clash = declineButton(el, 'clash "1"')!;
    expect(text(root.getElementById(clash.getAttribute('aria-describedby')!))).to.contain('This request cannot be confirmed');

    for (const id of ids) {
      declineButton(el, id)!.click();
      await el.updateComplete;
      // Over the limit: the field is described by its error too.
      await typeNote(el, id, 'x'.repeat(1001));
      expect(referenceProblems(root), `${JSON.stringify(id)}: note open`).to.deep.equal([]);
      const field = root.querySelector<HTMLTextAreaElement>('textarea')!;
      expect(field.closest<HTMLElement>('[part~="request"]')!.dataset.id).to.equal(id);
      expect(text(root.querySelector(`label[for="${CSS.escape(field.id)}"]`))).to.equal('Note to the client (optional)');
      const described = field.getAttribute('aria-describedby')!.split(' ').map((ref) => text(root.getElementById(ref)));
      expect(described[2], `${JSON.stringify(id)}: the note's error`).to.contain('it can be at most 1000');
      expect(declineButton(el, id)!.getAttribute('aria-expanded')).to.equal('true');
      expect(root.getElementById(declineButton(el, id)!.getAttribute('aria-controls')!)).to.equal(field.closest('[part~="decline"]'));
    }

    const articles = [...root.querySelectorAll('[part~="request"] > article')];
    for (const article of articles) expect(['Taylor Brooks', 'Alex Rivera']).to.include(labelledName(article));
    const names = await accessibleNames(articles);
    expect(names).to.deep.equal(articles.map(labelledName));
  });

  it('<appointment-calendar>: the list and the details of each appointment reference only what exists', async () => {
    const { adapter } = alexWithOddIds();
    const el = await mountCalendar(adapter);
    await waitUntil(() => agendaIds(el).length === 5, 'the week listed', { timeout: 5000 });
    const root = rootOf(el);
    expect(referenceProblems(root)).to.deep.equal([]);
    for (const id of agendaIds(el)) {
      const button = [...root.querySelectorAll<HTMLButtonElement>('[part~="appointment"]')].find((each) => each.dataset.id === id)!;
      button.click();
      await waitUntil(() => detailsDialog(el).open, `the details of ${JSON.stringify(id)}`);
      const dialog = detailsDialog(el);
      dialog.querySelector<HTMLButtonElement>('[part~="manage"] > button')?.click();
      await el.updateComplete;
      expect(referenceProblems(root), JSON.stringify(id)).to.deep.equal([]);
      expect(labelledName(dialog)).to.contain('with');
      // The element hears `close` a task later: the next one opens after it.
      const closed = oneEvent(dialog, 'close');
      dialog.close();
      await closed;
      await el.updateComplete;
    }
  });

  it('makes the element ids of the odd ids with domId, and keeps data-id as the id itself', async () => {
    const { adapter } = alexWithOddIds();
    const el = await mountStatusLoaded(adapter);
    const root = rootOf(el);
    for (const item of root.querySelectorAll<HTMLElement>('[part~="appointment"]')) {
      expect(item.querySelector('h4')!.id).to.equal(domId('appointment', item.dataset.id!));
    }
  });
});
