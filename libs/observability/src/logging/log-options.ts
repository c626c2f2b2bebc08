import { LogLevel } from '@mentoring/config';
import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import { currentContext } from '../context/observability-context';

/** Where and how much a service logs. */
export interface LogSettings {
  level?: LogLevel;
  /** Defaults to stdout; tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

/** The pino options every service shares: JSON lines with `service`, `correlationId` and `eventId`. */
export function pinoOptions(serviceName: string, level: LogLevel = 'info'): LoggerOptions {
  return {
    level,
    base: { service: serviceName },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // A mixin rather than child loggers: the context is read at each call, so code that holds a
    // logger created at start-up still stamps the request or event it is working on.
    mixin: () => ({ ...currentContext() }),
    // Bearer tokens and session cookies must never reach a log store.
    redact: ['req.headers.authorization', 'req.headers.cookie'],
  };
}

/** A logger for plain scripts and CLIs, configured like the services' own (synchronous, so nothing is lost on exit). */
export function createLogger(serviceName: string, settings: LogSettings = {}): Logger {
  return pino(pinoOptions(serviceName, settings.level), settings.destination ?? pino.destination({ dest: 1, sync: true }));
}
