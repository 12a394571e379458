/** Waiting helpers shared by the adapter and mock API tests. */
import { expect } from '@open-wc/testing';
import { BookingError } from '../../src/adapters/errors.js';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves once `condition` holds (polling every few milliseconds), or rejects after `timeout`. */
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

/** The BookingError `promise` rejects with; fails the test if it resolves or rejects otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<BookingError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(BookingError);
    return error as BookingError;
  }
  throw new Error('expected the call to fail');
}
