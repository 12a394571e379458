import { ContextProvider } from '@lit/context';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/self-schedule-form/self-schedule-form.js';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import { bookingAdapterContext } from '../../src/adapters/booking-adapter.js';
import { MemoryAdapter } from '../../src/adapters/memory/memory-adapter.js';
import { demoSessionCookie } from '../../mock-api/handlers.js';
import { createTestPractice } from '../support/fixtures.js';
import { serveMockApi } from '../support/mock-worker.js';

const providerOptions = (form: SelfScheduleForm) =>
  [...form.shadowRoot!.querySelectorAll<HTMLOptionElement>('#provider-select option')].map((o) => o.value).filter(Boolean);

describe('<self-schedule-form> finding its backend', () => {
  it('uses an adapter that a page provides through context, for every form below it', async () => {
    const { practice } = createTestPractice();
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    new ContextProvider(host, { context: bookingAdapterContext, initialValue: new MemoryAdapter({ practice, clientId: 'client-alex' }) });
    host.innerHTML = '<self-schedule-form></self-schedule-form><section><self-schedule-form></self-schedule-form></section>';
    for (const form of host.querySelectorAll('self-schedule-form')) {
      await waitUntil(() => providerOptions(form).length === 2, 'providers from the provided adapter');
      expect(providerOptions(form)).to.deep.equal(['dr-chen', 'jordan-alvarez']);
    }
  });

  it('prefers its own adapter property over a provided one', async () => {
    const provided = createTestPractice().practice;
    const own = createTestPractice().practice;
    own.setSelfScheduling('jordan-alvarez', false);
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    new ContextProvider(host, { context: bookingAdapterContext, initialValue: new MemoryAdapter({ practice: provided, clientId: 'client-alex' }) });
    const form = document.createElement('self-schedule-form');
    form.adapter = new MemoryAdapter({ practice: own, clientId: 'client-alex' });
    host.append(form);
    await waitUntil(() => providerOptions(form).length > 0, 'providers');
    expect(providerOptions(form)).to.deep.equal(['dr-chen']);
  });

  it('makes its own REST adapter from api-base, sending the session cookie', async () => {
    const { practice } = createTestPractice();
    await serveMockApi(practice);
    document.cookie = `${demoSessionCookie}=client-alex; path=/`;
    try {
      const form = await fixture<SelfScheduleForm>(html`<self-schedule-form api-base="/api"></self-schedule-form>`);
      await waitUntil(() => providerOptions(form).length === 2, 'providers over REST');
      expect(providerOptions(form)).to.deep.equal(['dr-chen', 'jordan-alvarez']);
    } finally {
      document.cookie = `${demoSessionCookie}=; path=/; max-age=0`;
    }
  });

  it('says it is not connected when it has no backend at all', async () => {
    const form = await fixture<SelfScheduleForm>(html`<self-schedule-form></self-schedule-form>`);
    expect(form.shadowRoot!.textContent).to.contain('not connected to a practice');
    await expect(form).to.be.accessible();
  });
});
