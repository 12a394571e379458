// The custom-adapter example: `npx vite examples/custom-adapter` (this file is found in that root).
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { mswWorkerPath, readMswWorker } from '../../scripts/msw-worker.mjs';

const repo = resolve(import.meta.dirname, '../..');

export default defineConfig({
  root: import.meta.dirname,
  // Its own cache, so this server and the demo's (which share node_modules) do not re-optimize each other's deps.
  cacheDir: resolve(repo, 'node_modules/.vite-example-custom-adapter'),
  plugins: [
    {
      // The mocked Northwind API runs in msw's service worker, whose script must be served from the site's root.
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
