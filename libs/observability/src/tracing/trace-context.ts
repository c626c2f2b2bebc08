import { context, Context, isSpanContextValid, propagation, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, trace, Tracer } from '@opentelemetry/api';

/** The W3C header that carries a trace context in HTTP requests, Kafka headers and stored rows. */
export const TRACEPARENT_HEADER = 'traceparent';

/** The tracer of the platform's own spans (Kafka publish and process, SMTP send); the SDK names the service. */
export function platformTracer(): Tracer {
  return trace.getTracer('@mentoring/platform');
}

/** The ids that tie a log line to its trace, when a span is active. */
export function currentTraceIds(): { traceId: string; spanId: string } | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return undefined;
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}

/**
 * The active trace context as a `traceparent` value, for work that continues later in another
 * process or transaction (an outbox row, a queued email); undefined when nothing is traced.
 */
export function activeTraceparent(activeContext: Context = context.active()): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(activeContext, carrier);
  return carrier[TRACEPARENT_HEADER];
}

/** The context a stored or received `traceparent` names (the root context when there is none). */
export function contextFromTraceparent(traceparent: string | null | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { [TRACEPARENT_HEADER]: traceparent }) : ROOT_CONTEXT;
}

/** The context carried by message headers (W3C trace context), or the root context. */
export function contextFromHeaders(headers: Record<string, string>): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/** The trace id a `traceparent` value names, if it is well formed. */
export function traceIdOf(traceparent: string | null | undefined): string | undefined {
  const match = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent ?? '');
  return match && !/^0+$/.test(match[1]) ? match[1] : undefined;
}

export interface SpanOptions {
  kind: SpanKind;
  attributes?: Record<string, string | number | boolean>;
  /** The parent; defaults to the active context. */
  parent?: Context;
}

/**
 * Runs `work` inside a new active span, so the spans and log lines of what it does (queries,
 * outbox rows) belong to it; a thrown error marks the span failed and is rethrown.
 */
export async function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = options.parent ?? context.active();
  return platformTracer().startActiveSpan(name, { kind: options.kind, attributes: options.attributes }, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
      throw error;
    } finally {
      span.end();
    }
  });
}

export { SpanKind };
