import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromeArgs, requireChrome } from './scripts/chrome.mjs';
import { mswWorkerPath, readMswWorker } from './scripts/msw-worker.mjs';
import { summaryReporter } from './scripts/summary-reporter.mjs';
import { register } from 'tsx/esm/api';

// The reference server is TypeScript; tsx loads it (and the package's own sources it imports).
register({ tsconfig: './server/tsconfig.json' });
const { referenceServers } = await import('./server/test/reference-servers.ts');
const reference = referenceServers();

/** Closes the reference servers' databases and their PostgreSQL cluster when the run ends. */
const referenceLifecycle = { name: 'reference-servers', serverStop: () => reference.stop() };

const launchOptions = { executablePath: requireChrome(), headless: true, args: chromeArgs };

// The scheduling rules must not depend on the zone of the machine they run on,
// so their tests run a second time in a browser that believes it is somewhere else.
const otherTimeZone = 'Pacific/Chatham';

/** Serves msw's worker at the site root, so it may control every test page. */
const mswWorker = {
  name: 'msw-worker',
  serve(context) {
    if (context.path === mswWorkerPath) return { body: readMswWorker(), type: 'js' };
    return undefined;
  },
};

// The half that draws elements; a fresh clone on a 2-core machine spends about as long on it as
// on the rest (rules, adapters, mock and the fault tables), which is what makes the split pay.
const elementFiles = ['test/elements/**/*.test.ts', 'test/a11y/**/*.test.ts', 'test/security/**/*.test.ts', 'test/examples/**/*.test.ts'];
// `npx wtr --files test/x.test.ts` runs just those files, in the default zone.
const focused = process.argv.includes('--files');

export default {
  nodeResolve: true,
  rootDir: '.',
  // One page at a time per browser: a page in a background tab gets no animation frames (open-wc's
  // fixture waits for one) and throttled timers, which made tests flaky when two ran side by side.
  // Parallel runs come from the groups below, each with a browser of its own.
  concurrency: 1,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), mswWorker, referenceLifecycle],
  // The reference server at /reference/{pglite,postgres}/… for test/adapters/reference-server-conformance.test.ts.
  middleware: [reference.middleware],
  browsers: [chromeLauncher({ launchOptions })],
  // Two halves, each in a browser of its own with one page at a time (see concurrency): the run
  // takes about as long as its slower half (see elementFiles).
  groups: focused ? [] : [
    { name: 'elements', files: elementFiles, browsers: [chromeLauncher({ launchOptions })] },
    { name: 'data', files: ['test/**/*.test.ts', ...elementFiles.map((glob) => `!${glob}`)] },
    {
      name: `scheduling-in-${otherTimeZone}`,
      files: 'test/scheduling/**/*.test.ts',
      browsers: [
        chromeLauncher({
          launchOptions,
          async createPage({ context }) {
            const page = await context.newPage();
            await page.emulateTimezone(otherTimeZone);
            return page;
          },
        }),
      ],
    },
  ],
  reporters: [defaultReporter(), summaryReporter()],
  // A 2-core CI machine runs the FullCalendar-heavy files slowly; give whole files room.
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20000 } },
};
