/**
 * <appointment-status> and <appointment-calendar> fed hostile lists of appointments through msw:
 * the valid list changed by generated hostile edits (see hostile.ts: fields dropped, wrong types,
 * invalid or reversed dates, unknown statuses, 100,000-character strings, 10,000 appointments).
 * Whatever arrives, the element settles within a time bound and never throws: a list the contract
 * rejects is an alert saying, in plain words, it could not be read, with Try again (which loads the real list
 * once the server is sane again); a list it accepts is shown, and nothing else.
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import fc from 'fast-check';
import '../../src/elements/appointment-status/appointment-status.js';
import '../../src/elements/appointment-calendar/appointment-calendar.js';
import type { Appointment } from '../../src/model/schemas.js';
import { NOW } from '../support/fixtures.js';
import { type FaultyApi, watchUncaught } from '../support/faults.js';
import { changes, describeChanges, hostile, hostileApiPerTest, schemaOf } from './hostile.js';
import { alertWithRetry, assertAsync, rootOf, text, waitUntil, zone } from './helpers.js';

interface View {
  name: string;
  mount(api: FaultyApi): Promise<HTMLElement>;
  /** The ids shown. */
  shown(el: HTMLElement): string[];
  /** Whatever is drawn besides the list has been drawn. */
  drawn(el: HTMLElement): boolean;
  numRuns: number;
}

/** Appointments drawn on FullCalendar's grid (the calendar draws at most 200 of a range). */
const onGrid = (el: HTMLElement) => rootOf(el).querySelectorAll('#calendar .appointment-label').length;

const views: View[] = [
  {
    name: 'appointment-status',
    mount: (api) => fixture(html`<appointment-status time-zone=${zone} .now=${() => NOW} .adapter=${api.adapter}></appointment-status>`),
    shown: (el) => [...rootOf(el).querySelectorAll<HTMLElement>('[part~="appointment"]')].map((item) => item.dataset.id!),
    drawn: () => true,
    numRuns: 25,
  },
  {
    name: 'appointment-calendar',
    mount: (api) =>
      fixture(
        html`<appointment-calendar time-zone=${zone} initial-date="2026-12-07" .now=${() => NOW} .adapter=${api.adapter}></appointment-calendar>`,
      ),
    shown: (el) => [...rootOf(el).querySelectorAll<HTMLElement>('.agenda [part~="appointment"]')].map((item) => item.dataset.id!),
    // FullCalendar arrives on demand and draws after the list: wait for it too.
    drawn: (el) => Boolean(rootOf(el).querySelector('#calendar [role="grid"]')) && (onGrid(el) > 0) === (rootOf(el).querySelectorAll('.agenda [part~="appointment"]').length > 0),
    numRuns: 20,
  },
];

/** Nothing loading, and either an alert or the list's answer (items, or the word that there are none). */
function settled(view: View, el: HTMLElement): boolean {
  const root = rootOf(el);
  if (root.querySelector('[aria-busy="true"]') || text(root).includes('Loading')) return false;
  if (alertWithRetry(root)) return true;
  return (view.shown(el).length > 0 || Boolean(root.querySelector('.empty'))) && view.drawn(el);
}

for (const view of views) {
  describe(`<${view.name}> given hostile lists (property)`, function () {
    this.timeout(600_000);
    const served = hostileApiPerTest();

    it('alerts with Try again when the contract rejects the list, shows only what it sent when it accepts it, never throws or hangs', async () => {
      const { api, answers } = served;
      const uncaught = watchUncaught();
      const seen = { valid: 0, invalid: 0 };
      try {
        await assertAsync(() =>
          fc.assert(
          fc.asyncProperty(changes.filter((edits) => !edits.some((edit) => edit.kind === 'huge-array')), async (edits) => {
            fixtureCleanup();
            api.clear();
            const body = hostile(answers.appointments, edits);
            const arrived = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
            const accepted = schemaOf.appointments.safeParse(arrived).success;
            const what = `${describeChanges(edits)} (${accepted ? 'valid' : 'invalid'})`;
            seen[accepted ? 'valid' : 'invalid'] += 1;
            api.rewrite('appointments', () => body);

            const started = performance.now();
            const el = await view.mount(api);
            // The adapter's calls first: reading a ten-thousand-item list's text on every poll
            // would slow the very rendering it waits for.
            await waitUntil(() => api.idle() && settled(view, el), `${what}: settles`, { timeout: 45_000 });
            const took = performance.now() - started;
            expect(took, `${what}: settled in ${Math.round(took)} ms`).to.be.below(45_000);
            expect(uncaught.errors, `${what}: nothing thrown`).to.deep.equal([]);

            const shown = alertWithRetry(rootOf(el));
            if (accepted) {
              expect(shown && text(shown.alert), `${what}: no alert`).to.equal(undefined);
              const sent = new Set((arrived as { appointments: Appointment[] }).appointments.map((a) => a.id));
              const ids = view.shown(el);
              expect(ids.every((id) => sent.has(id)), `${what}: shows only what was sent`).to.equal(true);
              expect(new Set(ids).size, `${what}: each once`).to.equal(ids.length);
              if (view.name === 'appointment-calendar') {
                // The grid draws at most 200 of the range, and says so when there are more.
                expect(onGrid(el), `${what}: drawn on the grid`).to.equal(Math.min(200, ids.length));
                expect(text(rootOf(el)).includes('The calendar shows the first 200'), `${what}: says not all are drawn`).to.equal(ids.length > 200);
              }
            } else {
              expect(shown && text(shown.alert), `${what}: an alert`).to.match(/could not be loaded.*could not read/);
              expect(view.shown(el)).to.deep.equal([]);
              api.clear();
              shown!.retry.click();
              await waitUntil(() => view.shown(el).includes('seed-1'), `${what}: the real list after Try again`, { timeout: 20_000 });
            }
          }),
          // Shrinking ten-thousand-item lists would outlast the run: the first failure is reported as found.
          {
            numRuns: view.numRuns,
            endOnFailure: true,
            // Each kind of hostility at least once, whatever the random runs bring: ten thousand
            // valid appointments, a 100,000-character name, a reversed range, an unknown status.
            examples: [
              [[{ kind: 'huge-array', pick: 0 }]],
              [[{ kind: 'long-string', pick: 3 }]],
              [[{ kind: 'reversed', pick: 1 }]],
              [[{ kind: 'unknown-status', pick: 0, value: 'rescheduled' }]],
              // And the list as it is, and one with a date nobody can read: with the four above,
              // both branches below run at least three times whatever the random runs bring.
              [[]],
              [[{ kind: 'bad-date', pick: 0, value: 'next Tuesday' }]],
            ],
          },
        ));
        expect(uncaught.errors).to.deep.equal([]);
        // Both kinds were seen, so both branches above were tested.
        expect(seen.valid, 'valid lists seen').to.be.greaterThan(2);
        expect(seen.invalid, 'invalid lists seen').to.be.greaterThan(2);
      } finally {
        uncaught.stop();
      }
    });
  });
}
