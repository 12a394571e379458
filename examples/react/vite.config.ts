// The React example: `npx vite --config examples/react/vite.config.ts`.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { mswWorkerPath, readMswWorker } from '../../scripts/msw-worker.mjs';

const repo = resolve(import.meta.dirname, '../..');

export default defineConfig({
  root: import.meta.dirname,
  // Its own cache, so this server and the demo's (which share node_modules) do not re-optimize each other's deps.
  cacheDir: resolve(repo, 'node_modules/.vite-example-react'),
  resolve: {
    // The example imports the package by name, as an app would; here the name means the source.
    alias: [
      { find: /^self-schedule-elements$/, replacement: resolve(repo, 'src/index.ts') },
      { find: /^self-schedule-elements\/testing$/, replacement: resolve(repo, 'src/testing/index.ts') },
    ],
  },
  // Vite 8 compiles .tsx with Oxc: React 19's automatic runtime needs no plugin (Oxc's default, spelt out here).
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  plugins: [
    {
      // The mock API runs in msw's service worker, whose script must be served from the site's root.
      name: 'msw-worker',
      configureServer(server) {
        server.middlewares.use(mswWorkerPath, (_request, response) => {
          response.setHeader('Content-Type', 'text/javascript');
          response.end(readMswWorker());
        });
      },
    },
  ],
  server: { host: '127.0.0.1' },
});
