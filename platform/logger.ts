import pino from 'pino';

export type Logger = pino.Logger;

/**
 * The one logger: structured JSON lines on stdout, one `service` field per process.
 *
 * @example
 * const log = createLogger({ level: 'info', service: 'server' });
 * log.info({ port: 3000 }, 'listening');
 */
export function createLogger(options: { level: string; service: string }): Logger {
  return pino({
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
