import { ConfigError, loadConfig } from '@mentoring/config';
import { traceIdOf } from './trace-context';
import { TracingConfig, tracesUrl } from './tracing-config';

describe('tracing configuration', () => {
  it('exports nothing unless an endpoint is set', () => {
    expect(loadConfig(TracingConfig, {}).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
  });

  it('sends spans to the OTLP/HTTP traces path of the endpoint', () => {
    const config = loadConfig(TracingConfig, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318/' });
    expect(tracesUrl(config.OTEL_EXPORTER_OTLP_ENDPOINT ?? '')).toBe('http://jaeger:4318/v1/traces');
  });

  it('refuses an endpoint that is not an http(s) URL, naming the variable', () => {
    expect(() => loadConfig(TracingConfig, { OTEL_EXPORTER_OTLP_ENDPOINT: 'jaeger:4318' })).toThrow(ConfigError);
    expect(() => loadConfig(TracingConfig, { OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://jaeger:4317' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT must be an http/);
  });

  it('reads the trace id of a W3C traceparent, and nothing from a malformed or empty one', () => {
    expect(traceIdOf('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(traceIdOf('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBeUndefined();
    expect(traceIdOf('not a traceparent')).toBeUndefined();
    expect(traceIdOf(undefined)).toBeUndefined();
  });
});
