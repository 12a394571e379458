/**
 * The demo on the reference server: while Vite's dev server runs, the practice of `server/` (its
 * embedded PGlite, persisted in a data folder) is open in the same process and its Hono app
 * answers everything under `/api`; the database is closed when the dev server closes.
 *
 * The server's modules are TypeScript that import the widget package's shared rules by their
 * package names, so they are loaded as `npm run server` loads them: through tsx with
 * server/tsconfig.json, whose `paths` lead those names to src/. Vite's module graph is not
 * involved, and the server's dependencies are loaded only when this plugin runs.
 *
 * PGlite keeps one folder per process and corrupts it when two processes write it at once, so
 * the folder is locked (`<folder>.lock`, holding the process id) while open; within one process a
 * restart of the dev server (after an edit of vite.config.ts) shares the practice already open.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger as ViteLogger, Plugin } from 'vite';
import type * as ServerConfigModule from '../server/src/config.js';
import type { LogFields, Logger, LogLevel } from '../server/src/log.js';
import type * as ServerModule from '../server/src/server.js';
import type { Practice } from '../server/src/server.js';

/** The environment variable naming the data folder (relative to the working directory). */
export const demoDataDirVariable = 'DEMO_DATA_DIR';

export interface DemoServerOptions {
  /** The repository's root, where server/ is. */
  repoRoot: string;
  /** The data folder; `DEMO_DATA_DIR`, else `.tmp/demo-data` in the repository. */
  dataDir?: string;
}

/** Where the demo pages expect the API. */
const apiBase = '/api';

/** One practice open in this process, shared by the dev servers that use its folder. */
interface OpenPractice {
  practice: Promise<Practice>;
  users: number;
  /** Where the server's log goes: the latest dev server's logger. */
  logger: ViteLogger;
}

/** The practices open in this process, by folder, and how Ctrl+C closes them. */
interface OpenPractices {
  practices: Map<string, OpenPractice>;
  onInterrupt: () => void;
}

// On globalThis, not in this module: a restart of the dev server loads vite.config.ts (and so
// this module) anew, and the new server opens its practice before the old one has closed.
const stateKey = Symbol.for('self-schedule-elements:demo-server-practices');
const state = ((globalThis as Record<symbol, unknown>)[stateKey] ??= {
  practices: new Map(),
  // Ctrl+C ends a dev server without closing it: close the databases first, then end as asked.
  // (A signal listener, so nothing waits for it; closeEverything settles whatever the closes do.)
  onInterrupt() {
    void closeEverything().then(() => {
      if (process.listenerCount('SIGINT') === 0) process.kill(process.pid, 'SIGINT');
    });
  },
} satisfies OpenPractices) as OpenPractices;
const registry = state.practices;

const lockFileOf = (dataDir: string) => `${dataDir}.lock`;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the folder for this process, or says which process holds it. */
async function lock(dataDir: string): Promise<void> {
  const lockFile = lockFileOf(dataDir);
  await mkdir(dirname(lockFile), { recursive: true });
  try {
    await writeFile(lockFile, String(process.pid), { flag: 'wx' });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const holder = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim());
  if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) {
    throw new Error(
      `The demo's data folder ${dataDir} is in use by another process (${holder}), probably another demo server: ` +
        `stop it, or give this one its own folder with ${demoDataDirVariable}=another/folder.`,
    );
  }
  // Left by a process that ended without closing: take it over.
  await writeFile(lockFile, String(process.pid));
}

async function unlock(dataDir: string): Promise<void> {
  const lockFile = lockFileOf(dataDir);
  const holder = await readFile(lockFile, 'utf8').catch(() => '');
  if (holder.trim() === String(process.pid)) await rm(lockFile, { force: true });
}

/** The server's structured log, as a dev server shows it: what goes wrong, not every request. */
function viteLogger(entry: () => ViteLogger, dataDir: string): Logger {
  const fieldsText = (fields: LogFields) =>
    Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(' ');
  return {
    log(level: LogLevel, event: string, fields: LogFields = {}) {
      const logger = entry();
      if (event === 'database-ready') {
        logger.info(`  demo API: the practice in ${dataDir} (${String(fields.database)}), served under ${apiBase}`);
      } else if (level === 'error') {
        logger.error(`demo API: ${event} ${fieldsText(fields)}`, { timestamp: true });
      } else if (level === 'warn') {
        logger.warn(`demo API: ${event} ${fieldsText(fields)}`, { timestamp: true });
      }
    },
  };
}

async function openDemoPractice(repoRoot: string, dataDir: string, logger: Logger): Promise<Practice> {
  const { tsImport } = await import('tsx/esm/api');
  const load = <Module>(path: string): Promise<Module> =>
    tsImport(pathToFileURL(join(repoRoot, path)).href, {
      parentURL: pathToFileURL(join(repoRoot, '/')).href,
      tsconfig: join(repoRoot, 'server/tsconfig.json'),
    }) as Promise<Module>;
  const [{ configFromEnvironment }, { openPractice }] = await Promise.all([
    load<typeof ServerConfigModule>('server/src/config.ts'),
    load<typeof ServerModule>('server/src/server.ts'),
  ]);
  // The server's defaults (its demo seed file, body limit…), with the demo's folder and routes.
  const config = { ...configFromEnvironment({}), dataDir, basePath: apiBase, demo: true };
  return openPractice(config, { logger });
}

function closeEverything(): Promise<unknown> {
  const open = [...registry.entries()];
  registry.clear();
  return Promise.allSettled(
    open.map(async ([dataDir, entry]) => {
      await (await entry.practice).close();
      await unlock(dataDir);
    }),
  );
}

async function acquire(repoRoot: string, dataDir: string, logger: ViteLogger): Promise<Practice> {
  const open = registry.get(dataDir);
  if (open) {
    open.users++;
    open.logger = logger;
    return open.practice;
  }
  const entry: OpenPractice = { users: 1, logger, practice: Promise.resolve(undefined as never) };
  entry.practice = (async () => {
    await lock(dataDir);
    try {
      return await openDemoPractice(repoRoot, dataDir, viteLogger(() => entry.logger, dataDir));
    } catch (error) {
      await unlock(dataDir);
      throw error;
    }
  })();
  registry.set(dataDir, entry);
  if (registry.size === 1) process.once('SIGINT', state.onInterrupt);
  try {
    return await entry.practice;
  } catch (error) {
    if (registry.get(dataDir) === entry) registry.delete(dataDir);
    if (!registry.size) process.off('SIGINT', state.onInterrupt);
    throw error;
  }
}

async function release(dataDir: string): Promise<void> {
  const entry = registry.get(dataDir);
  if (!entry || --entry.users > 0) return;
  registry.delete(dataDir);
  if (!registry.size) process.off('SIGINT', state.onInterrupt);
  await (await entry.practice).close();
  await unlock(dataDir);
}

/** Serves the reference server's API under `/api` of the dev server, over the demo's practice. */
export function demoServer(options: DemoServerOptions): Plugin {
  let dataDir: string | undefined;
  return {
    name: 'self-schedule-demo-server',
    apply: 'serve',
    async configureServer(server) {
      const chosen = options.dataDir ?? process.env[demoDataDirVariable];
      const folder = chosen ? resolve(chosen) : resolve(options.repoRoot, '.tmp/demo-data');
      const practice = await acquire(options.repoRoot, folder, server.config.logger);
      dataDir = folder;
      const { getRequestListener } = await import('@hono/node-server');
      // As the server's own listener does, with @hono/node-server's global Request and Response
      // (drop-in subclasses): Hono's body limit re-wraps a request, which the plain ones refuse
      // for a request the adapter made.
      const answer = getRequestListener(practice.app.fetch);
      // Before Vite's own middlewares, which would answer an unknown path with a page.
      server.middlewares.use((request, response, next) => {
        const path = (request.url ?? '').replace(/[?#].*$/, '');
        if (path === apiBase || path.startsWith(`${apiBase}/`)) void answer(request, response);
        else next();
      });
    },
    async closeServer() {
      if (!dataDir) return;
      const folder = dataDir;
      dataDir = undefined;
      await release(folder);
    },
  };
}
