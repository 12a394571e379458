/**
 * Where a therapist's link lands (`book.html?provider=…&location=…&service=…`): the form reads the
 * link and, with all three, opens at Availability.
 */
import { readTherapistLink } from '../src/booking/therapist-link.js';
import { startDemoPage } from './shared/start-demo.js';

void startDemoPage(async () => {
  await import('../src/elements/self-schedule-form/self-schedule-form.js');
  const form = document.querySelector('self-schedule-form')!;
  form.prefillFromLink();
  const { choice } = readTherapistLink(location.href);
  if (!choice.provider && !choice.location && !choice.service) {
    document.querySelector('#intro')!.textContent =
      'This is the page a therapist’s link leads to. This address carries no choices, so choose your provider, location and service below.';
  }
});
