import { Practice } from '../src/adapters/memory/practice.js';
import { createDemoPractice, demoClientId } from '../mock-api/demo-practice.js';
import { startMockApi } from '../mock-api/browser.js';
import { demoSessionCookie } from '../mock-api/handlers.js';

const status = document.querySelector<HTMLElement>('#status')!;

async function start(): Promise<void> {
  // The demo signs in as Alex with a session cookie, as a client portal would.
  document.cookie = `${demoSessionCookie}=${demoClientId}; path=/; SameSite=Lax`;
  await startMockApi(new Practice(createDemoPractice()));
  // The elements are defined only once the mock API answers, so their first requests reach it.
  await import('../src/elements/self-schedule-form/self-schedule-form.js');
  const form = document.querySelector<HTMLElementTagNameMap['self-schedule-form']>('self-schedule-form[modal]')!;
  document.querySelector('#book')!.addEventListener('click', () => void form.show());
  document.addEventListener('ss-request-submit', (event) => {
    status.textContent = `Request sent: ${event.appointment.service.name} with ${event.appointment.provider.name}.`;
  });
}

start().catch((error: unknown) => {
  status.textContent = `The demo could not start: ${error instanceof Error ? error.message : String(error)}`;
  status.classList.add('error');
});
