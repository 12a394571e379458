import { ContextProvider } from '@lit/context';
import { expect, fixture, fixtureSync, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/self-schedule-form/self-schedule-form.js';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import { bookingAdapterContext } from '../../src/adapters/booking-adapter.js';
import { MemoryAdapter } from '../../src/adapters/memory/memory-adapter.js';
import { demoSessionCookie } from '../../mock-api/handlers.js';
import { NOW, createTestPractice } from '../support/fixtures.js';
import { serveMockApi } from '../support/mock-worker.js';

const providerOptions = (form: SelfScheduleForm) =>
  [...form.shadowRoot!.querySelectorAll<HTMLOptionElement>('#provider-select option')].map((o) => o.value).filter(Boolean);

describe('<self-schedule-form> finding its backend', () => {
  it('uses an adapter that a page provides through context, for every form below it', async () => {
    const { practice } = createTestPractice();
    const host = fixtureSync<HTMLDivElement>(html`<div></div>`);
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
    const host = fixtureSync<HTMLDivElement>(html`<div></div>`);
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
      const form = await fixture<SelfScheduleForm>(html`<self-schedule-form .now=${() => NOW} api-base="/api"></self-schedule-form>`);
      await waitUntil(() => providerOptions(form).length === 2, 'providers over REST');
      expect(providerOptions(form)).to.deep.equal(['dr-chen', 'jordan-alvarez']);
    } finally {
      document.cookie = `${demoSessionCookie}=; path=/; max-age=0`;
    }
  });

  it('says it is not connected when it has no backend at all', async () => {
    const form = await fixture<SelfScheduleForm>(html`<self-schedule-form .now=${() => NOW}></self-schedule-form>`);
    expect(form.shadowRoot!.textContent).to.contain('not connected to a practice');
    await expect(form).to.be.accessible();
  });
});

describe('<self-schedule-form> changing an appointment', () => {
  it('opens at Availability with the appointment’s choices and sends a change, not a new request', async () => {
    const { practice } = createTestPractice();
    const adapter = new MemoryAdapter({ practice, clientId: 'client-alex' });
    const [, seed1] = await adapter.listAppointments();
    expect(seed1.id).to.equal('seed-1');
    const form = await fixture<SelfScheduleForm>(
      html`<self-schedule-form .now=${() => NOW} time-zone="America/New_York" .adapter=${adapter} .changing=${seed1}></self-schedule-form>`,
    );
    const root = form.shadowRoot!;
    expect(root.querySelector('h2')!.textContent).to.contain('Change Appointment');
    const nine = () =>
      [...root.querySelectorAll<HTMLButtonElement>('[part~="slot"]')].find((b) => b.getAttribute('aria-label')!.includes('December 9, 2026 at 9:00'));
    await waitUntil(nine, 'the Wednesday 9:00 start time', { timeout: 5000 });
    nine()!.click();
    await form.updateComplete;
    (root.querySelector('[part~="submit"]') as HTMLButtonElement).click();
    await waitUntil(() => root.textContent!.includes('Submit Change'), 'review');
    const submitted = new Promise<CustomEvent>((resolve) => form.addEventListener('ss-request-submit', resolve as never, { once: true }));
    (root.querySelector('[part~="submit"]') as HTMLButtonElement).click();
    const event = (await submitted) as unknown as { appointment: { id: string; start: string; status: string } };
    expect(event.appointment.id).to.equal('seed-1');
    expect(event.appointment.status).to.equal('unconfirmed');
    expect(root.textContent).to.contain('Change request sent');
    const mine = practice.appointmentsOf('client-alex');
    expect(mine.filter((a) => a.status !== 'cancelled')).to.have.length(3);
    expect(mine.find((a) => a.id === 'seed-1')!.start).to.equal(event.appointment.start);
  });
});
