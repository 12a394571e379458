/** The server's settings, from environment variables, checked once at start with a clear message. */
import { fileURLToPath } from 'node:url';
import * as z from 'zod/mini';

export const demoSeedFile = fileURLToPath(new URL('../seed/demo-practice.json', import.meta.url));

const flag = z.pipe(z.optional(z.enum(['0', '1', 'true', 'false', ''])), z.transform((value) => value === '1' || value === 'true'));
/** A whole number from `min` to `max`, `fallback` when unset. */
const wholeNumber = (fallback: number, min: number, max: number) =>
  z.pipe(
    z.optional(z.string()),
    z.transform((value, context) => {
      const number = value === undefined || value === '' ? fallback : Number(value);
      if (!Number.isInteger(number) || number < min || number > max) {
        context.issues.push({ code: 'custom', message: `a whole number from ${min} to ${max}`, input: value });
      }
      return number;
    }),
  );

const environmentSchema = z.object({
  PORT: wholeNumber(8787, 0, 65535),
  HOST: z._default(z.string(), '127.0.0.1'),
  DATABASE_URL: z.optional(z.string().check(z.regex(/^postgres(ql)?:\/\//, 'a postgres:// URL'))),
  DATA_DIR: z._default(z.string(), './self-schedule-data'),
  SEED_FILE: z._default(z.string(), demoSeedFile),
  API_BASE_PATH: z._default(z.string().check(z.regex(/^\/[\w/-]*$/, 'a path starting with /')), '/api'),
  CORS_ORIGINS: z._default(z.string(), ''),
  MAX_BODY_BYTES: wholeNumber(16 * 1024, 1, 16 * 1024 * 1024),
  SHUTDOWN_TIMEOUT_MS: wholeNumber(10_000, 1, 10 * 60_000),
  DEMO: flag,
});

export interface ServerConfig {
  port: number;
  host: string;
  /** PostgreSQL when set; otherwise PGlite in `dataDir` (`:memory:` keeps it in memory). */
  databaseUrl?: string;
  dataDir: string;
  seedFile: string;
  basePath: string;
  corsOrigins: string[];
  maxBodyBytes: number;
  shutdownTimeoutMs: number;
  demo: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function configFromEnvironment(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new ConfigError(`${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    dataDir: e.DATA_DIR,
    seedFile: e.SEED_FILE,
    basePath: e.API_BASE_PATH,
    corsOrigins: e.CORS_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean),
    maxBodyBytes: e.MAX_BODY_BYTES,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    demo: e.DEMO,
  };
}
