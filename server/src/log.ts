/**
 * Structured logs: one JSON object a line on stdout. Only ids, methods, routes, statuses and
 * timings go in: no names, e-mail addresses, notes, query strings or bodies, so a log can be
 * kept and shipped without holding anyone's health information.
 */
export type LogLevel = 'info' | 'warn' | 'error';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  log(level: LogLevel, event: string, fields?: LogFields): void;
}

export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`), now: () => number = Date.now): Logger {
  return {
    log(level, event, fields = {}) {
      write(JSON.stringify({ time: new Date(now()).toISOString(), level, event, ...fields }));
    },
  };
}

export const silentLogger: Logger = { log() {} };
