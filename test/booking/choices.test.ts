import { expect } from '@open-wc/testing';
import { bookableProviders, reconcileChoice } from '../../src/booking/choices.js';
import type { Provider } from '../../src/model/schemas.js';
import { createDemoPractice } from '../../mock-api/demo-practice.js';
import { NOW } from '../support/fixtures.js';

const options = [
  { id: 'riverside', name: 'Riverside Office' },
  { id: 'telehealth', name: 'Telehealth (video)' },
];

describe('choices', () => {
  describe('bookableProviders', () => {
    it('offers only therapists who self-schedule, in their order', () => {
      const { providers } = createDemoPractice(NOW);
      expect(bookableProviders(providers).map((p) => p.id)).to.deep.equal(['dr-chen', 'jordan-alvarez']);
    });

    it('offers nobody when no therapist self-schedules', () => {
      const providers: Provider[] = [
        { id: 'a', name: 'A', selfScheduling: false },
        { id: 'b', name: 'B', selfScheduling: false },
      ];
      expect(bookableProviders(providers)).to.deep.equal([]);
      expect(bookableProviders([])).to.deep.equal([]);
    });

    it('leaves the list it was given unchanged', () => {
      const { providers } = createDemoPractice(NOW);
      const before = structuredClone(providers);
      const bookable = bookableProviders(providers);
      expect(providers).to.deep.equal(before);
      expect(bookable).not.to.equal(providers);
    });
  });

  describe('reconcileChoice', () => {
    it('keeps a choice that is still among the options', () => {
      expect(reconcileChoice('telehealth', options)).to.deep.equal({ value: 'telehealth' });
    });

    it('keeps a choice that is the only option', () => {
      expect(reconcileChoice('riverside', [options[0]])).to.deep.equal({ value: 'riverside' });
    });

    it('drops a choice that is no longer among the options and picks nothing among several', () => {
      expect(reconcileChoice('couples-80', options)).to.deep.equal({ value: undefined, dropped: 'couples-80' });
    });

    it('drops a choice that no longer fits and picks the single remaining option', () => {
      expect(reconcileChoice('telehealth', [options[0]])).to.deep.equal({ value: 'riverside', dropped: 'telehealth' });
    });

    it('picks the single option when nothing was chosen', () => {
      expect(reconcileChoice(undefined, [options[1]])).to.deep.equal({ value: 'telehealth' });
    });

    it('picks nothing among several options when nothing was chosen', () => {
      const result = reconcileChoice(undefined, options);
      expect(result).to.deep.equal({ value: undefined });
      expect('dropped' in result).to.equal(false);
    });

    it('drops a choice when there are no options at all', () => {
      expect(reconcileChoice('riverside', [])).to.deep.equal({ value: undefined, dropped: 'riverside' });
      expect(reconcileChoice(undefined, [])).to.deep.equal({ value: undefined });
    });
  });
});
