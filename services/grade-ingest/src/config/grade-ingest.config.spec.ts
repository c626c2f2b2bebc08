import { ConfigError, loadConfig } from '@mentoring/config';
import { GradeIngestConfig } from './grade-ingest.config';

describe('GradeIngestConfig', () => {
  it('has working defaults', () => {
    expect(loadConfig(GradeIngestConfig, {})).toMatchObject({
      PORT: 3001,
      DATABASE_URL: 'postgres://postgres@localhost:5432/grade_ingest',
      MAX_FUTURE_SKEW_SECONDS: 300,
      KNOWN_PROGRAMS: ['MBBS', 'MD', 'BBMS', 'HDPCS'],
      KAFKA_DEFAULT_FEED: 'kafka',
      REGISTRAR_TOPIC_FEEDS: [],
      IMPORT_SWEEP_SECONDS: 10,
    });
  });

  it('reads numbers and lists from the environment', () => {
    const config = loadConfig(GradeIngestConfig, { IMPORT_LEASE_SECONDS: '2', IMPORT_SWEEP_SECONDS: '0', KNOWN_PROGRAMS: 'MBBS, DENT', UPLOAD_DIR: '/srv/uploads', REGISTRAR_TOPIC_FEEDS: 'sis, lms-gradebook' });

    expect(config).toMatchObject({
      IMPORT_LEASE_SECONDS: 2,
      IMPORT_SWEEP_SECONDS: 0,
      KNOWN_PROGRAMS: ['MBBS', 'DENT'],
      UPLOAD_DIR: '/srv/uploads',
      REGISTRAR_TOPIC_FEEDS: ['sis', 'lms-gradebook'],
    });
  });

  it('names every bad variable', () => {
    const load = () => loadConfig(GradeIngestConfig, { MAX_FUTURE_SKEW_SECONDS: '-1', KNOWN_PROGRAMS: 'mbbs', KAFKA_DEFAULT_FEED: 'no spaces please', REGISTRAR_TOPIC_FEEDS: 'sis,bad feed' });

    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/MAX_FUTURE_SKEW_SECONDS.*KNOWN_PROGRAMS.*KAFKA_DEFAULT_FEED.*REGISTRAR_TOPIC_FEEDS/);
  });
});
