/**
 * A therapist's direct link: the page that holds the form, plus the provider, location and
 * service to pre-fill (and optionally a start time). Only opaque ids and an instant travel in
 * it, never anything about the client.
 */
import { instantSchema } from '../model/schemas.js';

export interface LinkChoice {
  provider?: string;
  location?: string;
  service?: string;
  /** An ISO 8601 instant to open the calendar at. */
  start?: string;
}

export interface ReadLink {
  choice: LinkChoice;
  /** Parameters that were present but not usable, by name. */
  rejected: Array<keyof LinkChoice>;
}

const linkKeys = ['provider', 'location', 'service', 'start'] as const;

/** Ids are opaque, but a link is no place for text: letters, digits and `-_.~:` only. */
const idPattern = /^[A-Za-z0-9._~:-]{1,128}$/;

function usable(key: keyof LinkChoice, value: string): boolean {
  // The contract's own instant check: a real date, with an offset (Date.parse alone rolls 30 February over).
  if (key === 'start') {
    const withSeconds = value.replace(/T(\d{2}:\d{2})(?=Z|[+-])/, 'T$1:00');
    return instantSchema.safeParse(withSeconds).success;
  }
  return idPattern.test(value);
}

/** Builds the link to `page` (absolute, or relative to `base`) that pre-fills `choice`. */
export function buildTherapistLink(page: string | URL, choice: LinkChoice, base?: string | URL): string {
  const url = new URL(page, base ?? (typeof location !== 'undefined' ? location.href : undefined));
  for (const key of linkKeys) url.searchParams.delete(key);
  for (const key of linkKeys) {
    const value = choice[key];
    if (value === undefined || value === '') continue;
    if (!usable(key, value)) throw new TypeError(`"${value}" cannot be used as the ${key} of a link.`);
    url.searchParams.set(key, value);
  }
  return url.href;
}

/** Reads a link's choice; malformed values are left out and named in `rejected`, never thrown. */
export function readTherapistLink(link: string | URL | URLSearchParams): ReadLink {
  const params =
    link instanceof URLSearchParams ? link : new URL(link, typeof location !== 'undefined' ? location.href : 'http://localhost').searchParams;
  const choice: LinkChoice = {};
  const rejected: Array<keyof LinkChoice> = [];
  for (const key of linkKeys) {
    const value = params.get(key);
    if (value === null || value === '') continue;
    if (usable(key, value)) choice[key] = value;
    else rejected.push(key);
  }
  return { choice, rejected };
}
