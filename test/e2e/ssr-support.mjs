// Importing the package where there is no browser: what a server-side renderer, a static-site
// generator or a test runner in Node does. Shared by ssr.e2e.test.mjs (the freshly compiled
// sources) and package.e2e.test.mjs (the installed tarball).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Browser globals that module code must leave alone until an element is actually used. */
export const browserGlobals = [
  'window',
  'document',
  'navigator',
  'location',
  'history',
  'localStorage',
  'sessionStorage',
  'matchMedia',
  'requestAnimationFrame',
  'getComputedStyle',
];

// Runs in a fresh Node process. Each global becomes a getter that notes who read it and answers
// what Node itself would (undefined, or Node's own navigator), so the import behaves exactly as in
// plain Node. A read is the package's own when one of the frames on the stack is in its files; a
// dependency's feature test at its own top level (lit-html asks whether `document` exists) has
// none of our frames above it, as ES modules are evaluated one after another, not nested.
const probe = `
Error.stackTraceLimit = Infinity;
const [specifier, ownCode, names, elementNames] = JSON.parse(process.argv[1]);
const reads = [];
for (const name of names) {
  const original = Object.getOwnPropertyDescriptor(globalThis, name);
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() {
      reads.push({ name, stack: new Error().stack.split('\\n').slice(2).map((line) => line.trim()) });
      return original?.get ? original.get.call(globalThis) : original?.value;
    },
  });
}
let exported = [];
let error;
try {
  exported = Object.keys(await import(specifier));
} catch (caught) {
  error = String(caught?.stack ?? caught);
}
const ownReads = reads.filter((read) => read.stack.some((frame) => frame.includes(ownCode)));
// Lit's Node build keeps a registry of its own where there is no browser.
const defined = elementNames.filter((name) => globalThis.customElements?.get(name));
process.stdout.write(JSON.stringify({ exported, error, ownReads, otherReads: reads.length - ownReads.length, defined }));
`;

export const elementNames = ['self-schedule-form', 'appointment-status', 'appointment-calendar'];

/**
 * Imports `specifier` in a new Node process started in `cwd` (bare names resolve from there).
 * `ownCode` is a path fragment that only the package's own files contain. Resolves with
 * `{ exported, error, ownReads, otherReads, defined }`: export names, what the import threw, the
 * package's own reads of browser globals, how many reads others made, and which elements exist.
 */
export async function importWithoutBrowser({ cwd, specifier, ownCode }) {
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '--eval', probe, JSON.stringify([specifier, ownCode, browserGlobals, elementNames])],
    { cwd, timeout: 60_000 },
  );
  return JSON.parse(stdout);
}

/** A readable account of a probe that found something, for assertion messages. */
export function describeProbe(specifier, result) {
  const reads = result.ownReads.map((read) => `  ${read.name}, read at\n    ${read.stack.slice(0, 6).join('\n    ')}`);
  return [`importing ${specifier} in Node:`, result.error && `  threw ${result.error}`, ...reads].filter(Boolean).join('\n');
}
