/**
 * Faults found by trying `<self-schedule-form>` as a new client would, each pinned by a test:
 * the Time zone select, the grid after a refused Save, an unexplained click on open time too
 * short for the service, one reason (not three) for a refused Submit, the phone's instructions,
 * a time clicked on the Calendar tab named from the first step, the choices and the times shown
 * together on a wide screen, and Save in view in the dialog.
 *
 * Same practice and clock as self-schedule-form.grid.test.ts (Tuesday 1 December 2026, 10:00 in
 * New York; dr-chen at Riverside Mon/Wed/Fri 09:00–17:00; Alex has Mon 7 Dec 10:00–10:50).
 */
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { resetMouse, setViewport } from '@web/test-runner-commands';
import { MemoryAdapter } from '../../src/adapters/memory/memory-adapter.js';
import type { Practice } from '../../src/adapters/memory/practice.js';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import { NOW, chenRequest, nyTime } from '../support/fixtures.js';
import { BookingError, type BookingErrorCode } from '../../src/adapters/errors.js';
import { type AdapterMethod, alexOnPractice } from '../support/element-driver.js';
import { mountForm as mountFormFor, retryButtons } from '../support/form-driver.js';
import {
  buttonNamed,
  chooseZone,
  doubleClickAt,
  clickAt,
  gridShows,
  isGreyedOut,
  makePractice,
  mountForm,
  slotPoint,
  startTimeButtons,
} from '../support/grid-helpers.js';

/** Not open (Tuesday), so nothing is chosen on arrival; the grid opens at the week of 6–12 Dec. */
const tuesday8 = nyTime(8, '09:00');
const MON = '2026-12-07';
const wide = { width: 1280, height: 1600 };

const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const alertText = (root: ShadowRoot) => text(root.querySelector('[part~="error"][role="alert"]'));
const stepHeading = (root: ShadowRoot) => text(root.querySelector('h3'));
const startLabels = (root: ShadowRoot) => startTimeButtons(root).map((b) => b.getAttribute('aria-label')!);
const zoneSelect = (root: ShadowRoot) => root.querySelector<HTMLSelectElement>('#zone-select')!;
/** The three choices, as their selects hold them (beside the times on a wide screen). */
const chosen = (root: ShadowRoot) => ['provider', 'location', 'service'].map((field) => root.querySelector<HTMLSelectElement>(`#${field}-select`)?.value);
const selectedTimeLine = (root: ShadowRoot) => [...root.querySelectorAll('p')].find((p) => text(p).startsWith('Selected time:'));

/** Books Monday 7 December 09:00–09:50 meanwhile, as `clientId` in another tab would. */
async function bookedMeanwhile(practice: Practice, clientId: string): Promise<void> {
  await new MemoryAdapter({ practice, clientId }).requestAppointment(chenRequest(7, '09:00'), {
    idempotencyKey: `${clientId}-other-tab`,
  });
}

/** Chooses 09:00 Monday from the list of start times. */
async function chooseNineOClock(root: ShadowRoot): Promise<void> {
  startTimeButtons(root)
    .find((b) => b.getAttribute('aria-label')!.includes('December 7, 2026 at 9:00 AM'))!
    .click();
  await waitUntil(() => !buttonNamed(root, 'Save').disabled, 'Save enabled');
}

const ownAppointmentAtNine =
  'You already have an appointment or request at Monday, December 7, 2026 at 9:00 AM. Please choose another time.';

describe('<self-schedule-form> faults a new client found', () => {
  before(() => setViewport(wide));
  afterEach(async () => {
    await resetMouse();
    fixtureCleanup();
    await setViewport(wide);
  });

  it('shows the chosen zone in the Time zone select after each change, the old zone included', async () => {
    const { root } = await mountForm({ start: tuesday8 });
    await gridShows(root, '2026-12-06');
    expect(zoneSelect(root).value).to.equal('America/New_York');

    chooseZone(root, 'Asia/Kolkata');
    await waitUntil(() => startLabels(root)[0]?.includes('GMT+5:30'), 'start times in Kolkata time', { timeout: 5000 });
    expect(zoneSelect(root).value, 'after choosing Kolkata').to.equal('Asia/Kolkata');
    expect(zoneSelect(root).selectedOptions[0].textContent).to.contain('Asia/Kolkata');

    chooseZone(root, 'America/New_York');
    await waitUntil(() => startLabels(root)[0]?.includes('EST'), 'start times in New York time', { timeout: 5000 });
    expect(zoneSelect(root).value, 'after choosing New York again').to.equal('America/New_York');
    expect(zoneSelect(root).selectedOptions[0].textContent).to.contain('America/New_York');
  });

  it('clears the chosen time on the grid too when Save finds it taken, keeping the other choices', async () => {
    const { root, practice } = await mountForm({ start: tuesday8 });
    await gridShows(root, '2026-12-06');
    await clickAt(slotPoint(root, MON, '09:00'));
    await waitUntil(() => root.querySelector('.selection'), 'the chosen block');
    await bookedMeanwhile(practice, 'client-taylor');

    buttonNamed(root, 'Save').click();
    await waitUntil(() => alertText(root) !== '', 'the error');
    // The fresh times are drawn: 09:00 is greyed out now.
    await waitUntil(() => isGreyedOut(root, MON, '09:00'), 'the taken time greyed out', { timeout: 5000 });
    // A boolean, not the element: chai would describe FullCalendar's node graph at length in a failure.
    expect(Boolean(root.querySelector('.selection')), 'a chosen block on the grid').to.equal(false);
    expect(text(selectedTimeLine(root))).to.equal('Selected time: No time selected yet.');
    expect(chosen(root)).to.deep.equal(['dr-chen', 'riverside', 'individual-50']);
  });

  it('says why a double click on open time too short for the service chooses nothing', async () => {
    const { root, selects } = await mountForm({ start: tuesday8 });
    await gridShows(root, '2026-12-06');
    // 09:30 is open, but Alex's 10:00 leaves only 30 minutes for a 50-minute session.
    await doubleClickAt(slotPoint(root, MON, '09:30'));
    await waitUntil(() => alertText(root) !== '', 'the error');
    expect(alertText(root)).to.equal('Individual Therapy takes 50 minutes, but only 30 minutes are free at that time.');
    expect(selects).to.have.length(0);
    expect(Boolean(root.querySelector('.selection')), 'a chosen block on the grid').to.equal(false);
  });

  describe('one reason for a refused time', () => {
    for (const { who, booker, reason } of [
      { who: "the client's own appointment", booker: 'client-alex', reason: ownAppointmentAtNine },
      { who: "someone else's", booker: 'client-taylor', reason: 'That time was just taken by someone else. Please choose another time.' },
    ]) {
      it(`gives one reason when Submit finds the time taken by ${who}`, async () => {
        const { root, practice } = await mountForm({ start: tuesday8 });
        await gridShows(root, '2026-12-06');
        await chooseNineOClock(root);
        buttonNamed(root, 'Save').click();
        await waitUntil(() => stepHeading(root) === 'Review your appointment request', 'the review');
        await bookedMeanwhile(practice, booker);
        buttonNamed(root, 'Submit New Appointment').click();
        await waitUntil(() => stepHeading(root) === 'Availability' && alertText(root) !== '', 'back at Availability with the error');
        expect(alertText(root)).to.equal(reason);
      });
    }

    it("gives one reason when Save finds the time taken by the client's own appointment", async () => {
      const { root, practice } = await mountForm({ start: tuesday8 });
      await gridShows(root, '2026-12-06');
      await chooseNineOClock(root);
      await bookedMeanwhile(practice, 'client-alex');
      buttonNamed(root, 'Save').click();
      await waitUntil(() => alertText(root) !== '', 'the error');
      expect(alertText(root)).to.equal(ownAppointmentAtNine);
    });
  });

  describe('instructions by device', () => {
    const hint = (root: ShadowRoot) => text(root.querySelector('h3[data-step-heading] + .hint'));

    it('tells a phone user that a tap chooses a time', async () => {
      await setViewport({ width: 375, height: 800 });
      const { root } = await mountForm({ start: nyTime(7, '08:00') });
      await gridShows(root, MON);
      expect(hint(root)).to.contain('Tap');
      expect(hint(root)).to.not.contain('Double-click');
    });

    it('keeps "double-click or drag" for a mouse on a wide screen', async () => {
      const { root } = await mountForm({ start: tuesday8 });
      await gridShows(root, '2026-12-06');
      expect(matchMedia('(pointer: coarse)').matches, 'a mouse, not a touch screen').to.equal(false);
      expect(hint(root)).to.contain('Double-click or drag');
    });
  });

  it('names the time clicked on the Calendar tab from the first step', async () => {
    const { root } = await mountForm({ provider: undefined, location: undefined, service: undefined, start: nyTime(8, '10:00') });
    await waitUntil(() => root.querySelector<HTMLSelectElement>('#provider-select:not([disabled])'), 'providers');
    expect(text(root.querySelector('[part~="form"]'))).to.contain(
      'You chose Tuesday, December 8, 2026 at 10:00 AM EST. Choose a provider, location and service to check it.',
    );
  });

  it('shows Provider, Location, Service and the times together in the dialog, with the chosen time and Save in view at 1280×900', async () => {
    await setViewport({ width: 1280, height: 900 });
    const adapter = new MemoryAdapter({ practice: makePractice(), clientId: 'client-alex' });
    const el = await fixture<SelfScheduleForm>(
      html`<self-schedule-form modal .now=${() => NOW} time-zone="America/New_York" start=${tuesday8} .adapter=${adapter}></self-schedule-form>`,
    );
    await el.show();
    const root = el.shadowRoot!;
    for (const [field, value] of [['provider', 'dr-chen'], ['location', 'riverside'], ['service', 'individual-50']]) {
      const ready = () => root.querySelector<HTMLSelectElement>(`#${field}-select:not([disabled])`);
      await waitUntil(ready, field);
      const select = ready()!;
      select.value = value;
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
    }
    // As in the practice's own pop-up: no Continue, the times right under the three choices.
    await gridShows(root, '2026-12-06');
    expect(chosen(root)).to.deep.equal(['dr-chen', 'riverside', 'individual-50']);
    expect(stepHeading(root)).to.equal('Availability');

    startTimeButtons(root)[0].click();
    await el.updateComplete;
    const dialog = root.querySelector('dialog')!.getBoundingClientRect();
    const inView = (element: Element | undefined) => {
      const box = element!.getBoundingClientRect();
      return box.height > 0 && box.top >= dialog.top && box.bottom <= dialog.bottom;
    };
    expect(text(selectedTimeLine(root))).to.equal('Selected time: Monday, December 7, 2026 at 9:00 AM EST');
    expect(inView(selectedTimeLine(root)), 'the selected time in view').to.equal(true);
    expect(inView(buttonNamed(root, 'Save')), 'Save in view').to.equal(true);
    // In view and on top: a click there reaches Save, not the grid under it.
    const save = buttonNamed(root, 'Save').getBoundingClientRect();
    expect(root.elementFromPoint(save.left + save.width / 2, save.top + save.height / 2)).to.equal(buttonNamed(root, 'Save'));
  });

  describe('Try again only where it can help', () => {
    /** Answers Try again cannot change: not allowed, against the rules, not found (what retryHelps says). */
    const refusals: BookingErrorCode[] = ['rule-violation', 'forbidden', 'not-found'];

    /** The form for Dr. Chen's Individual Therapy at Riverside, its first call to `method` failing with `code`. */
    async function failingOnce(method: AdapterMethod, code: BookingErrorCode) {
      const { adapter } = alexOnPractice();
      adapter.failNext(method, new BookingError(code, `Refused (${code}).`, { status: code === 'unauthorized' ? 401 : 422 }));
      const el = await mountFormFor({ adapter, provider: 'dr-chen', location: 'riverside', service: 'individual-50', start: tuesday8 });
      const root = el.shadowRoot!;
      // Said: the sign-in prompt (401), or the failure in an error part.
      const said = () => root.querySelector('[part~="sign-in"]') || [...root.querySelectorAll('[part~="error"]')].some((part) => text(part) !== '');
      await waitUntil(said, `the ${code} said`, { timeout: 5000 });
      await el.updateComplete;
      return { el, root };
    }

    for (const method of ['listProviders', 'getAvailability'] as const) {
      it(`offers no Try again when ${method} is refused (401, 403, 404, 422), and offers it for a lost connection`, async () => {
        for (const code of ['unauthorized', ...refusals] as const) {
          const { el } = await failingOnce(method, code);
          expect(retryButtons(el).length, `Try again after ${code}`).to.equal(0);
          fixtureCleanup();
        }
        const { el } = await failingOnce(method, 'network');
        await waitUntil(() => retryButtons(el).length === 1, 'Try again after a lost connection');
      });
    }
  });
});
