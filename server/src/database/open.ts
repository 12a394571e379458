import type { Database } from './database.js';
import { openPGlite } from './pglite.js';
import { openPostgres } from './postgres.js';

export interface DatabaseConfig {
  /** `postgres://…` for PostgreSQL; otherwise the embedded PGlite. */
  databaseUrl?: string;
  /** PGlite's data folder; in memory when absent. */
  dataDir?: string;
}

export function openDatabase({ databaseUrl, dataDir }: DatabaseConfig): Promise<Database> {
  return databaseUrl ? openPostgres(databaseUrl) : openPGlite(dataDir);
}
