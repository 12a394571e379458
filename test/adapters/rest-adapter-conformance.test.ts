import { RestAdapter } from '../../src/adapters/rest/rest-adapter.js';
import { demoClientId } from '../../src/testing/index.js';
import { describeAdapterConformance } from './conformance.js';
import { serveMockApi } from '../support/mock-worker.js';

const signedIn = (clientId: string) =>
  new RestAdapter({ baseUrl: '/api', headers: { Authorization: `Bearer ${clientId}` }, pollIntervalMs: 40 });

describeAdapterConformance('RestAdapter over the mock API', async ({ practice }) => {
  await serveMockApi(practice);
  return { adapter: signedIn(demoClientId), otherClient: signedIn('client-taylor') };
});
