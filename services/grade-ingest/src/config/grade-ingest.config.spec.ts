import { ConfigError, loadConfig } from '@mentoring/config';
import { GradeIngestConfig } from './grade-ingest.config';

// A developer's environment: the public development keys are accepted, so only grade-ingest's own variables are under test.
const DEV = { MENTORING_DEV_MODE: 'true' };

describe('GradeIngestConfig', () => {
  it('has working defaults', () => {
    expect(loadConfig(GradeIngestConfig, DEV)).toMatchObject({
      PORT: 3001,
      DATABASE_URL: 'postgres://postgres@localhost:5432/grade_ingest',
      MAX_FUTURE_SKEW_SECONDS: 300,
      KNOWN_PROGRAMS: ['MBBS', 'MD', 'BBMS', 'HDPCS'],
      KAFKA_DEFAULT_FEED: 'kafka',
      REGISTRAR_TOPIC_FEEDS: [],
      IMPORT_SWEEP_SECONDS: 10,
      IMPORT_MAX_UNCOMPRESSED_MB: 1024,
      IMPORT_MAX_FILE_MB: 512,
      IMPORT_MAX_COMPRESSION_RATIO: 100,
      IMPORT_MAX_ZIP_ENTRIES: 100,
      IMPORT_MAX_RESULT_ROWS: 1_000_000,
      IMPORT_MAX_REFERENCE_ROWS: 100_000,
    });
  });

  it('reads numbers and lists from the environment', () => {
    const config = loadConfig(GradeIngestConfig, { ...DEV, IMPORT_LEASE_SECONDS: '2', IMPORT_SWEEP_SECONDS: '0', KNOWN_PROGRAMS: 'MBBS, DENT', UPLOAD_DIR: '/srv/uploads', REGISTRAR_TOPIC_FEEDS: 'sis, lms-gradebook' });

    expect(config).toMatchObject({
      IMPORT_LEASE_SECONDS: 2,
      IMPORT_SWEEP_SECONDS: 0,
      KNOWN_PROGRAMS: ['MBBS', 'DENT'],
      UPLOAD_DIR: '/srv/uploads',
      REGISTRAR_TOPIC_FEEDS: ['sis', 'lms-gradebook'],
    });
  });

  it('names every bad variable', () => {
    const load = () => loadConfig(GradeIngestConfig, { ...DEV, MAX_FUTURE_SKEW_SECONDS: '-1', KNOWN_PROGRAMS: 'mbbs', KAFKA_DEFAULT_FEED: 'no spaces please', REGISTRAR_TOPIC_FEEDS: 'sis,bad feed' });

    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/MAX_FUTURE_SKEW_SECONDS.*KNOWN_PROGRAMS.*KAFKA_DEFAULT_FEED.*REGISTRAR_TOPIC_FEEDS/);
  });

  it('reads the import caps and refuses ones that would not protect anything', () => {
    expect(loadConfig(GradeIngestConfig, { ...DEV, IMPORT_MAX_FILE_MB: '64', IMPORT_MAX_RESULT_ROWS: '200000' })).toMatchObject({
      IMPORT_MAX_FILE_MB: 64,
      IMPORT_MAX_RESULT_ROWS: 200_000,
    });
    const load = () => loadConfig(GradeIngestConfig, { ...DEV, IMPORT_MAX_COMPRESSION_RATIO: '1', IMPORT_MAX_ZIP_ENTRIES: 'many', IMPORT_MAX_REFERENCE_ROWS: '0' });

    expect(load).toThrow(/IMPORT_MAX_COMPRESSION_RATIO.*IMPORT_MAX_ZIP_ENTRIES.*IMPORT_MAX_REFERENCE_ROWS/);
  });

  it('reads the OneRoster mappings as JSON and names a bad one', () => {
    const config = loadConfig(GradeIngestConfig, { ...DEV, ONEROSTER_PROGRAM_BY_ORG: '{"org-mbbs":"MBBS"}', ONEROSTER_DEFAULT_YEAR_BY_PROGRAM: '{"MBBS":1}', ONEROSTER_DEFAULT_MAX_SCORE: '100' });

    expect(config).toMatchObject({ ONEROSTER_PROGRAM_BY_ORG: '{"org-mbbs":"MBBS"}', ONEROSTER_DEFAULT_MAX_SCORE: 100 });
    const load = () => loadConfig(GradeIngestConfig, { ...DEV, ONEROSTER_PROGRAM_BY_ORG: '{"org-mbbs":"mbbs"}', ONEROSTER_DEFAULT_YEAR_BY_PROGRAM: 'MBBS=1' });
    expect(load).toThrow(/ONEROSTER_PROGRAM_BY_ORG.*ONEROSTER_DEFAULT_YEAR_BY_PROGRAM/);
  });
});
