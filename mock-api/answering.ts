/** How the mock's handlers answer: the handler's value as JSON, or the contract's error body for what it throws. */
import { HttpResponse } from 'msw';
import type { Practice } from '../src/adapters/memory/practice.js';
import { errorAnswer } from '../src/adapters/rest/rest-server.js';

export function errorResponse(error: unknown): HttpResponse<Record<string, unknown>> {
  const { status, body } = errorAnswer(error);
  return HttpResponse.json(body, { status });
}

/** What a handler is given: the request, its path parameters, and the cookies msw read for it. */
export interface Call {
  request: Request;
  params: Record<string, string>;
  cookies: Record<string, string>;
}

export function answering(respond: (call: Call) => unknown | Promise<unknown>, status = 200) {
  return async ({
    request,
    params,
    cookies,
  }: {
    request: Request;
    params: Record<string, string | readonly string[] | undefined>;
    cookies: Record<string, string>;
  }) => {
    try {
      const body = await respond({ request, params: params as Record<string, string>, cookies });
      return HttpResponse.json(body as Record<string, unknown>, { status });
    } catch (error) {
      return errorResponse(error);
    }
  };
}


/** The cookie a demo page sets to sign in, as a portal's session cookie would. */
export const demoSessionCookie = 'demo-client';

/** The client the bearer token or the demo cookie names, if it is one of the practice's. */
export function signedInClientId({ request, cookies }: Pick<Call, 'request' | 'cookies'>, practice: Practice): string | undefined {
  const bearer = /^Bearer (.+)$/.exec(request.headers.get('Authorization') ?? '')?.[1];
  const clientId = bearer ?? cookies[demoSessionCookie];
  return clientId && practice.hasClient(clientId) ? clientId : undefined;
}
