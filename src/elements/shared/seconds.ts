/** Attributes given in seconds (`refresh-interval`, `request-timeout`), as the milliseconds code counts in. */

/** `seconds` as milliseconds; undefined for anything that is no positive, finite number (not given, `abc`, 0, -5). */
export function secondsAttribute(seconds: number | undefined): number | undefined {
  return seconds !== undefined && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}
