/**
 * Staff passwords, kept only as scrypt hashes (node:crypto) in the PHC string format
 * `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (base64 without padding). The cost is read from each hash,
 * so it can be raised later without breaking older hashes. Hashing runs on libuv's thread pool
 * (async), never blocking the requests; the comparison takes the same time wherever it differs.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** N = 2^15, r = 8, p = 1: 32 MiB and some 100 ms a hash; at most four run at once (the thread pool). */
const cost = { ln: 15, r: 8, p: 1 };
const keyLength = 32;
const hashPattern = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,})\$([A-Za-z0-9+/]{32,})$/;

interface ParsedHash {
  ln: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

function parse(text: string): ParsedHash | undefined {
  const match = hashPattern.exec(text);
  if (!match) return undefined;
  const [ln, r, p] = match.slice(1, 4).map(Number);
  // Costs a server can afford and that still mean something.
  if (ln < 10 || ln > 20 || r < 1 || r > 32 || p < 1 || p > 16) return undefined;
  return { ln, r, p, salt: Buffer.from(match[4], 'base64'), hash: Buffer.from(match[5], 'base64') };
}

/** Whether `text` is a hash this module can check (a seed file's `passwordHash`, never a password). */
export function isPasswordHash(text: string): boolean {
  return parse(text) !== undefined;
}

function derive(password: string, { ln, r, p, salt }: Omit<ParsedHash, 'hash'>, length: number): Promise<Buffer> {
  const N = 2 ** ln;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, length, { N, r, p, maxmem: 256 * N * r }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, { ...cost, salt }, keyLength);
  const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');
  return `$scrypt$ln=${cost.ln},r=${cost.r},p=${cost.p}$${b64(salt)}$${b64(hash)}`;
}

/** Whether `password` is the one `storedHash` was made from; false for a hash that cannot be read. */
export async function verifyPassword(password: string, storedHash: string): Promise<boolean> {
  const parsed = parse(storedHash);
  if (!parsed) return false;
  const derived = await derive(password, parsed, parsed.hash.length);
  return timingSafeEqual(derived, parsed.hash);
}

let dummy: Promise<string> | undefined;

/**
 * A hash of no one's password, checked when an address is no member of staff's, so that a wrong
 * address costs the same time as a wrong password and tells a stranger nothing.
 */
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword(randomBytes(24).toString('base64')));
}
