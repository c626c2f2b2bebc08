import { AsyncLocalStorage } from 'node:async_hooks';

/** What ties a log line or metric to the request or event being handled. */
export interface ObservabilityContext {
  correlationId: string;
  eventId?: string;
}

const storage = new AsyncLocalStorage<ObservabilityContext>();

/** Runs `fn` (and everything it awaits) with `context` as the current context. */
export function runWithContext<R>(context: ObservabilityContext, fn: () => R): R {
  return storage.run(context, fn);
}

/** The context of the request or event being handled, if any. */
export function currentContext(): ObservabilityContext | undefined {
  return storage.getStore();
}
