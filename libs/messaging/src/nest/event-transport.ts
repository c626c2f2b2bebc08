import { ArgumentsHost, Catch, RpcExceptionFilter, Type } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { EVENT_CATALOG, EventEnvelope, parseEventType } from '@mentoring/contracts';
import { isObservable, lastValueFrom, Observable, throwError } from 'rxjs';
import { EventHandler, HandlerContext, Subscription } from '../consumer/event-handler';
import { IncomingRecord } from '../consumer/message-decoding';
import { EventContext } from './event-context';

/** Turns a topic's records into envelopes when they are not envelopes already (a Nest provider). */
export interface EventDecoder {
  decode(record: IncomingRecord): EventEnvelope;
}

/**
 * The second argument of `@EventPattern(type, options)`. Every field is optional for event types
 * in the contracts' event catalog, which knows their topic and payload class.
 */
export interface EventPatternOptions {
  /** Contract topic; defaults to the catalog's topic for the type. */
  topic?: string;
  /** Payload class the data is validated against before the handler runs; defaults to the catalog's. */
  payload?: new () => object;
  /** Provider that decodes the topic's records; every handler of the topic must name the same one. */
  decoder?: Type<EventDecoder>;
  /**
   * Skip types this service has no handler for instead of dead-lettering them. Defaults to true on
   * a topic that carries several event types (case events), false on a single-type topic.
   */
  ignoreOtherTypes?: boolean;
}

/** What the transport needs of the messaging runtime (a fake in unit tests). */
export interface EventTransportRuntime {
  subscribe(subscription: Subscription): void;
  startConsuming(): Promise<void>;
  stopConsuming(): Promise<void>;
}

interface TopicHandlers {
  handlers: EventHandler[];
  decoder?: Type<EventDecoder>;
  ignoreOtherTypes?: boolean;
}

/**
 * A Nest microservice transport over the reliable consumer: every `@EventPattern` method becomes a
 * handler of the event pipeline, so the inbox, offsets after commit, retries with backoff, dead
 * letters, per-partition batching and commit wake-ups stay in the pipeline and apply to it alike.
 *
 * The pipeline calls the handler inside its batch transaction and awaits it (including an
 * Observable's completion) before the next record and the commit. Nest's `handleEvent` is not used:
 * it does not wait for an Observable handler and only logs failures, which would commit records
 * whose effects were never written. Errors reach the pipeline as thrown, through
 * `PassEventErrorsThrough`, so it can tell a PermanentError from an outage.
 */
export class EventTransport extends Server implements CustomTransportStrategy {
  // One function per provider: the pipeline refuses two different decoders for one topic.
  private readonly decoders = new Map<Type<EventDecoder>, (record: IncomingRecord) => EventEnvelope>();

  constructor(
    private readonly runtime: EventTransportRuntime,
    /** Resolves a decoder provider from the application. */
    private readonly resolveDecoder: (type: Type<EventDecoder>) => EventDecoder,
  ) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    try {
      this.subscribeHandlers();
    } catch (error) {
      callback(error);
      return;
    }
    this.runtime.startConsuming().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  async close(): Promise<void> {
    await this.runtime.stopConsuming();
  }

  on(): never {
    throw new Error('the event transport emits no status events');
  }

  unwrap<T>(): T {
    return this.runtime as T;
  }

  /** Groups the discovered handlers by topic and subscribes each topic once. */
  private subscribeHandlers(): void {
    const topics = new Map<string, TopicHandlers>();
    for (const [type, handler] of this.getHandlers()) {
      const options = (handler.extras ?? {}) as EventPatternOptions;
      const { topic, payload } = this.describe(type, handler, options);
      const entry = topics.get(topic) ?? { handlers: [] };
      if (entry.handlers.length > 0 && entry.decoder !== options.decoder) {
        throw new Error(`every @EventPattern handler of topic ${topic} must name the same decoder (${type} differs)`);
      }
      entry.decoder = options.decoder;
      entry.ignoreOtherTypes = (entry.ignoreOtherTypes ?? false) || (options.ignoreOtherTypes ?? carriesSeveralTypes(topic));
      entry.handlers.push({ type, payload, handle: (context) => invoke(handler, context) });
      topics.set(topic, entry);
    }
    for (const [topic, { handlers, decoder, ignoreOtherTypes }] of topics) {
      const decode = decoder ? this.decoderFunction(decoder) : undefined;
      this.runtime.subscribe({ topic, handlers, decode, ignoreOtherTypes });
    }
  }

  private describe(type: string, handler: MessageHandler, options: EventPatternOptions): { topic: string; payload: new () => object } {
    if (!handler.isEventHandler) {
      throw new Error(`@MessagePattern('${type}') cannot answer Kafka events, which have no reply; use @EventPattern`);
    }
    if (!parseEventType(type)) throw new Error(`@EventPattern('${type}') must name an event type such as grades.recorded.v1`);
    // Nest chains a second handler of the same pattern; the pipeline routes each type to one handler.
    if (handler.next) throw new Error(`event type ${type} has more than one @EventPattern handler in this service`);
    const topic = options.topic ?? EVENT_CATALOG[type]?.topic;
    const payload = options.payload ?? EVENT_CATALOG[type]?.payload;
    if (!topic || !payload) {
      throw new Error(`@EventPattern('${type}'): the type is not in the event catalog; pass { topic, payload }`);
    }
    return { topic, payload };
  }

  private decoderFunction(type: Type<EventDecoder>): (record: IncomingRecord) => EventEnvelope {
    const existing = this.decoders.get(type);
    if (existing) return existing;
    const decoder = this.resolveDecoder(type);
    const decode = (record: IncomingRecord) => decoder.decode(record);
    this.decoders.set(type, decode);
    return decode;
  }
}

/** Calls the Nest handler (guards, interceptors, filters included) and waits until it has finished. */
async function invoke(handler: MessageHandler, context: HandlerContext<object>): Promise<void> {
  const result: unknown = await handler(context.data, new EventContext(context));
  if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
}

function carriesSeveralTypes(topic: string): boolean {
  return Object.values(EVENT_CATALOG).filter((entry) => entry.topic === topic).length > 1;
}

/**
 * Nest's default RPC filter replaces any error with `{ status: 'error', message: 'Internal server
 * error' }`; the pipeline needs the error itself to retry an outage and dead-letter a rejection.
 */
@Catch()
export class PassEventErrorsThrough implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
