/**
 * The embedded default: PostgreSQL compiled to WebAssembly, in this process, persisted in a data
 * folder (or in memory, for tests). One connection, which PGlite serialises itself: concurrent
 * requests queue for it, and two processes cannot share a folder (use PostgreSQL for that).
 */
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { Database, Queryable } from './database.js';

function queryable(db: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      return (await db.query<Row>(sql, [...params])).rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}

/** Opens (creating if need be) the database in `dataDir`, or in memory without one. */
export async function openPGlite(dataDir?: string): Promise<Database> {
  const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { btree_gist } });
  return {
    kind: 'pglite',
    ...queryable(db),
    transaction: (work) => db.transaction((tx) => work(queryable(tx))),
    // In this process, so never lost: there is nothing to resume.
    listen: (channel, onPayload) => db.listen(channel, onPayload),
    async ping() {
      await db.query('SELECT 1');
    },
    close: () => db.close(),
  };
}
