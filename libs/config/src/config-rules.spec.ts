import { isHostPort, isPostgresUrl } from './config-rules';

describe('isHostPort', () => {
  it.each(['localhost:9092', '127.0.0.1:19092', 'kafka-1.internal:65535'])('accepts %p', (value) => {
    expect(isHostPort(value)).toBe(true);
  });

  it.each(['x', 'localhost', ':9092', 'localhost:0', 'localhost:70000', 'PLAINTEXT://localhost:9092'])('rejects %p', (value) => {
    expect(isHostPort(value)).toBe(false);
  });
});

describe('isPostgresUrl', () => {
  it.each(['postgres://postgres@localhost:5432/grade_ingest', 'postgresql://u:p@db/app?sslmode=require'])('accepts %p', (value) => {
    expect(isPostgresUrl(value)).toBe(true);
  });

  it.each(['not a url', 'mysql://db/app', 'postgres://localhost:5432', 'postgres://localhost:5432/'])('rejects %p', (value) => {
    expect(isPostgresUrl(value)).toBe(false);
  });
});
