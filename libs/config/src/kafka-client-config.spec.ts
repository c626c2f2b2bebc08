import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BaseServiceConfig } from './service-config';
import { KafkaClientConfig, kafkaConnectionOf, loadKafkaConnection } from './kafka-client-config';
import { ConfigError, loadConfig } from './load-config';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const KEY_PEM = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';

let dir: string;
let caFile: string;
let certFile: string;
let keyFile: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-config-'));
  caFile = path.join(dir, 'ca.pem');
  certFile = path.join(dir, 'client.pem');
  keyFile = path.join(dir, 'client.key');
  fs.writeFileSync(caFile, PEM);
  fs.writeFileSync(certFile, PEM);
  fs.writeFileSync(keyFile, KEY_PEM);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function problemsOf(env: NodeJS.ProcessEnv): Record<string, string> {
  try {
    loadConfig(KafkaClientConfig, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return Object.fromEntries((error as ConfigError).problems.map((problem) => [problem.variable, problem.problem]));
  }
  throw new Error('expected loadConfig to throw');
}

class ExampleServiceConfig extends BaseServiceConfig {
  override PORT = 3999;
  override DATABASE_URL = 'postgres://postgres@localhost:5432/example';
}

describe('Kafka client settings', () => {
  it('connects in plaintext without SASL by default', () => {
    expect(loadKafkaConnection({})).toEqual({ brokers: ['localhost:9092'], ssl: false });
  });

  it('reads TLS with a CA, mutual TLS and SCRAM, with the PEM files read once', () => {
    const connection = loadKafkaConnection({
      KAFKA_BROKERS: 'kafka-1:9094,kafka-2:9094',
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: caFile,
      KAFKA_SSL_CERT_FILE: certFile,
      KAFKA_SSL_KEY_FILE: keyFile,
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'notification',
      KAFKA_SASL_PASSWORD: 'a-long-password',
    });

    expect(connection).toMatchObject({
      brokers: ['kafka-1:9094', 'kafka-2:9094'],
      ssl: { ca: PEM, cert: PEM, key: KEY_PEM },
      sasl: { mechanism: 'scram-sha-512', username: 'notification' },
    });
    expect(connection.sasl?.password).toBe('a-long-password');
  });

  it('accepts TLS alone, trusting the default CAs', () => {
    expect(loadKafkaConnection({ KAFKA_SSL: 'yes' }).ssl).toEqual({ ca: undefined, cert: undefined, key: undefined });
  });

  it('keeps the password out of anything that serialises the connection', () => {
    const connection = loadKafkaConnection({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'risk-scoring', KAFKA_SASL_PASSWORD: 'hunter2-but-longer' });

    expect(JSON.stringify(connection)).not.toContain('hunter2-but-longer');
    expect(connection.sasl?.password).toBe('hunter2-but-longer');
  });

  it('is part of every service configuration', () => {
    const config = loadConfig(ExampleServiceConfig, { MENTORING_DEV_MODE: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' });

    expect(kafkaConnectionOf(config).sasl).toMatchObject({ mechanism: 'scram-sha-256', username: 'u' });
    expect(() => loadConfig(ExampleServiceConfig, { MENTORING_DEV_MODE: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-256' })).toThrow(/KAFKA_SASL_USERNAME must be set/);
  });

  it('refuses a mechanism without username and password, naming both', () => {
    const problems = problemsOf({ KAFKA_SASL_MECHANISM: 'scram-sha-256' });

    expect(problems.KAFKA_SASL_USERNAME).toMatch(/^must be set when KAFKA_SASL_MECHANISM/);
    expect(problems.KAFKA_SASL_PASSWORD).toMatch(/^must be set when KAFKA_SASL_MECHANISM/);
  });

  it('refuses credentials without a mechanism, and an unknown mechanism', () => {
    expect(problemsOf({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }).KAFKA_SASL_MECHANISM).toMatch(/must be one of plain, scram-sha-256, scram-sha-512/);
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }).KAFKA_SASL_MECHANISM).toMatch(
      /must be one of .* \(got "gssapi"\)/,
    );
  });

  it('refuses PLAIN outside TLS, where it would send the password in clear text', () => {
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }).KAFKA_SASL_MECHANISM).toMatch(/clear text/);
    expect(loadKafkaConnection({ KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }).sasl?.mechanism).toBe('plain');
  });

  it('never echoes the password in an error', () => {
    const problems = problemsOf({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'do-not-print-me' });

    expect(JSON.stringify(problems)).not.toContain('do-not-print-me');
  });

  it('refuses an unreadable or non-PEM CA file, naming the variable and why', () => {
    const notPem = path.join(dir, 'not.pem');
    fs.writeFileSync(notPem, 'hello');

    expect(problemsOf({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: path.join(dir, 'missing.pem') }).KAFKA_SSL_CA_FILE).toMatch(/must name a readable PEM file: .* cannot be read \(ENOENT\)/);
    expect(problemsOf({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: notPem }).KAFKA_SSL_CA_FILE).toMatch(/is not a PEM file/);
  });

  it('refuses TLS files while TLS is off', () => {
    expect(problemsOf({ KAFKA_SSL_CA_FILE: caFile }).KAFKA_SSL_CA_FILE).toMatch(/is set but KAFKA_SSL is not true/);
  });

  it('refuses half of a mutual-TLS pair', () => {
    expect(problemsOf({ KAFKA_SSL: 'true', KAFKA_SSL_CERT_FILE: certFile }).KAFKA_SSL_KEY_FILE).toMatch(/must be set together with KAFKA_SSL_CERT_FILE/);
    expect(problemsOf({ KAFKA_SSL: 'true', KAFKA_SSL_KEY_FILE: keyFile }).KAFKA_SSL_CERT_FILE).toMatch(/must be set together with KAFKA_SSL_KEY_FILE/);
  });

  it('refuses a KAFKA_SSL that is not a boolean word', () => {
    expect(problemsOf({ KAFKA_SSL: 'sometimes' }).KAFKA_SSL).toMatch(/must be true or false/);
  });
});
