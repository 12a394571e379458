import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { type LinkChoice, buildTherapistLink, readTherapistLink } from '../../src/booking/therapist-link.js';
import { nyTime } from '../support/fixtures.js';

const page = 'https://x.test/book';
const full: LinkChoice = {
  provider: 'dr-chen',
  location: 'riverside',
  service: 'individual-50',
  start: nyTime(7, '09:00'),
};

const keysOf = (link: string) => [...new URL(link).searchParams.keys()];

describe('therapist link', () => {
  describe('buildTherapistLink and readTherapistLink', () => {
    it('round-trips a full choice', () => {
      const link = buildTherapistLink(page, full);
      expect(readTherapistLink(link)).to.deep.equal({ choice: full, rejected: [] });
    });

    it('round-trips a partial choice', () => {
      const link = buildTherapistLink(page, { provider: 'jordan-alvarez' });
      expect(readTherapistLink(link)).to.deep.equal({ choice: { provider: 'jordan-alvarez' }, rejected: [] });
    });

    it('round-trips every character an id may hold', () => {
      const choice = { provider: 'A-z_0.9~x:y', location: 'L'.repeat(128), service: 's' };
      expect(readTherapistLink(buildTherapistLink(page, choice)).choice).to.deep.equal(choice);
    });

    it('round-trips starts with an offset, seconds and fractions', () => {
      for (const start of ['2026-12-07T09:00-05:00', '2026-12-07T14:00:00Z', '2026-12-07T19:30:00.250+05:30']) {
        expect(readTherapistLink(buildTherapistLink(page, { start })).choice).to.deep.equal({ start });
      }
    });

    it('round-trips any usable choice', () => {
      const id = fc.stringMatching(/^[A-Za-z0-9._~:-]{1,128}$/);
      const start = fc
        .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
        .map((date) => date.toISOString());
      const choice = fc.record(
        { provider: id, location: id, service: id, start },
        { requiredKeys: [] },
      );
      fc.assert(
        fc.property(choice, (value) => {
          const read = readTherapistLink(buildTherapistLink(page, value));
          expect(read).to.deep.equal({ choice: value, rejected: [] });
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('readTherapistLink', () => {
    it('reads a URL, a URLSearchParams and a link relative to the page', () => {
      const query = 'provider=dr-chen&service=intake-60';
      const expected = { choice: { provider: 'dr-chen', service: 'intake-60' }, rejected: [] };
      expect(readTherapistLink(new URL(`${page}?${query}`))).to.deep.equal(expected);
      expect(readTherapistLink(new URLSearchParams(query))).to.deep.equal(expected);
      expect(readTherapistLink(`?${query}`)).to.deep.equal(expected);
    });

    it('leaves out malformed ids and names them in rejected', () => {
      const link = `${page}?provider=${encodeURIComponent('<script>')}&location=${encodeURIComponent('river side')}&service=${'s'.repeat(129)}`;
      expect(readTherapistLink(link)).to.deep.equal({ choice: {}, rejected: ['provider', 'location', 'service'] });
    });

    it('leaves out malformed starts and names them in rejected', () => {
      const malformed = [
        'tomorrow',
        '2026-12-07',
        '2026-12-07T09:00',
        '2026-12-07 09:00Z',
        '2026-13-45T09:00:00Z',
        '2026-12-07T09:00:00+5',
        '1796000000000',
      ];
      for (const start of malformed) {
        const read = readTherapistLink(`${page}?provider=dr-chen&start=${encodeURIComponent(start)}`);
        expect(read, start).to.deep.equal({ choice: { provider: 'dr-chen' }, rejected: ['start'] });
      }
    });

    it('leaves out a start on a day that does not exist', () => {
      for (const start of ['2026-02-30T09:00:00Z', '2026-04-31T09:00:00-04:00']) {
        const read = readTherapistLink(`${page}?start=${encodeURIComponent(start)}`);
        expect(read, start).to.deep.equal({ choice: {}, rejected: ['start'] });
      }
    });

    it('keeps the usable parameters beside a malformed one', () => {
      const read = readTherapistLink(`${page}?provider=dr-chen&location=riverside&service=bad%20id&start=${full.start}`);
      expect(read).to.deep.equal({
        choice: { provider: 'dr-chen', location: 'riverside', start: full.start },
        rejected: ['service'],
      });
    });

    it('ignores empty and unknown parameters without rejecting them', () => {
      const read = readTherapistLink(`${page}?provider=&location=riverside&client=alex&utm_source=mail`);
      expect(read).to.deep.equal({ choice: { location: 'riverside' }, rejected: [] });
    });

    it('never throws, whatever the link holds', () => {
      fc.assert(
        fc.property(fc.string(), fc.string(), fc.string(), (provider, start, junk) => {
          const params = new URLSearchParams({ provider, start, junk });
          const read = readTherapistLink(params);
          expect(read.rejected.every((key) => !(key in read.choice))).to.equal(true);
          expect(() => readTherapistLink(`${page}?${params}#${junk}`)).not.to.throw();
          expect(() => readTherapistLink(`${page}?${junk}`)).not.to.throw();
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('buildTherapistLink', () => {
    it('throws a TypeError for an id that cannot travel in a link', () => {
      for (const provider of ['dr chen', '<b>', 'a/b', 'x'.repeat(129), 'ä']) {
        expect(() => buildTherapistLink(page, { provider }), provider).to.throw(TypeError);
      }
      expect(() => buildTherapistLink(page, { location: 'a&b' })).to.throw(TypeError);
      expect(() => buildTherapistLink(page, { service: 'a?b' })).to.throw(TypeError);
    });

    it('throws a TypeError for a start that is not an ISO instant with a zone', () => {
      for (const start of ['next Monday', '2026-12-07T09:00', '2026-12-07', '2026-02-30T09:00:00Zx']) {
        expect(() => buildTherapistLink(page, { start }), start).to.throw(TypeError);
      }
    });

    it("keeps the page's own query parameters and hash", () => {
      const link = buildTherapistLink(`${page}?ref=newsletter&lang=en#book`, { provider: 'dr-chen' });
      const url = new URL(link);
      expect(url.searchParams.get('ref')).to.equal('newsletter');
      expect(url.searchParams.get('lang')).to.equal('en');
      expect(url.searchParams.get('provider')).to.equal('dr-chen');
      expect(url.hash).to.equal('#book');
      expect(url.origin + url.pathname).to.equal(page);
    });

    it('replaces a choice already in the page address rather than adding a second one', () => {
      const link = buildTherapistLink(`${page}?provider=sam-okafor&start=2026-01-01T00:00:00Z&ref=x`, {
        provider: 'dr-chen',
      });
      const params = new URL(link).searchParams;
      expect(params.getAll('provider')).to.deep.equal(['dr-chen']);
      expect(params.has('start')).to.equal(false);
      expect(params.get('ref')).to.equal('x');
    });

    it('adds no other parameters', () => {
      expect(keysOf(buildTherapistLink(page, full))).to.have.members(['provider', 'location', 'service', 'start']);
      expect(keysOf(buildTherapistLink(page, { service: 'intake-60', location: undefined, start: '' }))).to.deep.equal([
        'service',
      ]);
      expect(keysOf(buildTherapistLink(page, {}))).to.deep.equal([]);
    });

    it('resolves a relative page against the given base', () => {
      const link = buildTherapistLink('/book', { provider: 'dr-chen' }, 'https://practice.test/therapists/chen');
      expect(link).to.equal('https://practice.test/book?provider=dr-chen');
    });

    it('resolves a relative page against the current page by default', () => {
      const link = buildTherapistLink('book', { provider: 'dr-chen' });
      expect(new URL(link).origin).to.equal(location.origin);
    });
  });
});
