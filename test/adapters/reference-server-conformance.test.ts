/**
 * The conformance suite against the reference server (`server/`), on PGlite and on PostgreSQL,
 * through RestAdapter over real HTTP: what the widget relies on, from the server a practice runs.
 * web-test-runner serves the two servers (server/test/reference-servers.ts).
 */
import { RestAdapter } from '../../src/adapters/rest/rest-adapter.js';
import { demoClientId } from '../../mock-api/demo-practice.js';
import { describeAdapterConformance } from './conformance.js';

async function post(url: string, body: unknown = {}): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await response.json();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}

for (const database of ['pglite', 'postgres']) {
  const base = `/reference/${database}`;
  const signedIn = (clientId: string) =>
    new RestAdapter({ baseUrl: `${base}/api`, headers: { Authorization: `Bearer ${clientId}` }, pollIntervalMs: 40 });

  describeAdapterConformance(`RestAdapter over the reference server on ${database}`, async () => {
    await post(`${base}/__test/reset`);
    return {
      adapter: signedIn(demoClientId),
      otherClient: signedIn('client-taylor'),
      therapist: {
        confirm: (id: string) => post(`${base}/api/practice/appointments/${encodeURIComponent(id)}/confirm`),
        decline: (id: string, note?: string) => post(`${base}/api/practice/appointments/${encodeURIComponent(id)}/decline`, { note }),
      },
      setNow: (now: number) => post(`${base}/__test/clock`, { now }),
    };
  });
}
