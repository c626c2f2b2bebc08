import { IsOptional, IsUrl } from 'class-validator';

/**
 * What the tracing SDK reads, validated before anything else loads. Export is off unless an OTLP
 * endpoint is set: spans are still made, so trace ids reach log lines, outbox rows and Kafka
 * headers either way, and switching export on later shows whole traces.
 */
export class TracingConfig {
  /** Base URL of an OTLP/HTTP receiver (a collector, Jaeger, Tempo); traces go to `<url>/v1/traces` as JSON. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http:// or https:// URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
}

/** Where spans are sent: the OTLP base URL with the traces path the OTLP/HTTP specification gives it. */
export function tracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}
