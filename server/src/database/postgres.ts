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
  /** How long a lost listening connection waits before it is made again, doubling to `maxMs`. */
  listenRetry?: { firstMs: number; maxMs: number };
}

/**
 * LISTEN on a connection of its own, outside the pool: a pooled connection goes back to other
 * work between queries, and a listener must stay. A connection that fails (the server restarted,
 * a proxy cut it) is made again with a growing pause, then `onResume` says notifications may
 * have been missed.
 */
async function listenOn(
  connectionString: string,
  channel: string,
  onPayload: (payload: string) => void,
  onResume: (() => void) | undefined,
  retry: { firstMs: number; maxMs: number },
): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let pause = retry.firstMs;
  let again: ReturnType<typeof setTimeout> | undefined;

  const connect = async (): Promise<void> => {
    const connection = new pg.Client({ connectionString });
    let listening = false;
    let lost = false;
    // Only a connection that was listening is made again: a failed attempt is the caller's to retry.
    const onLost = () => {
      if (!listening || lost) return;
      lost = true;
      connection.end().catch(() => {});
      if (client === connection) client = undefined;
      reconnectLater();
    };
    // Without an error listener a dropped connection would crash the process.
    connection.on('error', onLost);
    connection.on('end', onLost);
    connection.on('notification', (message) => {
      if (message.channel === channel) onPayload(message.payload ?? '');
    });
    try {
      await connection.connect();
      await connection.query(`LISTEN ${connection.escapeIdentifier(channel)}`);
    } catch (error) {
      connection.end().catch(() => {});
      throw error;
    }
    if (stopped) {
      await connection.end().catch(() => {});
      return;
    }
    listening = true;
    client = connection;
  };

  const reconnectLater = () => {
    if (stopped || again) return;
    again = setTimeout(() => {
      again = undefined;
      connect().then(
        () => {
          pause = retry.firstMs;
          if (!stopped) onResume?.();
        },
        () => {
          pause = Math.min(pause * 2, retry.maxMs);
          reconnectLater();
        },
      );
    }, pause);
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(again);
    again = undefined;
    const current = client;
    client = undefined;
    await current?.end().catch(() => {});
  };
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
    listen: (channel, onPayload, { onResume } = {}) =>
      listenOn(connectionString, channel, onPayload, onResume, options.listenRetry ?? { firstMs: 250, maxMs: 5_000 }),
    async ping() {
      await pool.query('SELECT 1');
    },
    close: () => pool.end(),
  };
  await database.ping();
  return database;
}
