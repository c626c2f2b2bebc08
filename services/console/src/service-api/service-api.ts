import { Injectable } from '@nestjs/common';
import { isPersonRole, PersonRole, Role, signToken } from '@mentoring/auth';
import { FieldProblem, parseReply, ReplyMismatchError, ReplyOf, ReplyShape } from '@mentoring/contracts';
import { CORRELATION_ID_HEADER, currentContext } from '@mentoring/observability';
import { ConsoleConfig } from '../config/console.config';

export const BACKEND_SERVICES = ['grade-ingest', 'risk-scoring', 'mentor-matching', 'notification'] as const;
export type BackendService = (typeof BACKEND_SERVICES)[number];

/** Whom a call is made for: the signed-in person, or the student a verified link names. */
export interface Caller {
  role: Role;
  subject: string;
  /** A coordinator's programmes, sent as the token's `programmes` claim: the services limit them to these. */
  programmes?: string[];
}

/** A service answered with an error, or could not be reached (status 502/504). */
export class ServiceCallError extends Error {
  constructor(
    readonly service: BackendService,
    readonly status: number,
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ServiceCallError';
  }
}

// Tokens live just long enough for one call: the console signs a fresh one per request.
const TOKEN_TTL_SECONDS = 60;

/**
 * The services' REST APIs, called as the person using the console: each call carries a short-lived
 * token with that person's role and id, so every service applies its own access rules (a mentor's
 * token opens only that mentor's cases) and the console holds no privileged identity of its own.
 * Tokens are signed with the console's own Ed25519 key (CONSOLE_SIGNING_KEY) for one service
 * each (`aud`); services accept that key for person roles only, so the console cannot mint `ops`,
 * `service` or `registrar-feed`.
 */
@Injectable()
export class ServiceApi {
  constructor(private readonly config: ConsoleConfig) {}

  /** GETs a route and checks its reply against the reply shape the service declares for it. */
  get<S extends ReplyShape>(service: BackendService, path: string, caller: Caller, reply: S): Promise<ReplyOf<S>> {
    return this.request(service, 'GET', path, caller, undefined, reply);
  }

  /** POSTs to a route; with a reply shape, returns the reply checked against it, otherwise ignores the body. */
  post(service: BackendService, path: string, caller: Caller, body?: unknown): Promise<void>;
  post<S extends ReplyShape>(service: BackendService, path: string, caller: Caller, body: unknown, reply: S): Promise<ReplyOf<S>>;
  async post<S extends ReplyShape>(service: BackendService, path: string, caller: Caller, body: unknown = {}, reply?: S): Promise<ReplyOf<S> | void> {
    return reply ? this.request(service, 'POST', path, caller, body, reply) : this.request(service, 'POST', path, caller, body);
  }

  /** PUTs to a route; with a reply shape, returns the reply checked against it, otherwise ignores the body. */
  put(service: BackendService, path: string, caller: Caller, body: unknown): Promise<void>;
  put<S extends ReplyShape>(service: BackendService, path: string, caller: Caller, body: unknown, reply: S): Promise<ReplyOf<S>>;
  async put<S extends ReplyShape>(service: BackendService, path: string, caller: Caller, body: unknown, reply?: S): Promise<ReplyOf<S> | void> {
    return reply ? this.request(service, 'PUT', path, caller, body, reply) : this.request(service, 'PUT', path, caller, body);
  }

  /** A public endpoint's body as text (health, Prometheus metrics); errors and HTTP statuses are the caller's to judge. */
  async fetchPublic(service: BackendService, path: string): Promise<{ status: number; text: string }> {
    const response = await this.send(service, path, { method: 'GET', headers: this.baseHeaders() });
    return { status: response.status, text: await response.text() };
  }

  baseUrlOf(service: BackendService): string {
    const urls: Record<BackendService, string> = {
      'grade-ingest': this.config.GRADE_INGEST_URL,
      'risk-scoring': this.config.RISK_SCORING_URL,
      'mentor-matching': this.config.MENTOR_MATCHING_URL,
      notification: this.config.NOTIFICATION_URL,
    };
    return urls[service].replace(/\/$/, '');
  }

  /**
   * Calls a route as `caller`. With a reply shape the reply is checked against it: a reply that does
   * not match (a field renamed or missing in the service) is a 502 naming the field, never a value
   * of the wrong shape passed on to a page.
   */
  request(service: BackendService, method: string, path: string, caller: Caller, body?: unknown): Promise<void>;
  request<S extends ReplyShape>(service: BackendService, method: string, path: string, caller: Caller, body: unknown, reply: S): Promise<ReplyOf<S>>;
  async request<S extends ReplyShape>(service: BackendService, method: string, path: string, caller: Caller, body?: unknown, reply?: S): Promise<ReplyOf<S> | void> {
    const token = await signToken({ subject: caller.subject, role: tokenRoleOf(caller.role), programmes: caller.programmes, ttlSeconds: TOKEN_TTL_SECONDS, audience: service, key: this.config.CONSOLE_SIGNING_KEY });
    const headers = { ...this.baseHeaders(), authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const response = await this.send(service, path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const parsed = parseJson(text);
    if (!response.ok) throw errorFrom(service, response.status, parsed);
    if (!reply) return;
    try {
      return parseReply(reply, parsed, `${service} ${method} ${path.split('?')[0]}`);
    } catch (error) {
      if (error instanceof ReplyMismatchError) throw new ServiceCallError(service, 502, error.message, error.problems);
      throw error;
    }
  }

  private async send(service: BackendService, path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(`${this.baseUrlOf(service)}${path}`, { ...init, signal: AbortSignal.timeout(this.config.SERVICE_TIMEOUT_MS) });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new ServiceCallError(service, timedOut ? 504 : 502, `${service} ${timedOut ? 'did not answer in time' : 'cannot be reached'}`);
    }
  }

  private baseHeaders(): Record<string, string> {
    const correlationId = currentContext()?.correlationId;
    return { accept: 'application/json', ...(correlationId ? { [CORRELATION_ID_HEADER]: correlationId } : {}) };
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Nest error bodies: `{ message }` (string or list) or the validation pipe's `{ problems }`. */
function errorFrom(service: BackendService, status: number, body: unknown): ServiceCallError {
  const record = (typeof body === 'object' && body !== null ? body : {}) as { message?: unknown; problems?: FieldProblem[] };
  const problems = Array.isArray(record.problems) ? record.problems : [];
  const message = Array.isArray(record.message) ? record.message.join('; ') : typeof record.message === 'string' ? record.message : problems.length > 0 ? 'Some fields need attention' : `${service} answered ${status}`;
  return new ServiceCallError(service, status, message, problems);
}

/**
 * The role a token from the console carries. An ops account acts as `operator`: the services let
 * it handle dead letters, and nothing else `ops` (a machine role the console may not sign) can do.
 */
export function tokenRoleOf(role: Role): PersonRole {
  if (role === 'ops') return 'operator';
  if (isPersonRole(role)) return role;
  throw new Error(`The console signs tokens for people only, not for the role "${role}"`);
}
