import { LogLevel } from '@mentoring/config';
import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import { currentContext } from '../context/observability-context';
import { currentTraceIds } from '../tracing/trace-context';
import { LOG_SERIALIZERS, REDACTED, REDACTED_PATHS, scrubDeep, scrubSecrets } from './redaction';

/** Where and how much a service logs. */
export interface LogSettings {
  level?: LogLevel;
  /** Defaults to stdout; tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

/** The pino options every service shares: JSON lines with `service`, `correlationId`, `eventId`, `traceId` and `spanId`. */
export function pinoOptions(serviceName: string, level: LogLevel = 'info'): LoggerOptions {
  return {
    level,
    base: { service: serviceName },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Every field of every line is scrubbed of credentials: a URL with a link token, a bearer
    // token or an SMTP password can reach a log through any message, not only through requests.
    formatters: { level: (label) => ({ level: label }), log: (object) => scrubDeep(object) as Record<string, unknown> },
    // A mixin rather than child loggers: the context is read at each call, so code that holds a
    // logger created at start-up still stamps the request or event it is working on.
    // The trace ids come from the active span, so a line can be found from its trace and back.
    mixin: () => ({ ...currentContext(), ...currentTraceIds() }),
    // Requests, responses and errors lose their tokens, cookies and Set-Cookie in one place for every service.
    serializers: LOG_SERIALIZERS,
    // Fields named like a credential are removed whatever their value looks like.
    redact: { paths: REDACTED_PATHS, censor: REDACTED },
    hooks: {
      // The message itself (`logger.warn('GET /v1/links/pick-slot?token=...')`) is scrubbed too.
      logMethod(args, method) {
        const scrubbed = args.map((arg: unknown) => (typeof arg === 'string' ? scrubSecrets(arg) : arg)) as Parameters<typeof method>;
        method.apply(this, scrubbed);
      },
    },
  };
}

/** A logger for plain scripts and CLIs, configured like the services' own (synchronous, so nothing is lost on exit). */
export function createLogger(serviceName: string, settings: LogSettings = {}): Logger {
  return pino(pinoOptions(serviceName, settings.level), settings.destination ?? pino.destination({ dest: 1, sync: true }));
}
