import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/self-schedule-form/self-schedule-form.js';
import type { SelfScheduleForm } from '../../src/elements/self-schedule-form/self-schedule-form.js';
import { MemoryAdapter } from '../../src/adapters/memory/memory-adapter.js';
import { createTestPractice, nyTime } from '../support/fixtures.js';

describe('smoke', () => {
  it('books', async () => {
    const { practice } = createTestPractice();
    const adapter = new MemoryAdapter({ practice, clientId: 'client-alex' });
    const el = await fixture<SelfScheduleForm>(html`<self-schedule-form time-zone="America/New_York" provider="dr-chen" location="riverside" service="individual-50" start=${nyTime(9, '09:00')} .adapter=${adapter}></self-schedule-form>`);
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('[part~="slot"]'), 'slots', { timeout: 5000 });
    await waitUntil(() => root.querySelector('.unavailable'), 'grid', { timeout: 5000 });
    console.log(root.querySelectorAll('[part~="slot"]').length, root.querySelector('[aria-pressed="true"]')?.getAttribute('aria-label'));
    (root.querySelector('[part~="submit"]') as HTMLButtonElement).click();
    await waitUntil(() => root.textContent!.includes('Review'), 'review');
    (root.querySelector('[part~="submit"]') as HTMLButtonElement).click();
    await waitUntil(() => root.textContent!.includes('Appointment request sent'), 'done');
    expect(practice.appointmentsOf('client-alex').some((a) => a.start === nyTime(9, '09:00'))).to.equal(true);
  });
});
