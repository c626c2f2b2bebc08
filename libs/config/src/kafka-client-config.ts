// Decorator metadata (design:type) drives implicit conversion, so the polyfill loads first.
import 'reflect-metadata';
import fs from 'node:fs';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, registerDecorator, ValidateIf, ValidationArguments } from 'class-validator';
import { IsHostPortList, splitList } from './config-rules';
import { ConfigClass, loadConfig } from './load-config';

export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** What a Kafka client needs to reach the cluster: where, whether over TLS (with the PEM material), and as whom. */
export interface KafkaConnection {
  brokers: string[];
  /** `false` for plaintext; otherwise TLS, with the CA to trust and the client's own certificate for mutual TLS. */
  ssl: false | { ca?: string; cert?: string; key?: string };
  sasl?: { mechanism: KafkaSaslMechanism; username: string; password: string };
}

type KafkaSettings = Partial<Record<keyof KafkaClientConfig, unknown>>;

const SASL_VARIABLES = ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const;

function anySaslSetting(object: object): boolean {
  return SASL_VARIABLES.some((name) => (object as KafkaSettings)[name] !== undefined);
}

function eitherSet(object: object, first: keyof KafkaClientConfig, second: keyof KafkaClientConfig): boolean {
  const settings = object as KafkaSettings;
  return settings[first] !== undefined || settings[second] !== undefined;
}

/** Why `path` cannot serve as PEM material, or undefined when it can. */
function pemFileProblem(path: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    return `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  return text.includes('-----BEGIN ') ? undefined : 'is not a PEM file (no "-----BEGIN" line)';
}

/** The property must name a readable PEM file. */
function IsReadablePemFile(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isReadablePemFile',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: (args: ValidationArguments) => `must name a readable PEM file: "${String(args.value)}" ${pemFileProblem(String(args.value)) ?? ''}` },
      validator: { validate: (value: unknown) => typeof value === 'string' && pemFileProblem(value) === undefined },
    });
}

/** TLS files are only read over TLS: setting one without KAFKA_SSL=true is a mistake worth stopping for. */
function OnlyWithSsl(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'onlyWithSsl',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'is set but KAFKA_SSL is not true' },
      validator: { validate: (_value: unknown, args: ValidationArguments) => (args.object as KafkaSettings).KAFKA_SSL === true },
    });
}

/** PLAIN sends the password as it is, so it is only accepted inside TLS. */
function PlainOnlyWithSsl(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'plainOnlyWithSsl',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'plain sends the password in clear text: use it with KAFKA_SSL=true, or use scram-sha-256 / scram-sha-512' },
      validator: { validate: (value: unknown, args: ValidationArguments) => value !== 'plain' || (args.object as KafkaSettings).KAFKA_SSL === true },
    });
}

/**
 * How every Kafka client of the platform connects: the services (through BaseServiceConfig), the
 * relay, admin clients and the CLIs. TLS and SASL are off by default, for the local broker.
 */
export class KafkaClientConfig {
  @Transform(({ obj, key }) => splitList((obj as Record<string, unknown>)[key]))
  @IsHostPortList()
  KAFKA_BROKERS: string[] = ['localhost:9092'];

  // The annotation is what emits design:type Boolean, which makes loadConfig read "true"/"false" as words.
  // eslint-disable-next-line @typescript-eslint/no-inferrable-types
  @IsBoolean({ message: 'must be true or false' })
  KAFKA_SSL: boolean = false;

  /** The CA that signed the brokers' certificates; Node's default CAs when unset. */
  @IsOptional()
  @OnlyWithSsl()
  @IsReadablePemFile()
  KAFKA_SSL_CA_FILE?: string;

  /** Client certificate and key, for brokers that require mutual TLS. */
  @ValidateIf((object: object) => eitherSet(object, 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE'))
  @IsDefined({ message: 'must be set together with KAFKA_SSL_KEY_FILE (mutual TLS needs both)' })
  @OnlyWithSsl()
  @IsReadablePemFile()
  KAFKA_SSL_CERT_FILE?: string;

  @ValidateIf((object: object) => eitherSet(object, 'KAFKA_SSL_CERT_FILE', 'KAFKA_SSL_KEY_FILE'))
  @IsDefined({ message: 'must be set together with KAFKA_SSL_CERT_FILE (mutual TLS needs both)' })
  @OnlyWithSsl()
  @IsReadablePemFile()
  KAFKA_SSL_KEY_FILE?: string;

  @ValidateIf(anySaslSetting)
  @Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsIn(KAFKA_SASL_MECHANISMS, {
    message: `must be one of ${KAFKA_SASL_MECHANISMS.join(', ')} when KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD is set`,
  })
  @PlainOnlyWithSsl()
  KAFKA_SASL_MECHANISM?: KafkaSaslMechanism;

  @ValidateIf(anySaslSetting)
  @IsString({ message: 'must be set when KAFKA_SASL_MECHANISM or KAFKA_SASL_PASSWORD is' })
  @IsNotEmpty({ message: 'must be set when KAFKA_SASL_MECHANISM or KAFKA_SASL_PASSWORD is' })
  KAFKA_SASL_USERNAME?: string;

  @ValidateIf(anySaslSetting)
  @IsString({ message: 'must be set when KAFKA_SASL_MECHANISM or KAFKA_SASL_USERNAME is' })
  @IsNotEmpty({ message: 'must be set when KAFKA_SASL_MECHANISM or KAFKA_SASL_USERNAME is' })
  KAFKA_SASL_PASSWORD?: string;
}

/** The connection a validated configuration describes, with the PEM files read once. */
export function kafkaConnectionOf(config: KafkaClientConfig): KafkaConnection {
  const read = (path: string | undefined) => (path === undefined ? undefined : fs.readFileSync(path, 'utf8'));
  const connection: KafkaConnection = {
    brokers: [...config.KAFKA_BROKERS],
    ssl: config.KAFKA_SSL ? { ca: read(config.KAFKA_SSL_CA_FILE), cert: read(config.KAFKA_SSL_CERT_FILE), key: read(config.KAFKA_SSL_KEY_FILE) } : false,
  };
  if (config.KAFKA_SASL_MECHANISM && config.KAFKA_SASL_USERNAME !== undefined && config.KAFKA_SASL_PASSWORD !== undefined) {
    const sasl = { mechanism: config.KAFKA_SASL_MECHANISM, username: config.KAFKA_SASL_USERNAME } as NonNullable<KafkaConnection['sasl']>;
    // Not enumerable, so a connection that ends up in a log line or an error's context never shows it.
    Object.defineProperty(sasl, 'password', { value: config.KAFKA_SASL_PASSWORD, enumerable: false });
    connection.sasl = sasl;
  }
  return connection;
}

/**
 * For processes without a service configuration (CLIs, the demo, test helpers): reads and
 * validates the Kafka variables from `env`, throwing a ConfigError that names each bad one.
 */
export function loadKafkaConnection(env: NodeJS.ProcessEnv = process.env): KafkaConnection {
  return kafkaConnectionOf(loadConfig(KafkaClientConfig as ConfigClass<KafkaClientConfig>, env));
}
