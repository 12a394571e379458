/**
 * The few assertions the conformance suite makes, with no assertion library: the suite runs under
 * whatever runner an integrator uses, and a failure is a thrown AssertionError carrying `actual`
 * and `expected`, which mocha, node:test, vitest and jest all show as a diff.
 */
import { BookingError } from '../adapters/errors.js';

export class AssertionError extends Error {
  override name = 'AssertionError';
  readonly actual: unknown;
  readonly expected: unknown;
  /** Mocha shows a diff only when asked. */
  readonly showDiff = true;

  constructor(message: string, actual: unknown, expected: unknown) {
    super(message);
    this.actual = actual;
    this.expected = expected;
  }
}

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

const kindOf = (value: object): string => Object.prototype.toString.call(value);

/** Deep equality of data: the same kind, the same own keys, equal values (`-0` is not `0`, as in chai). */
export function isDeepEqual(actual: unknown, expected: unknown): boolean {
  if (Object.is(actual, expected)) return true;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) return false;
  if (kindOf(actual) !== kindOf(expected)) return false;
  const actualKeys = Object.keys(actual);
  if (actualKeys.length !== Object.keys(expected).length) return false;
  return actualKeys.every(
    (key) => Object.hasOwn(expected, key) && isDeepEqual((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]),
  );
}

export function assertEqual<T>(actual: T, expected: T, what = 'value'): void {
  if (!Object.is(actual, expected)) throw new AssertionError(`${what}: expected ${show(expected)}, got ${show(actual)}`, actual, expected);
}

export function assertDeepEqual<T>(actual: T, expected: T, what = 'value'): void {
  if (!isDeepEqual(actual, expected)) throw new AssertionError(`${what}: expected ${show(expected)}, got ${show(actual)}`, actual, expected);
}

/** That `list` holds an item deeply equal to each of `expected`. */
export function assertIncludes(list: readonly unknown[], expected: readonly unknown[], what = 'list'): void {
  const missing = expected.filter((item) => !list.some((candidate) => isDeepEqual(candidate, item)));
  if (missing.length) throw new AssertionError(`${what}: ${show(list)} lacks ${show(missing)}`, list, expected);
}

export function assertTrue(condition: boolean, what: string): void {
  if (!condition) throw new AssertionError(`expected ${what}`, condition, true);
}

/** Resolves once `condition` holds (checked every few milliseconds), or rejects after `timeout`. */
export function until(condition: () => unknown, timeout = 3000): Promise<void> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (condition()) resolve();
      else if (performance.now() - started > timeout) reject(new Error('timed out waiting'));
      else setTimeout(check, 2);
    };
    check();
  });
}

/** The BookingError `promise` rejects with; throws if it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<BookingError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BookingError) return error;
    throw new AssertionError(`expected a BookingError, got ${String(error)}`, error, 'a BookingError');
  }
  throw new AssertionError('expected the call to fail', 'resolved', 'rejected');
}
