/**
 * Who is who, from the elements' side, over the mock API (mock-api/handlers.ts): a portal's
 * `access-token` sent as a bearer header (a new one used at the next call, and after a 401 loading
 * again what was refused); `ss-auth-required` fired once per failure by each element, with the
 * sign-in prompt in place of a dead Try again (or not, when the host prevents it); the e-mail
 * form's states; the link's `#ss-sign-in=` fragment exchanged once for three elements and taken
 * out of the address; a bad link; axe and the keyboard in the prompt.
 *
 * The mock signs in the bearer's client id, or the `demo-client` cookie; its link tokens are
 * `demo-token-<client id>`. A test that signs in signs out after (msw keeps the cookie).
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { LitElement } from 'lit';
import '../../src/elements/self-schedule-form/self-schedule-form.js';
import '../../src/elements/appointment-status/appointment-status.js';
import '../../src/elements/appointment-calendar/appointment-calendar.js';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import type { AppointmentStatusElement } from '../../src/elements/appointment-status/appointment-status.js';
import type { AuthRequiredEvent } from '../../src/elements/shared/sign-in.events.js';
import { exchangeSignInToken } from '../../src/adapters/rest/sign-in.js';
import { NOW, createTestPractice } from '../support/fixtures.js';
import { deferred } from '../support/grid-helpers.js';
import { serveMockApi } from '../support/mock-worker.js';
import { deepActiveElement, expectNoWcagViolations, expectVisibleFocus, pressUntil, until } from '../a11y/support.js';

type Tag = 'self-schedule-form' | 'appointment-status' | 'appointment-calendar';
const tags: Tag[] = ['self-schedule-form', 'appointment-status', 'appointment-calendar'];

const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const rootOf = (el: Element) => el.shadowRoot!;
const prompt = (el: Element) => rootOf(el).querySelector<HTMLElement>('[part~="sign-in"]');
const promptHeading = (el: Element) => rootOf(el).querySelector<HTMLElement>('#sign-in-heading');
const emailField = (el: Element) => rootOf(el).querySelector<HTMLInputElement>('[part~="sign-in"] input[type="email"]');
const sendButton = (el: Element) => rootOf(el).querySelector<HTMLButtonElement>('[part~="sign-in"] button[type="submit"]');
const alertRegion = (el: Element) => rootOf(el).querySelector<HTMLElement>('[part~="error"][role="alert"]')!;
const noticeRegion = (el: Element) => rootOf(el).querySelector<HTMLElement>('[part~="notice"][role="status"]')!;
const buttonsNamed = (el: Element, name: string) => [...rootOf(el).querySelectorAll('button')].filter((button) => text(button) === name);
const providerOptions = (form: SelfScheduleForm) =>
  [...rootOf(form).querySelectorAll<HTMLOptionElement>('#provider-select option')].map((option) => option.value).filter(Boolean);

/** Each element's sign of having loaded: the form's providers, a view's list of the client's appointments. */
function loaded(el: Element): boolean {
  if (el.localName === 'self-schedule-form') return providerOptions(el as SelfScheduleForm).length > 0;
  if (el.localName === 'appointment-status') return Boolean(rootOf(el).querySelector('[part~="appointment"]'));
  return Boolean(rootOf(el).querySelector('.agenda [part~="appointment"], .agenda .empty'));
}

/** The `ss-auth-required` events the page hears from now on. */
function hearAuthRequired(onEvent?: (event: AuthRequiredEvent) => void): { events: AuthRequiredEvent[]; stop: () => void } {
  const events: AuthRequiredEvent[] = [];
  const listener = (event: AuthRequiredEvent) => {
    events.push(event);
    onEvent?.(event);
  };
  document.addEventListener('ss-auth-required', listener);
  return { events, stop: () => document.removeEventListener('ss-auth-required', listener) };
}

/** The elements, with their attributes, added to the page together (as a page's HTML would have them). */
async function mountAll(...specs: Array<[Tag, Record<string, string>]>): Promise<LitElement[]> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const elements = specs.map(([tag, attributes]) => {
    const el = document.createElement(tag) as LitElement & { now: () => number };
    el.now = () => NOW;
    el.setAttribute('time-zone', 'America/New_York');
    if (tag === 'appointment-calendar') el.setAttribute('initial-date', '2026-12-07');
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    return el;
  });
  wrapper.append(...elements);
  await Promise.all(elements.map((el) => el.updateComplete));
  return elements;
}

async function mount<T extends LitElement = LitElement>(tag: Tag, attributes: Record<string, string> = {}): Promise<T> {
  const [el] = await mountAll([tag, attributes]);
  return el as T;
}

/** Types `address` into the prompt and sends it, as a click would. */
async function sendLink(el: Element, address: string): Promise<void> {
  const field = emailField(el)!;
  field.value = address;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  sendButton(el)!.click();
  await (el as LitElement).updateComplete;
}

let practice: ReturnType<typeof createTestPractice>['practice'];
/** The Authorization header of every API call, in order. */
let authorizations: Array<string | null>;
/** Each call's path with its Authorization header. */
let calls: Array<{ path: string; authorization: string | null }>;
let verifies: number;

const recorders = () => [
  http.all('/api/*', ({ request }) => {
    authorizations.push(request.headers.get('Authorization'));
    calls.push({ path: new URL(request.url).pathname, authorization: request.headers.get('Authorization') });
  }),
  http.post('/api/auth/email-link/verify', () => {
    verifies += 1;
  }),
];

describe('signing in', function () {
  this.timeout(60_000);

  beforeEach(async () => {
    practice = createTestPractice().practice;
    authorizations = [];
    calls = [];
    verifies = 0;
    await serveMockApi(practice, ...recorders());
  });

  afterEach(async () => {
    fixtureCleanup();
    // msw keeps a mocked Set-Cookie in its own store, for the whole test run: sign out.
    await fetch('/api/auth/sign-out', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    history.replaceState(history.state, '', location.pathname + location.search);
  });

  describe('a portal’s access-token', () => {
    it('is sent as a bearer header, and a changed one is used at the next call', async () => {
      const form = await mount<SelfScheduleForm>('self-schedule-form', { 'api-base': '/api', 'access-token': 'client-alex' });
      await until(() => providerOptions(form).length === 2, 'providers with the token');
      expect(authorizations).to.include('Bearer client-alex');
      expect(authorizations.every((header) => header === 'Bearer client-alex')).to.equal(true);

      form.setAttribute('access-token', 'client-taylor');
      const select = rootOf(form).querySelector<HTMLSelectElement>('#provider-select')!;
      select.value = 'dr-chen';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      const locations = () => calls.filter((call) => call.path === '/api/providers/dr-chen/locations');
      await until(() => locations().length, 'the locations call');
      expect(locations().map((call) => call.authorization)).to.deep.equal(['Bearer client-taylor']);
    });

    it('after a 401, a new token loads again what was refused, in each element', async () => {
      for (const tag of tags) {
        const heard = hearAuthRequired();
        try {
          const el = await mount(tag, { 'api-base': '/api', 'access-token': 'expired-token' });
          await until(() => prompt(el), `${tag}: the prompt`);
          // A portal's token: signing in is the portal's, so no e-mail form.
          expect(emailField(el), tag).to.equal(null);
          expect(text(prompt(el))).to.contain('Your session has ended. Please sign in again to continue.');
          expect(heard.events.map((event) => event.reason)).to.deep.equal(['session']);

          el.setAttribute('access-token', 'client-alex');
          await until(() => !prompt(el) && loaded(el), `${tag}: loaded with the new token`);
          expect(authorizations.at(-1)).to.equal('Bearer client-alex');
          expect(heard.events, tag).to.have.length(1);
        } finally {
          heard.stop();
          fixtureCleanup();
        }
      }
    });

    it('keeps the client’s choices in the form through a refused Submit and a new token', async () => {
      const heard = hearAuthRequired((event) => {
        // A portal answering the event with a fresh token, a moment later.
        setTimeout(() => (event.target as Element).setAttribute('access-token', 'client-alex'), 50);
      });
      try {
        const form = await mount<SelfScheduleForm>('self-schedule-form', {
          'api-base': '/api',
          'access-token': 'client-alex',
          provider: 'dr-chen',
          location: 'riverside',
          service: 'individual-50',
          start: '2026-12-07T14:00:00Z',
        });
        await until(() => text(rootOf(form).querySelector('[data-step-heading]')) === 'Availability' && rootOf(form).querySelector('[part~="slot"][aria-pressed="true"]'), 'the time chosen');
        const save = buttonsNamed(form, 'Save')[0];
        save.click();
        await until(() => buttonsNamed(form, 'Submit New Appointment').length === 1, 'the review');
        const review = text(rootOf(form).querySelector('dl'));

        // The portal's token expires before Submit.
        form.setAttribute('access-token', 'expired-token');
        await form.updateComplete;
        const submit = buttonsNamed(form, 'Submit New Appointment')[0];
        submit.focus();
        submit.click();
        await until(() => prompt(form), 'the prompt');
        expect(heard.events).to.have.length(1);
        expect(heard.events[0].error.code).to.equal('unauthorized');
        expect(heard.events[0].error.status).to.equal(401);
        expect(buttonsNamed(form, 'Try again')).to.have.length(0);
        await until(() => deepActiveElement() === promptHeading(form), 'focus on the prompt’s heading');

        // The portal's new token arrives: back at the review, every choice as it was.
        await until(() => buttonsNamed(form, 'Submit New Appointment').length === 1, 'the review again');
        expect(text(rootOf(form).querySelector('dl'))).to.equal(review);
        const submitted = new Promise((resolve) => form.addEventListener('ss-request-submit', resolve, { once: true }));
        buttonsNamed(form, 'Submit New Appointment')[0].click();
        await submitted;
        expect(practice.appointmentsOf('client-alex').filter((a) => a.status === 'unconfirmed')).to.have.length(2);
      } finally {
        heard.stop();
      }
    });
  });

  describe('ss-auth-required and the prompt', () => {
    for (const tag of tags) {
      it(`<${tag}> fires it once for a 401 and shows the prompt, not Try again`, async () => {
        const heard = hearAuthRequired();
        try {
          const el = await mount(tag, { 'api-base': '/api' });
          // The e-mail form's code is fetched when first needed: a moment after the prompt's heading.
          await until(() => prompt(el) && emailField(el), 'the prompt and its e-mail form');
          const event = heard.events[0];
          expect(event.reason).to.equal('session');
          expect(event.error.code).to.equal('unauthorized');
          expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
          expect(event.target === el, 'fired by the element').to.equal(true);
          expect(text(promptHeading(el))).to.equal('Please sign in');
          // With api-base and no token: sign in by e-mail.
          const field = emailField(el)!;
          expect(text(rootOf(el).querySelector(`label[for="${field.id}"]`))).to.equal('E-mail address');
          expect(text(sendButton(el))).to.equal('Send sign-in link');
          expect(buttonsNamed(el, 'Try again')).to.have.length(0);

          // More renders, and more refusals (offline and back loads again what failed), are the same failure: no second event.
          const before = authorizations.length;
          (el as LitElement).requestUpdate();
          await (el as LitElement).updateComplete;
          window.dispatchEvent(new Event('offline'));
          window.dispatchEvent(new Event('online'));
          await until(() => authorizations.length > before, 'loaded again');
          await new Promise((resolve) => setTimeout(resolve, 300));
          expect(heard.events).to.have.length(1);
          expect(prompt(el)).to.not.equal(null);
        } finally {
          heard.stop();
        }
      });
    }

    it('closes a view’s cancel confirmation for the prompt when the cancel is refused, focus on its heading', async () => {
      const status = await mount<AppointmentStatusElement>('appointment-status', { 'api-base': '/api', 'access-token': 'client-alex' });
      await until(() => rootOf(status).querySelector('[part~="appointment"][data-id="seed-2"]'), 'the list');
      const item = rootOf(status).querySelector('[part~="appointment"][data-id="seed-2"]')!;
      [...item.querySelectorAll('button')].find((button) => text(button) === 'Manage Appointment')!.click();
      await status.updateComplete;
      [...item.querySelectorAll('button')].find((button) => text(button) === 'Cancel appointment')!.click();
      const dialog = rootOf(status).querySelector<HTMLDialogElement>('dialog[part~="dialog"]')!;
      await until(() => dialog.open, 'the confirmation');
      status.setAttribute('access-token', 'expired-token');
      await status.updateComplete;
      const confirm = buttonsNamed(status, 'Yes, cancel appointment')[0];
      confirm.focus();
      confirm.click();
      await until(() => prompt(status) && !dialog.open, 'the prompt, the dialog closed');
      await until(() => deepActiveElement() === promptHeading(status), 'focus on the prompt’s heading');
      expect(practice.appointmentsOf('client-alex').find((a) => a.id === 'seed-2')!.status).to.equal('unconfirmed');
    });

    it('shows no prompt when the host prevents the event, and no Try again either', async () => {
      const heard = hearAuthRequired((event) => event.preventDefault());
      try {
        const [form, status] = await mountAll(['self-schedule-form', { 'api-base': '/api' }], ['appointment-status', { 'api-base': '/api' }]);
        await until(() => heard.events.length === 2, 'both events');
        await until(() => text(alertRegion(status)).includes('Please sign in'), 'the status element’s reason');
        await until(() => text(rootOf(form)).includes('Please sign in'), 'the form’s reason');
        for (const el of [form, status]) {
          expect(prompt(el)).to.equal(null);
          expect(buttonsNamed(el, 'Try again')).to.have.length(0);
        }
      } finally {
        heard.stop();
      }
    });
  });

  describe('the e-mail form', () => {
    it('says the same words for a client’s address and for anyone else’s', async () => {
      const said: string[] = [];
      for (const address of ['alex.rivera@example.com', 'nobody-at-all@example.org']) {
        const form = await mount('self-schedule-form', { 'api-base': '/api' });
        await until(() => emailField(form), 'the e-mail field');
        await sendLink(form, address);
        await until(() => text(noticeRegion(form)), 'the answer');
        said.push(text(noticeRegion(form)));
        expect(text(alertRegion(form))).to.equal('');
        fixtureCleanup();
      }
      expect(said).to.deep.equal(['Check your e-mail: we sent a link to sign in.', 'Check your e-mail: we sent a link to sign in.']);
    });

    it('shows Sending… while the link is asked for', async () => {
      const gate = deferred<void>();
      await serveMockApi(
        practice,
        http.post('/api/auth/email-link', async () => {
          await gate.promise;
        }),
      );
      const form = await mount('self-schedule-form', { 'api-base': '/api' });
      await until(() => emailField(form), 'the e-mail field');
      await sendLink(form, 'alex.rivera@example.com');
      expect(text(sendButton(form))).to.equal('Sending…');
      expect(sendButton(form)!.getAttribute('aria-disabled')).to.equal('true');
      gate.resolve();
      await until(() => text(noticeRegion(form)).includes('Check your e-mail'), 'sent');
      expect(text(sendButton(form))).to.equal('Send sign-in link');
    });

    it('says to wait after too many links for one address (429)', async () => {
      const form = await mount('self-schedule-form', { 'api-base': '/api' });
      await until(() => emailField(form), 'the e-mail field');
      for (let sent = 1; sent <= 3; sent += 1) {
        await sendLink(form, 'Alex.Rivera@example.com');
        await until(() => text(sendButton(form)) === 'Send sign-in link', `link ${sent} sent`);
        expect(text(noticeRegion(form))).to.contain('Check your e-mail');
      }
      await sendLink(form, 'alex.rivera@example.com');
      await until(() => text(alertRegion(form)), 'the refusal');
      expect(text(alertRegion(form))).to.equal('Too many attempts. Please wait a few minutes and try again.');
      expect(text(noticeRegion(form))).to.equal('');
    });

    it('keeps the address typed when the network fails, and says so', async () => {
      await serveMockApi(practice, http.post('/api/auth/email-link', () => HttpResponse.error()));
      const status = await mount('appointment-status', { 'api-base': '/api' });
      await until(() => emailField(status), 'the e-mail field');
      await sendLink(status, 'alex.rivera@example.com');
      await until(() => text(alertRegion(status)), 'the failure');
      expect(text(alertRegion(status))).to.equal(
        'The sign-in link could not be sent. Could not reach the server. Check your connection and try again.',
      );
      expect(emailField(status)!.value).to.equal('alex.rivera@example.com');
      expect(text(noticeRegion(status))).to.equal('');
    });

    it('asks for an address before sending, and sends nothing', async () => {
      let asked = 0;
      await serveMockApi(
        practice,
        http.post('/api/auth/email-link', () => {
          asked += 1;
        }),
      );
      const form = await mount('self-schedule-form', { 'api-base': '/api' });
      await until(() => emailField(form), 'the e-mail field');
      await sendLink(form, '  not an address ');
      await until(() => deepActiveElement() === emailField(form), 'focus on the field');
      expect(text(alertRegion(form))).to.equal('Enter your e-mail address, for example name@example.com.');
      expect(emailField(form)!.getAttribute('aria-invalid')).to.equal('true');
      expect(emailField(form)!.getAttribute('aria-describedby')).to.contain('sign-in-alert');
      expect(asked).to.equal(0);
    });
  });

  describe('back from the e-mail', () => {
    it('carries on when the client signed in in another tab meanwhile, choices and all', async () => {
      const heard = hearAuthRequired();
      try {
        const form = await mount<SelfScheduleForm>('self-schedule-form', { 'api-base': '/api', provider: 'dr-chen' });
        await until(() => emailField(form), 'the prompt');
        await sendLink(form, 'alex.rivera@example.com');
        await until(() => text(noticeRegion(form)).includes('Check your e-mail'), 'sent');

        // Still no session: coming back to the tab changes nothing.
        document.dispatchEvent(new Event('visibilitychange'));
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(prompt(form)).to.not.equal(null);

        // The link, opened in another tab, set the session cookie.
        await exchangeSignInToken('/api', 'demo-token-client-alex');
        document.dispatchEvent(new Event('visibilitychange'));
        await until(() => !prompt(form) && providerOptions(form).length === 2, 'signed in and loaded');
        expect(rootOf(form).querySelector<HTMLSelectElement>('#provider-select')!.value).to.equal('dr-chen');
        expect(heard.events).to.have.length(1);
      } finally {
        heard.stop();
      }
    });
  });

  describe('the link’s #ss-sign-in fragment', () => {
    it('is exchanged once for three elements, taken out of the address, and signs them in', async () => {
      history.replaceState(history.state, '', `${location.pathname}${location.search}#ss-sign-in=demo-token-client-alex`);
      const historyLength = history.length;
      const heard = hearAuthRequired();
      try {
        const elements = await mountAll(
          ['self-schedule-form', { 'api-base': '/api' }],
          ['appointment-status', { 'api-base': '/api' }],
          ['appointment-calendar', { 'api-base': '/api' }],
        );
        expect(location.hash).to.equal('');
        expect(location.href).to.not.contain('demo-token');
        expect(history.length, 'no history entry holds the token').to.equal(historyLength);
        for (const el of elements) await until(() => loaded(el), `${el.localName} signed in`);
        expect(verifies).to.equal(1);
        expect(heard.events).to.have.length(0);
        expect(authorizations.every((header) => header === null)).to.equal(true);
      } finally {
        heard.stop();
      }
    });

    it('keeps the rest of the fragment', async () => {
      history.replaceState(history.state, '', `${location.pathname}${location.search}#book&ss-sign-in=demo-token-client-alex`);
      const form = await mount('self-schedule-form', { 'api-base': '/api' });
      expect(location.hash).to.equal('#book');
      await until(() => loaded(form), 'signed in');
    });

    it('says when the link has expired or was used, with the e-mail form', async () => {
      history.replaceState(history.state, '', `${location.pathname}${location.search}#ss-sign-in=used-or-expired`);
      const heard = hearAuthRequired();
      try {
        const form = await mount('self-schedule-form', { 'api-base': '/api' });
        expect(location.hash).to.equal('');
        await until(() => text(alertRegion(form)), 'the link’s failure');
        expect(text(alertRegion(form))).to.equal('That sign-in link has expired or was already used. Ask for a new one.');
        await until(() => emailField(form), 'the e-mail form');
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(heard.events.map((event) => event.reason)).to.deep.equal(['link']);
        expect(verifies).to.equal(1);

        // A new link asked for: the expired one's words give way to the news.
        await sendLink(form, 'alex.rivera@example.com');
        await until(() => text(noticeRegion(form)), 'sent');
        expect(text(alertRegion(form))).to.equal('');
      } finally {
        heard.stop();
      }
    });
  });

  describe('accessibility of the prompt', () => {
    it('has no WCAG 2.2 A/AA violation in any of its states, light and dark', async () => {
      const form = await mount('self-schedule-form', { 'api-base': '/api' });
      await until(() => emailField(form), 'the prompt');
      await expectNoWcagViolations(form, 'form: sign-in prompt');
      await sendLink(form, 'nope');
      await expectNoWcagViolations(form, 'form: address not valid');
      await sendLink(form, 'alex.rivera@example.com');
      await until(() => text(noticeRegion(form)), 'sent');
      await expectNoWcagViolations(form, 'form: link sent');
      for (let sent = 2; sent <= 4; sent += 1) {
        await sendLink(form, 'alex.rivera@example.com');
        await until(() => text(sendButton(form)) === 'Send sign-in link', `link ${sent}`);
      }
      expect(text(alertRegion(form))).to.contain('Too many attempts');
      await expectNoWcagViolations(form, 'form: too many attempts');

      fixtureCleanup();
      const status = await mount('appointment-status', { 'api-base': '/api', 'access-token': 'expired-token' });
      await until(() => prompt(status), 'the portal prompt');
      await expectNoWcagViolations(status, 'status: portal prompt');

      fixtureCleanup();
      history.replaceState(history.state, '', `${location.pathname}${location.search}#ss-sign-in=used`);
      const calendar = await mount('appointment-calendar', { 'api-base': '/api' });
      await until(() => text(alertRegion(calendar)).includes('expired'), 'the link’s failure');
      await expectNoWcagViolations(calendar, 'calendar: link expired');
    });

    it('takes the keyboard from the field to Send sign-in link, with focus always visible', async () => {
      const status = await mount<AppointmentStatusElement>('appointment-status', { 'api-base': '/api' });
      await until(() => emailField(status), 'the prompt');
      (deepActiveElement() as HTMLElement | null)?.blur();
      await pressUntil(() => emailField(status));
      await sendKeys({ type: 'alex.rivera@example.com' });
      expectVisibleFocus('typing the address');
      await pressUntil(() => sendButton(status));
      const box = sendButton(status)!.getBoundingClientRect();
      expect(Math.min(box.width, box.height)).to.be.at.least(24);
      await sendKeys({ press: 'Enter' });
      await until(() => text(noticeRegion(status)).includes('Check your e-mail'), 'sent by Enter');
      expectVisibleFocus('after sending');

      // Enter in the field sends too.
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(deepActiveElement()).to.equal(emailField(status));
      expectVisibleFocus('back in the field');
      await sendKeys({ press: 'Enter' });
      await until(() => text(sendButton(status)) === 'Send sign-in link', 'sent again');
      expect(text(noticeRegion(status))).to.contain('Check your e-mail');
    });
  });
});
