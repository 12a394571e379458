/**
 * The mock API over msw with faults a test can switch on per route: the network failing, the
 * server not answering in time, a 500, an answer that is not JSON or not the contract's shape,
 * and an answer lost after the server acted. Every request is logged (with its Idempotency-Key),
 * answers can be held back or rewritten, and the elements talk to it through a real RestAdapter.
 */
import { getResponse, http, HttpResponse, type HttpHandler } from 'msw';
import type { Practice } from '../../src/adapters/memory/practice.js';
import { RestAdapter, type RestAdapterOptions } from '../../src/adapters/rest/rest-adapter.js';
import { type CallPlan, RestTransport, type RestTransportOptions } from '../../src/adapters/rest/rest-transport.js';
import { createHandlers } from '../../mock-api/handlers.js';
import { createTestPractice } from './fixtures.js';
import { serveMockApi } from './mock-worker.js';

/** Every endpoint of docs/rest-api.md that an element calls. */
export const routes = [
  'providers',
  'locations',
  'services',
  'availability',
  'appointments',
  'validate',
  'submit',
  'change',
  'cancel',
] as const;
export type Route = (typeof routes)[number];

/** The routes that change something on the server. */
export const writeRoutes: readonly Route[] = ['submit', 'change', 'cancel'];

export const faults = ['network', 'timeout', 'server', 'malformed-json', 'wrong-shape'] as const;
/**
 * - `network`: the request never gets an answer (msw's `HttpResponse.error()`, a TypeError in fetch).
 * - `timeout`: the answer comes later than the adapter waits.
 * - `server`: a 500 with a proxy's HTML page for a body.
 * - `malformed-json`: 200 with a body cut off mid-JSON; for a write, after the server acted.
 * - `wrong-shape`: 200 with JSON that is not the contract's; for a write, after the server acted.
 * - `lost`: the server acts, then the connection drops before the answer arrives.
 */
export type Fault = (typeof faults)[number] | 'lost';

export interface LoggedRequest {
  route: Route;
  method: string;
  url: string;
  idempotencyKey: string | null;
  /** The fault this request met, if any. */
  fault?: Fault;
}

/** What a rewritten answer becomes: JSON to send instead, or `{ raw }` text sent as JSON. */
export type Rewrite = (body: unknown) => unknown;

export interface FaultyApi {
  practice: Practice;
  /** A RestAdapter for Alex over this API (see `timeoutMs`). */
  adapter: RestAdapter;
  /** Makes `adapter`-like RestAdapters for other clients or options. */
  restAdapter(options?: Partial<RestAdapterOptions> & { clientId?: string }): RestAdapter;
  /**
   * The adapters' time limit, in milliseconds, for a route that is not under a `timeout` fault; a
   * route that is gets `timeoutFaultLimitMs`, and its fault answers just after that.
   */
  timeoutMs: number;
  /** Every API request, in order. */
  log: LoggedRequest[];
  /** Whether no call of this API's adapters is under way (its retries and waits included). */
  idle(): boolean;
  /** Requests to `route` so far. */
  requestsTo(route: Route): LoggedRequest[];
  /** From now on `route` fails with `fault` (for `times` requests, or until cleared). */
  fail(route: Route, fault: Fault, times?: number): void;
  /** Rewrites every answer of `route` (2xx ones) with `rewrite`, until cleared. */
  rewrite(route: Route, rewrite: Rewrite): void;
  /** Holds the answers of `route` back until the returned function is called. */
  hold(route: Route): () => void;
  /** Ends every fault, rewrite and hold (of `route`, or of all routes). */
  clear(route?: Route): void;
}

const base = '/api';

/** Which endpoint `request` is for, or undefined for anything else (the therapist's side, say). */
export function routeOf(method: string, pathname: string): Route | undefined {
  const path = pathname.replace(/^.*?\/api(?=\/)/, '');
  const parts = path.split('/').filter(Boolean);
  if (method === 'GET' && path === '/providers') return 'providers';
  if (method === 'GET' && parts[0] === 'providers' && parts.length === 3 && parts[2] === 'locations') return 'locations';
  if (method === 'GET' && parts[0] === 'providers' && parts.length === 5 && parts[4] === 'services') return 'services';
  if (method === 'GET' && path === '/availability') return 'availability';
  if (method === 'GET' && path === '/appointments') return 'appointments';
  if (method === 'POST' && path === '/appointments/validate') return 'validate';
  if (method === 'POST' && path === '/appointments') return 'submit';
  if (method === 'PUT' && parts[0] === 'appointments' && parts.length === 2) return 'change';
  if (method === 'POST' && parts[0] === 'appointments' && parts.length === 3 && parts[2] === 'cancel') return 'cancel';
  return undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The time limit of a request to a route under a `timeout` fault. A timeout looks the same to the
 * elements after 100 ms as after the ordinary limit, and waiting that limit out (twice, for a
 * retried read) made the fault tables several times slower.
 */
export const timeoutFaultLimitMs = 100;

/**
 * The adapters' transport: the short limit for a route while it is under a `timeout` fault, and a
 * count of the calls under way, so a test can wait for the client to fall quiet instead of
 * sleeping for a while.
 */
class FaultAwareTransport extends RestTransport {
  constructor(
    options: RestTransportOptions,
    private readonly timingOut: (route: Route) => boolean,
    private readonly calls: { underWay: number },
  ) {
    super(options);
  }

  override async send<T>(plan: CallPlan<T>): Promise<T> {
    this.calls.underWay++;
    try {
      return await super.send(plan);
    } finally {
      this.calls.underWay--;
    }
  }

  protected override timeLimitMs(plan: CallPlan<unknown>): number {
    const route = routeOf(plan.method, plan.path);
    return route && this.timingOut(route) ? timeoutFaultLimitMs : super.timeLimitMs(plan);
  }
}

/**
 * Serves `practice` at /api through msw's service worker with a fault switch in front of the
 * contract's handlers. `timeoutMs` is the adapters' time limit for ordinary requests: long
 * enough that a slow, shared machine answers within it (at 2.5 s, a busy 2-core machine timed out
 * an ordinary Save now and then). Requests meant to time out get `timeoutFaultLimitMs` instead.
 * The live event stream is not offered unless `liveEvents` (404, as a backend without it answers):
 * the fault tables fail the calls a watch makes, so a refresh must be a poll they can fail.
 */
export async function serveFaultyApi(practice: Practice, { timeoutMs = 5000, liveEvents = false } = {}): Promise<FaultyApi> {
  const real = createHandlers(practice);
  const active = new Map<Route, { fault: Fault; left: number }>();
  const rewrites = new Map<Route, Rewrite>();
  const holds = new Map<Route, { promise: Promise<void>; release: () => void }>();
  const log: LoggedRequest[] = [];

  const answerOf = async (request: Request): Promise<Response> =>
    (await getResponse(real, request)) ?? HttpResponse.json({ error: { code: 'not-found', message: 'No such route.' } }, { status: 404 });

  const front: HttpHandler = http.all(`${base}/*`, async ({ request }) => {
    const url = new URL(request.url);
    if (!liveEvents && url.pathname.endsWith('/appointments/events')) {
      return HttpResponse.json({ error: { code: 'not-found', message: 'No live events here.' } }, { status: 404 });
    }
    const route = routeOf(request.method, url.pathname);
    if (!route) return undefined;
    const entry: LoggedRequest = {
      route,
      method: request.method,
      url: url.pathname + url.search,
      idempotencyKey: request.headers.get('Idempotency-Key'),
    };
    log.push(entry);
    await holds.get(route)?.promise;

    const fault = active.get(route);
    if (fault) {
      entry.fault = fault.fault;
      fault.left -= 1;
      if (fault.left <= 0) active.delete(route);
      const acts = writeRoutes.includes(route) && ['lost', 'malformed-json', 'wrong-shape'].includes(fault.fault);
      if (acts) await answerOf(request.clone());
      switch (fault.fault) {
        case 'network':
        case 'lost':
          return HttpResponse.error();
        case 'timeout':
          // Just after the adapter has given up (its timer started before this request left, so
          // it fires first); whatever comes then is never read.
          await sleep(timeoutFaultLimitMs + 100);
          return HttpResponse.error();
        case 'server':
          return new HttpResponse('<html><body><h1>500 Internal Server Error</h1></body></html>', {
            status: 500,
            headers: { 'Content-Type': 'text/html' },
          });
        case 'malformed-json':
          return new HttpResponse('{"providers": [{"id": "dr-chen", "name": "Dr. Ma', {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
          });
        case 'wrong-shape':
          return HttpResponse.json({ data: [{ id: 7, name: null }], ok: 'yes' });
      }
    }

    const rewrite = rewrites.get(route);
    if (!rewrite) return undefined;
    const response = await answerOf(request.clone());
    if (!response.ok) return response;
    const changed = rewrite(await response.json());
    if (changed && typeof changed === 'object' && 'raw' in changed && typeof changed.raw === 'string') {
      return new HttpResponse(changed.raw, { status: response.status, headers: { 'Content-Type': 'application/json' } });
    }
    return HttpResponse.json(changed as never, { status: response.status });
  });

  await serveMockApi(practice, front);

  const timingOut = (route: Route) => active.get(route)?.fault === 'timeout';
  const calls = { underWay: 0 };
  const restAdapter = ({
    clientId = 'client-alex',
    pollIntervalMs = 60_000,
    maxPollIntervalMs,
    ...options
  }: Partial<RestAdapterOptions> & { clientId?: string } = {}) => {
    const transportOptions = {
      baseUrl: base,
      headers: { Authorization: `Bearer ${clientId}` },
      timeoutMs,
      readRetries: 1,
      retryDelayMs: 10,
      ...options,
    };
    return new RestAdapter({
      transport: new FaultAwareTransport(transportOptions, timingOut, calls),
      pollIntervalMs,
      maxPollIntervalMs,
    });
  };

  return {
    practice,
    adapter: restAdapter(),
    restAdapter,
    timeoutMs,
    log,
    idle: () => calls.underWay === 0,
    requestsTo: (route) => log.filter((entry) => entry.route === route),
    fail(route, fault, times = Infinity) {
      active.set(route, { fault, left: times });
    },
    rewrite(route, rewrite) {
      rewrites.set(route, rewrite);
    },
    hold(route) {
      let release!: () => void;
      const promise = new Promise<void>((resolve) => {
        release = resolve;
      });
      holds.set(route, { promise, release });
      return () => {
        release();
        if (holds.get(route)?.promise === promise) holds.delete(route);
      };
    },
    clear(route) {
      for (const map of [active, rewrites] as Array<Map<Route, unknown>>) {
        if (route) map.delete(route);
        else map.clear();
      }
      for (const [key, hold] of holds) {
        if (route && key !== route) continue;
        hold.release();
        holds.delete(key);
      }
    },
  };
}

/** Collects errors nobody caught (window `error` and `unhandledrejection`) while a test runs. */
export function watchUncaught(): { errors: unknown[]; stop: () => void } {
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => errors.push(event.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    errors,
    stop: () => {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

/**
 * For each test of the calling `describe`: a faulty API over a fresh test practice, and a watch
 * for errors nobody caught. After each test the watch stops and the API's faults are cleared.
 */
export function faultyApiPerTest(): { readonly api: FaultyApi; readonly uncaught: ReturnType<typeof watchUncaught> } {
  const current = {} as { api: FaultyApi; uncaught: ReturnType<typeof watchUncaught> };
  beforeEach(async () => {
    current.api = await serveFaultyApi(createTestPractice().practice);
    current.uncaught = watchUncaught();
  });
  afterEach(() => {
    current.uncaught.stop();
    current.api.clear();
  });
  return current;
}
