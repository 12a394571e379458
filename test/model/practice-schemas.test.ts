/**
 * The practice's own configuration at its edges: a day off is a day the calendar has (a leap day
 * only in a leap year), and the policy's cancellation text is kept only when a database can keep it.
 */
import { expect } from '@open-wc/testing';
import { checkedPolicy } from '../../src/adapters/rest/rest-server.js';
import { BookingError } from '../../src/adapters/errors.js';
import { scheduleSchema } from '../../src/model/practice-schemas.js';

const hours = (daysOff: string[]) => ({ providerId: 'dr-chen', locationId: 'riverside', weekly: [], daysOff });

describe('scheduleSchema: days off', () => {
  it('takes the last day of each month, and 29 February only in a leap year', () => {
    for (const day of ['2026-01-31', '2026-02-28', '2024-02-29', '2026-04-30', '2026-12-31', '0000-01-01', '9999-12-31']) {
      expect(scheduleSchema.safeParse(hours([day])).success, day).to.equal(true);
    }
  });

  it('refuses a day one past the end of its month, and what is no date at all, without throwing', () => {
    for (const day of ['2026-01-32', '2026-02-29', '2025-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', 'abc', '']) {
      expect(scheduleSchema.safeParse(hours([day])).success, day).to.equal(false);
    }
  });
});

describe('checkedPolicy', () => {
  const policy = { minimumNoticeMinutes: 24 * 60, horizonDays: 1, slotStepMinutes: 15, manageCutoffHours: 24 };
  const refusal = (given: typeof policy & { cancellationPolicy?: string }) => {
    try {
      checkedPolicy(given);
    } catch (error) {
      return error instanceof BookingError ? `${error.status} ${error.message}` : String(error);
    }
    return 'taken';
  };

  it('takes a notice exactly as long as the horizon, and refuses one a minute longer (400)', () => {
    expect(refusal(policy)).to.equal('taken');
    expect(refusal({ ...policy, minimumNoticeMinutes: 24 * 60 + 1 })).to.match(/^400 .*horizon/);
  });

  it('keeps any text a person writes, emoji and accents included, and refuses U+0000 or half a surrogate pair (400)', () => {
    expect(refusal({ ...policy, cancellationPolicy: 'Annulez 24 h avant 🙂, s’il vous plaît.\nMerci.' })).to.equal('taken');
    for (const text of ['a\u0000b', 'a\ud800b', '\udc00', 'end\ud83d']) {
      expect(refusal({ ...policy, cancellationPolicy: text }), JSON.stringify(text)).to.match(/^400 .*cancellationPolicy/);
    }
  });
});
