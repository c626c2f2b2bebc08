import { Kafka, logLevel, LogEntry } from 'kafkajs';
import { MessagingLogger } from '../logger';

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  logger: MessagingLogger;
}

const LEVEL_NAMES: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** A kafkajs client whose own logs go through the service logger (warnings and errors only). */
export function createKafka(options: KafkaClientOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
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
