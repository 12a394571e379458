/**
 * The conformance suite against the reference server (`server/`), on PGlite and on PostgreSQL,
 * through RestAdapter over real HTTP: what the widget relies on, from the server a practice runs.
 * web-test-runner serves the two servers (server/test/reference-servers.ts).
 */
import { RestAdapter } from '../../src/adapters/rest/rest-adapter.js';
import { demoClientId } from '../../src/testing/index.js';
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
    // The therapist's decisions are the practice API's: the front desk signs in (the staff cookie)
    // before each, since a clock move may end the session and both servers share this page's origin.
    const asFrontDesk = async (path: string, body: unknown = {}) => {
      await post(`${base}/api/practice/auth/sign-in`, { email: 'frontdesk@riverside-counseling.example', password: 'riverside-demo' });
      return post(`${base}/api/practice/appointments/${path}`, body);
    };
    return {
      adapter: signedIn(demoClientId),
      otherClient: signedIn('client-taylor'),
      therapist: {
        confirm: (id: string) => asFrontDesk(`${encodeURIComponent(id)}/confirm`),
        decline: (id: string, note?: string) => asFrontDesk(`${encodeURIComponent(id)}/decline`, note === undefined ? {} : { note }),
      },
      setNow: (now: number) => post(`${base}/__test/clock`, { now }),
    };
  });
}
