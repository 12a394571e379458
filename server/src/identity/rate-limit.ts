/**
 * How often something may be asked for, counted in the database so the limit holds across server
 * processes: one row per bucket (an e-mail address's or an IP's SHA-256, never the address
 * itself), with the start of its window and the requests counted in it. The window starts with a
 * bucket's first request and lasts `windowMs`; the request after it starts a new one. Counting is
 * one upsert, so two processes counting at once cannot both slip under the limit.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { Context } from 'hono';
import type { Queryable } from '../database/database.js';
import { epochMs } from '../practice-store.js';
import { sha256 } from './secrets.js';

export interface Limit {
  /** What is counted: a kind and the hashed value (`address:…`, `ip:…`). */
  bucket: string;
  /** Requests allowed in one window. */
  limit: number;
}

export interface Counted {
  /** Whether every bucket is still within its limit, this request included. */
  allowed: boolean;
  /** The kind of the first bucket over its limit (`address`, `ip`). */
  exceeded?: string;
  /** Seconds until the bucket that refused starts a new window (for `Retry-After`). */
  retryAfterSeconds: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A bucket of `kind` for `value`, kept as a hash. */
export function bucketOf(kind: string, value: string): string {
  return `${kind}:${sha256(value)}`;
}

/** Counts one request in each bucket and says whether all of them are still within their limits. */
export async function countRequest(db: Queryable, limits: readonly Limit[], windowMs: number, now: number): Promise<Counted> {
  const rows = await db.query<{ bucket: string; hits: number; windowStartMs: number }>(
    `INSERT INTO rate_limits AS counted (bucket, window_start, hits)
     SELECT bucket, $2::timestamptz, 1 FROM unnest($1::text[]) AS bucket
     ON CONFLICT (bucket) DO UPDATE SET
       hits = CASE WHEN counted.window_start <= $2::timestamptz - $3::float8 * interval '1 millisecond' THEN 1 ELSE counted.hits + 1 END,
       window_start = CASE WHEN counted.window_start <= $2::timestamptz - $3::float8 * interval '1 millisecond' THEN excluded.window_start ELSE counted.window_start END
     RETURNING bucket, hits, ${epochMs('window_start')} AS "windowStartMs"`,
    [limits.map((limit) => limit.bucket), iso(now), windowMs],
  );
  const over = limits.find((limit) => {
    const row = rows.find((r) => r.bucket === limit.bucket);
    return row !== undefined && row.hits > limit.limit;
  });
  if (!over) return { allowed: true, retryAfterSeconds: 0 };
  const row = rows.find((r) => r.bucket === over.bucket)!;
  return {
    allowed: false,
    exceeded: over.bucket.slice(0, over.bucket.indexOf(':')),
    retryAfterSeconds: Math.max(1, Math.ceil((row.windowStartMs + windowMs - now) / 1000)),
  };
}

/**
 * Forgets windows that ended (they would start afresh anyway). Rows another transaction holds are
 * skipped, not waited for: a clean-up never deadlocks with a request counting in them.
 */
export async function forgetEndedWindows(db: Queryable, windowMs: number, now: number): Promise<void> {
  await db.query(
    `DELETE FROM rate_limits WHERE bucket IN (
       SELECT bucket FROM rate_limits WHERE window_start <= $1::timestamptz - $2::float8 * interval '1 millisecond' FOR UPDATE SKIP LOCKED
     )`,
    [iso(now), windowMs],
  );
}

/** An IP address as written by Node or a proxy, IPv4-mapped IPv6 as plain IPv4; undefined when it is none. */
function addressOf(text: string | undefined): string | undefined {
  const address = text?.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return address && isIP(address) ? address.toLowerCase() : undefined;
}

/**
 * The IP address a request came from: the socket's peer. `X-Forwarded-For` is believed only when
 * that peer is one of `trustedProxies`, and then only as far back as the first address that is
 * not a trusted proxy (the rightmost such entry: what a client writes itself is further left).
 * Undefined when the request did not come over a socket (a test calling the app directly).
 */
export function clientAddress(c: Context, trustedProxies: readonly string[] = []): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  let address = addressOf(incoming?.socket?.remoteAddress);
  if (!address || !trustedProxies.length) return address;
  const trusted = new Set(trustedProxies.map((proxy) => addressOf(proxy)));
  const forwarded = (c.req.header('X-Forwarded-For') ?? '').split(',');
  for (let i = forwarded.length - 1; i >= 0 && trusted.has(address); i--) {
    const hop = addressOf(forwarded[i]);
    if (!hop) break;
    address = hop;
  }
  return address;
}
