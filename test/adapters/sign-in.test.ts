/**
 * The sign-in calls (src/adapters/rest/sign-in.ts) over the mock API: what each resolves with,
 * every failure a BookingError with its status (a 429 kept, so a page can say "too many"),
 * answers checked against their schemas, and cookies sent along.
 */
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { exchangeSignInToken, hasSession, requestSignInLink, signOut } from '../../src/adapters/rest/sign-in.js';
import { createTestPractice } from '../support/fixtures.js';
import { rejection } from '../support/async.js';
import { serveMockApi } from '../support/mock-worker.js';

describe('sign-in calls', () => {
  let credentials: RequestCredentials[];

  beforeEach(async () => {
    credentials = [];
    await serveMockApi(
      createTestPractice().practice,
      http.all('/api/auth/*', ({ request }) => {
        credentials.push(request.credentials);
      }),
    );
  });

  afterEach(() => signOut('/api'));

  it('asks for a link, signs in with its token, knows the session, and signs out', async () => {
    expect(await requestSignInLink('/api/', 'alex.rivera@example.com')).to.have.property('message').that.is.a('string');
    expect(await hasSession('/api')).to.equal(false);
    expect(await exchangeSignInToken('/api', 'demo-token-client-alex')).to.deep.equal({ id: 'client-alex', name: 'Alex Rivera' });
    expect(await hasSession('/api')).to.equal(true);
    await signOut('/api');
    expect(await hasSession('/api')).to.equal(false);
    expect(new Set(credentials)).to.deep.equal(new Set(['include']));
  });

  it('rejects a used or unknown token as unauthorized, and too many links with status 429', async () => {
    const refused = await rejection(exchangeSignInToken('/api', 'nope'));
    expect([refused.code, refused.status]).to.deep.equal(['unauthorized', 401]);
    for (let i = 0; i < 3; i += 1) await requestSignInLink('/api', 'taylor.brooks@example.com');
    const tooMany = await rejection(requestSignInLink('/api', 'taylor.brooks@example.com'));
    expect(tooMany.status).to.equal(429);
  });

  it('checks answers at the boundary, and says when the network failed', async () => {
    await serveMockApi(
      createTestPractice().practice,
      http.post('/api/auth/email-link/verify', () => HttpResponse.json({ client: { id: 7 } })),
      http.post('/api/auth/email-link', () => HttpResponse.error()),
    );
    expect((await rejection(exchangeSignInToken('/api', 'demo-token-client-alex'))).code).to.equal('invalid-response');
    expect((await rejection(requestSignInLink('/api', 'alex.rivera@example.com'))).code).to.equal('network');
  });
});
