import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { demoServer } from './scripts/demo-server-plugin.js';
import { mswWorkerPath, readMswWorker } from './scripts/msw-worker.mjs';

/**
 * `vite --mode mock`: the demo as it runs without a server, on the msw mock in a service worker
 * over a practice kept in the browser (the e2e tests use it: each browser profile gets a fresh
 * practice). Any other mode serves the demo on the reference server (see demoServer).
 */
export const mockMode = 'mock';

/** The demo's mock API runs in msw's service worker, served from the installed msw. */
function mswWorker(): Plugin {
  return {
    name: 'msw-worker',
    configureServer(server) {
      server.middlewares.use(mswWorkerPath, (_request, response) => {
        response.setHeader('Content-Type', 'text/javascript');
        response.end(readMswWorker());
      });
    },
  };
}

/**
 * FullCalendar's five Temporal calls answered by our own `Intl` time-zone code, which the page has
 * loaded already, instead of temporal-polyfill: the script tag only (see the module's comment).
 */
function fullCalendarTemporal(): Plugin {
  const replacement = resolve(import.meta.dirname, 'src/elements/availability-grid/fullcalendar-temporal.ts');
  return {
    name: 'fullcalendar-temporal',
    apply: 'build',
    enforce: 'pre',
    resolveId(source) {
      return /^temporal-polyfill\/fns\/(Instant|PlainDateTime|ZonedDateTime)$/.test(source) ? replacement : undefined;
    },
  };
}

export default defineConfig(({ mode }) => ({
  root: 'demo',
  plugins: [mode === mockMode ? mswWorker() : demoServer({ repoRoot: import.meta.dirname }), fullCalendarTemporal()],
  // Each backend pre-bundles into its own folder, so a mock demo and a server demo running at once
  // (the e2e tests do) do not invalidate each other's pre-bundled dependencies.
  ...(mode === mockMode ? { cacheDir: resolve(import.meta.dirname, 'node_modules/.vite-mock') } : {}),
  server: { host: '127.0.0.1' },
  build: {
    // The script-tag build: one module registering everything, from the library's entry.
    outDir: resolve(import.meta.dirname, 'dist/cdn'),
    emptyOutDir: true,
    lib: {
      entry: resolve(import.meta.dirname, 'src/cdn.ts'),
      formats: ['es'],
      fileName: 'self-schedule',
    },
    rolldownOptions: {
      output: {
        // Lib mode keeps ES output readable for further bundling; this file goes straight to browsers.
        minify: true,
        // The entry keeps its stable name for the script tag; everything it loads is hashed, so a
        // CDN may cache chunks forever.
        chunkFileNames: 'chunks/[name]-[hash].js',
        codeSplitting: {
          // What all three elements need (Lit, zod, the REST adapter, shared element code) in one
          // chunk named for what it is. Modules fewer elements share keep automatic chunks, and
          // the calendar code, reached only through import(), stays out of it.
          groups: [{ name: 'shared', minShareCount: 3 }],
        },
      },
    },
  },
}));
