import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { mswWorkerPath, readMswWorker } from './scripts/msw-worker.mjs';

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

export default defineConfig({
  root: 'demo',
  plugins: [mswWorker()],
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
    // Lib mode keeps ES output readable for further bundling; this file goes straight to browsers.
    rolldownOptions: { output: { minify: true } },
  },
});
