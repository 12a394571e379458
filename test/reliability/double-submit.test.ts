/**
 * One intention, one request: however a client presses Submit New Appointment while the first
 * request is on its way (a double click, Enter then a click, Space, any mix), one POST leaves;
 * and when the server made the appointment but its answer was lost, Try again sends the same
 * Idempotency-Key and gets that appointment back, so the practice holds one.
 */
import { expect, fixtureCleanup } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import fc from 'fast-check';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import type { RequestSubmitEvent } from '../../src/elements/self-schedule-form/self-schedule-form.events.js';
import { createTestPractice } from '../support/fixtures.js';
import { type FaultyApi, serveFaultyApi, watchUncaught } from '../support/faults.js';
import { holdingOf, toAvailability, toReview } from './form-scenarios.js';
import { buttonNamed, failureShown, mountForm, onStep, rootOf, waitUntil } from './helpers.js';

type Press = 'click' | 'enter' | 'space';

const submitButton = (el: SelfScheduleForm) => buttonNamed(rootOf(el), 'Submit New Appointment') ?? buttonNamed(rootOf(el), 'Sending…');

async function press(el: SelfScheduleForm, how: Press): Promise<void> {
  const button = submitButton(el);
  if (!button) throw new Error('no Submit button');
  if (how === 'click') {
    button.scrollIntoView({ block: 'center' });
    const rect = button.getBoundingClientRect();
    const at = { position: [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)] as [number, number] };
    await sendMouse({ type: 'move', ...at });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'up' });
  } else {
    button.focus();
    await sendKeys({ press: how === 'enter' ? 'Enter' : 'Space' });
  }
}

/** Mounts a form for Alex at the review of the first open time. */
async function atReview(api: FaultyApi): Promise<SelfScheduleForm> {
  const el = await mountForm({ adapter: api.adapter });
  await toAvailability(el);
  await toReview(el);
  return el;
}

describe('<self-schedule-form> pressed more than once', function () {
  this.timeout(120_000);
  let uncaught: ReturnType<typeof watchUncaught>;

  beforeEach(() => {
    uncaught = watchUncaught();
  });

  afterEach(() => {
    uncaught.stop();
  });

  /** Presses Submit in each of `presses`' ways while the first request is held, then lets it through. */
  async function pressWhileSending(presses: Press[]): Promise<void> {
    // One form on the page at a time, so the pointer lands on this one.
    fixtureCleanup();
    const api = await serveFaultyApi(createTestPractice().practice);
    const before = holdingOf(api).length;
    const el = await atReview(api);
    const release = api.hold('submit');
    try {
      for (const how of presses) {
        await press(el, how);
        // The first press is on its way before the next one comes.
        await waitUntil(() => api.requestsTo('submit').length >= 1, 'the first request sent');
      }
    } finally {
      release();
    }
    await onStep(el, 'Appointment request sent');
    expect(api.requestsTo('submit'), presses.join(' + ')).to.have.length(1);
    expect(holdingOf(api)).to.have.length(before + 1);
    api.clear();
  }

  it('sends one request for a double click on Submit New Appointment', async () => {
    await pressWhileSending(['click', 'click']);
    expect(uncaught.errors).to.deep.equal([]);
  });

  it('sends one request for Enter and then a click', async () => {
    await pressWhileSending(['enter', 'click']);
    expect(uncaught.errors).to.deep.equal([]);
  });

  it('sends one request for any mix of clicks, Enter and Space while it is on its way (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom<Press>('click', 'enter', 'space'), { minLength: 2, maxLength: 5 }), (presses) =>
        pressWhileSending(presses),
      ),
      { numRuns: 6 },
    );
    expect(uncaught.errors).to.deep.equal([]);
  });
});

describe('<self-schedule-form> after an answer lost on the way back', function () {
  this.timeout(120_000);

  it('sends Try again with the same Idempotency-Key and shows the appointment the server made, which is the only one', async () => {
    const uncaught = watchUncaught();
    const api = await serveFaultyApi(createTestPractice().practice);
    const before = holdingOf(api).length;
    const el = await atReview(api);
    const submitted: RequestSubmitEvent[] = [];
    el.addEventListener('ss-request-submit', (event) => submitted.push(event));

    api.fail('submit', 'lost', 1);
    buttonNamed(rootOf(el), 'Submit New Appointment')!.click();
    const { retry } = await failureShown(rootOf(el), 'lost');
    // The server did make it: the client just never heard.
    const made = holdingOf(api).filter((a) => a.status === 'unconfirmed' && !['seed-1', 'seed-2', 'seed-3'].includes(a.id));
    expect(made).to.have.length(1);
    expect(submitted).to.have.length(0);

    retry.click();
    await onStep(el, 'Appointment request sent');
    const [first, second] = api.requestsTo('submit');
    expect(api.requestsTo('submit')).to.have.length(2);
    expect(first.idempotencyKey).to.be.a('string').and.not.equal('');
    expect(second.idempotencyKey).to.equal(first.idempotencyKey);
    expect(holdingOf(api)).to.have.length(before + 1);
    expect(submitted).to.have.length(1);
    expect(submitted[0].appointment.id, 'the appointment the first request made').to.equal(made[0].id);
    uncaught.stop();
    expect(uncaught.errors).to.deep.equal([]);
  });
});
