/**
 * The client's open portal in Chromium, and the therapist's answer, on two server processes behind
 * one PostgreSQL: the page is a plain script-tag page whose `/api` reaches process B, the therapist
 * confirms through process A, and the portal shows Confirmed within 3 seconds, without a reload
 * and without waiting for a poll (the page would poll only every 30 s).
 */
import assert from 'node:assert/strict';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { readFile, rm } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { type Browser, chromium } from 'playwright-core';
import { buildScriptTag } from '../../scripts/build-script-tag.mjs';
import { chromeArgs, requireChrome } from '../../scripts/chrome.mjs';
import { send, writeSeedFile } from './load.js';
import { type PostgresCluster, type ServerProcess, demoSeed, spawnServer, staffCookie, startPostgresCluster } from './support.js';

const alexWaiting = 'seed-2';
const bundlePath = '/bundle/';
const page = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="${bundlePath}self-schedule.js"></script></head>
  <body><appointment-status api-base="/api" access-token="client-alex" time-zone="America/New_York"></appointment-status></body>
</html>`;

let cluster: PostgresCluster | undefined;
let processes: ServerProcess[] = [];
let bundleDir: string | undefined;
let site: { server: Server; url: string } | undefined;
let browser: Browser | undefined;

/** The practice's website: the page, the bundle, and `/api` passed on to `api` as it comes (the event stream included). */
async function startSite(api: string, bundle: string): Promise<{ server: Server; url: string }> {
  const server = createServer((incoming, outgoing) => void answer(incoming, outgoing));
  async function answer(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? '/', 'http://site');
    if (url.pathname.startsWith('/api/')) {
      const aborted = new AbortController();
      outgoing.on('close', () => aborted.abort());
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string' && name !== 'host') headers.set(name, value);
      const chunks: Buffer[] = [];
      for await (const chunk of incoming) chunks.push(chunk as Buffer);
      try {
        const response = await fetch(`${api}${url.pathname}${url.search}`, {
          method: incoming.method,
          headers,
          body: chunks.length ? Buffer.concat(chunks) : undefined,
          signal: aborted.signal,
        });
        outgoing.writeHead(response.status, Object.fromEntries(response.headers));
        const reader = response.body?.getReader();
        for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) outgoing.write(read.value);
      } catch {
        // The page went away (an open stream cut off): nothing more to pass on.
      }
      outgoing.end();
      return;
    }
    if (url.pathname === '/') return void outgoing.writeHead(200, { 'Content-Type': 'text/html' }).end(page);
    const file = normalize(join(bundle, url.pathname.slice(bundlePath.length)));
    const content = url.pathname.startsWith(bundlePath) && file.startsWith(bundle) ? await readFile(file).catch(() => undefined) : undefined;
    if (!content) return void outgoing.writeHead(404).end();
    outgoing.writeHead(200, { 'Content-Type': extname(file) === '.js' ? 'text/javascript' : 'application/octet-stream' }).end(content);
  }
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}/` };
}

before(async () => {
  cluster = await startPostgresCluster();
  const databaseUrl = cluster.createDatabase(`live_browser_${process.pid}`);
  // Spawned servers run on the real clock, so the practice is laid around it.
  const seedFile = writeSeedFile(demoSeed(Date.now()));
  processes = await Promise.all([1, 2].map(() => spawnServer({ DATABASE_URL: databaseUrl, SEED_FILE: seedFile, DEMO: '1' })));
  ({ dir: bundleDir } = await buildScriptTag());
  site = await startSite(processes[1].url, bundleDir!);
  // playwright sets headless mode itself.
  browser = await chromium.launch({ executablePath: requireChrome(), args: chromeArgs.filter((arg) => !arg.startsWith('--headless')) });
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  site?.server.closeAllConnections();
  await new Promise((closed) => site?.server.close(closed) ?? closed(undefined));
  for (const running of processes) running.child.kill('SIGTERM');
  await Promise.all(processes.map((running) => running.exited));
  cluster?.stop();
  if (bundleDir) await rm(bundleDir, { recursive: true, force: true });
});

test("a confirm through process A shows in the client's open portal on process B within 3 s", { timeout: 120_000 }, async () => {
  const [a] = processes;
  const context = await browser!.newContext({ timezoneId: 'America/New_York', locale: 'en-US' });
  const portal = await context.newPage();
  const problems: string[] = [];
  portal.on('pageerror', (error) => problems.push(String(error)));
  await portal.goto(site!.url);
  const waiting = portal.locator(`appointment-status [part~="appointment"][data-id="${alexWaiting}"] [part~="status"]`);
  await waiting.filter({ hasText: 'Unconfirmed' }).waitFor({ timeout: 30_000 });

  const cookie = await staffCookie(`${a.url}/api`);
  const confirmedAt = Date.now();
  const answer = await send(a.url, `/api/practice/appointments/${alexWaiting}/confirm`, { method: 'POST', staff: cookie, body: {} });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  // A regular expression: a text filter would also match "Unconfirmed".
  await waiting.filter({ hasText: /^\s*Confirmed\s*$/ }).waitFor({ timeout: 3_000 });
  const took = Date.now() - confirmedAt;
  assert.ok(took <= 3_000, `Confirmed shown ${took} ms after the confirm`);
  assert.deepEqual(problems, []);
  await context.close();
});
