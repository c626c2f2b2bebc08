import { BaseRpcContext } from '@nestjs/microservices';
import { EventEnvelope } from '@mentoring/contracts';
import { EntityManager } from 'typeorm';
import { HandlerContext, RecordCoordinates } from '../consumer/event-handler';
import { OutboxWriter } from '../outbox/outbox-writer';

/**
 * What `@Ctx()` gives an `@EventPattern` handler: the transaction that also records the inbox row
 * (do every write with `manager`), the validated envelope, the outbox, and where the record came from.
 */
export class EventContext<TData extends object = object> extends BaseRpcContext<[HandlerContext<TData>]> implements HandlerContext<TData> {
  readonly envelope: EventEnvelope<TData>;
  readonly data: TData;
  readonly manager: EntityManager;
  readonly outbox: OutboxWriter;
  readonly source: RecordCoordinates;

  constructor(context: HandlerContext<TData>) {
    super([context]);
    this.envelope = context.envelope;
    this.data = context.data;
    this.manager = context.manager;
    this.outbox = context.outbox;
    this.source = context.source;
  }
}
