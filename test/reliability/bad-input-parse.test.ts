/**
 * Hostile answers at the adapter boundary: every route's valid answer, changed by generated
 * hostile edits (fields dropped, wrong types, invalid or reversed dates, overlapping windows,
 * unknown statuses, 100,000-character strings, 10,000-item arrays), answered through a real
 * RestAdapter. Each call gives either a value the contract's schema accepts, exactly when the
 * answer was valid, or a BookingError `invalid-response` naming what was wrong; never another
 * error. (How quickly is the benchmark's: BENCHMARKS.md, "Adapters".)
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { BookingError } from '../../src/adapters/errors.js';
import { RestAdapter } from '../../src/adapters/rest/rest-adapter.js';
import { createTestPractice } from '../support/fixtures.js';
import { type HostileRoute, callRoute, changes, describeChanges, hostile, schemaOf, validAnswers } from './hostile.js';

const answers = validAnswers(createTestPractice().practice);
const routes = Object.keys(answers) as HostileRoute[];

/** A RestAdapter whose server answers `body` (as JSON text) with 200. */
function answering(body: unknown): RestAdapter {
  const text = JSON.stringify(body);
  return new RestAdapter({
    baseUrl: 'https://practice.invalid/api',
    readRetries: 0,
    fetch: async () => new Response(text, { status: 200, headers: { 'Content-Type': 'application/json' } }),
  });
}

describe('hostile answers through the RestAdapter (property)', function () {
  this.timeout(180_000);

  it('the valid answers are valid, so every rejection below is the change’s doing', async () => {
    for (const route of routes) {
      const value = await callRoute(answering(answers[route]), route);
      expect(value, route).not.to.equal(undefined);
    }
  });

  for (const route of routes) {
    // How long the worst answers take to read (ten thousand items, 100,000-character strings) is
    // BENCHMARKS.md's ("Adapters"), with a budget of a second; a hang would meet this test's timeout.
    it(`${route}: a valid value exactly when the schema accepts the answer, else invalid-response`, async () => {
      const seen = { valid: 0, invalid: 0 };
      await fc.assert(
        fc.asyncProperty(changes, async (edits) => {
          const body = hostile(answers[route], edits);
          // What the wire carries: JSON drops undefined, so judge the answer as it arrives.
          const arrived = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
          const accepted = schemaOf[route].safeParse(arrived).success;
          seen[accepted ? 'valid' : 'invalid'] += 1;
          let outcome: unknown;
          let failure: unknown;
          try {
            outcome = await callRoute(answering(body), route);
          } catch (error) {
            failure = error;
          }
          const what = `${route} after ${describeChanges(edits)}`;
          if (accepted) {
            expect(failure, `${what}: accepted by the schema, so no error`).to.equal(undefined);
            expect(outcome).not.to.equal(undefined);
          } else {
            expect(failure, `${what}: rejected`).to.be.instanceOf(BookingError);
            const error = failure as BookingError;
            expect(error.code, what).to.equal('invalid-response');
            expect(error.issues.length, `${what}: says what was wrong`).to.be.greaterThan(0);
            expect(error.message.length, `${what}: a message of bounded length`).to.be.below(5000);
          }
        }),
        // Shrinking ten-thousand-item answers would take longer than the run: report the first failure as found.
        // Random edits seldom leave an answer valid, so the answer as it is comes first.
        { numRuns: 40, endOnFailure: true, examples: [[[]]] },
      );
      // Both kinds were seen, so both branches above were tested.
      expect(seen.invalid, 'invalid answers seen').to.be.greaterThan(5);
      expect(seen.valid, 'valid answers seen').to.be.greaterThan(0);
    });
  }
});
