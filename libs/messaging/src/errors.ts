import { FieldProblem } from '@mentoring/contracts';

/**
 * A failure that retrying cannot fix (invalid payload, unknown version, a domain rule rejecting
 * the event): the message goes to the dead-letter topic and the partition moves on.
 */
export class PermanentError extends Error {
  constructor(
    /** A stable, machine-readable code, e.g. `invalid-payload`. */
    readonly reason: string,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'PermanentError';
  }
}

// SQLSTATE classes and codes that mean "try again later", not "this message is bad":
// 08 connection exception, 53 insufficient resources, 57P0x operator intervention (shutdown,
// restart), 40001 serialization failure, 40P01 deadlock, 55P03 lock not available.
const TRANSIENT_SQLSTATE = /^(08|53|57P0|40001|40P01|55P03)/;
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
const TRANSIENT_MESSAGES = /(Connection terminated|not currently accepting connections|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection|the database system is (starting up|shutting down)|Connection is not established|KafkaJS.*(timeout|disconnected|Connection))/i;

/** True when the error is the infrastructure being unavailable rather than the message being bad. */
export function isTransientError(error: unknown): boolean {
  if (error instanceof PermanentError) return false;
  const candidate = error as { code?: unknown; message?: unknown; retriable?: unknown; driverError?: unknown };
  if (candidate?.driverError && isTransientError(candidate.driverError)) return true;
  if (candidate?.retriable === true) return true;
  if (typeof candidate?.code === 'string') {
    if (TRANSIENT_SQLSTATE.test(candidate.code) || TRANSIENT_NODE_CODES.has(candidate.code)) return true;
  }
  return typeof candidate?.message === 'string' && TRANSIENT_MESSAGES.test(candidate.message);
}

/** The error's class name and message, for logs and dead-letter headers. */
export function describeError(error: unknown): { errorClass: string; errorMessage: string } {
  if (error instanceof Error) return { errorClass: error.constructor.name || error.name, errorMessage: error.message };
  return { errorClass: typeof error, errorMessage: String(error) };
}
