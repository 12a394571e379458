/**
 * The mock API for pages served from Node rather than through msw's service worker: the script-tag
 * page, the strict-CSP page and the load benchmark. The same handlers answer, through msw's
 * `getResponse`, so every page sees one REST contract.
 */
import { getResponse } from 'msw';
import { Practice } from '../src/adapters/memory/practice.js';
import type { PracticeData } from '../src/adapters/memory/practice-data.js';
import { createDemoPractice } from './demo-practice.js';
import { createHandlers, type MockApiOptions } from './handlers.js';

export interface NodeMockApi {
  practice: Practice;
  /** The API's answer, or undefined when the request is not the API's. */
  handle(request: Request): Promise<Response | undefined>;
}

export function createNodeMockApi(data: PracticeData = createDemoPractice(), options: MockApiOptions = {}): NodeMockApi {
  const practice = new Practice(data);
  // Node has no page URL to resolve `/api` against; any origin's /api is ours.
  const handlers = createHandlers(practice, { baseUrl: '*/api', ...options });
  return { practice, handle: (request) => getResponse(handlers, request) };
}
