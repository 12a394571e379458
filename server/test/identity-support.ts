/**
 * What the identity and security tests share: a server with DEMO off on PGlite or PostgreSQL,
 * with sign-in by e-mail link and a portal's JWT configured, whose every log line and every URL
 * asked for are kept (to be scanned for personal data); sign-in through the outbox; the session
 * cookie; and portal tokens made with jose.
 */
import assert from 'node:assert/strict';
import { type KeyObject, createPublicKey } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import type { ServerConfig } from '../src/config.js';
import { jsonLogger } from '../src/log.js';
import { type Seed, parseSeed, replacePractice } from '../src/seed.js';
import { type RunningServer, startServer } from '../src/server.js';
import { type ContractResponse, contractFetch } from './openapi.js';
import { after, before } from 'node:test';
import { NOW, type PostgresCluster, demoSeed, startPostgresCluster, testConfig } from './support.js';

export type Kind = 'pglite' | 'postgres';
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Where browsers reach the API (https: the cookie is `__Host-` and `Secure`). */
export const PUBLIC_URL = 'https://booking.practice.example';
/** The practice's page with the elements, where links lead. */
export const SIGN_IN_URL = 'https://www.practice.example/appointments';
/** A partner's page allowed by CORS_ORIGINS. */
export const CORS_PAGE = 'https://portal.partner.example';
export const EVIL = 'https://evil.example';

export const ISSUER = 'https://portal.practice.example';
export const AUDIENCE = 'self-schedule-api';

/** A client whose name and address must never reach a log line or a URL. */
export const privateClient = { id: 'client-zq', name: 'Zebulon Quartermaine-Ostrowski', email: 'Zq.Private.Mailbox@quartermaine.example' };

export const seed: Seed = (() => {
  const base = structuredClone(demoSeed(NOW));
  base.clients = [...(base.clients ?? []), privateClient];
  return parseSeed(base, 'the identity test seed');
})();
export const alex = seed.clients!.find((client) => client.id === 'client-alex')!;
export const taylor = seed.clients!.find((client) => client.id === 'client-taylor')!;

export interface PortalKeys {
  rsa: { privateKey: CryptoKey; spki: string };
  ec: { privateKey: CryptoKey; publicKey: KeyObject; jwk: Json };
}

export async function portalKeys(): Promise<PortalKeys> {
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const ec = await generateKeyPair('ES256', { extractable: true });
  const ecSpki = await exportSPKI(ec.publicKey);
  return {
    rsa: { privateKey: rsa.privateKey, spki: await exportSPKI(rsa.publicKey) },
    ec: { privateKey: ec.privateKey, publicKey: createPublicKey(ecSpki), jwk: { ...(await exportJWK(ec.publicKey)), kid: 'portal-ec-1', alg: 'ES256', use: 'sig' } },
  };
}

export interface TokenOptions {
  alg?: string;
  key?: CryptoKey | Uint8Array;
  /** Seconds since the epoch; the server's clock by default. */
  iat?: number;
  exp?: number;
  nbf?: number;
  iss?: string;
  aud?: string;
  sub?: string | undefined;
  kid?: string;
  claims?: JWTPayload;
}

/** A portal's token for `clock.now`, RS256 for Alex by default, valid five minutes. */
export async function portalToken(keys: PortalKeys, clock: { now: number }, options: TokenOptions = {}): Promise<string> {
  const iat = options.iat ?? Math.floor(clock.now / 1000);
  const jwt = new SignJWT({ ...options.claims })
    .setProtectedHeader({ alg: options.alg ?? 'RS256', ...(options.kid ? { kid: options.kid } : {}) })
    .setIssuedAt(iat)
    .setExpirationTime(options.exp ?? iat + 300)
    .setIssuer(options.iss ?? ISSUER)
    .setAudience(options.aud ?? AUDIENCE);
  if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
  const sub = 'sub' in options ? options.sub : alex.id;
  if (sub !== undefined) jwt.setSubject(sub);
  return jwt.sign(options.key ?? keys.rsa.privateKey);
}

export interface CallOptions {
  /** A session cookie (`name=value`), or none. */
  cookie?: string;
  /** A bearer token. */
  bearer?: string;
  /** `Origin`; the API's own by default on unsafe requests with a cookie (as a browser sends it), `null` for none. */
  origin?: string | null;
  headers?: Record<string, string>;
  key?: string;
  /** An object is sent as JSON (with `Content-Type: application/json` unless `headers` says otherwise); a string as it is. */
  body?: unknown;
}

export interface Harness {
  server: RunningServer & { clock: { now: number } };
  /** Every log line the server wrote. */
  logs: string[];
  /** Every URL asked for. */
  urls: string[];
  call(method: string, path: string, options?: CallOptions): Promise<ContractResponse>;
  /** Asks for a link to `email` (as the page at SIGN_IN_URL would). */
  requestLink(email: string, options?: CallOptions): Promise<ContractResponse>;
  /** The token of the newest sign-in e-mail to `recipient` (from the outbox, as the mailbox would have it). */
  tokenSentTo(recipient: string): Promise<string>;
  /** Exchanges a token; the answer and the cookie it set (`name=value`). */
  verify(token: string, options?: CallOptions): Promise<{ answer: ContractResponse; cookie?: string; setCookie?: string }>;
  /** Signs `client` in by e-mail link; the session cookie (`name=value`). */
  signIn(client: { email: string }): Promise<string>;
  /** A fresh practice at NOW (rate limits, sessions and tokens gone too). */
  reset(): Promise<void>;
  counts(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export async function startIdentityServer(
  kind: Kind,
  cluster: PostgresCluster | undefined,
  name: string,
  config: Partial<ServerConfig> = {},
  logs: string[] = [],
  urls: string[] = [],
): Promise<Harness> {
  const clock = { now: NOW };
  const databaseUrl = kind === 'postgres' ? cluster!.createDatabase(`${name}_${process.pid}_${Math.floor(Math.random() * 1e9)}`) : undefined;
  const started = await startServer(
    testConfig({ demo: false, publicUrl: PUBLIC_URL, signInUrl: SIGN_IN_URL, corsOrigins: [CORS_PAGE], ...(databaseUrl ? { databaseUrl } : {}), ...config }),
    { seed, now: () => clock.now, logger: jsonLogger((line) => logs.push(line)) },
  );
  const server = Object.assign(started, { clock });
  const ownOrigin = new URL(config.publicUrl ?? PUBLIC_URL).origin;
  const signInUrl = config.signInUrl ?? SIGN_IN_URL;
  const pageOrigin = new URL(signInUrl).origin;

  const call: Harness['call'] = async (method, path, options = {}) => {
    const unsafe = !['GET', 'HEAD'].includes(method);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined && typeof options.body !== 'string') headers['Content-Type'] = 'application/json';
    if (options.cookie) headers.Cookie = options.cookie;
    if (options.bearer) headers.Authorization = `Bearer ${options.bearer}`;
    const origin = options.origin === undefined ? (unsafe ? ownOrigin : undefined) : options.origin;
    if (origin !== null && origin !== undefined) headers.Origin = origin;
    if (options.key !== undefined) headers['Idempotency-Key'] = options.key;
    Object.assign(headers, options.headers);
    const url = `${server.url}/api${path}`;
    urls.push(url);
    const init: RequestInit = { method, headers };
    if (options.body !== undefined) init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    const answer = await contractFetch(url, init);
    assert.equal(answer.headers.get('Cache-Control'), 'no-store', `${method} ${path} answered ${answer.status} without Cache-Control: no-store`);
    return answer;
  };

  const harness: Harness = {
    server,
    logs,
    urls,
    call,
    requestLink: (email, options = {}) => call('POST', '/auth/email-link', { origin: pageOrigin, ...options, body: { email } }),
    async tokenSentTo(recipient) {
      const [row] = await server.db.query<{ body: string; text: string; html: string }>(
        `SELECT body, text, html FROM outbox WHERE kind = 'sign-in-link' AND recipient = $1 ORDER BY id DESC LIMIT 1`,
        [recipient],
      );
      assert.ok(row, `no sign-in e-mail to that client in the outbox`);
      const token = new RegExp(`${signInUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}#ss-sign-in=([A-Za-z0-9_-]+)`).exec(row.text)?.[1];
      assert.ok(token, 'the e-mail holds the link');
      return token;
    },
    async verify(token, options = {}) {
      const answer = await call('POST', '/auth/email-link/verify', { origin: pageOrigin, ...options, body: { token } });
      const setCookie = answer.headers.getSetCookie()[0];
      return { answer, ...(setCookie ? { setCookie, cookie: setCookie.split(';')[0] } : {}) };
    },
    async signIn(client) {
      assert.equal((await harness.requestLink(client.email)).status, 202);
      const { answer, cookie } = await harness.verify(await harness.tokenSentTo(client.email));
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return cookie!;
    },
    async reset() {
      clock.now = NOW;
      await server.db.transaction((tx) => replacePractice(tx, seed));
    },
    async counts() {
      const count = async (table: string) => (await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
      const tables = ['appointments', 'idempotency_keys', 'outbox', 'sessions', 'sign_in_tokens'];
      return Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await count(table)])));
    },
    stop: () => server.stop(),
  };
  return harness;
}

/** Personal data a log line or URL must never hold. */
export function personalData(extra: readonly string[] = []): string[] {
  return [
    ...(seed.clients ?? []).flatMap((client) => [
      client.name,
      client.email,
      // Each part of a name too, but for one a client id holds (ids are not personal: `client-alex`).
      ...client.name.split(/[\s-]+/).filter((part) => part.length > 3 && !(seed.clients ?? []).some((c) => c.id.toLowerCase().includes(part.toLowerCase()))),
    ]),
    ...extra,
  ];
}

/** Fails naming the first piece of personal data found in any of `texts`. */
export function assertNothingPersonal(what: string, texts: readonly string[], secrets: readonly string[]): void {
  const decoded = texts.map((text) => {
    try {
      return `${text}\n${decodeURIComponent(text)}`;
    } catch {
      return text;
    }
  });
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    const found = decoded.find((text) => text.toLowerCase().includes(secret.toLowerCase()));
    assert.equal(found, undefined, `${what} holds personal data or a secret (${secret.slice(0, 12)}…): ${found?.slice(0, 300)}`);
  }
}

/** A test file's throwaway PostgreSQL cluster and portal keys: made before its tests, the cluster stopped after. */
export function clusterAndKeys(): { cluster?: PostgresCluster; keys: PortalKeys } {
  const shared = {} as { cluster?: PostgresCluster; keys: PortalKeys };
  before(async () => {
    [shared.cluster, shared.keys] = await Promise.all([startPostgresCluster(), portalKeys()]);
  });
  after(() => shared.cluster?.stop());
  return shared;
}
