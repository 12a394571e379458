/**
 * `<appointment-requests>` against WCAG 2.2 A and AA (axe-core, no rule turned off) in every state
 * a therapist can see, each in the light and the dark scheme; and its reflow at 320 px, where
 * nothing may scroll sideways or be cut off (WCAG 1.4.10).
 */
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { domId } from '../../src/elements/shared/dom-id.js';
import { setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { BookingError } from '../../src/adapters/errors.js';
import { MemoryPracticeAdapter } from '../../src/adapters/memory/memory-practice-adapter.js';
import type { PracticeAdapter } from '../../src/adapters/practice-adapter.js';
import { buttonIn, rootOf, text } from '../support/element-driver.js';
import { serveMockApi } from '../support/mock-worker.js';
import { InboxAdapter, mountRequests, overlapping, practiceWith, requestRows, serverUnreachable } from '../support/requests-driver.js';
import { cutOff, expectNoWcagViolations, focusSettlesOn, pageOverflow } from './support.js';

describe('axe: <appointment-requests> in every state, light and dark', function () {
  this.timeout(120_000);
  afterEach(async () => {
    fixtureCleanup();
    await setViewport({ width: 1280, height: 1000 });
  });

  it('loading, the list with conflicts, the note open (and too long), busy, a failure, and after a decision', async () => {
    const adapter = new InboxAdapter({ practice: practiceWith([overlapping()]), latency: 300 });
    const el = await mountRequests(adapter);
    expect(text(rootOf(el))).to.contain('Loading requests…');
    await expectNoWcagViolations(el, 'loading');

    await waitUntil(() => requestRows(el).length === 3, 'the list', { timeout: 5000 });
    expect(text(rootOf(el))).to.contain('This request cannot be confirmed');
    await expectNoWcagViolations(el, 'list with conflicts');

    (rootOf(el).getElementById(domId('decline-button', 'seed-5')) as HTMLButtonElement).click();
    await el.updateComplete;
    await expectNoWcagViolations(el, 'decline note open');
    const note = rootOf(el).getElementById(domId('note', 'seed-5')) as HTMLTextAreaElement;
    note.value = 'x'.repeat(1001);
    note.dispatchEvent(new Event('input'));
    await el.updateComplete;
    await expectNoWcagViolations(el, 'decline note too long');
    buttonIn(rootOf(el), 'Keep request')!.click();
    await el.updateComplete;

    let release!: () => void;
    adapter.hold = new Promise((resolve) => (release = resolve));
    adapter.failures.push(serverUnreachable());
    (rootOf(el).getElementById(domId('confirm', 'seed-5')) as HTMLButtonElement).click();
    await el.updateComplete;
    expect(buttonIn(rootOf(el), 'Confirming…')).to.not.equal(undefined);
    await expectNoWcagViolations(el, 'busy');
    release();
    await waitUntil(() => text(rootOf(el).querySelector('[part~="error"]')).includes('could not be confirmed'), 'the failure');
    await expectNoWcagViolations(el, 'decision failed');

    adapter.hold = undefined;
    (rootOf(el).getElementById(domId('confirm', 'seed-5')) as HTMLButtonElement).click();
    await waitUntil(() => requestRows(el).length === 2, 'the row leaves', { timeout: 5000 });
    expect(text(rootOf(el).querySelector('[part~="notice"]'))).to.contain('Confirmed Taylor Brooks');
    await focusSettlesOn(() => rootOf(el).getElementById(domId('confirm', 'seed-2')), 'after a decision');
    await expectNoWcagViolations(el, 'after a decision');
  });

  it('empty, a failed load, and not connected', async () => {
    const empty = await mountRequests(new MemoryPracticeAdapter({ practice: practiceWith() }), { provider: 'sam-okafor' });
    await waitUntil(() => text(rootOf(empty)).includes('No requests are waiting'), 'empty');
    await expectNoWcagViolations(empty, 'empty');

    const failing: PracticeAdapter = {
      listAppointments: () => Promise.reject(new Error('down')),
      confirm: () => Promise.reject(new Error('down')),
      decline: () => Promise.reject(new Error('down')),
      watchAppointments: (_query, events) => {
        queueMicrotask(() => events.onError?.(new BookingError('server', 'The server had a problem. Please try again.', { status: 500 })));
        return () => {};
      },
    };
    const failed = await mountRequests(failing);
    await waitUntil(() => buttonIn(rootOf(failed), 'Try again'), 'the failure');
    await expectNoWcagViolations(failed, 'load failed');

    const unconnected = await mountRequests(undefined);
    await expectNoWcagViolations(unconnected, 'not connected');
  });

  it('the staff sign-in form, with a failure, and the 403 prompt', async () => {
    let forbidden = false;
    await serveMockApi(
      practiceWith(),
      http.get('/api/practice/appointments', () =>
        forbidden
          ? HttpResponse.json({ error: { code: 'forbidden', message: 'Staff only.' } }, { status: 403 })
          : HttpResponse.json({ error: { code: 'unauthorized', message: 'Please sign in.' } }, { status: 401 }),
      ),
      http.post('/api/practice/auth/sign-in', () =>
        HttpResponse.json({ error: { code: 'unauthorized', message: 'That e-mail address and password do not match.' } }, { status: 401 }),
      ),
    );
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en-US"><appointment-requests api-base="/api"></appointment-requests></div>`);
    const el = wrapper.querySelector('appointment-requests')!;
    await waitUntil(() => rootOf(el).querySelector('#staff-email'), 'the form', { timeout: 5000 });
    await expectNoWcagViolations(el, 'sign-in form');
    for (const [id, value] of [['staff-email', 'maya.chen@riverside-counseling.example'], ['staff-password', 'wrong']]) {
      const input = rootOf(el).querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    buttonIn(rootOf(el), 'Sign in')!.click();
    await waitUntil(() => text(rootOf(el).querySelector('[part~="error"]')).includes('do not match'), 'the mismatch');
    await expectNoWcagViolations(el, 'sign-in failed');

    forbidden = true;
    fixtureCleanup();
    const wrapper2 = await fixture<HTMLDivElement>(html`<div lang="en-US"><appointment-requests api-base="/api"></appointment-requests></div>`);
    const client = wrapper2.querySelector('appointment-requests')!;
    await waitUntil(() => text(rootOf(client)).includes("This is for the practice's staff."), 'the 403 prompt', { timeout: 5000 });
    await expectNoWcagViolations(client, '403 prompt');
  });

  it('reflows at 320 px: nothing scrolls sideways or is cut off, the note open', async () => {
    await setViewport({ width: 320, height: 700 });
    const el = await mountRequests(new MemoryPracticeAdapter({ practice: practiceWith([overlapping()]) }));
    await waitUntil(() => requestRows(el).length === 3, 'the list');
    (rootOf(el).getElementById(domId('decline-button', 'seed-5')) as HTMLButtonElement).click();
    await el.updateComplete;
    expect(pageOverflow()).to.equal(undefined);
    expect(cutOff(el.shadowRoot!)).to.deep.equal([]);
  });
});
