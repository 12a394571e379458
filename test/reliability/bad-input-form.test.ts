/**
 * <self-schedule-form> fed hostile answers through msw: a therapist's link opens the form, and
 * one of its requests (providers, locations, services, availability, or the client's own
 * appointments) is answered with the valid answer changed by generated hostile edits (see
 * hostile.ts). Whatever arrives, the form settles within a time bound, never throws: an answer
 * the contract rejects is an alert saying, in plain words, it could not be read, with Try again (which works once
 * the server is sane again); an answer it accepts is rendered. Its own appointments are a hint
 * only: however broken, booking goes on.
 */
import { expect, fixtureCleanup } from '@open-wc/testing';
import fc from 'fast-check';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import { nyTime } from '../support/fixtures.js';
import { watchUncaught } from '../support/faults.js';
import { type HostileRoute, changes, describeChanges, hostile, hostileApiPerTest, schemaOf } from './hostile.js';
import { alertWithRetry, assertAsync, field, mountForm, onStep, rootOf, settle, slotsShown, stepHeading, text } from './helpers.js';

type FormRoute = Extract<HostileRoute, 'providers' | 'locations' | 'services' | 'availability' | 'appointments'>;
const formRoutes: FormRoute[] = ['providers', 'locations', 'services', 'availability', 'appointments'];

/** Nothing loading, and the form showing an alert, Availability's answer, or the choose step's selects. */
function settled(el: SelfScheduleForm): boolean {
  const root = rootOf(el);
  if (root.querySelector('[aria-busy="true"]') || text(root).includes('Loading')) return false;
  if (alertWithRetry(root)) return true;
  if (stepHeading(el) === 'Availability') return root.querySelector('.availability')?.getAttribute('aria-busy') === 'false';
  const provider = field(el, 'Provider');
  return Boolean(provider && !provider.disabled) || text(root).includes('Online booking is not available');
}

describe('<self-schedule-form> given hostile answers (property)', function () {
  this.timeout(600_000);
  const served = hostileApiPerTest();

  it('alerts with Try again when the contract rejects the answer, renders it when it accepts it, and never throws or hangs', async () => {
    const { api, answers } = served;
    const uncaught = watchUncaught();
    const seen = { valid: 0, invalid: 0 };
    try {
      await assertAsync(() =>
        fc.assert(
        fc.asyncProperty(fc.constantFrom(...formRoutes), changes, async (route, edits) => {
          fixtureCleanup();
          api.clear();
          const body = hostile(answers[route], edits);
          const arrived = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
          const accepted = schemaOf[route].safeParse(arrived).success;
          const what = `${route} after ${describeChanges(edits)} (${accepted ? 'valid' : 'invalid'})`;
          seen[accepted ? 'valid' : 'invalid'] += 1;
          api.rewrite(route, () => body);

          const started = performance.now();
          const el = await mountForm({
            adapter: api.adapter,
            provider: 'dr-chen',
            location: 'riverside',
            service: 'individual-50',
            start: nyTime(7, '07:00'),
          });
          await settle(el, api, settled, what, 30_000);
          const took = performance.now() - started;
          expect(took, `${what}: settled in ${Math.round(took)} ms`).to.be.below(30_000);
          expect(uncaught.errors, `${what}: nothing thrown`).to.deep.equal([]);

          const shown = alertWithRetry(rootOf(el));
          if (route === 'appointments' || accepted) {
            expect(shown && text(shown.alert), `${what}: no alert`).to.equal(undefined);
          } else {
            expect(shown && text(shown.alert), `${what}: an alert`).to.match(/could not read/);
            // The server comes to its senses: Try again carries on to the link's Availability.
            api.clear();
            shown!.retry.click();
            await onStep(el, 'Availability', 20_000);
            await slotsShown(el, 20_000);
          }
          if (route === 'appointments') {
            expect(stepHeading(el), what).to.equal('Availability');
            await slotsShown(el, 20_000);
          }
        }),
        // Shrinking ten-thousand-item answers would outlast the run: the first failure is reported as found.
        {
          numRuns: 30,
          endOnFailure: true,
          // Each kind of hostility at least once, whatever the random runs bring.
          examples: [
            ['availability', [{ kind: 'huge-array', pick: 0 }]],
            ['availability', [{ kind: 'overlapping', pick: 0 }]],
            ['availability', [{ kind: 'reversed', pick: 2 }]],
            ['providers', [{ kind: 'huge-array', pick: 0 }]],
            ['services', [{ kind: 'long-string', pick: 1 }]],
            ['locations', [{ kind: 'drop', pick: 4 }]],
            ['appointments', [{ kind: 'unknown-status', pick: 0, value: 'rescheduled' }]],
          ],
        },
      ));
      expect(uncaught.errors).to.deep.equal([]);
      // The generator made both kinds, so both branches above were tested.
      expect(seen.valid, 'valid answers seen').to.be.greaterThan(2);
      expect(seen.invalid, 'invalid answers seen').to.be.greaterThan(2);
    } finally {
      uncaught.stop();
    }
  });
});
