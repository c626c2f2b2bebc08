export * from './reply';
export * from './mentor-matching';
export * from './risk-scoring';
export * from './notification';
export * from './operations';
export * from './grade-ingest';
