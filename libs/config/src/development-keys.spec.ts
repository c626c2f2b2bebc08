import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { BaseAppConfig } from './base-service-config';
import {
  DEV_CONSOLE_PUBLIC_KEY,
  DEV_CONSOLE_SIGNING_KEY,
  DEV_JWT_SECRET,
  DEV_LINK_SECRET,
  isDevelopmentMode,
  isPublicDevelopmentKey,
  OwnKeyOutsideDevelopment,
} from './development-keys';
import { ConfigError, loadConfig } from './load-config';
import { BaseServiceConfig } from './service-config';

class ExampleServiceConfig extends BaseServiceConfig {
  override PORT = 3999;
  override DATABASE_URL = 'postgres://postgres@localhost:5432/example';
}

class ExampleLinkConfig extends BaseAppConfig {
  override PORT = 3998;
  override DATABASE_URL = 'postgres://postgres@localhost:5432/example';

  @OwnKeyOutsideDevelopment() LINK_SECRET = DEV_LINK_SECRET;
}

const OWN_SECRET = randomBytes(32).toString('base64url');
const OWN_CONSOLE_KEY = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();

function problemsOf(configClass: new () => object, env: NodeJS.ProcessEnv): Record<string, string> {
  try {
    loadConfig(configClass, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return Object.fromEntries(error.problems.map((p) => [p.variable, p.problem]));
  }
  return {};
}

describe('isDevelopmentMode', () => {
  it.each(['true', 'TRUE', '1', 'yes', 'on'])('is on for %p', (value) => {
    expect(isDevelopmentMode({ MENTORING_DEV_MODE: value })).toBe(true);
  });

  it.each([undefined, '', 'false', '0', 'production'])('is off for %p', (value) => {
    expect(isDevelopmentMode({ MENTORING_DEV_MODE: value })).toBe(false);
  });
});

describe('isPublicDevelopmentKey', () => {
  it.each([DEV_JWT_SECRET, DEV_LINK_SECRET, DEV_CONSOLE_SIGNING_KEY, DEV_CONSOLE_PUBLIC_KEY])('knows every published key', (key) => {
    expect(isPublicDevelopmentKey(key)).toBe(true);
  });

  it('sees through PEM line breaks written as \\n', () => {
    expect(isPublicDevelopmentKey(DEV_CONSOLE_PUBLIC_KEY.replace(/\n/g, '\\n'))).toBe(true);
  });

  it('does not mistake a key of your own for one', () => {
    expect(isPublicDevelopmentKey(OWN_SECRET)).toBe(false);
  });
});

describe('a service outside development mode', () => {
  it('refuses to start with its keys unset, naming each variable', () => {
    const problems = problemsOf(ExampleServiceConfig, {});

    expect(problems['AUTH_JWT_SECRET']).toBe('must be a key of your own: the public development key is accepted only when MENTORING_DEV_MODE=true (not set)');
    expect(problems['AUTH_CONSOLE_PUBLIC_KEY']).toMatch(/^must be a key of your own: .* \(not set\)$/);
  });

  it('refuses the public development keys set explicitly, without echoing them', () => {
    const message = (() => {
      try {
        loadConfig(ExampleServiceConfig, { AUTH_JWT_SECRET: DEV_JWT_SECRET, AUTH_CONSOLE_PUBLIC_KEY: DEV_CONSOLE_PUBLIC_KEY });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();

    expect(message).toContain('AUTH_JWT_SECRET must be a key of your own');
    expect(message).toContain('AUTH_CONSOLE_PUBLIC_KEY must be a key of your own');
    expect(message).not.toContain(DEV_JWT_SECRET);
  });

  it('refuses another published key used in place of the JWT secret', () => {
    expect(problemsOf(ExampleServiceConfig, { AUTH_JWT_SECRET: DEV_LINK_SECRET, AUTH_CONSOLE_PUBLIC_KEY: OWN_CONSOLE_KEY })).toHaveProperty('AUTH_JWT_SECRET');
  });

  it('starts with keys of its own', () => {
    const config = loadConfig(ExampleServiceConfig, { AUTH_JWT_SECRET: OWN_SECRET, AUTH_CONSOLE_PUBLIC_KEY: OWN_CONSOLE_KEY });

    expect(config.AUTH_JWT_SECRET).toBe(OWN_SECRET);
    expect(config.AUTH_CONSOLE_PUBLIC_KEY).toBe(OWN_CONSOLE_KEY.trim());
  });

  it('reads a PEM written on one line with \\n', () => {
    const config = loadConfig(ExampleServiceConfig, { AUTH_JWT_SECRET: OWN_SECRET, AUTH_CONSOLE_PUBLIC_KEY: OWN_CONSOLE_KEY.trim().replace(/\n/g, '\\n') });

    expect(config.AUTH_CONSOLE_PUBLIC_KEY).toBe(OWN_CONSOLE_KEY.trim());
  });

  it('needs no secret of its own where a key set replaces it', () => {
    expect(() =>
      loadConfig(ExampleServiceConfig, { AUTH_JWKS_URL: 'https://idp.example.edu/jwks.json', AUTH_CONSOLE_JWKS_URL: 'https://console.example.edu/jwks.json' }),
    ).not.toThrow();
  });

  it('applies the same rule to any key declared with OwnKeyOutsideDevelopment', () => {
    expect(problemsOf(ExampleLinkConfig, {})).toHaveProperty('LINK_SECRET');
    expect(problemsOf(ExampleLinkConfig, { LINK_SECRET: OWN_SECRET })).toEqual({});
  });
});

describe('a service in development mode', () => {
  it('falls back to the published development keys', () => {
    const config = loadConfig(ExampleServiceConfig, { MENTORING_DEV_MODE: 'true' });

    expect(config).toMatchObject({ MENTORING_DEV_MODE: true, AUTH_JWT_SECRET: DEV_JWT_SECRET, AUTH_CONSOLE_PUBLIC_KEY: DEV_CONSOLE_PUBLIC_KEY });
  });

  it('is off unless said so with a true word', () => {
    expect(problemsOf(ExampleServiceConfig, { MENTORING_DEV_MODE: 'false' })).toHaveProperty('AUTH_JWT_SECRET');
    expect(problemsOf(ExampleServiceConfig, { MENTORING_DEV_MODE: 'maybe' })['MENTORING_DEV_MODE']).toBe('must be true or false (got "maybe")');
  });
});

describe('token settings', () => {
  const own = { AUTH_JWT_SECRET: OWN_SECRET, AUTH_CONSOLE_PUBLIC_KEY: OWN_CONSOLE_KEY };

  it.each(['http://idp.example.edu/jwks.json', 'ftp://idp.example.edu/jwks.json', 'not a url'])('refuses a key set fetched over %p', (url) => {
    expect(problemsOf(ExampleServiceConfig, { ...own, AUTH_JWKS_URL: url, AUTH_CONSOLE_JWKS_URL: url })).toEqual({
      AUTH_JWKS_URL: `must be an https:// URL (http:// only for localhost or 127.0.0.1) (got "${url}")`,
      AUTH_CONSOLE_JWKS_URL: `must be an https:// URL (http:// only for localhost or 127.0.0.1) (got "${url}")`,
    });
  });

  it.each(['http://127.0.0.1:8080/jwks.json', 'http://localhost/jwks', 'http://[::1]:9000/jwks'])('accepts http on this machine (%p)', (url) => {
    expect(problemsOf(ExampleServiceConfig, { ...own, AUTH_JWKS_URL: url })).toEqual({});
  });

  it('refuses a console key that is not an Ed25519 public key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

    expect(problemsOf(ExampleServiceConfig, { ...own, AUTH_CONSOLE_PUBLIC_KEY: rsa })['AUTH_CONSOLE_PUBLIC_KEY']).toMatch(/^must be an Ed25519 public key in PEM/);
    expect(problemsOf(ExampleServiceConfig, { ...own, AUTH_CONSOLE_PUBLIC_KEY: 'not a key' })['AUTH_CONSOLE_PUBLIC_KEY']).toMatch(/^must be an Ed25519 public key in PEM/);
  });

  it('refuses the console issuer for machine tokens', () => {
    expect(problemsOf(ExampleServiceConfig, { ...own, AUTH_ISSUER: 'mentoring-console' })['AUTH_ISSUER']).toMatch(/^must differ from "mentoring-console"/);
  });

  it('bounds the token lifetime setting', () => {
    expect(loadConfig(ExampleServiceConfig, own).AUTH_MAX_TOKEN_LIFETIME_SECONDS).toBe(43_200);
    expect(loadConfig(ExampleServiceConfig, { ...own, AUTH_MAX_TOKEN_LIFETIME_SECONDS: '600' }).AUTH_MAX_TOKEN_LIFETIME_SECONDS).toBe(600);
    expect(problemsOf(ExampleServiceConfig, { ...own, AUTH_MAX_TOKEN_LIFETIME_SECONDS: '31536000' })).toHaveProperty('AUTH_MAX_TOKEN_LIFETIME_SECONDS');
  });
});

describe('HOST', () => {
  const own = { AUTH_JWT_SECRET: OWN_SECRET, AUTH_CONSOLE_PUBLIC_KEY: OWN_CONSOLE_KEY };

  it('is loopback unless set', () => {
    expect(loadConfig(ExampleServiceConfig, own).HOST).toBe('127.0.0.1');
    expect(loadConfig(ExampleServiceConfig, { ...own, HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  });

  it('refuses something that is not an address', () => {
    expect(problemsOf(ExampleServiceConfig, { ...own, HOST: 'http://0.0.0.0' })['HOST']).toMatch(/^must be an IP address or host name/);
  });
});

describe('the development clock file', () => {
  it('is refused outside development mode, naming the variable', () => {
    const problems = problemsOf(ExampleServiceConfig, { AUTH_JWT_SECRET: OWN_SECRET, AUTH_CONSOLE_PUBLIC_KEY: OWN_CONSOLE_KEY, MENTORING_CLOCK_FILE: '/tmp/clock-offset' });

    expect(problems).toEqual({ MENTORING_CLOCK_FILE: 'is a development setting: it is accepted only when MENTORING_DEV_MODE=true (got "/tmp/clock-offset")' });
  });

  it('is accepted in development mode', () => {
    expect(loadConfig(ExampleServiceConfig, { MENTORING_DEV_MODE: 'true', MENTORING_CLOCK_FILE: '/tmp/clock-offset' }).MENTORING_CLOCK_FILE).toBe('/tmp/clock-offset');
  });

  it('is not needed anywhere', () => {
    expect(loadConfig(ExampleServiceConfig, { AUTH_JWT_SECRET: OWN_SECRET, AUTH_CONSOLE_PUBLIC_KEY: OWN_CONSOLE_KEY }).MENTORING_CLOCK_FILE).toBeUndefined();
  });
});
