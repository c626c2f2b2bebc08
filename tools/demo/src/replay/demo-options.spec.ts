import { demoLinks, readDemoOptions } from './demo-options';

describe('demo options', () => {
  it('takes the cohort size from arguments and the platform from the environment', () => {
    const options = readDemoOptions(['--students', '40', '--mentors', '4'], {
      GRADE_INGEST_URL: 'http://127.0.0.1:4001',
      KAFKA_BROKERS: 'a:9092, b:9092',
      KAFKA_TOPIC_NAMESPACE: 'demo',
    });
    expect(options).toMatchObject({ students: 40, mentors: 4, seed: 42, settleTimeoutMs: 900_000, kafka: { brokers: ['a:9092', 'b:9092'], ssl: false }, namespace: 'demo' });
    expect(options.urls).toEqual({
      'grade-ingest': 'http://127.0.0.1:4001',
      'risk-scoring': 'http://127.0.0.1:3002',
      'mentor-matching': 'http://127.0.0.1:3003',
      notification: 'http://127.0.0.1:3004',
    });
  });

  it('finds the services\' development clock in the environment npm start gives it', () => {
    expect(readDemoOptions([], { MENTORING_CLOCK_FILE: '/tmp/demo-clock.offset' }).clockFile).toBe('/tmp/demo-clock.offset');
    expect(readDemoOptions([], {}).clockFile).toBeUndefined();
  });

  it('refuses a size that is not a whole number', () => {
    expect(() => readDemoOptions(['--students', 'many'], {})).toThrow('--students must be a whole number');
  });

  it('links the console only when it runs', () => {
    const { urls } = readDemoOptions([], {});
    expect(demoLinks(urls, undefined).map((link) => link.label)).not.toContain('Console');
    expect(demoLinks(urls, 'http://127.0.0.1:3000')[0]).toEqual({ label: 'Console', url: 'http://127.0.0.1:3000' });
  });
});
