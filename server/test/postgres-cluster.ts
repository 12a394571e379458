/**
 * A throwaway PostgreSQL server for the tests: Debian's `postgresql` binaries, a fresh cluster in a
 * temporary folder on a free loopback port, run as the `postgres` user (PostgreSQL refuses root),
 * removed when stopped. No service manager is assumed. `.ci/run` installs the package.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function binaries(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) {
    throw new Error(
      'PostgreSQL is not installed: the tests run the server on a real PostgreSQL too. Install it with `apt-get install -y postgresql` (Debian); .ci/run does.',
    );
  }
  return join(root, newest, 'bin');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface PostgresCluster {
  /** A superuser connection to the cluster's `postgres` database. */
  url: string;
  /** A fresh, empty database on the cluster, for one test's server. */
  createDatabase(name: string): string;
  stop(): void;
}

const asRoot = process.getuid?.() === 0;

function run(command: string, args: string[]): void {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = binaries();
  const folder = mkdtempSync(join(tmpdir(), 'self-schedule-pg-'));
  if (asRoot) chownSync(folder, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  const data = join(folder, 'data');
  const port = await freePort();
  run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'app', '--no-sync']);
  run(join(bin, 'pg_ctl'), [
    '-D', data, '-l', join(folder, 'log'), '-w',
    '-o', `-k ${folder} -p ${port} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on`,
    'start',
  ]);
  const url = `postgres://app@127.0.0.1:${port}/postgres`;
  let stopped = false;
  // A run that ends without calling stop() (a crash, a runner that skips its teardown) still removes the cluster.
  process.once('exit', () => cluster.stop());
  const cluster: PostgresCluster = {
    url,
    createDatabase(name) {
      run(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'app', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE "${name}"`]);
      return `postgres://app@127.0.0.1:${port}/${name}`;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
  return cluster;
}
