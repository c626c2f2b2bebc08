import { ConfigError, loadConfig } from '@mentoring/config';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { IncomingMessage } from 'node:http';
import { TracingConfig, tracesUrl } from './tracing-config';

// Probes and scrapes arrive every few seconds and would bury the traces that matter.
const UNTRACED_PATHS = ['/health/live', '/health/ready', '/metrics'];

let provider: NodeTracerProvider | undefined;

/** What startTracing set up; `exportingTo` is undefined when export is off. */
export interface TracingStarted {
  serviceName: string;
  exportingTo?: string;
}

/**
 * Starts the OpenTelemetry SDK for this process: W3C trace context, HTTP server and client spans,
 * PostgreSQL spans (only inside traced work, so the outbox and queue polling make no traces of
 * their own) and, when OTEL_EXPORTER_OTLP_ENDPOINT is set, OTLP/HTTP export. Must run before `pg`
 * and `http` are loaded (a service's main.ts imports its `tracing.ts` first); a bad setting stops
 * the process with the variable's name, like every other setting.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): TracingStarted {
  if (provider) return { serviceName };
  let config: TracingConfig;
  try {
    config = loadConfig(TracingConfig, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const exportingTo = config.OTEL_EXPORTER_OTLP_ENDPOINT ? tracesUrl(config.OTEL_EXPORTER_OTLP_ENDPOINT) : undefined;
  const spanProcessors: SpanProcessor[] = exportingTo ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: exportingTo }))] : [];
  provider = new NodeTracerProvider({ resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }), spanProcessors });
  // Registers the async-hooks context manager and the W3C trace-context propagator globally.
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATHS.includes((request.url ?? '').split('?')[0]) }),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  return { serviceName, exportingTo };
}

/** Sends the spans still buffered (at shutdown, before the process exits). */
export async function flushTracing(): Promise<void> {
  await provider?.shutdown().catch(() => undefined);
}
