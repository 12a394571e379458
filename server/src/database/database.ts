/**
 * The one storage interface the server runs on: SQL with numbered parameters and transactions.
 * PGlite (embedded, the default) and PostgreSQL (`DATABASE_URL`) implement it, and every query is
 * plain PostgreSQL, so the same migrations and statements run on both.
 */
export interface Queryable {
  /** One statement with `$1`… parameters; the rows it returns. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements without parameters (a migration). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `work` in one transaction at READ COMMITTED, committing when it resolves and rolling back
   * when it throws. What makes concurrent writes safe is said where they are written (row locks
   * and the exclusion constraint), not assumed from the isolation level.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Calls `onPayload` with each notification on `channel` (PostgreSQL LISTEN/NOTIFY: delivered
   * once the notifying transaction commits, in commit order); resolves once listening, with the
   * way to stop. A connection that fails is made again, and `onResume` is called once it listens
   * again: what was notified in between is lost, so the caller reads what it missed.
   */
  listen(channel: string, onPayload: (payload: string) => void, options?: { onResume?: () => void }): Promise<() => Promise<void>>;
  /** Whether the database answers (for `/healthz`). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL's SQLSTATE of a failed statement, from either driver. */
export function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

export const sqlState = {
  exclusionViolation: '23P01',
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
} as const;
