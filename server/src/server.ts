/**
 * Starting and stopping the server: open the database (PGlite or PostgreSQL), apply migrations,
 * write the seed file's configuration if the file has changed since it was last applied, then
 * listen, and send the outbox's notices when an SMTP server is configured. Stopping lets requests
 * in flight and the send in progress finish, then closes the database.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { createApp } from './app.js';
import { BookingService } from './booking-service.js';
import { PracticeService } from './practice-service.js';
import type { ServerConfig } from './config.js';
import type { Database } from './database/database.js';
import { migrate } from './database/migrate.js';
import { openDatabase } from './database/open.js';
import { identitySettingsFrom, logIdentity } from './identity/index.js';
import { LiveEvents, type LiveEventsOptions } from './live-events.js';
import { type Logger, jsonLogger } from './log.js';
import { smtpMailer } from './mail/mailer.js';
import { MailWorker, type MailWorkerOptions } from './mail/worker.js';
import { type Seed, applySeedIfChanged, readSeedFile, replacePractice } from './seed.js';

export interface Practice {
  db: Database;
  service: BookingService;
  practice: PracticeService;
  app: Hono;
  /** The live event streams of this process (one LISTEN). */
  events: LiveEvents;
  /** Whom to tell once notices are in the outbox (the mail worker); one at a time. */
  onNoticesWritten(listener: () => void): void;
  close(): Promise<void>;
}

export interface PracticeOptions {
  logger?: Logger;
  /** The clock (tests move it). */
  now?: () => number;
  /** A seed given directly instead of `config.seedFile` (tests). */
  seed?: Seed;
  /** The mail worker's timings (tests shorten them); it runs when `config.smtpUrl` is set. */
  mail?: MailWorkerOptions;
  /** The live event streams' timings (tests shorten them). */
  liveEvents?: Omit<LiveEventsOptions, 'logger'>;
}

/** The database opened, migrated and seeded, and the app over it; nothing listens yet. */
export async function openPractice(config: Omit<ServerConfig, 'port' | 'host'>, options: PracticeOptions = {}): Promise<Practice> {
  const logger = options.logger ?? jsonLogger();
  // The seed is checked before the database is touched: a bad file changes nothing.
  const seed = options.seed ?? (await readSeedFile(config.seedFile));
  // So is identity (the portal's key above all): a key that cannot serve stops the start first.
  const identity = identitySettingsFrom(config);
  const db = await openDatabase({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    ...(config.dataDir === ':memory:' ? {} : { dataDir: config.dataDir }),
  });
  try {
    const applied = await migrate(db);
    // Only a seed file changed since it was last applied (or into an empty database) is written: see applySeedIfChanged.
    const seeded = await db.transaction((tx) => applySeedIfChanged(tx, seed));
    logger.log('info', seeded === 'applied' ? 'seed-applied' : 'seed-unchanged', {});
    // PGlite runs no autovacuum, so its planner would have no statistics and scan where an index serves.
    if (db.kind === 'pglite') await db.exec('ANALYZE');
    logger.log('info', 'database-ready', { database: db.kind, migrationsApplied: applied.length });
  } catch (error) {
    await db.close();
    throw error;
  }
  let listener: (() => void) | undefined;
  const noticesWritten = { onNoticesWritten: () => listener?.(), ...(options.now ? { now: options.now } : {}) };
  const service = new BookingService(db, noticesWritten);
  const practice = new PracticeService(db, noticesWritten);
  const events = new LiveEvents(db, service, practice, { logger, ...options.liveEvents });
  try {
    await events.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const app = createApp({
    service,
    practice,
    events,
    onNoticesWritten: noticesWritten.onNoticesWritten,
    db,
    logger,
    identity,
    ...(options.now ? { now: options.now } : {}),
    basePath: config.basePath,
    corsOrigins: config.corsOrigins,
    maxBodyBytes: config.maxBodyBytes,
    ...(config.demo ? { demo: { reset: () => db.transaction((tx) => replacePractice(tx, seed)) } } : {}),
  });
  logIdentity(logger, identity);
  return {
    db,
    service,
    practice,
    app,
    events,
    onNoticesWritten: (written) => {
      listener = written;
    },
    async close() {
      await events.close();
      await db.close();
    },
  };
}

export interface RunningServer extends Practice {
  url: string;
  /** Stops taking requests, lets those in flight finish (up to the shutdown timeout), closes the database. */
  stop(): Promise<void>;
}

export async function startServer(config: ServerConfig, options: PracticeOptions = {}): Promise<RunningServer> {
  const practice = await openPractice(config, options);
  const logger = options.logger ?? jsonLogger();
  const server: ServerType = await new Promise((resolve) => {
    const listening = serve({ fetch: practice.app.fetch, port: config.port, hostname: config.host }, () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.log('info', 'listening', { url, basePath: config.basePath, database: practice.db.kind });
  // The outbox's sender, when there is an SMTP server to send through; without one the outbox is the mailbox (the demo).
  let mail: MailWorker | undefined;
  if (config.smtpUrl) {
    const worker = new MailWorker({
      db: practice.db,
      mailer: smtpMailer(config.smtpUrl),
      logger,
      ...(config.mailFrom ? { from: config.mailFrom } : {}),
      ...options.mail,
    });
    mail = worker;
    practice.onNoticesWritten(() => worker.nudge());
    worker.start();
  }
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const serverClosed = new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections();
        }, config.shutdownTimeoutMs);
        // Keep-alive connections with nothing in flight would hold close() open: those idle now,
        // and those whose request in flight finishes later (they turn idle, not closed).
        const closeIdle = () => {
          if ('closeIdleConnections' in server) server.closeIdleConnections();
        };
        const idle = setInterval(closeIdle, 50);
        server.close(() => {
          clearTimeout(force);
          clearInterval(idle);
          resolve();
        });
        closeIdle();
      });
      // Open event streams would hold their connections until the force timeout: ended now, once no new
      // connection is taken (their clients reconnect, to another process if there is one).
      await practice.events.close();
      await serverClosed;
      // After the send in progress (if it takes longer than the shutdown timeout, it is sent again at the next start).
      await mail?.stop(config.shutdownTimeoutMs);
      await practice.close();
      logger.log('info', 'stopped');
    })());
  return { ...practice, url, stop };
}
