import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import pino from 'pino';

/** What a secret is replaced with in a log line. */
export const REDACTED = '[redacted]';

// Query parameters that carry credentials: student link tokens (`?token=`), OAuth-style tokens,
// passwords and keys. The separators and `=` may be percent-encoded (once or twice) when a URL
// travels inside another one, as in `/sign-in?next=%2Fv1%2Flinks%2Fpick-slot%3Ftoken%3D...`.
const SECRET_PARAMETER =
  /((?:^|[?&;#]|%3F|%26|%253F|%2526)(?:[\w.-]*token|password|passwd|secret|api[_-]?key|session)(?:=|%3D|%253D))[^&#\s"'<>;,]*/gi;
const AUTHORIZATION_VALUE = /\b(Bearer|Basic)\s+[\w.~+/=-]+/gi;
// `scheme://user:password@host`: SMTP and database URLs carry their credentials this way.
const URL_PASSWORD = /([a-z][a-z\d+.-]*:\/\/[^\s:/@"'<>]*):[^\s@/"'<>]*@/gi;
// A JWT anywhere (three base64url parts, the first two JSON objects): bearer tokens copied into messages.
const JWT = /\beyJ[\w-]{5,}\.eyJ[\w-]{5,}\.[\w-]+/g;

/** Replaces every credential this platform knows the shape of (link tokens in URLs, bearer tokens, URL passwords, JWTs) in one string. */
export function scrubSecrets(text: string): string {
  return text
    .replace(SECRET_PARAMETER, `$1${REDACTED}`)
    .replace(AUTHORIZATION_VALUE, `$1 ${REDACTED}`)
    .replace(URL_PASSWORD, `$1:${REDACTED}@`)
    .replace(JWT, REDACTED);
}

// Headers whose whole value is a credential.
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

/** A copy of the headers with credentials replaced, and URLs (`Location`, `Referer`) scrubbed of tokens. */
export function redactHeaders(headers: IncomingHttpHeaders | OutgoingHttpHeaders | undefined): Record<string, unknown> {
  const safe: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    if (SECRET_HEADERS.has(name.toLowerCase())) safe[name] = REDACTED;
    else if (Array.isArray(value)) safe[name] = value.map((item) => scrubSecrets(String(item)));
    else safe[name] = typeof value === 'string' ? scrubSecrets(value) : value;
  }
  return safe;
}

type LoggedRequest = Partial<IncomingMessage> & { id?: unknown; originalUrl?: string; raw?: IncomingMessage };
type LoggedResponse = Partial<ServerResponse> & { raw?: ServerResponse; headers?: OutgoingHttpHeaders };

/** The request as a log line shows it: method, URL and headers, with every credential removed. */
export function serializeRequest(req: LoggedRequest): Record<string, unknown> {
  // pino-http hands over its own summary object ({ id, method, url, headers, raw }) or the raw request.
  const raw = (req.raw ?? req) as LoggedRequest;
  const url = raw.originalUrl ?? req.url ?? raw.url ?? '';
  return {
    id: req.id ?? raw.id,
    method: req.method ?? raw.method,
    url: scrubSecrets(String(url)),
    headers: redactHeaders(req.headers ?? raw.headers),
    remoteAddress: raw.socket?.remoteAddress,
  };
}

/** The response as a log line shows it: status and headers, without `Set-Cookie` or tokens in `Location`. */
export function serializeResponse(res: LoggedResponse): Record<string, unknown> {
  const raw = res.raw ?? res;
  const headers = res.headers ?? (typeof raw.getHeaders === 'function' ? raw.getHeaders() : {});
  return { statusCode: res.statusCode ?? raw.statusCode, headers: redactHeaders(headers) };
}

/** pino's error serializer, with credentials scrubbed from the message and stack (errors often echo a URL). */
export function serializeError(error: unknown): Record<string, unknown> {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (typeof serialized !== 'object' || serialized === null) return serialized;
  // Not a plain object (pino gives it a prototype of its own), so its fields are walked here.
  const scrubbed: Record<string, unknown> = {};
  for (const key in serialized) scrubbed[key] = scrubDeep(serialized[key]);
  return scrubbed;
}

const MAX_DEPTH = 8;

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * Scrubs every string in plain objects and arrays (the fields of a log call). Anything else
 * (requests, responses, errors) is left to its serializer: walking a socket is neither safe nor cheap.
 */
export function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, depth + 1));
  if (!isPlainObject(value)) return value;
  const scrubbed: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) scrubbed[key] = scrubDeep(item, depth + 1);
  return scrubbed;
}

/** Serializers every service's logger uses for `req`, `res` and `err`. */
export const LOG_SERIALIZERS = { req: serializeRequest, res: serializeResponse, err: serializeError };

/**
 * Field paths whose values are credentials wherever they are logged (pino `redact`): a structured
 * field named like a secret never reaches the log, whatever its value looks like.
 */
export const REDACTED_PATHS = [
  'password',
  'token',
  'secret',
  '*.password',
  '*.token',
  '*.secret',
  '*.linkToken',
  '*.accessToken',
  '*.refreshToken',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];
