import { KafkaConnection } from '@mentoring/config';
import { Kafka, KafkaConfig, logLevel, LogEntry, SASLOptions } from 'kafkajs';
import { MessagingLogger } from '../logger';

export interface KafkaClientOptions {
  /** Brokers, TLS and SASL, as KafkaClientConfig read and validated them. */
  connection: KafkaConnection;
  clientId: string;
  logger: MessagingLogger;
}

const LEVEL_NAMES: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * The part of a kafkajs configuration that says where the cluster is and how to authenticate to
 * it; every client of the platform (services, CLIs, test helpers) builds its Kafka from this.
 */
export function kafkaClientSettings(connection: KafkaConnection): Pick<KafkaConfig, 'brokers' | 'ssl' | 'sasl'> {
  const settings: Pick<KafkaConfig, 'brokers' | 'ssl' | 'sasl'> = { brokers: [...connection.brokers] };
  if (connection.ssl) {
    const { ca, cert, key } = connection.ssl;
    // Only what was given: an absent `ca` means Node's default CAs, not "trust nothing".
    settings.ssl = { ...(ca !== undefined && { ca: [ca] }), ...(cert !== undefined && { cert }), ...(key !== undefined && { key }) };
  }
  if (connection.sasl) {
    const { mechanism, username, password } = connection.sasl;
    settings.sasl = { mechanism, username, password } as SASLOptions;
  }
  return settings;
}

/** A kafkajs client whose own logs go through the service logger (warnings and errors only). */
export function createKafka(options: KafkaClientOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    ...kafkaClientSettings(options.connection),
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 10_000 },
    logCreator:
      () =>
      ({ namespace, level, log }: LogEntry) => {
        const { message, ...extra } = log;
        options.logger[LEVEL_NAMES[level] ?? 'info']({ kafka: namespace, ...extra }, message);
      },
  });
}
