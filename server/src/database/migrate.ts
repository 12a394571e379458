/**
 * Applies the versioned SQL files in `server/migrations/` that a database has not had yet, each in
 * its own transaction, in name order. Both PGlite and PostgreSQL run the same files. Two processes
 * starting together on one PostgreSQL take turns through an advisory lock.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

export const migrationsFolder = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** An arbitrary constant naming "this server's migrations" among advisory locks. */
const migrationLock = 4_131_977;

export async function migrate(db: Database, folder = migrationsFolder): Promise<string[]> {
  const files = (await readdir(folder)).filter((name) => /^\d+_[\w-]+\.sql$/.test(name)).sort();
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
    await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  });
  for (const file of files) {
    const version = file.replace(/\.sql$/, '');
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [version]);
      if (done.length) return;
      await tx.exec(await readFile(join(folder, file), 'utf8'));
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
      applied.push(version);
    });
  }
  return applied;
}
