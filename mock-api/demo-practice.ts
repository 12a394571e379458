/** The demo practice: the one the conformance suite expects, shipped with the package's testing entry. */
export * from '../src/testing/demo-practice.js';
