/** A real PostgreSQL server through a connection pool (`DATABASE_URL`), for several processes or a managed database. */
import pg from 'pg';
import type { Database, Queryable } from './database.js';

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await client.query(sql, [...params])).rows as Row[];
    },
    async exec(sql: string) {
      // Without parameters pg uses the simple protocol, which takes several statements.
      await client.query(sql);
    },
  };
}

export interface PostgresOptions {
  /** Connections in the pool. */
  maxConnections?: number;
}

export async function openPostgres(connectionString: string, options: PostgresOptions = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: options.maxConnections ?? 10 });
  // An idle connection that dies (a server restart) is reported here; without a listener it would crash the process.
  pool.on('error', () => {});
  const database: Database = {
    kind: 'postgres',
    ...queryable(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
        const result = await work(queryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    close: () => pool.end(),
  };
  await database.ping();
  return database;
}
