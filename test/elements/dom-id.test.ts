/**
 * domId: element ids made from appointment ids, which the contract leaves as any non-empty text.
 * Whatever the id, the result is one token (no white space, so an IDREF list reads it whole), made
 * of letters, digits, hyphens and underscores, the same every time, and never shared by two
 * different (part, id) pairs.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { domId, escapeIdText } from '../../src/elements/shared/dom-id.js';

const token = /^[A-Za-z][A-Za-z0-9_-]*$/;

describe('domId', () => {
  it('keeps letters, digits and hyphens as they are, after the part and an underscore', () => {
    expect(domId('appointment', 'seed-1')).to.equal('appointment_seed-1');
    expect(domId('note-hint', 'AbC-09')).to.equal('note-hint_AbC-09');
  });

  it('writes every other character as _<hex code point>_, the underscore included', () => {
    expect(domId('request', 'a b')).to.equal('request_a_20_b');
    expect(domId('request', `it's "7"`)).to.equal('request_it_27_s_20__22_7_22_');
    expect(domId('request', '<b>')).to.equal('request__3c_b_3e_');
    expect(domId('request', 'é')).to.equal('request__e9_');
    expect(domId('request', '日本')).to.equal('request__65e5__672c_');
    expect(domId('request', 'a_b')).to.equal('request_a_5f_b');
    // One escape per code point, not per UTF-16 unit.
    expect(escapeIdText('😀')).to.equal('_1f600_');
    expect(escapeIdText('')).to.equal('');
  });

  it('keeps ids that differ only by an escaped character apart', () => {
    const ids = ['a b', 'a\tb', 'a\u00a0b', 'a_b', 'a_20_b', 'a_5f_b', 'ab', 'a-b', 'a.b', 'a:b'];
    const made = ids.map((id) => domId('appointment', id));
    expect(new Set(made).size).to.equal(ids.length);
  });

  it('keeps one part of an appointment apart from another part of another appointment', () => {
    // With a hyphen between, "note" of "hint-1" and "note-hint" of "1" would both be note-hint-1.
    expect(domId('note', 'hint-1')).to.not.equal(domId('note-hint', '1'));
    expect(domId('decline', 'button-1')).to.not.equal(domId('decline-button', '1'));
    // An id that is a prefix of another.
    expect(domId('appointment', 'seed')).to.not.equal(domId('appointment', 'seed 1'));
  });

  it("never equals an element id without an underscore (the elements' fixed ids)", () => {
    for (const fixed of ['heading', 'upcoming-heading', 'past', 'cancel-heading', 'manage-actions']) {
      expect(domId('appointment', fixed)).to.not.equal(fixed);
      expect(domId('appointment', fixed)).to.contain('_');
    }
  });

  it('refuses a part that is not a letter followed by letters, digits or hyphens', () => {
    for (const part of ['', '1st', '-x', 'a b', 'a_b', 'é']) {
      expect(() => domId(part, 'x'), JSON.stringify(part)).to.throw(RangeError);
    }
  });

  it('for any text: one valid token, the same each time, and different texts give different ids (property)', () => {
    const part = fc.constantFrom('appointment', 'manage', 'request', 'note', 'note-hint', 'note-count', 'decline', 'decline-button');
    fc.assert(
      fc.property(part, fc.string({ unit: 'binary' }), part, fc.string({ unit: 'binary' }), (partA, a, partB, b) => {
        const idA = domId(partA, a);
        expect(idA).to.match(token);
        expect(domId(partA, a)).to.equal(idA);
        const same = partA === partB && a === b;
        expect(idA === domId(partB, b), `${partA}/${JSON.stringify(a)} against ${partB}/${JSON.stringify(b)}`).to.equal(same);
      }),
      { numRuns: 2000 },
    );
  });

  it('makes ids that an HTML document and a selector take as they are', () => {
    const root = document.createElement('div');
    const ids = ['a b', `it's "quoted"`, '<b>&amp;', 'é 日本', 'seed', 'seed 1'];
    for (const id of ids) {
      const element = document.createElement('p');
      element.id = domId('appointment', id);
      root.append(element);
    }
    for (const id of ids) {
      // No CSS.escape needed: the token is a plain CSS identifier.
      expect(root.querySelectorAll(`#${domId('appointment', id)}`)).to.have.length(1);
    }
  });
});
