/** Waiting helpers shared by the adapter and mock API tests: the package's own, and a plain sleep. */
export { rejection, until } from '../../src/testing/checks.js';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
