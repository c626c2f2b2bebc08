import { describeFeatureLayers } from '@mentoring/testing';

describeFeatureLayers({
  service: 'grade-ingest',
  root: __dirname,
  layers: ['config', 'http', 'caseloads', 'grades', 'imports'],
});
