import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { runWithContext } from '../context/observability-context';

/** The header that carries a correlation id into and out of every HTTP request. */
export const CORRELATION_ID_HEADER = 'x-correlation-id';

// A caller's id is echoed into logs and headers, so only short, plain tokens are trusted.
const ACCEPTABLE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

type RequestWithId = IncomingMessage & { id?: unknown };

/**
 * The request's correlation id: the caller's `x-correlation-id` when sane, else a new uuid. It is
 * kept on `req.id` (which pino-http also reads) and echoed in the response, so both the logging
 * middleware and ours may call this first.
 */
export function correlationIdFor(req: RequestWithId, res: ServerResponse): string {
  if (typeof req.id === 'string') return req.id;
  const offered = req.headers[CORRELATION_ID_HEADER];
  const correlationId = typeof offered === 'string' && ACCEPTABLE_CORRELATION_ID.test(offered) ? offered : randomUUID();
  req.id = correlationId;
  res.setHeader(CORRELATION_ID_HEADER, correlationId);
  return correlationId;
}

/** Express middleware running the rest of the request inside its correlation context. */
export function correlationMiddleware(req: RequestWithId, res: ServerResponse, next: () => void): void {
  runWithContext({ correlationId: correlationIdFor(req, res) }, next);
}
