import { signingKeyFromEnvironment, signToken } from '@mentoring/auth';
import { parseReply, ReplyOf, ReplyShape } from '@mentoring/contracts';
import { parsePrometheusText, Readiness, readinessOf, Sample, UNREACHABLE } from '@mentoring/observability';

/** A running service the CLI talks to; URLs can be overridden per service (e.g. RISK_SCORING_URL). */
export interface ServiceEndpoint {
  name: string;
  url: string;
}

const DEFAULT_PORTS: Record<string, number> = {
  'grade-ingest': 3001,
  'risk-scoring': 3002,
  'mentor-matching': 3003,
  notification: 3004,
};

/** The four pipeline services, at their default ports unless `<NAME>_URL` is set. */
export function serviceEndpoints(env: NodeJS.ProcessEnv = process.env): ServiceEndpoint[] {
  return Object.entries(DEFAULT_PORTS).map(([name, port]) => ({
    name,
    url: env[`${name.toUpperCase().replace(/-/g, '_')}_URL`] ?? `http://127.0.0.1:${port}`,
  }));
}

/**
 * HTTP calls with an ops token per service (its `aud`), signed with AUTH_JWT_SECRET (the public
 * development key only when MENTORING_DEV_MODE=true). OPS_TOKEN, when given, is sent as is: a token
 * from an identity provider names one service, so it only opens that one.
 */
export class OpsClient {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  private bearer(service: ServiceEndpoint): Promise<string> {
    const given = this.env.OPS_TOKEN;
    if (given) return Promise.resolve(given);
    let token = this.tokens.get(service.name);
    if (!token) {
      token = signToken({ subject: this.env.USER ?? 'ops-cli', role: 'ops', audience: service.name, key: signingKeyFromEnvironment('ops', this.env), issuer: this.env.AUTH_ISSUER || undefined });
      this.tokens.set(service.name, token);
    }
    return token;
  }

  /** Calls a route and returns its reply checked against the reply shape the service declares for it. */
  async json<S extends ReplyShape>(service: ServiceEndpoint, path: string, reply: S, init: { method?: string; body?: unknown } = {}): Promise<ReplyOf<S>> {
    const method = init.method ?? 'GET';
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await this.bearer(service)}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${service.name} ${method} ${path}: ${response.status} ${text}`);
    return parseReply(reply, parseJson(text), `${service.name} ${method} ${path.split('?')[0]}`);
  }

  /** GET /health/ready: ready or the failing checks; `unreachable` when nothing answers. */
  async readiness(service: ServiceEndpoint): Promise<Readiness> {
    try {
      const response = await fetch(`${service.url}/health/ready`);
      return readinessOf(response.status, await response.json().catch(() => undefined));
    } catch {
      return UNREACHABLE;
    }
  }

  async metrics(service: ServiceEndpoint): Promise<Sample[]> {
    const response = await fetch(`${service.url}/metrics`);
    return parsePrometheusText(await response.text());
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
