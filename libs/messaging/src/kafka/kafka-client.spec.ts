import { loadKafkaConnection } from '@mentoring/config';
import { kafkaClientSettings } from './kafka-client';

describe('kafkaClientSettings', () => {
  it('connects in plaintext without SASL when nothing is configured', () => {
    expect(kafkaClientSettings({ brokers: ['a:9092'], ssl: false })).toEqual({ brokers: ['a:9092'] });
  });

  it('passes the CA and the mutual-TLS pair to TLS, and nothing it was not given', () => {
    expect(kafkaClientSettings({ brokers: ['a:9093'], ssl: { ca: 'CA PEM', cert: 'CERT PEM', key: 'KEY PEM' } }).ssl).toEqual({ ca: ['CA PEM'], cert: 'CERT PEM', key: 'KEY PEM' });
    // An absent CA must stay absent: `ca: undefined` would not mean "the default CAs" everywhere.
    expect(kafkaClientSettings({ brokers: ['a:9093'], ssl: {} }).ssl).toEqual({});
  });

  it('hands the SASL password to kafkajs although the connection keeps it out of serialisation', () => {
    const connection = loadKafkaConnection({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'notification', KAFKA_SASL_PASSWORD: 'pw-for-kafka' });

    expect(kafkaClientSettings(connection).sasl).toEqual({ mechanism: 'scram-sha-256', username: 'notification', password: 'pw-for-kafka' });
  });
});
