import { IsBoolean, IsOptional } from 'class-validator';
import { BaseServiceConfig } from './service-config';
import { DEV_JWT_SECRET } from './development-keys';
import { ConfigError, loadConfig } from './load-config';

// These tests are about reading the environment; the published development keys are the defaults,
// which only development mode accepts (development-keys.spec.ts covers the refusal).
const DEV = { MENTORING_DEV_MODE: 'true' };

class ExampleServiceConfig extends BaseServiceConfig {
  override PORT = 3999;
  override DATABASE_URL = 'postgres://postgres@localhost:5432/example';

  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  FEATURE_ENABLED?: boolean;
}

function loadErrorMessage(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(ExampleServiceConfig, { ...DEV, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('applies the defaults when the environment is empty', () => {
    const config = loadConfig(ExampleServiceConfig, DEV);

    expect(config).toBeInstanceOf(ExampleServiceConfig);
    expect(config).toMatchObject({
      PORT: 3999,
      KAFKA_BROKERS: ['localhost:9092'],
      DATABASE_URL: 'postgres://postgres@localhost:5432/example',
      LOG_LEVEL: 'info',
      AUTH_JWT_SECRET: DEV_JWT_SECRET,
      AUTH_ISSUER: 'mentoring-platform',
      HOST: '127.0.0.1',
      MENTORING_DEV_MODE: true,
    });
    expect(config.KAFKA_TOPIC_NAMESPACE).toBeUndefined();
    expect(config.AUTH_JWKS_URL).toBeUndefined();
  });

  it('converts environment strings to typed values', () => {
    const config = loadConfig(ExampleServiceConfig, {
      ...DEV,
      PORT: '4100',
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9093',
      FEATURE_ENABLED: 'false',
      LOG_LEVEL: 'debug',
    });

    expect(config.PORT).toBe(4100);
    expect(config.KAFKA_BROKERS).toEqual(['kafka-1:9092', 'kafka-2:9093']);
    expect(config.FEATURE_ENABLED).toBe(false);
    expect(config.LOG_LEVEL).toBe('debug');
  });

  it('reads only the variables the class declares', () => {
    const config = loadConfig(ExampleServiceConfig, { ...DEV, PATH: '/usr/bin', HOME: '/root' });

    expect(config).not.toHaveProperty('PATH');
    expect(config).not.toHaveProperty('HOME');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(ExampleServiceConfig, { ...DEV, KAFKA_BROKERS: '  ' }).KAFKA_BROKERS).toEqual(['localhost:9092']);
  });

  it('names a bad KAFKA_BROKERS with its value', () => {
    expect(loadErrorMessage({ KAFKA_BROKERS: 'x' })).toBe(
      'Invalid configuration: KAFKA_BROKERS must be a comma-separated list of host:port (got "x")',
    );
  });

  it('names a bad DATABASE_URL without echoing its password', () => {
    const message = loadErrorMessage({ DATABASE_URL: 'mysql://app:hunter2@db:3306/app' });

    expect(message).toContain('DATABASE_URL must be a postgres:// URL with a host and a database name');
    expect(message).toContain('(got "mysql://app:***@db:3306/app")');
    expect(message).not.toContain('hunter2');
  });

  it.each(['abc', '0', '70000', '3.5'])('names a bad PORT %p', (port) => {
    expect(loadErrorMessage({ PORT: port })).toBe(
      `Invalid configuration: PORT must be an integer port between 1 and 65535 (got "${port}")`,
    );
  });

  it('lists every bad variable at once and never echoes a secret', () => {
    const message = loadErrorMessage({ PORT: 'abc', LOG_LEVEL: 'loud', AUTH_JWT_SECRET: 'short-secret', FEATURE_ENABLED: 'maybe' });

    expect(message).toContain('PORT must be an integer port');
    expect(message).toContain('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")');
    expect(message).toContain('AUTH_JWT_SECRET must be at least 32 characters (HS256 needs a 256-bit key) (got a value of 12 characters)');
    expect(message).toContain('FEATURE_ENABLED must be true or false (got "maybe")');
    expect(message).not.toContain('short-secret');
  });

  it('says when a required variable is not set', () => {
    class NoDefaultsConfig extends BaseServiceConfig {}

    expect(() => loadConfig(NoDefaultsConfig, DEV)).toThrow(
      'Invalid configuration: PORT must be an integer port between 1 and 65535 (not set); ' +
        'DATABASE_URL must be a postgres:// URL with a host and a database name (not set)',
    );
  });

  it('rejects a topic namespace Kafka would not accept', () => {
    expect(loadErrorMessage({ KAFKA_TOPIC_NAMESPACE: 'test run/1' })).toContain('KAFKA_TOPIC_NAMESPACE must contain only');
  });
});
