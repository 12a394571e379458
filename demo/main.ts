/** The practice's website: Book online opens the New Appointment form. */
import { startDemoPage } from './shared/start-demo.js';

const status = document.querySelector<HTMLElement>('#status')!;

void startDemoPage(async () => {
  // The element is defined only once the API answers (the mock's worker runs), so its first requests reach it.
  await import('../src/elements/self-schedule-form/self-schedule-form.js');
  const form = document.querySelector('self-schedule-form')!;
  document.querySelector('#book')!.addEventListener('click', () => void form.show());
  form.addEventListener('ss-request-submit', (event) => {
    status.textContent = `Request sent: ${event.appointment.service.name} with ${event.appointment.provider.name}. Your therapist will confirm it.`;
  });
});
