import { Role, signingKeyFromEnvironment, signToken } from '@mentoring/auth';
import { parseReply, ReplyOf, ReplyShape } from '@mentoring/contracts';
import { parsePrometheusText, Sample } from '@mentoring/observability';

export const PLATFORM_SERVICES = ['grade-ingest', 'risk-scoring', 'mentor-matching', 'notification'] as const;
export type PlatformService = (typeof PLATFORM_SERVICES)[number];

/** Base URL of each service, e.g. http://127.0.0.1:3001. */
export type PlatformUrls = Record<PlatformService, string>;

/** Who calls: the role the route requires and the subject it acts as (a feed, a mentor, a person). */
export interface Caller {
  role: Role;
  subject: string;
  /** A coordinator's programmes (the token's claim): the services limit them to these. */
  programmes?: readonly string[];
}

interface Call {
  method?: string;
  body?: unknown;
  /** Sent as is (a form); otherwise `body` is sent as JSON. */
  form?: FormData;
  headers?: Record<string, string>;
}

/**
 * The platform's REST APIs, called with bearer tokens for each service: machine roles signed with
 * AUTH_JWT_SECRET, person roles with CONSOLE_SIGNING_KEY, the development keys when
 * MENTORING_DEV_MODE=true (as `npm start` runs the demo).
 */
export class PlatformClient {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(
    readonly urls: PlatformUrls,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /**
   * Calls a route and returns its answer checked against the reply shape the service declares for
   * it; any status other than 2xx, or an answer of another shape, is an error naming the route.
   */
  async json<S extends ReplyShape>(service: PlatformService, caller: Caller, path: string, reply: S, call: Call = {}): Promise<ReplyOf<S>> {
    const text = await this.send(service, caller, path, call);
    return parseReply(reply, text ? JSON.parse(text) : undefined, `${service} ${call.method ?? 'GET'} ${path.split('?')[0]}`);
  }

  /** Calls a route whose answer the demo does not read; any status other than 2xx is an error naming the route. */
  async call(service: PlatformService, caller: Caller, path: string, call: Call = {}): Promise<void> {
    await this.send(service, caller, path, call);
  }

  private async send(service: PlatformService, caller: Caller, path: string, call: Call): Promise<string> {
    const method = call.method ?? 'GET';
    const response = await fetch(`${this.urls[service]}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await this.token(service, caller)}`,
        ...(call.form ? {} : { 'content-type': 'application/json' }),
        ...call.headers,
      },
      body: call.form ?? (call.body === undefined ? undefined : JSON.stringify(call.body)),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${service} ${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return text;
  }

  async metrics(service: PlatformService): Promise<Sample[]> {
    const response = await fetch(`${this.urls[service]}/metrics`);
    return parsePrometheusText(await response.text());
  }

  private token(service: PlatformService, caller: Caller): Promise<string> {
    const key = `${service}|${caller.role}|${caller.subject}|${caller.programmes?.join(',') ?? ''}`;
    let token = this.tokens.get(key);
    if (!token) {
      // Long enough for the slowest replay; the demo never runs longer than its settle timeout.
      token = signToken({
        ...caller,
        programmes: caller.programmes && [...caller.programmes],
        audience: service,
        ttlSeconds: 4 * 3600,
        key: signingKeyFromEnvironment(caller.role, this.env),
      });
      this.tokens.set(key, token);
    }
    return token;
  }
}
