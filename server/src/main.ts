/** `self-schedule-server`: configuration from the environment, a clean stop on SIGTERM or SIGINT. */
import { ConfigError, configFromEnvironment } from './config.js';
import { jsonLogger } from './log.js';
import { SeedError } from './seed.js';
import { startServer } from './server.js';

const logger = jsonLogger();

try {
  const running = await startServer(configFromEnvironment(), { logger });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log('info', 'stopping', { signal });
      running.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
} catch (error) {
  if (error instanceof SeedError || error instanceof ConfigError) {
    // One line a person can act on: which file or variable, where in it, what is wrong.
    process.stderr.write(`self-schedule-server: ${error instanceof SeedError ? 'seed file ' : 'environment '}${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
