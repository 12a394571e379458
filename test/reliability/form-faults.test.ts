/**
 * The form's fault table (see form-scenarios.ts): the requests of the choose step and of
 * Availability, Save's dry run, Submit and Submit Change, each failing by network error, timeout,
 * 500, malformed and wrong-shaped JSON, and the writes also by an answer lost after the server
 * acted. Then the form's own appointments failing to load, which must not stop a booking.
 */
import { expect } from '@open-wc/testing';
import { createTestPractice } from '../support/fixtures.js';
import { type FaultyApi, faults, serveFaultyApi, watchUncaught } from '../support/faults.js';
import { faultTable, holdingOf, toAvailability, toReview } from './form-scenarios.js';
import { buttonNamed, mountForm, onStep, rootOf } from './helpers.js';

faultTable(['providers', 'locations', 'services', 'availability', 'validate', 'submit', 'change']);

describe('<self-schedule-form> without its own appointments', function () {
  this.timeout(120_000);

  for (const fault of faults) {
    it(`keeps booking when they fail to load (${fault}): the server checks clashes anyway`, async () => {
      const uncaught = watchUncaught();
      let api: FaultyApi | undefined;
      try {
        api = await serveFaultyApi(createTestPractice().practice);
        api.fail('appointments', fault);
        const before = holdingOf(api).length;
        const el = await mountForm({ adapter: api.adapter });
        await toAvailability(el);
        await toReview(el);
        buttonNamed(rootOf(el), 'Submit New Appointment')!.click();
        await onStep(el, 'Appointment request sent');
        expect(api.requestsTo('appointments').length, 'the list was asked for').to.be.greaterThan(0);
        expect(api.requestsTo('appointments').every((request) => request.fault === fault)).to.equal(true);
        expect(holdingOf(api)).to.have.length(before + 1);
        expect(uncaught.errors).to.deep.equal([]);
      } finally {
        uncaught.stop();
        api?.clear();
      }
    });
  }
});
