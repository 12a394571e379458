/** A fixed moment and the demo practice laid around it: the package's own testing fixtures. */
export { NOW, chenRequest, createTestPractice, nyTime } from '../../src/testing/fixtures.js';
