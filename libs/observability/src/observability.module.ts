import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { LogLevel } from '@mentoring/config';
import { IncomingMessage } from 'node:http';
import { LoggerModule, Params } from 'nestjs-pino';
import { Options as HttpLoggerOptions } from 'pino-http';
import { MessageTransports } from './transports/message-transports';
import { ReadinessRegistry } from './health/readiness-registry';
import { correlationIdFor, correlationMiddleware } from './logging/correlation-id';
import { LogSettings, pinoOptions } from './logging/log-options';
import { createMetricsRegistry, MetricsService } from './metrics/metrics.service';

/** Options for ObservabilityModule.forRoot. */
export interface ObservabilityOptions {
  serviceName: string;
  logLevel?: LogLevel;
  /** Defaults to stdout; tests pass a stream to read the log lines back. */
  logDestination?: LogSettings['destination'];
}

// Probes and scrapes arrive every few seconds; logging each would drown the lines that matter.
const QUIET_PATHS = ['/health/live', '/health/ready', '/metrics'];
// Express's `originalUrl` is not on Node's IncomingMessage type but is always set under Nest.
type ExpressRequest = IncomingMessage & { originalUrl?: string };

/** `path` without its query string. */
function pathOf(req: ExpressRequest): string {
  return (req.originalUrl ?? req.url ?? '').split('?')[0];
}

function levelForResponse(statusCode: number, error: Error | undefined): 'error' | 'warn' | 'info' {
  if (error || statusCode >= 500) return 'error';
  return statusCode >= 400 ? 'warn' : 'info';
}

function httpLoggerOptions(options: ObservabilityOptions): HttpLoggerOptions {
  return {
    ...pinoOptions(options.serviceName, options.logLevel),
    genReqId: correlationIdFor,
    // Handler lines carry the correlation id (mixin) and a reqId, not every request header again;
    // the full request is logged once, on completion.
    quietReqLogger: true,
    autoLogging: { ignore: (req) => QUIET_PATHS.includes(pathOf(req)) },
    customLogLevel: (_req, res, error) => levelForResponse(res.statusCode, error),
  };
}

function loggerParams(options: ObservabilityOptions): Params {
  const httpOptions = httpLoggerOptions(options);
  return { pinoHttp: options.logDestination ? [httpOptions, options.logDestination] : httpOptions };
}

/**
 * Logging, metrics, readiness checks and correlation ids for one service (the HTTP endpoints that
 * expose them are libs/platform's OperationsModule). Global, so the persistence and
 * messaging modules can inject ReadinessRegistry and MetricsService without importing it.
 * nestjs-pino keeps one root logger per process (the first forRoot's options win), which fits
 * production: one service per process.
 */
@Module({})
export class ObservabilityModule implements NestModule {
  /** Wires pino logging, the metrics registry and readiness checks for the named service. */
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      imports: [LoggerModule.forRoot(loggerParams(options))],
      providers: [
        ReadinessRegistry,
        MessageTransports,
        { provide: MetricsService, useFactory: () => new MetricsService(createMetricsRegistry(options.serviceName)) },
      ],
      exports: [ReadinessRegistry, MetricsService, MessageTransports],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Same wildcard nestjs-pino uses: path-to-regexp v8 rejects a bare `*`.
    consumer.apply(correlationMiddleware).forRoutes({ path: '{/*splat}', method: RequestMethod.ALL });
  }
}
