// A plain Node HTTP server for pages that must run without Vite: static files plus the mock API
// under /api (the handlers are TypeScript, so Vite loads them here in Node; the page never sees it).
import { existsSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer as createViteServer } from 'vite';

const root = resolve(import.meta.dirname, '..');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Loads the mock API's TypeScript modules in Node; close() when done. */
export async function loadMockModules() {
  const vite = await createViteServer({
    configFile: false,
    root,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false },
  });
  const api = await vite.ssrLoadModule('/mock-api/node.ts');
  const demo = await vite.ssrLoadModule('/mock-api/demo-practice.ts');
  return { ...api, ...demo, close: () => vite.close() };
}

async function readBody(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return chunks.length ? Buffer.concat(chunks) : undefined;
}

/**
 * Sends a streamed body (live events) chunk by chunk as it comes, never waiting for an end that a
 * stream does not have; the body is cancelled when the HTTP client goes away.
 */
async function pipeStream(body, outgoing) {
  const reader = body.getReader();
  const cancel = () => void reader.cancel().catch(() => undefined);
  outgoing.on('close', cancel);
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      if (outgoing.destroyed) break;
      outgoing.write(chunk.value);
    }
  } catch {
    // Cancelled or failed mid-stream: the connection ends below either way.
  } finally {
    outgoing.off('close', cancel);
    cancel();
    outgoing.end();
  }
}

/**
 * Starts a server on 127.0.0.1, on `port` or else a free one.
 * - `mounts`: URL prefix → folder, e.g. `{ '/': 'examples/script-tag', '/cdn/': 'dist/cdn' }`.
 * - `practiceData`: the practice the API serves (the demo practice, dated from now, by default).
 * - `headers`: added to every static response (a Content-Security-Policy, for one).
 * - `delayMs`: added before each API answer, to simulate a round trip.
 * Resolves with `{ url, api, close }`; `api.practice` is the live Practice.
 */
export async function startMockServer({ mounts, practiceData, headers = {}, delayMs = 0, port: wantedPort = 0 } = {}) {
  const modules = await loadMockModules();
  const api = modules.createNodeMockApi(practiceData ?? modules.createDemoPractice(Date.now()));
  const prefixes = Object.entries(mounts ?? {}).sort(([a], [b]) => b.length - a.length);

  const server = createHttpServer(async (incoming, outgoing) => {
    try {
      const url = new URL(incoming.url ?? '/', `http://${incoming.headers.host}`);
      if (url.pathname.startsWith('/api/')) {
        const body = incoming.method === 'GET' || incoming.method === 'HEAD' ? undefined : await readBody(incoming);
        // Aborted when the HTTP client goes away, so a live-events stream's handler lets go.
        const clientGone = new AbortController();
        outgoing.on('close', () => clientGone.abort());
        const request = new Request(url, { method: incoming.method, headers: incoming.headers, body, signal: clientGone.signal });
        const response = await api.handle(request);
        if (delayMs) await new Promise((done) => setTimeout(done, delayMs));
        if (!response) {
          outgoing.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":{"code":"not-found","message":"No such API route."}}');
          return;
        }
        outgoing.writeHead(response.status, Object.fromEntries(response.headers));
        if (response.body && response.headers.get('Content-Type')?.startsWith('text/event-stream')) {
          await pipeStream(response.body, outgoing);
          return;
        }
        outgoing.end(Buffer.from(await response.arrayBuffer()));
        return;
      }
      const mount = prefixes.find(([prefix]) => url.pathname.startsWith(prefix));
      if (!mount) return void outgoing.writeHead(404).end('Not found');
      const [prefix, folder] = mount;
      const base = resolve(root, folder);
      let file = normalize(join(base, decodeURIComponent(url.pathname.slice(prefix.length))));
      // Inside the folder itself, not a sibling whose name merely starts the same way.
      if (file !== base && !file.startsWith(base + sep)) return void outgoing.writeHead(403).end('Forbidden');
      if ((await stat(file).catch(() => undefined))?.isDirectory()) file = join(file, 'index.html');
      const content = await readFile(file).catch(() => undefined);
      if (!content) return void outgoing.writeHead(404).end('Not found');
      outgoing.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', ...headers });
      outgoing.end(content);
    } catch (error) {
      outgoing.writeHead(500).end(String(error));
    }
  });
  try {
    await new Promise((listening, failing) => server.once('error', failing).listen(wantedPort, '127.0.0.1', listening));
  } catch (error) {
    await modules.close();
    throw error;
  }
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    api,
    close: async () => {
      server.closeAllConnections?.();
      await new Promise((closed) => server.close(closed));
      await modules.close();
    },
  };
}

// `node scripts/mock-server.mjs [port]` serves the script-tag example for a person to try, with
// the bundle of the last `npm run build` in a nested folder, as on a CDN.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!existsSync(resolve(root, 'dist/cdn/self-schedule.js'))) {
    console.error('There is no script-tag bundle yet: run `npm run build` first.');
    process.exit(1);
  }
  const { url } = await startMockServer({
    mounts: { '/': 'examples/script-tag', '/assets/vendor/self-schedule/': 'dist/cdn' },
    // Plays the portal's sign-in: whoever opens the page is the demo client.
    headers: { 'Set-Cookie': 'demo-client=client-alex; Path=/; SameSite=Lax' },
    port: Number(process.argv[2] ?? 0),
  });
  console.log(`The script-tag example, signed in as client-alex: ${url}`);
}
