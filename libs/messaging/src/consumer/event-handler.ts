import { EventEnvelope } from '@mentoring/contracts';
import { EntityManager } from 'typeorm';
import { OutboxWriter } from '../outbox/outbox-writer';
import { IncomingRecord } from './message-decoding';

/** Where a handled message came from. */
export interface RecordCoordinates {
  topic: string;
  partition: number;
  offset: string;
}

/** What a handler gets: the validated event and the transaction its effects must use. */
export interface HandlerContext<TData> {
  envelope: EventEnvelope<TData>;
  data: TData;
  /** The transaction that also records the inbox row; everything written here commits together. */
  manager: EntityManager;
  /** Appends follow-up events to the outbox in the same transaction. */
  outbox: OutboxWriter;
  source: RecordCoordinates;
}

/** Handles one event type (exact name and major version) of a subscribed topic. */
export interface EventHandler<TData extends object = object> {
  type: string;
  payload: new () => TData;
  handle(context: HandlerContext<TData>): Promise<void>;
}

/** A topic this consumer group reads, with its handlers. */
export interface Subscription {
  /** Contract topic name (a namespace may be applied). */
  topic: string;
  handlers: EventHandler[];
  /** Defaults to envelope decoding; feeds with bare records supply their own. */
  decode?: (record: IncomingRecord) => EventEnvelope;
  /**
   * Types this group does not handle are skipped when true (a shared topic such as case events);
   * when false they are dead-lettered as unknown.
   */
  ignoreOtherTypes?: boolean;
}
