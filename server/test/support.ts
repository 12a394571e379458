/**
 * What the server's tests share: the server started in this process on either database, the
 * server started as its own process (for two processes on one PostgreSQL, and for kill -9), and
 * the demo practice around a fixed clock as a seed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDemoPractice } from '../../mock-api/demo-practice.js';
import { type ServerConfig, demoSeedFile } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { type Seed, parseSeed } from '../src/seed.js';
import { type RunningServer, startServer } from '../src/server.js';

export { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';

/** Tuesday 1 December 2026, 10:00 in New York: the browser tests' fixed moment. */
export const NOW = Date.parse('2026-12-01T15:00:00Z');

/** The password of the demo's staff (server/seed/demo-practice.json and the mock's demo practice). */
export const demoStaffPassword = 'riverside-demo';
/** The demo's staff with their hashes, from the server's demo seed file (the mock keeps passwords in plain text). */
export const demoStaff: NonNullable<Seed['staff']> = JSON.parse(readFileSync(demoSeedFile, 'utf8')).staff;
export const frontDesk = demoStaff.find((member) => member.id === 'front-desk')!;
export const mayaChen = demoStaff.find((member) => member.id === 'maya-chen')!;
export const jordanAlvarez = demoStaff.find((member) => member.id === 'jordan-alvarez')!;

/** The demo practice laid around `now`, with its clients, appointments and staff, as a seed. */
export function demoSeed(now = NOW): Seed {
  const { outbox: _outbox, idempotencyReplies: _replies, staff: _staff, ...practice } = createDemoPractice(now) as ReturnType<typeof createDemoPractice> & { staff?: unknown };
  return parseSeed({ ...practice, staff: demoStaff }, 'the demo practice');
}

/**
 * Signs in as a member of the demo's staff (the front desk by default) at `apiUrl` (`…/api`); the
 * `Cookie` header value to send with practice requests. `fetchImpl` lets a caller go through
 * something other than the network (an app's own `fetch`).
 */
export async function staffCookie(
  apiUrl: string,
  email = frontDesk.email,
  fetchImpl: (request: Request) => Promise<Response> = (request) => fetch(request),
): Promise<string> {
  const response = await fetchImpl(
    new Request(`${apiUrl}/practice/auth/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: new URL(apiUrl).origin },
      body: JSON.stringify({ email, password: demoStaffPassword }),
    }),
  );
  const setCookie = response.headers.getSetCookie()[0];
  if (response.status !== 200 || !setCookie) throw new Error(`staff sign-in answered ${response.status}: ${await response.text()}`);
  return setCookie.split(';')[0];
}

export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: ':memory:',
    seedFile: '(given directly)',
    basePath: '/api',
    corsOrigins: [],
    maxBodyBytes: 16 * 1024,
    shutdownTimeoutMs: 5_000,
    demo: true,
    ...overrides,
  };
}

/** The server in this process, on PGlite in memory unless `databaseUrl` is given, with a clock the test can move. */
export async function startTestServer(
  overrides: Partial<ServerConfig> = {},
  { seed = demoSeed(), clock = { now: NOW } }: { seed?: Seed; clock?: { now: number } } = {},
): Promise<RunningServer & { clock: { now: number } }> {
  const server = await startServer(testConfig(overrides), { seed, now: () => clock.now, logger: silentLogger });
  return { ...server, clock };
}

export const binPath = fileURLToPath(new URL('../bin/self-schedule-server.js', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Every line it wrote to stdout and stderr. */
  output: string[];
  /** Resolves with the exit code (or signal) when it ends. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/** `self-schedule-server` as its own process, as a practice runs it; resolves once it listens. */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  // Port 0: the system picks a free one as the server binds, and the listening line names it.
  const child = spawn(process.execPath, [binPath], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const listening = new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        output.push(line);
        if (line.includes('"event":"listening"')) resolve(JSON.parse(line).url);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then((code) => reject(new Error(`the server exited (${code}) before listening:\n${output.join('\n')}`)));
  });
  return { url: await listening, child, output, exited };
}

/** A fresh folder for a PGlite database on disk. */
export function tempDataDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'self-schedule-data-')), 'db');
}
