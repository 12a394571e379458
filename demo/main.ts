import { Practice } from '../src/adapters/memory/practice.js';
import { RestAdapter } from '../src/adapters/rest/rest-adapter.js';
import { openStartTimes } from '../src/scheduling/open-time.js';
import { createDemoPractice, demoClientId } from '../mock-api/demo-practice.js';
import { startMockApi } from '../mock-api/browser.js';

const status = document.querySelector<HTMLElement>('#status')!;
const list = document.querySelector<HTMLUListElement>('#providers')!;

function item(text: string): HTMLLIElement {
  const li = document.createElement('li');
  li.textContent = text;
  return li;
}

async function show(): Promise<void> {
  await startMockApi(new Practice(createDemoPractice()));
  const adapter = new RestAdapter({ baseUrl: '/api', headers: { Authorization: `Bearer ${demoClientId}` } });
  const providers = await adapter.listProviders();
  const start = new Date();
  const end = new Date(start.getTime() + 14 * 24 * 3600_000);
  for (const provider of providers) {
    const name = `${provider.name}${provider.credentials ? `, ${provider.credentials}` : ''}`;
    if (!provider.selfScheduling) {
      list.append(item(`${name}: books by phone only (does not use self-scheduling)`));
      continue;
    }
    const [location] = await adapter.listLocations(provider.id);
    const [service] = await adapter.listServices(provider.id, location.id);
    const availability = await adapter.getAvailability({
      providerId: provider.id,
      locationId: location.id,
      serviceId: service.id,
      start: start.toISOString(),
      end: end.toISOString(),
    });
    const [first] = openStartTimes(
      availability.open.map((i) => ({ start: Date.parse(i.start), end: Date.parse(i.end) })),
      { durationMinutes: service.durationMinutes, stepMinutes: availability.slotStepMinutes, timeZone: availability.timeZone },
    );
    const when = first
      ? new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short', timeZone: availability.timeZone }).format(first)
      : 'nothing open in the next two weeks';
    list.append(item(`${name}: next ${service.name} at ${location.name}: ${when}`));
  }
  status.textContent = `${providers.length} therapists`;
}

show().catch((error: unknown) => {
  status.textContent = `Could not load the practice: ${error instanceof Error ? error.message : String(error)}`;
  status.classList.add('error');
});
