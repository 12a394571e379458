/**
 * The random strings that stand for a person (a sign-in link's token, a session's id) and how they
 * are kept: 32 random bytes in base64url (43 characters), stored only as their SHA-256, so the
 * database holds nothing that signs anyone in.
 */
import { createHash, randomBytes } from 'node:crypto';

export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether `text` could be a secret made by `randomSecret` (anything else is refused unread). */
export function isSecretShaped(text: string | undefined): text is string {
  return text !== undefined && /^[A-Za-z0-9_-]{43}$/.test(text);
}

/** SHA-256, hexadecimal: what the database keeps of a secret, and of an address or IP a rate limit counts. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
