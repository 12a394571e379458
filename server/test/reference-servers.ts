/**
 * The reference server inside web-test-runner, so the browser suites (the adapter conformance
 * suite above all) can run RestAdapter against it: one server on PGlite and one on a throwaway
 * PostgreSQL, served at `/reference/pglite/…` and `/reference/postgres/…`. Each has a test-only
 * `POST …/__test/reset` (a fresh demo practice at the fixed moment NOW) and `POST …/__test/clock`
 * (`{ "now": <ms> }`); the API itself is the server's, demo routes included, so a test can play
 * the therapist through `/api/practice/…`, signed in as staff: from the browser, by posting the
 * demo's staff address and password to `…/api/practice/auth/sign-in` (the `ss-staff` cookie it
 * sets is sent with the page's later requests; sign in again after a reset or a clock move, which
 * end sessions), or from Node with `staffCookieFor`. Every answer the API gives is checked against
 * docs/openapi.yaml on the way out.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { replacePractice } from '../src/seed.js';
import { type Practice, openPractice } from '../src/server.js';
import { silentLogger } from '../src/log.js';
import { type PostgresCluster, startPostgresCluster } from './postgres-cluster.js';
import { checkContract } from './openapi.js';
import { NOW, demoSeed, frontDesk, staffCookie, testConfig } from './support.js';

interface Reference {
  practice: Practice;
  clock: { now: number };
}

export interface ReferenceServers {
  /** Koa middleware for web-test-runner's `middleware` list. */
  middleware(context: KoaContext, next: () => Promise<unknown>): Promise<unknown>;
  stop(): Promise<void>;
}

interface KoaContext {
  path: string;
  method: string;
  respond?: boolean;
  req: IncomingMessage;
  res: ServerResponse;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(request);
  return body.length ? JSON.parse(body.toString()) : {};
}

/** A live event stream goes to the browser as it comes, until either side closes it (it has no end to wait for). */
async function passStream(response: Response, res: ServerResponse, closed: AbortSignal): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  const reader = response.body!.getReader();
  closed.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      res.write(value);
    }
  } catch {
    // The browser went away, or the server ended the stream: either way it is over.
  } finally {
    res.end();
  }
}

/**
 * The server's answer to a browser request, checked against docs/openapi.yaml: an answer that
 * breaks the document becomes a 500 naming what broke, so the test that caused it fails.
 */
async function answerFromServer(reference: Reference, context: KoaContext, path: string): Promise<void> {
  const { req, res } = context;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(await readBody(req));
  // Addressed to the host the browser used: a staff cookie request's Origin is then the server's own.
  const aborted = new AbortController();
  res.on('close', () => aborted.abort());
  const url = `http://${req.headers.host ?? 'reference'}${path}`;
  const response = await reference.practice.app.fetch(new Request(url, { method: req.method, headers, body, signal: aborted.signal }));
  if (response.ok && response.headers.get('Content-Type')?.startsWith('text/event-stream')) return passStream(response, res, aborted.signal);
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  const pathname = path.split('?')[0];
  let violation: string | undefined;
  try {
    checkContract(req.method ?? 'GET', pathname, response.status, json, response.headers.get('Content-Type'));
  } catch (error) {
    violation = error instanceof Error ? error.message : String(error);
  }
  if (violation) {
    console.error(`The reference server broke docs/openapi.yaml: ${violation}`);
    res.writeHead(500, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'server', message: `Contract violation: ${violation}` } }));
    return;
  }
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  res.end(text);
}

async function openReference(databaseUrl?: string): Promise<Reference> {
  const clock = { now: NOW };
  const seed = demoSeed(NOW);
  const practice = await openPractice(testConfig(databaseUrl ? { databaseUrl } : {}), { seed, now: () => clock.now, logger: silentLogger });
  return { practice, clock };
}

/**
 * Signs in as a member of the demo's staff (the front desk unless `email` says otherwise) straight
 * through `practice`'s app; the `Cookie` value (`ss-staff=…`) for practice requests, with
 * `Origin: http://reference` on unsafe ones.
 */
export function staffCookieFor(practice: Practice, email = frontDesk.email): Promise<string> {
  return staffCookie('http://reference/api', email, async (request) => practice.app.fetch(request));
}

export function referenceServers(): ReferenceServers {
  let cluster: PostgresCluster | undefined;
  // Started on the first request, so a run that never asks pays nothing.
  let started: Promise<Record<string, Reference>> | undefined;
  const start = () =>
    (started ??= (async () => {
      cluster = await startPostgresCluster();
      const [pglite, postgres] = await Promise.all([openReference(), openReference(cluster.createDatabase('reference'))]);
      const references: Record<string, Reference> = { pglite, postgres };
      return references;
    })());

  return {
    async middleware(context, next) {
      const match = /^\/reference\/(pglite|postgres)(\/.*)$/.exec(context.path);
      if (!match) return next();
      const reference = (await start())[match[1]];
      const [, , rest] = match;
      const answer = (status: number, body: unknown) => {
        context.respond = false;
        context.res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
        context.res.end(JSON.stringify(body));
      };
      if (rest === '/__test/reset' && context.method === 'POST') {
        reference.clock.now = NOW;
        await reference.practice.db.transaction((tx) => replacePractice(tx, demoSeed(NOW)));
        return answer(200, { reset: true });
      }
      if (rest === '/__test/clock' && context.method === 'POST') {
        const { now } = await readJson(context.req);
        if (typeof now !== 'number') return answer(400, { error: 'send { "now": <epoch ms> }' });
        reference.clock.now = now;
        return answer(200, { now });
      }
      context.respond = false;
      await answerFromServer(reference, context, context.req.url!.replace(/^\/reference\/(pglite|postgres)/, ''));
      return undefined;
    },
    async stop() {
      if (started) {
        const references = await started.catch(() => ({}));
        await Promise.all(Object.values(references).map((reference) => reference.practice.close()));
      }
      cluster?.stop();
    },
  };
}
